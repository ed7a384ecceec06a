// What docs/sync-api-2026.md#costs, #usage-export and #account mark as required, stricter than the node's own
// schemas (nodes/SyncLabs/schemas/generationCost.ts and account.ts tolerate missing fields and numbers as money):
// the live check reads these answers with the node's client first, then holds what the client returned, and the
// usage answer's envelope, to the docs, so a row fails when Sync drifts from its docs even where the node copes.
import { z } from 'zod';

/** Money is a decimal string (docs/sync-api-2026.md#costs), never a number. */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string');

export const documentedCost = z
	.object({
		generationId: z.string().min(1),
		generationStatus: z.string().min(1),
		currency: z.literal('USD'),
		availability: z.enum(['complete', 'pending', 'partial', 'unavailable']),
		totalCostUsd: decimal.nullable(),
		knownSubtotalUsd: decimal,
		retryAfterSeconds: z.number().int().nullable(),
		components: z.array(z.unknown()),
	})
	.passthrough();

export const documentedUsageRow = documentedCost.extend({ createdAt: z.string(), finishedAt: z.string(), model: z.string() }).passthrough();

/** The usage answer as Sync sends it: an object with the rows and a cursor that is null on the last page. */
export const documentedUsageEnvelope = z.object({ items: z.array(z.unknown()), nextCursor: z.string().nullable() }).passthrough();

export const documentedAccount = z
	.object({
		account: z.object({}).passthrough().nullable(),
		organization: z.object({}).passthrough(),
		credentialType: z.enum(['api_key', 'oauth', 'session']),
		billingModel: z.string().optional(),
		plan: z.unknown().optional(),
	})
	.passthrough();

/** Throws, naming the first field the docs require and the value lacks, as the client's strict read names one. */
export function asDocumented<S extends z.ZodTypeAny>(schema: S, value: unknown, what: string): z.infer<S> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data as z.infer<S>;
	const issue = parsed.error.issues[0];
	const where = issue.path.length ? `field "${issue.path.join('.')}"` : 'the body';
	throw new Error(`docs: the ${what} is not as docs/sync-api-2026.md documents it (${where}: ${issue.message})`);
}

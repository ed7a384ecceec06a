// TEMPORARY PATH, to be removed: the node's client (nodes/SyncLabs/api) has no function yet for these three
// endpoints, so the live check sends them through the client's own way to the transport (api/send.ts) and reads
// them with the client's strict reader against the fields docs/sync-api-2026.md#costs, #usage-export and
// #account mark as required. Once the client has its own functions for them, the checks in readOnlyChecks.cts
// call those instead and this file goes.
import { z } from 'zod';
import type { IDataObject } from 'n8n-workflow';
import type { SyncContext } from '../../nodes/SyncLabs/transport';
import { send } from '../../nodes/SyncLabs/api/send';
import { strictObject } from '../../nodes/SyncLabs/api/read';

/** Money is a decimal string (docs/sync-api-2026.md#costs), never a number. */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string');

const costSchema = z
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

const usagePageSchema = z.object({ items: z.array(costSchema.extend({ createdAt: z.string(), finishedAt: z.string(), model: z.string() }).passthrough()), nextCursor: z.string().nullable() }).passthrough();

const accountSchema = z
	.object({
		account: z.object({}).passthrough().nullable(),
		organization: z.object({}).passthrough(),
		credentialType: z.enum(['api_key', 'oauth', 'session']),
		billingModel: z.string().optional(),
		plan: z.unknown().optional(),
	})
	.passthrough();

export type GenerationCost = z.infer<typeof costSchema>;
export type UsagePage = z.infer<typeof usagePageSchema>;
export type Account = z.infer<typeof accountSchema>;

/** TEMPORARY: `GET /v2/generate/{id}/costs` through api/send.ts. */
export async function temporaryGetGenerationCost(ctx: SyncContext, id: string): Promise<GenerationCost & IDataObject> {
	const answer = await send(ctx, { method: 'GET', path: `/v2/generate/${encodeURIComponent(id)}/costs`, repeatable: true });
	return strictObject(ctx, costSchema, answer, 'generation cost');
}

/** TEMPORARY: one page of `GET /v2/usage/generations` through api/send.ts. */
export async function temporaryListUsage(ctx: SyncContext, startTime: string, endTime: string, limit: number): Promise<UsagePage & IDataObject> {
	const answer = await send(ctx, { method: 'GET', path: '/v2/usage/generations', qs: { startTime, endTime, limit }, repeatable: true });
	return strictObject(ctx, usagePageSchema, answer, 'usage page');
}

/** TEMPORARY: `GET /v2/account` through api/send.ts. */
export async function temporaryGetAccount(ctx: SyncContext): Promise<Account & IDataObject> {
	const answer = await send(ctx, { method: 'GET', path: '/v2/account', repeatable: true });
	return strictObject(ctx, accountSchema, answer, 'account');
}

// The recorded cost of one generation (GET /v2/generate/{id}/costs) and a row of the usage export
// (GET /v2/usage/generations, the same object plus when and with which model and key): docs/sync-api-2026.md#costs,
// #usage-export. Money is decimal text here, not a number (money/microDollars.ts reads it); the parts'
// fields and `excludedCosts` have no documented shape and are kept as Sync sends them.
import { z } from 'zod';

/** The availabilities Sync documents; another one is read as "not final yet". */
export const COST_AVAILABILITIES = ['complete', 'pending', 'partial', 'unavailable'] as const;
export type CostAvailability = (typeof COST_AVAILABILITIES)[number];

/** Decimal text as documented; a number is tolerated (the estimates use numbers), and null while unknown. */
const amount = z.union([z.string(), z.number()]).nullish();

export const generationCostSchema = z
	.object({
		generationId: z.string().min(1),
		generationStatus: z.string().nullish(),
		currency: z.string().nullish(),
		availability: z.string().min(1),
		totalCostUsd: amount,
		knownSubtotalUsd: amount,
		retryAfterSeconds: z.number().nullish(),
		components: z.array(z.unknown()).nullish(),
		excludedCosts: z.unknown().optional(),
	})
	.passthrough();

export type GenerationCost = z.infer<typeof generationCostSchema>;

/** A usage row; `apiKey` is an object or a prefix (its shape is not documented), never a whole key. */
export const usageRowSchema = generationCostSchema
	.extend({
		createdAt: z.string().nullish(),
		finishedAt: z.string().nullish(),
		model: z.string().nullish(),
		apiKey: z.unknown().optional(),
	})
	.passthrough();

export type UsageRow = z.infer<typeof usageRowSchema>;

/** Whether Sync will not change this cost any more: every part recorded, or the cost will never be known. */
export function isFinalCost(cost: Pick<GenerationCost, 'availability'>): boolean {
	return cost.availability === 'complete' || cost.availability === 'unavailable';
}

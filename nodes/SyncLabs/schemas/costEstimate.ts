// A cost estimate. `/v2/analyze/cost` is documented to answer an array of one estimate but has been seen
// answering a bare object; `/v2/generations/estimate` answers an object with `estimatedCredits`.
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

export const costEstimateSchema = z
	.object({
		estimatedFrameCount: z.number().nullish(),
		estimatedGenerationCost: z.number().nullish(),
		estimatedCredits: z.number().nullish(),
	})
	.passthrough();

export function normalizeCostEstimate(response: unknown): IDataObject {
	const single = Array.isArray(response) ? response[0] : response;
	const parsed = costEstimateSchema.safeParse(single ?? {});
	const estimate = parsed.success ? parsed.data : {};
	return {
		...estimate,
		estimatedFrameCount: estimate.estimatedFrameCount ?? null,
		estimatedGenerationCost: estimate.estimatedGenerationCost ?? null,
		estimatedCredits: estimate.estimatedCredits ?? null,
	} as IDataObject;
}

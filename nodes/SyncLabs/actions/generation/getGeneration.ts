// The one read of a generation, GET /v2/generate/{id} parsed by its schema: Get, Download Output, polling,
// the status check before a webhook pause and the resume's look-up of a missing output URL all use it.
import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { apiRequest } from '../../transport';
import { generationSchema, type Generation } from '../../schemas/generation';
import { parseResponse } from '../../schemas/parseResponse';

export interface GetGenerationOptions {
	itemIndex?: number;
	/** The item's stop signal: a read in 5xx backoff ends too when another item fails (transport/retryLoop.ts). */
	stop?: AbortSignal;
	includeProgress?: boolean;
}

export async function getGeneration(
	ctx: IExecuteFunctions | IWebhookFunctions,
	generationId: string,
	{ itemIndex = 0, stop, includeProgress }: GetGenerationOptions = {},
): Promise<Generation & IDataObject> {
	const response = await apiRequest.call(ctx, 'GET', `/v2/generate/${encodeURIComponent(generationId)}`, {
		qs: includeProgress ? { include: 'progress' } : undefined,
		repeatable: true,
		itemIndex,
		stop,
	});
	return parseResponse(ctx, generationSchema, response, 'generation', itemIndex);
}

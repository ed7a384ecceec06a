// Cost estimates before anything is billed (docs/sync-api.md#cost-estimate). Both answers are read by
// schemas/costEstimate.ts, which takes the documented array of one estimate and the bare object Sync was seen
// sending, and leaves a missing figure null: tolerant, since an estimate only informs.
import type { IDataObject } from 'n8n-workflow';
import type { SyncContext } from '../transport';
import { normalizeCostEstimate } from '../schemas/costEstimate';
import { send, type CallOptions } from './send';
import type { CreateGenerationBody } from './generations';

export interface CostByDurationRequest {
	model: string;
	/** Billable seconds, above 0. */
	duration: number;
	fps: number;
	reasoningEnabled?: boolean;
}

/** `POST /v2/generations/estimate`: from a model and a duration; no media is fetched. */
export async function estimateCostByDuration(ctx: SyncContext, request: CostByDurationRequest, call: CallOptions = {}): Promise<IDataObject> {
	const body: IDataObject = { model: request.model, duration: request.duration, fps: request.fps };
	if (request.reasoningEnabled) body.reasoningEnabled = true;
	return normalizeCostEstimate(await send(ctx, { method: 'POST', path: '/v2/generations/estimate', body, repeatable: true }, call));
}

/** `POST /v2/analyze/cost`: from a create body; Sync fetches the media to measure it. Nothing is created. */
export async function estimateCostOfGeneration(ctx: SyncContext, body: CreateGenerationBody, call: CallOptions = {}): Promise<IDataObject> {
	return normalizeCostEstimate(await send(ctx, { method: 'POST', path: '/v2/analyze/cost', body, repeatable: true }, call));
}

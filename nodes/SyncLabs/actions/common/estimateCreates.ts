// Sync's own estimate of one create, for the cost guard (actions/common/costGuard.ts): the duration estimate
// when the caller knows the billable seconds (nothing is fetched), otherwise the create body itself to the
// legacy estimator, which measures the media (docs/sync-api.md#cost-estimate). Never throws: what cannot be
// priced is returned as a reason, and the guard decides (it refuses such a create while a cap is set, unless
// Allow Unestimated Items is on).
import type { IExecuteFunctions } from 'n8n-workflow';
import { estimateCostByDuration, estimateCostOfGeneration, type CreateGenerationBody } from '../../api';
import { SyncApiError } from '../../transport';
import { microsFromNumber } from '../../money/microDollars';

/** One create as the guard prices it. */
export interface PricedCreate {
	/** The JSON body of `POST /v2/generate` (a binary input stands out of it: see `unpriceable`). */
	body: CreateGenerationBody;
	/** Why Sync cannot price this create before it is made, as a clause ("its video is a binary file ..."). */
	unpriceable?: string;
	/** The billable seconds, when known: then the duration estimate is asked (no media is fetched). */
	durationSeconds?: number;
}

export interface CreateEstimate {
	/** What Sync's estimator priced, in micro-dollars, rounded up (0 when nothing could be priced). */
	micros: number;
	/** Each part that could not be estimated, as a clause; empty when the estimate is whole. */
	unestimated: string[];
}

/** The clause for a create whose media is a binary file: Sync sees it only with the create (or an upload). */
export const BINARY_INPUT_UNPRICEABLE = 'its input is a binary file, which Sync only sees once the item is created';

/** Sync documents no estimate for dubbing: the duration estimate takes no language (docs/sync-api-2026.md#dubbing). */
const DUBBING_PART = 'Sync has no estimate for the dubbing part';

/** The fps of the duration estimate: Sync's documented default (docs/sync-api.md#cost-estimate). */
const DURATION_ESTIMATE_FPS = 30;

function failureClause(error: unknown): string {
	if (error instanceof SyncApiError && error.statusCode === 422 && error.errorCode === 'cost_estimate_unavailable') {
		return 'Sync answered 422 cost_estimate_unavailable';
	}
	return `the estimate request failed with "${(error as Error).message}"`;
}

async function askSync(ctx: IExecuteFunctions, itemIndex: number, create: PricedCreate, stop?: AbortSignal): Promise<number | string> {
	const call = { itemIndex, stop };
	let answer;
	try {
		if (create.durationSeconds !== undefined) {
			const reasoning = (create.body.options as { reasoning_enabled?: unknown } | undefined)?.reasoning_enabled === true;
			answer = await estimateCostByDuration(ctx, { model: create.body.model, duration: create.durationSeconds, fps: DURATION_ESTIMATE_FPS, reasoningEnabled: reasoning }, call);
		} else {
			answer = await estimateCostOfGeneration(ctx, create.body, call);
		}
	} catch (error) {
		return failureClause(error);
	}
	const cost = answer.estimatedGenerationCost;
	// An estimate beyond what micro-dollars count exactly (about $9 billion) is above any cap, never "no estimate".
	const micros = typeof cost === 'number' && cost >= 0 ? (microsFromNumber(cost, 'up') ?? (Number.isFinite(cost) ? Number.MAX_SAFE_INTEGER : undefined)) : undefined;
	return micros ?? `Sync's estimate gave no cost, estimatedGenerationCost being ${JSON.stringify(cost ?? null)}`;
}

/** What Sync cannot price in a create whatever it answers (a binary input, a dub's dubbing part): known without a request. */
export function knownUnestimated(create: PricedCreate): string[] {
	return [create.unpriceable, create.body.dubParams !== undefined ? DUBBING_PART : undefined].filter((clause): clause is string => clause !== undefined);
}

/** Sync's estimate of one create, or the reasons it has none (a dub's lip-sync part is priced, its dubbing part not). */
export async function estimateCreate(ctx: IExecuteFunctions, itemIndex: number, create: PricedCreate, stop?: AbortSignal): Promise<CreateEstimate> {
	const known = knownUnestimated(create);
	if (create.unpriceable !== undefined) return { micros: 0, unestimated: known };
	const priced = await askSync(ctx, itemIndex, create, stop);
	if (typeof priced === 'string') return { micros: 0, unestimated: [priced, ...known] };
	return { micros: priced, unestimated: known };
}

// Waits for a generation's final cost: Sync records it "usually within 10 minutes" of the end, part by part
// (a dub's dubbing part can come later than its lip sync), and says when to ask again (`retryAfterSeconds`):
// docs/sync-api-2026.md#costs. It asks again after that time (or the interval when Sync suggests none) until the
// cost is complete or unavailable (which Sync never changes), and gives up with an error after the maximum wait.
// An availability Sync adds later counts as not final yet.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { getGenerationCost } from '../../api';
import { sleepUnlessAborted } from '../../transport/retryLoop';
import { isFinalCost, type GenerationCost } from '../../schemas/generationCost';
import { formatMicros, tryParseUsdToMicros } from '../../money/microDollars';

export interface CostWaitSettings {
	maxWaitMs: number;
	/** Between two checks when Sync gives no retryAfterSeconds. */
	intervalMs: number;
}

/** 15 minutes: Sync's "usually within 10 minutes", with room. */
export const DEFAULT_COST_MAX_WAIT_SECONDS = 900;
export const DEFAULT_COST_INTERVAL_SECONDS = 30;
/** Never ask more often than this, whatever Sync suggests (a retryAfterSeconds of 0). */
const MIN_INTERVAL_MS = 1000;

function knownSoFar(cost: GenerationCost): string {
	const micros = tryParseUsdToMicros(cost.knownSubtotalUsd);
	return micros === undefined ? 'nothing known so far' : `$${formatMicros(micros)} known so far`;
}

/** The cost once final; the first answer as it is when `first` already is. */
export async function waitForFinalCost(
	ctx: IExecuteFunctions,
	generationId: string,
	first: GenerationCost & IDataObject,
	itemIndex: number,
	settings: CostWaitSettings,
	stop?: AbortSignal,
): Promise<GenerationCost & IDataObject> {
	const cancel = ctx.getExecutionCancelSignal();
	const startedAt = Date.now();
	let cost = first;
	let checks = 1;
	for (;;) {
		if (isFinalCost(cost)) return cost;
		const left = settings.maxWaitMs - (Date.now() - startedAt);
		if (left <= 0) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The cost of generation ${generationId} is still ${cost.availability} after ${Math.round(settings.maxWaitMs / 1000)} seconds (${knownSoFar(cost)}, ${checks} checks) (item ${itemIndex})`,
				{
					itemIndex,
					description:
						'Sync Labs records costs usually within 10 minutes after a generation finishes, and a dub\'s dubbing part can come later. Run Get Cost again later, or raise "Max Wait Time".',
				},
			);
		}
		const suggestedMs = typeof cost.retryAfterSeconds === 'number' && cost.retryAfterSeconds >= 0 ? cost.retryAfterSeconds * 1000 : settings.intervalMs;
		// The last check falls on the bound: a cost recorded just before it is still seen.
		await sleepUnlessAborted(Math.min(Math.max(suggestedMs, MIN_INTERVAL_MS), left), [cancel, stop]);
		if (cancel?.aborted) throw new NodeOperationError(ctx.getNode(), `Execution canceled while waiting for the cost of generation ${generationId}`, { itemIndex });
		if (stop?.aborted) throw new NodeOperationError(ctx.getNode(), `Stopped waiting for the cost of generation ${generationId}: another item failed`, { itemIndex });
		cost = await getGenerationCost(ctx, generationId, { itemIndex, stop });
		checks++;
	}
}

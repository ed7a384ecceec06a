// "Poll until done": GET the generation with a backoff that starts short and grows to a cap, bounded by a
// maximum wait, and stopped at once when the execution is cancelled or the caller's `stop` signal fires (another
// item failed: actions/common/runPerItem.ts). Unknown statuses count as running.
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import { getGeneration } from '../../api';
import { sleepUnlessAborted } from '../../transport/retryLoop';
import { isTerminalGenerationStatus, type Generation } from '../../schemas/generation';

export interface PollSettings {
	firstIntervalMs: number;
	maxIntervalMs: number;
	maxWaitMs: number;
	/** Growth factor between two polls. */
	factor?: number;
}

export const DEFAULT_POLL_SETTINGS: PollSettings = {
	firstIntervalMs: 5000,
	maxIntervalMs: 30000,
	maxWaitMs: 30 * 60 * 1000,
	factor: 1.5,
};

function stoppedWaiting(ctx: IExecuteFunctions, generationId: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Stopped waiting for generation ${generationId}: another item failed`, {
		itemIndex,
		description: `The generation keeps running at Sync Labs. Continue with the "Get" or "Wait for Completion" operation and generation ID ${generationId}.`,
	});
}

export async function pollGeneration(
	ctx: IExecuteFunctions,
	generationId: string,
	itemIndex: number,
	settings: PollSettings,
	stop?: AbortSignal,
): Promise<Generation> {
	const signal = ctx.getExecutionCancelSignal();
	const startedAt = Date.now();
	let interval = settings.firstIntervalMs;
	let polls = 0;
	for (;;) {
		if (stop?.aborted) throw stoppedWaiting(ctx, generationId, itemIndex);
		const generation = await getGeneration(ctx, generationId, { itemIndex, stop });
		polls++;
		if (isTerminalGenerationStatus(generation.status)) return generation;

		const elapsed = Date.now() - startedAt;
		if (elapsed + interval > settings.maxWaitMs) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Generation ${generationId} did not finish within ${Math.round(settings.maxWaitMs / 1000)} seconds (status ${generation.status} after ${polls} checks)`,
				{
					itemIndex,
					description: `The generation keeps running at Sync Labs. Continue with the "Get" or "Wait for Completion" operation and generation ID ${generationId}, or raise "Max Wait Time".`,
				},
			);
		}
		await sleepUnlessAborted(interval, [signal, stop]);
		if (signal?.aborted) {
			throw new NodeOperationError(ctx.getNode(), `Execution canceled while waiting for generation ${generationId}`, { itemIndex });
		}
		interval = Math.min(Math.round(interval * (settings.factor ?? 1.5)), settings.maxIntervalMs);
	}
}

// Runs one function per input item with bounded concurrency and applies the item conventions in one
// place: pairedItem on every output item, continueOnFail, and errors that carry the item index.
// Without continueOnFail the first failure aborts `stop` for the items still running (see
// actions/common/concurrency.ts) and no further item starts.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { mapWithConcurrency } from './concurrency';
import { asNodeError, errorItem } from './itemErrors';

export async function runPerItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	concurrency: number,
	fn: (itemIndex: number, stop: AbortSignal) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[][]> {
	const perItem = await mapWithConcurrency(items, Math.max(1, Math.floor(concurrency) || 1), async (_item, itemIndex, stop) => {
		try {
			const output = await fn(itemIndex, stop);
			return output.map((entry) => ({ ...entry, pairedItem: { item: itemIndex } }));
		} catch (error) {
			if (ctx.continueOnFail()) return [errorItem(ctx, error as Error, itemIndex)];
			throw asNodeError(ctx, error as Error, itemIndex);
		}
	});
	return [perItem.flat()];
}

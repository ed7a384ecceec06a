// Operations that spend something at Sync (Speech → Generate bills its characters, Voice → Clone takes one of
// the hourly clones and a clone slot) read and check every item before the first request, as Create and Batch →
// Create do (docs/parameters-from-expressions.md): with On Error = Stop a bad item stops the node before anything
// is spent, instead of after earlier items were spent and their output lost with the run; with On Error =
// continue the bad item becomes its error item and the others go on. Asset → Upload (each upload makes an asset)
// and the deletes (a delete cannot be undone) check first for the same reason.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { asNodeError } from './itemErrors';
import { runPerItem } from './runPerItem';

type Prepared<T> = { value: T } | { failure: unknown };

/**
 * What only the items together show (two items claiming one voice name, one key sent with two requests): the
 * refusal of each later item, in item order. It sees the items whose own checks passed.
 */
export type AcrossItems<T> = (prepared: Array<{ itemIndex: number; value: T }>) => Array<{ itemIndex: number; error: Error }>;

export async function runAfterCheckingEveryItem<T>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	prepare: (itemIndex: number) => Promise<T>,
	run: (itemIndex: number, prepared: T, stop: AbortSignal) => Promise<INodeExecutionData[]>,
	acrossItems?: AcrossItems<T>,
	/** How many items' run steps may be in flight at once (the operation's concurrency; default 1). */
	concurrency = 1,
): Promise<INodeExecutionData[][]> {
	const prepared: Array<Prepared<T>> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push({ value: await prepare(itemIndex) });
		} catch (failure) {
			if (!ctx.continueOnFail()) throw asNodeError(ctx, failure as Error, itemIndex);
			prepared.push({ failure });
		}
	}
	const passed = prepared.flatMap((item, itemIndex) => ('value' in item ? [{ itemIndex, value: item.value }] : []));
	for (const { itemIndex, error } of acrossItems?.(passed) ?? []) {
		if (!ctx.continueOnFail()) throw asNodeError(ctx, error, itemIndex);
		prepared[itemIndex] = { failure: error };
	}
	return await runPerItem(ctx, items, concurrency, async (itemIndex, stop) => {
		const item = prepared[itemIndex];
		if ('failure' in item) throw item.failure;
		return await run(itemIndex, item.value, stop);
	});
}

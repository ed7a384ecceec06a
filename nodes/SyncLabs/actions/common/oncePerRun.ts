// A request that makes something at Sync without an idempotency key (registering an asset, creating a batch, cloning
// a voice) is made at most once per item and node run. n8n's Retry On Fail runs the whole node again, in the same
// process, with the same execute data (runNode's retry loop,
// https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/workflow-execute.ts), so every
// attempt at one item of one node run shares its run identity (common/nodeRun.ts). A
// later attempt reuses what an earlier one made; after one that made something with an answer the node cannot read,
// or may have made it (a 5xx, a 408, no answer), it refuses, naming it as the first attempt did, instead of making it
// again. The synchronous speech has its own memory of this kind (speech/synchronousOncePerRun.ts).
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { NodeRunMemory } from './nodeRunMemory';

/** What a later attempt throws instead of making the object again: the earlier attempt's naming. */
export interface RepeatRefusal {
	message: string;
	description: string;
	/** Put on the error's context, so the continue modes' error item and the operation's lists name the object. */
	context: IDataObject;
}

/** Made objects (or the request still in flight), by item run and step. */
const made = new NodeRunMemory<Promise<unknown>>();
/** Refusals, by item run and step, after an attempt that made an object unreadably or may have made one. */
const refusals = new NodeRunMemory<RepeatRefusal>();

/**
 * Runs `make` once for this item, node run and `step` (a name for what it makes, unique within the item): a later
 * attempt gets the same object, or, after a failure `refusalAfter` turns into a refusal, that refusal before any
 * request. A failure it does not turn into one (the object surely not made) lets a later attempt make it again.
 */
export async function oncePerRun<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	step: string,
	make: () => Promise<T>,
	refusalAfter: (error: unknown) => RepeatRefusal | undefined,
): Promise<T> {
	const refusal = refusals.get(ctx, itemIndex, step);
	if (refusal !== undefined) {
		const error = new NodeOperationError(ctx.getNode(), refusal.message, { itemIndex, description: refusal.description });
		Object.assign(error.context, refusal.context);
		throw error;
	}
	const known = made.get(ctx, itemIndex, step);
	if (known !== undefined) return (await known) as T;
	const attempt = make();
	made.set(ctx, itemIndex, attempt, step);
	return await attempt.catch((error: unknown) => {
		if (made.get(ctx, itemIndex, step) === attempt) made.delete(ctx, itemIndex, step);
		const after = refusalAfter(error);
		if (after !== undefined) refusals.set(ctx, itemIndex, after, step);
		throw error;
	});
}

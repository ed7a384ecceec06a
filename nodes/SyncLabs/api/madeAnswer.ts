// The answers of requests that make something at Sync with no key to repeat them safely, or whose answer the node
// cannot read: what was made, or may have been, must travel on the error so the operation can name it (the
// operations' made/created lists, actions/common/itemErrors.ts). As api/generations.ts does for a generation.
import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';
import type { z } from 'zod';
import { cancelSignal, SyncApiError, type SyncContext } from '../transport';
import { strictObject } from './read';

/**
 * A strict read of the 2xx answer of a request that made an object: one of a shape the node does not expect is still
 * an object Sync made (and may bill), so the error carries what the answer tells of it (its id and url, either
 * possibly missing) on its context, under the keys `mark` gives.
 */
export function strictMadeObject<S extends z.ZodTypeAny>(
	ctx: SyncContext,
	schema: S,
	answer: unknown,
	what: string,
	itemIndex: number | undefined,
	mark: (made: { id?: string; url?: string }) => IDataObject,
): z.infer<S> & IDataObject {
	try {
		return strictObject(ctx, schema, answer, what, itemIndex);
	} catch (error) {
		// strictObject throws a NodeOperationError, which n8n's constructor hands back as it is.
		const nodeError = new NodeOperationError(ctx.getNode(), error as NodeOperationError);
		const { id, url } = (answer !== null && typeof answer === 'object' ? answer : {}) as { id?: unknown; url?: unknown };
		Object.assign(nodeError.context, mark({ ...(typeof id === 'string' && id !== '' ? { id } : {}), ...(typeof url === 'string' && url !== '' ? { url } : {}) }));
		throw nodeError;
	}
}

/**
 * Whether a failed request may have been carried out all the same: a 5xx, a 408, or no HTTP answer at all. Another
 * item's stop signal aborts no request in flight (transport/retryLoop.ts), so an answer that came after it is read as
 * any other; only the execution's cancel, which does abort it, leaves nobody to tell.
 */
export function mayHaveBeenCarriedOut(ctx: SyncContext, error: unknown): boolean {
	if (cancelSignal(ctx)?.aborted) return false;
	// An earlier attempt of the request got no usable answer (transport/index.ts): whatever the last one got (a 429,
	// a refused connection), that one may have been carried out.
	if ((error as NodeApiError | undefined)?.context?.earlierOutcomeUnknown === true) return true;
	if (error instanceof SyncApiError) return (error.statusCode ?? 0) >= 500 || error.statusCode === 408;
	// A refused connection or an unresolved host reached nobody.
	if ((error as NodeApiError | undefined)?.context?.requestNeverSent === true) return false;
	// transport/failure.ts networkFailure: a request that got no HTTP answer.
	return error instanceof NodeApiError;
}

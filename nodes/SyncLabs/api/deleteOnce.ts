// A DELETE whose lost answer must not turn into "not found": the transport repeats a delete after a 5xx or a
// reset (it is idempotent), but when Sync carried out the first attempt the repeat meets 404, which then means
// "deleted by the first attempt", not "there was none". So the first attempt goes alone, and a repeat's 404 is
// read as deleted only when that first attempt's outcome was unknown.
import { cancelSignal, SyncApiError, type SyncContext } from '../transport';
import { send, type CallOptions } from './send';
import { mayHaveBeenCarriedOut } from './madeAnswer';

/** What a delete came to: Sync's answer (of the first attempt or a repeat), or gone when a repeat met 404. */
export type DeleteOutcome = { answer: unknown } | { goneAtRepeat: true };


/**
 * Sends `DELETE path` once; after an unknown outcome (a 5xx, a reset) or a 429 it is repeated with the caller's
 * retries. A 404 of a first attempt, or of a repeat after a 429, is Sync's "no such object" and thrown as it is.
 */
export async function deleteOnce(ctx: SyncContext, path: string, call: CallOptions = {}): Promise<DeleteOutcome> {
	const request = { method: 'DELETE', path, repeatable: true } as const;
	const attempt = async (retry: CallOptions['retry']) =>
		await send(ctx, request, { ...call, retry }).then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
	const first = await attempt({ ...call.retry, maxRetries: 0 });
	if ('answer' in first) return first;
	const unknown = mayHaveBeenCarriedOut(ctx, first.error, call);
	const rateLimited = first.error instanceof SyncApiError && first.error.statusCode === 429 && !call.stop?.aborted && !cancelSignal(ctx)?.aborted;
	if (!unknown && !rateLimited) throw first.error;
	const repeat = await attempt(call.retry);
	if ('answer' in repeat) return repeat;
	if (unknown && repeat.error instanceof SyncApiError && repeat.error.statusCode === 404) return { goneAtRepeat: true };
	throw repeat.error;
}

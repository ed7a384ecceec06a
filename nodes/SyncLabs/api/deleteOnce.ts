// A DELETE whose lost answer must not turn into "not found": the transport repeats a delete after a 5xx or a
// reset (it is idempotent), but when Sync carried out the first attempt the repeat meets 404, which then means
// "deleted by the first attempt", not "there was none". So the first attempt goes alone, and a repeat's 404 is
// read as deleted only when an attempt before it (the first, or a repeat after a 429) had an unknown outcome.
import { NodeApiError } from 'n8n-workflow';
import { cancelSignal, SyncApiError, type SyncContext } from '../transport';
import { send, type CallOptions } from './send';
import { mayHaveBeenCarriedOut } from './madeAnswer';

/** What a delete came to: Sync's answer (of the first attempt or a repeat), or gone when a repeat met 404. */
export type DeleteOutcome = { answer: unknown } | { goneAtRepeat: true };

/**
 * Sends `DELETE path` once; after an unknown outcome (a 5xx, a reset) or a 429 it is repeated with the caller's
 * retries; after a 429 or a refused connection (nothing done) too. A 404 of a first attempt, or of a repeat after
 * nothing but those, is Sync's "no such object" and thrown as it is.
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
	// After another item's stop nothing is repeated (transport/retryLoop.ts): the first answer stands.
	const unknown = mayHaveBeenCarriedOut(ctx, first.error) && !call.stop?.aborted;
	// Refused before any work (a 429), or never sent (a refused connection: transport/retryPolicy.ts not_sent).
	const notDone = (first.error instanceof SyncApiError && first.error.statusCode === 429) || (first.error as NodeApiError | undefined)?.context?.requestNeverSent === true;
	const refusedBeforeWork = notDone && !call.stop?.aborted && !cancelSignal(ctx)?.aborted;
	if (!unknown && !refusedBeforeWork) throw first.error;
	const repeat = await attempt(call.retry);
	if ('answer' in repeat) return repeat;
	// Gone at a repeat after an attempt that may have deleted it: the first, or one the transport repeated after a 429.
	const unknownBefore = unknown || (repeat.error as SyncApiError | undefined)?.context?.earlierOutcomeUnknown === true;
	if (unknownBefore && repeat.error instanceof SyncApiError && repeat.error.statusCode === 404) return { goneAtRepeat: true };
	// The repeat's error must not hide that the first attempt may have deleted it (api/madeAnswer.ts mayHaveBeenCarriedOut).
	if (unknown && repeat.error instanceof NodeApiError) repeat.error.context.earlierOutcomeUnknown = true;
	throw repeat.error;
}

// The one retry loop of this package. The caller turns each attempt into an outcome (a value, or a failure
// that says whether repeating is safe); this decides whether to go again and how long to wait first.
import { sleep } from 'n8n-workflow';
import { backoffDelayMs, type RetrySettings } from './retryPolicy';

export interface AttemptFailure<T> {
	ok: false;
	/** Whether repeating the attempt is safe and may help. */
	retryable: boolean;
	/** Thrown when no retry follows (unless there is a fallback). */
	error: Error;
	/** Why the attempt failed, for onRetry; defaults to the error's message. */
	reason?: string;
	/** The server's Retry-After; wins over the backoff, capped at maxDelayMs. */
	retryAfterMs?: number;
	/** Retry while less than this has passed since the first attempt, instead of counting to maxRetries. */
	retryForMs?: number;
	/** Settles with this instead of throwing when no retry follows, so the caller can build its own error. */
	fallback?: () => T;
	/** The request may have taken effect (5xx, reset): only repeating it (same Idempotency-Key) tells. */
	outcomeUnknown?: boolean;
}

export type AttemptOutcome<T> = { ok: true; value: T } | AttemptFailure<T>;

export interface RetryInfo {
	/** The 0-based number of the attempt that just failed. */
	attempt: number;
	delayMs: number;
	reason: string;
}

export interface RetryLoopOptions {
	settings: RetrySettings;
	/** Once aborted, a failed attempt is final. */
	signal?: AbortSignal;
	/**
	 * The caller's per-item stop (another item failed: actions/common/runPerItem.ts): no attempt starts once it has
	 * fired, and a wait between attempts ends at once; `stopped()` is then thrown.
	 */
	stop?: AbortSignal;
	stopped?: () => Error;
	/**
	 * Keep repeating an attempt whose outcome is unknown after `stop` fires (a keyed create: the repeat answers
	 * with the generation the lost answer carried, so it is known rather than billed and orphaned).
	 */
	settleUnknownAfterStop?: boolean;
	/**
	 * When the answer must have come (Date.now's clock; a poll's answerBy): a wait that would end after it is not
	 * waited, and the last attempt's failure stands.
	 */
	answerBy?: number;
	/** Called before each wait; the place to log (the loop itself knows no logger). */
	onRetry?: (info: RetryInfo) => void;
}

/** Exponent cap: a long elapsed-time budget can run many attempts, and 2 ** attempt must stay finite. */
const MAX_BACKOFF_EXPONENT = 10;

/**
 * Runs `attempt` until it yields a value, or a failure that may not (or may no longer) be retried: then
 * throws its error, or returns its fallback. An error thrown by `attempt` itself is never retried.
 */
export async function runWithRetries<T>(
	options: RetryLoopOptions,
	attempt: (n: number) => Promise<AttemptOutcome<T>>,
): Promise<T> {
	const { settings, signal, stop, onRetry } = options;
	const startedAt = Date.now();
	let settling = false;
	for (let n = 0; ; n++) {
		if (stop?.aborted && !settling && options.stopped) throw options.stopped();
		const outcome = await attempt(n);
		if (outcome.ok) return outcome.value;

		// Once an attempt's outcome was unknown, it stays unknown until an answer tells: a later 429 (refused
		// before any work) does not settle it, so repeating goes on after `stop`, by count, not a slot wait of minutes.
		settling ||= options.settleUnknownAfterStop === true && outcome.outcomeUnknown === true;
		const stopped = stop?.aborted === true && !settling;
		const byTime = outcome.retryForMs !== undefined && !(settling && stop?.aborted === true);
		const withinBudget = byTime ? Date.now() - startedAt < outcome.retryForMs! : n < settings.maxRetries;
		if (!outcome.retryable || !withinBudget || signal?.aborted || stopped) {
			if (outcome.fallback) return outcome.fallback();
			throw outcome.error;
		}

		const delayMs = backoffDelayMs(Math.min(n, MAX_BACKOFF_EXPONENT), settings, outcome.retryAfterMs);
		if (options.answerBy !== undefined && Date.now() + delayMs >= options.answerBy) {
			if (outcome.fallback) return outcome.fallback();
			throw outcome.error;
		}
		onRetry?.({ attempt: n, delayMs, reason: outcome.reason ?? outcome.error.message });
		await sleepUnlessAborted(delayMs, [signal, settling ? undefined : stop]);
	}
}

/** Sleeps in short slices, so a wait of minutes (a 429's Retry-After) ends soon after either signal fires. */
export async function sleepUnlessAborted(ms: number, signals: Array<AbortSignal | undefined>): Promise<void> {
	if (signals.every((s) => s === undefined)) return await sleep(ms);
	const end = Date.now() + ms;
	while (!signals.some((s) => s?.aborted)) {
		const left = end - Date.now();
		if (left <= 0) return;
		await sleep(Math.min(left, 100));
	}
}

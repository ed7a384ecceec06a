// When to repeat a Sync Labs request and how long to wait first (docs/sync-api.md#error-codes, #retries). Pure.

export interface RetrySettings {
	/** Attempts after the first one, for rate limits, 5xx and transport errors. */
	maxRetries: number;
	/** First backoff in milliseconds; doubles each attempt. */
	baseDelayMs: number;
	/** Cap for one backoff (and for a Retry-After we honour). */
	maxDelayMs: number;
	/** How long to keep waiting for a free slot when the plan's concurrency limit is reached. */
	concurrencyWaitMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
	maxRetries: 4,
	baseDelayMs: 1000,
	maxDelayMs: 30000,
	concurrencyWaitMs: 10 * 60 * 1000,
};

export type FailureKind =
	| 'rate_limited'
	| 'concurrency_limited'
	| 'server_error'
	| 'outcome_unknown'
	| 'transport_error'
	/** No connection was made (refused, or the host name did not resolve): the request never reached anyone. */
	| 'not_sent'
	| 'final';

const RETRYABLE_TRANSPORT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'UND_ERR_SOCKET']);
/** Failures before any byte of the request left: https://nodejs.org/api/errors.html#common-system-errors, and DNS's getaddrinfo codes. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function classifyHttpFailure(statusCode: number, errorCode: string | undefined): FailureKind {
	if (statusCode === 429) return errorCode === 'concurrency_limit_reached' ? 'concurrency_limited' : 'rate_limited';
	if (statusCode === 503 && errorCode === 'IDEMPOTENCY_OUTCOME_UNKNOWN') return 'outcome_unknown';
	if (statusCode === 408 || statusCode === 500 || statusCode === 502 || statusCode === 503 || statusCode === 504) {
		return 'server_error';
	}
	return 'final';
}

/** For plain HTTP answers without Sync's error body (storage hosts, the results download): worth repeating? */
export function isTransientStatus(statusCode: number): boolean {
	return statusCode >= 500 || statusCode === 408 || statusCode === 429;
}

/** Whether a network failure of a request to storage is worth repeating (it may not have arrived, or surely did not). */
export function isTransportRetryable(code: string | undefined, message: string | undefined): boolean {
	const kind = classifyTransportFailure(code, message);
	return kind === 'transport_error' || kind === 'not_sent';
}

export function classifyTransportFailure(code: string | undefined, message: string | undefined): FailureKind {
	if (code && NOT_SENT_CODES.has(code)) return 'not_sent';
	if (code && RETRYABLE_TRANSPORT_CODES.has(code)) return 'transport_error';
	if (message && /socket hang up|network|timeout|ECONNRESET/i.test(message)) return 'transport_error';
	return 'final';
}

/**
 * Whether a failure may be retried. A 429 was refused before any work, so it is always safe. Anything that
 * may have reached the server (5xx, reset) is only repeated when repeating cannot create a second
 * generation: reads, deletes, and creates that carry an Idempotency-Key.
 */
export function mayRetry(kind: FailureKind, requestIsRepeatable: boolean): boolean {
	if (kind === 'final') return false;
	// Refused before any work, or never sent: repeating cannot do anything twice.
	if (kind === 'rate_limited' || kind === 'concurrency_limited' || kind === 'not_sent') return true;
	return requestIsRepeatable;
}

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds, or undefined. */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/** Exponential backoff with ±20 % jitter, capped; a Retry-After from the server wins (also capped). */
export function backoffDelayMs(
	attempt: number,
	settings: RetrySettings,
	retryAfterMs: number | undefined,
	random: () => number = Math.random,
): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, settings.maxDelayMs);
	const exponential = Math.min(settings.baseDelayMs * 2 ** attempt, settings.maxDelayMs);
	const jitter = 1 + (random() * 0.4 - 0.2);
	return Math.round(Math.min(exponential * jitter, settings.maxDelayMs));
}

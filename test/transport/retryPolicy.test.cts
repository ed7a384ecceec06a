import {
	DEFAULT_RETRY_SETTINGS,
	backoffDelayMs,
	classifyHttpFailure,
	classifyTransportFailure,
	mayRetry,
	parseRetryAfter,
} from '../../nodes/SyncLabs/transport/retryPolicy';

describe('retry policy', () => {
	it('tells a concurrency 429 from a rate-limit 429 by errorCode', () => {
		expect(classifyHttpFailure(429, 'concurrency_limit_reached')).toBe('concurrency_limited');
		expect(classifyHttpFailure(429, 'rate_limit_exceeded')).toBe('rate_limited');
		expect(classifyHttpFailure(429, undefined)).toBe('rate_limited');
	});

	it('treats 5xx as server errors, an unknown idempotent outcome apart, and 4xx as final', () => {
		for (const status of [500, 502, 503, 504, 408]) expect(classifyHttpFailure(status, undefined)).toBe('server_error');
		expect(classifyHttpFailure(503, 'IDEMPOTENCY_OUTCOME_UNKNOWN')).toBe('outcome_unknown');
		for (const status of [400, 401, 402, 404, 409, 413, 422]) expect(classifyHttpFailure(status, undefined)).toBe('final');
	});

	it('retries resets and timeouts but not unknown transport failures', () => {
		expect(classifyTransportFailure('ECONNRESET', 'read ECONNRESET')).toBe('transport_error');
		expect(classifyTransportFailure(undefined, 'socket hang up')).toBe('transport_error');
		expect(classifyTransportFailure('ERR_INVALID_URL', 'Invalid URL')).toBe('final');
	});

	it('never repeats a request that may have created something unless it is repeatable', () => {
		expect(mayRetry('server_error', false)).toBe(false);
		expect(mayRetry('transport_error', false)).toBe(false);
		expect(mayRetry('outcome_unknown', false)).toBe(false);
		expect(mayRetry('server_error', true)).toBe(true);
		expect(mayRetry('transport_error', true)).toBe(true);
	});

	it('reads a refused connection or an unresolved host as a request never sent, which any request may repeat', () => {
		for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']) expect(classifyTransportFailure(code, `connect ${code}`)).toBe('not_sent');
		expect(mayRetry('not_sent', false)).toBe(true);
	});

	it('always allows retrying a 429, which the server refused before doing any work', () => {
		expect(mayRetry('rate_limited', false)).toBe(true);
		expect(mayRetry('concurrency_limited', false)).toBe(true);
		expect(mayRetry('final', true)).toBe(false);
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		const now = Date.parse('2026-11-27T06:00:00Z');
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter(['2'], now)).toBe(2000);
		expect(parseRetryAfter('Fri, 27 Nov 2026 06:00:10 GMT', now)).toBe(10000);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});

	it('backs off exponentially with jitter, capped, and lets Retry-After win within the cap', () => {
		const settings = { ...DEFAULT_RETRY_SETTINGS, baseDelayMs: 1000, maxDelayMs: 8000 };
		const noJitter = () => 0.5;
		expect([0, 1, 2, 3, 4].map((a) => backoffDelayMs(a, settings, undefined, noJitter))).toEqual([1000, 2000, 4000, 8000, 8000]);
		expect(backoffDelayMs(0, settings, undefined, () => 0)).toBe(800);
		expect(backoffDelayMs(0, settings, undefined, () => 0.999)).toBeLessThanOrEqual(1200);
		expect(backoffDelayMs(3, settings, 1500, noJitter)).toBe(1500);
		expect(backoffDelayMs(0, settings, 60000, noJitter)).toBe(8000);
	});
});

import { sleep } from 'n8n-workflow';
import { runWithRetries, type AttemptOutcome, type RetryInfo } from '../../nodes/SyncLabs/transport/retryLoop';
import type { RetrySettings } from '../../nodes/SyncLabs/transport/retryPolicy';

// The waits are recorded, not slept: the tests stay fast and no assertion depends on a clock.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));
const sleepMock = jest.mocked(sleep);
beforeEach(() => sleepMock.mockClear());

// With maxDelayMs 2 the jittered backoff rounds to 1, 2, 2, … exactly.
const SETTINGS: RetrySettings = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2, concurrencyWaitMs: 0 };

function failure(error = new Error('boom'), extra: Partial<Extract<AttemptOutcome<string>, { ok: false }>> = {}): AttemptOutcome<string> {
	return { ok: false, retryable: true, error, ...extra };
}

/** An attempt function that plays back `outcomes` in order and counts its calls. */
function script(...outcomes: Array<AttemptOutcome<string>>) {
	const seen: number[] = [];
	const attempt = async (n: number): Promise<AttemptOutcome<string>> => {
		seen.push(n);
		return outcomes[Math.min(n, outcomes.length - 1)];
	};
	return { attempt, seen };
}

describe('runWithRetries', () => {
	it('does not wait a retry that would end after answerBy: the failure stands at once, and a wait that ends before it is waited', async () => {
		const late = script(failure(new Error('429'), { retryAfterMs: 3000 }), { ok: true, value: 'too late' });
		await expect(runWithRetries({ settings: { ...SETTINGS, maxDelayMs: 5000 }, answerBy: Date.now() + 1000 }, late.attempt)).rejects.toThrow('429');
		expect({ attempts: late.seen, waits: sleepMock.mock.calls.length }).toEqual({ attempts: [0], waits: 0 });
		const inTime = script(failure(new Error('429'), { retryAfterMs: 10 }), { ok: true, value: 'in time' });
		await expect(runWithRetries({ settings: { ...SETTINGS, maxDelayMs: 5000 }, answerBy: Date.now() + 60_000 }, inTime.attempt)).resolves.toBe('in time');
	});

	it('returns the value of a first attempt that succeeds, without retrying', async () => {
		const { attempt, seen } = script({ ok: true, value: 'done' });
		const onRetry = jest.fn();
		await expect(runWithRetries({ settings: SETTINGS, onRetry }, attempt)).resolves.toBe('done');
		expect(seen).toEqual([0]);
		expect(onRetry).not.toHaveBeenCalled();
	});

	it('returns the value once a retryable failure gives way to success', async () => {
		const { attempt, seen } = script(failure(), failure(), { ok: true, value: 'third time' });
		await expect(runWithRetries({ settings: SETTINGS }, attempt)).resolves.toBe('third time');
		expect(seen).toEqual([0, 1, 2]);
	});

	it('makes maxRetries attempts after the first, then throws the last error', async () => {
		const last = new Error('last');
		const { attempt, seen } = script(failure(new Error('first')), failure(new Error('second')), failure(last));
		await expect(runWithRetries({ settings: SETTINGS }, attempt)).rejects.toBe(last);
		expect(seen).toEqual([0, 1, 2]);
	});

	it('throws a non-retryable failure at once', async () => {
		const final = new Error('final');
		const { attempt, seen } = script(failure(final, { retryable: false }));
		await expect(runWithRetries({ settings: SETTINGS }, attempt)).rejects.toBe(final);
		expect(seen).toEqual([0]);
	});

	it('lets an error thrown by the attempt itself through without retrying', async () => {
		const seen: number[] = [];
		const thrown = new Error('thrown');
		const attempt = async (n: number): Promise<AttemptOutcome<string>> => {
			seen.push(n);
			throw thrown;
		};
		await expect(runWithRetries({ settings: SETTINGS }, attempt)).rejects.toBe(thrown);
		expect(seen).toEqual([0]);
	});

	it('tells onRetry the failed attempt, the exponential delay and the reason', async () => {
		const retries: RetryInfo[] = [];
		const { attempt } = script(failure(new Error('reset'), { reason: 'transport_error' }), failure(new Error('no reason given')), {
			ok: true,
			value: 'ok',
		});
		await runWithRetries({ settings: SETTINGS, onRetry: (info) => retries.push(info) }, attempt);
		expect(retries).toEqual([
			{ attempt: 0, delayMs: 1, reason: 'transport_error' },
			{ attempt: 1, delayMs: 2, reason: 'no reason given' },
		]);
		expect(sleepMock.mock.calls).toEqual([[1], [2]]);
	});

	it('waits for the Retry-After instead of the backoff', async () => {
		const delays: number[] = [];
		// The backoff would be 2 ms both times; a Retry-After of 0 counts too.
		const { attempt } = script(failure(undefined, { retryAfterMs: 1 }), failure(undefined, { retryAfterMs: 0 }), { ok: true, value: 'ok' });
		await runWithRetries({ settings: { ...SETTINGS, baseDelayMs: 2 }, onRetry: ({ delayMs }) => delays.push(delayMs) }, attempt);
		expect(delays).toEqual([1, 0]);
	});

	it('caps a Retry-After at maxDelayMs', async () => {
		const delays: number[] = [];
		const { attempt } = script(failure(undefined, { retryAfterMs: 60_000 }), { ok: true, value: 'ok' });
		await runWithRetries({ settings: SETTINGS, onRetry: ({ delayMs }) => delays.push(delayMs) }, attempt);
		expect(delays).toEqual([SETTINGS.maxDelayMs]);
	});

	it('keeps retrying past maxRetries while an elapsed-time budget lasts', async () => {
		const { attempt, seen } = script(
			...Array.from({ length: 6 }, () => failure(undefined, { retryForMs: 60_000 })),
			{ ok: true, value: 'slot free' },
		);
		await expect(runWithRetries({ settings: { ...SETTINGS, maxRetries: 1 }, onRetry: () => undefined }, attempt)).resolves.toBe('slot free');
		expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
	});

	it('stops at once when the elapsed-time budget is spent, whatever maxRetries says', async () => {
		const spent = new Error('still busy');
		const { attempt, seen } = script(failure(spent, { retryForMs: 0 }));
		await expect(runWithRetries({ settings: { ...SETTINGS, maxRetries: 5 } }, attempt)).rejects.toBe(spent);
		expect(seen).toEqual([0]);
	});

	it('returns the fallback instead of throwing when a retryable failure outlasts the retries', async () => {
		const { attempt, seen } = script(failure(undefined, { fallback: () => 'last answer' }));
		await expect(runWithRetries({ settings: SETTINGS }, attempt)).resolves.toBe('last answer');
		expect(seen).toEqual([0, 1, 2]);
	});

	it('returns the fallback of a non-retryable failure at once', async () => {
		const { attempt, seen } = script(failure(undefined, { retryable: false, fallback: () => 'as is' }));
		await expect(runWithRetries({ settings: SETTINGS }, attempt)).resolves.toBe('as is');
		expect(seen).toEqual([0]);
	});

	it('stops retrying once the signal is aborted and throws that attempt\'s error', async () => {
		const controller = new AbortController();
		const canceled = new Error('canceled mid-flight');
		const seen: number[] = [];
		const attempt = async (n: number): Promise<AttemptOutcome<string>> => {
			seen.push(n);
			if (n === 1) controller.abort();
			return failure(n === 1 ? canceled : new Error('reset'));
		};
		await expect(runWithRetries({ settings: { ...SETTINGS, maxRetries: 5 }, signal: controller.signal }, attempt)).rejects.toBe(canceled);
		expect(seen).toEqual([0, 1]);
	});

	it('treats a failure as final once the signal is aborted, even with time budget left', async () => {
		const controller = new AbortController();
		controller.abort();
		const { attempt, seen } = script(failure(undefined, { retryForMs: 60_000 }));
		await expect(runWithRetries({ settings: SETTINGS, signal: controller.signal }, attempt)).rejects.toThrow('boom');
		expect(seen).toEqual([0]);
	});

	it('caps the backoff exponent at 10, so a long run of retries waits about baseDelayMs × 1024 at most', async () => {
		const delays: number[] = [];
		const { attempt } = script(
			...Array.from({ length: 13 }, () => failure(undefined, { retryForMs: 60_000 })),
			{ ok: true, value: 'ok' },
		);
		await runWithRetries(
			{ settings: { ...SETTINGS, baseDelayMs: 1, maxDelayMs: 1_000_000 }, onRetry: ({ delayMs }) => delays.push(delayMs) },
			attempt,
		);
		expect(delays).toHaveLength(13);
		// ±20 % jitter around 1024 for attempts 10, 11 and 12 alike (uncapped, 12 would be around 4096).
		for (const delay of delays.slice(10)) {
			expect(delay).toBeGreaterThanOrEqual(819);
			expect(delay).toBeLessThanOrEqual(1229);
		}
	});
});

describe('runWithRetries with a stop signal', () => {
	it('starts no attempt once the stop signal has fired, and throws the stopped error', async () => {
		const stop = new AbortController();
		stop.abort();
		const { attempt, seen } = script({ ok: true, value: 'never' });
		const stopped = new Error('stopped');
		await expect(runWithRetries({ settings: SETTINGS, stop: stop.signal, stopped: () => stopped }, attempt)).rejects.toBe(stopped);
		expect(seen).toEqual([]);
	});

	it('makes no further attempt when the stop signal fires during the wait before a retry', async () => {
		const stop = new AbortController();
		const { attempt, seen } = script(failure(), { ok: true, value: 'too late' });
		const stopped = new Error('stopped');
		const retrying = runWithRetries({ settings: SETTINGS, stop: stop.signal, stopped: () => stopped, onRetry: () => stop.abort() }, attempt);
		await expect(retrying).rejects.toBe(stopped);
		expect(seen).toEqual([0]);
	});
});

// For emulator-backed fault tests whose point is what is retried, how often and what it leads to, not how long a
// wait is: while the tests of the calling file or describe block run, the transport's first backoff
// (DEFAULT_RETRY_SETTINGS.baseDelayMs in nodes/SyncLabs/transport/retryPolicy.ts, 1 s doubling) is `factor`
// times shorter. Retry counts, Retry-After and its cap stay production's; the waits' lengths are tested in
// test/transport/retryPolicy.test.cts and retryLoop.test.cts.
import { DEFAULT_RETRY_SETTINGS } from '../../nodes/SyncLabs/transport/retryPolicy';

export function useQuickRetries(factor = 50): void {
	const production = DEFAULT_RETRY_SETTINGS.baseDelayMs;
	beforeAll(() => {
		DEFAULT_RETRY_SETTINGS.baseDelayMs = production / factor;
	});
	afterAll(() => {
		DEFAULT_RETRY_SETTINGS.baseDelayMs = production;
	});
}

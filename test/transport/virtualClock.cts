// For emulator-backed tests whose point is what the node does after a wait (asks again after Sync's
// retryAfterSeconds, gives up after Max Wait Time), not the wait's real length. Every wait of the node goes
// through n8n-workflow's sleep (transport/retryLoop.ts, sleepUnlessAborted); a test file that mocks it with
// `virtualSleep` (jest.mock must stay in the test file, jest hoists it there) and calls `useVirtualClock()` gets a
// clock that a sleep moves forward at once: Date.now reads it, and so does an emulator started with
// `now: () => Date.now()`, so Sync's clocks move with the node's. Real HTTP and real sockets stay real.
export const virtualClock = { aheadMs: 0 };

/** What n8n-workflow's sleep does under the virtual clock: moves it, then lets pending I/O run. */
export async function virtualSleep(ms: number): Promise<void> {
	virtualClock.aheadMs += Math.max(0, ms);
	await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Date.now reads the virtual clock while the tests of the calling file or describe block run: the real time plus
 * what the sleeps added, or with `frozen` only what the sleeps (and the test, through `virtualClock.aheadMs`)
 * added, for a test that measures a length on it which the machine's load must not stretch.
 */
export function useVirtualClock(options: { frozen?: boolean } = {}): void {
	let spy: jest.SpyInstance<number, []> | undefined;
	beforeAll(() => {
		const real = Date.now.bind(Date);
		const start = real();
		spy = jest.spyOn(Date, 'now').mockImplementation(() => (options.frozen ? start : real()) + virtualClock.aheadMs);
	});
	afterAll(() => {
		spy?.mockRestore();
		virtualClock.aheadMs = 0;
	});
}

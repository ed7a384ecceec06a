// The emulator's job clock: webhooks must never describe a job one state too early.
import { State } from '../src/state.cjs';

describe('the emulator job clock', () => {
	afterEach(() => jest.useRealTimers());

	it('waits again when a timer fires before the wall clock reaches its target', () => {
		jest.useFakeTimers({ now: 1_000_000 });
		const state = new State();
		const fired: number[] = [];
		state.at(1_000_100, () => fired.push(Date.now()));
		// The timer is due after 100 ms, but the wall clock lags 5 ms behind it, as Node's clock can.
		jest.setSystemTime(1_000_000 - 5);
		jest.advanceTimersByTime(100);
		expect(fired).toEqual([]);
		jest.advanceTimersByTime(5);
		expect(fired).toEqual([1_000_100]);
		state.stopTimers();
	});

	it('clears a re-armed timer on stop', () => {
		jest.useFakeTimers({ now: 1_000_000 });
		const state = new State();
		const fired: number[] = [];
		state.at(1_000_100, () => fired.push(Date.now()));
		jest.setSystemTime(1_000_000 - 5);
		jest.advanceTimersByTime(100);
		state.stopTimers();
		jest.advanceTimersByTime(1000);
		expect(fired).toEqual([]);
	});
});

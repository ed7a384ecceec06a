import { decideEmissions, initialWatchState } from '../../nodes/SyncLabs/shared/terminalWatch';

const T0 = Date.parse('2026-11-27T06:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const terminal = (s: string) => ['COMPLETED', 'FAILED', 'REJECTED'].includes(s);

describe('decideEmissions', () => {
	it('starts the watermark at the lookback before the first poll', () => {
		expect(initialWatchState(T0, 30)).toEqual({ watermark: at(-30), emitted: [] });
	});

	it('emits terminal objects oldest first and keeps the watermark below anything still running', () => {
		const state = { watermark: at(-30), emitted: [] };
		const decision = decideEmissions(
			state,
			[
				{ id: 'c', status: 'COMPLETED', createdAt: at(-5) },
				{ id: 'r', status: 'PROCESSING', createdAt: at(-20) },
				{ id: 'a', status: 'FAILED', createdAt: at(-25) },
			],
			terminal,
			T0,
		);
		expect(decision.emit.map((o) => o.id)).toEqual(['a', 'c']);
		expect(decision.state.watermark).toBe(at(-20));
		expect(decision.state.emitted).toEqual(['c:COMPLETED']);
	});

	it('does not emit twice what it already emitted, and emits a later terminal status of the same object', () => {
		const state = { watermark: at(-10), emitted: ['x:COMPLETED'] };
		const listed = [
			{ id: 'x', status: 'COMPLETED', createdAt: at(-2) },
			{ id: 'y', status: 'FAILED', createdAt: at(-2) },
		];
		expect(decideEmissions(state, listed, terminal, T0).emit.map((o) => o.id)).toEqual(['y']);
	});

	it('ignores objects listed from before the watermark and never moves the watermark back', () => {
		const state = { watermark: at(-10), emitted: [] };
		const decision = decideEmissions(state, [{ id: 'old', status: 'COMPLETED', createdAt: at(-60) }], terminal, T0);
		expect(decision.emit).toEqual([]);
		expect(Date.parse(decision.state.watermark)).toBeGreaterThanOrEqual(Date.parse(state.watermark));
	});

	it('keeps a minute of overlap when nothing is running, for clock skew', () => {
		const decision = decideEmissions({ watermark: at(-10), emitted: [] }, [{ id: 'n', status: 'COMPLETED', createdAt: at(-0.5) }], terminal, T0);
		expect(decision.state.watermark).toBe(at(-1));
		expect(decision.state.emitted).toEqual(['n:COMPLETED']);
	});
});

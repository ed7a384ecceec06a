import { mapWithConcurrency } from '../../../nodes/SyncLabs/actions/common/concurrency';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('mapWithConcurrency', () => {
	it('keeps results in input order while never exceeding the limit', async () => {
		let inFlight = 0;
		let peak = 0;
		const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 3, async (n) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			for (let i = 0; i < n; i++) await tick();
			inFlight--;
			return n * 10;
		});
		expect(results).toEqual([50, 10, 40, 20, 30, 0]);
		expect(peak).toBe(3);
	});

	it('starts no new item after a failure and rethrows the first error once running items settle', async () => {
		const started: number[] = [];
		await expect(
			mapWithConcurrency([0, 1, 2, 3, 4, 5], 2, async (n) => {
				started.push(n);
				await tick();
				if (n === 1) throw new Error('item 1 failed');
				return n;
			}),
		).rejects.toThrow('item 1 failed');
		expect(started).toEqual([0, 1, 2]);
	});

	it.each([1, 2, 3, 4, 5])('seed %i: the first failure aborts the signal the running items hold, so they stop waiting; none starts after it', async (seed) => {
		let state = seed;
		const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
		const count = 5 + Math.floor(rand() * 20);
		const limit = 1 + Math.floor(rand() * 6);
		// The others would wait (almost) forever unless stopped, so the failing item must be among the first started.
		const failing = Math.floor(rand() * Math.min(limit, count));
		const started: number[] = [];
		const stoppedBySignal: number[] = [];
		await expect(
			mapWithConcurrency(Array.from({ length: count }, (_, n) => n), limit, async (n, _index, signal) => {
				started.push(n);
				const steps = n === failing ? 1 + Math.floor(rand() * 3) : 1_000_000;
				for (let i = 0; i < steps; i++) {
					if (signal.aborted) {
						stoppedBySignal.push(n);
						throw new Error(`item ${n} stopped`);
					}
					await tick();
				}
				if (n === failing) throw new Error(`item ${n} failed`);
				return n;
			}),
		).rejects.toThrow(`item ${failing} failed`);
		const firstWave = Array.from({ length: Math.min(limit, count) }, (_, n) => n);
		expect(started).toEqual(firstWave);
		expect(stoppedBySignal.sort((x, y) => x - y)).toEqual(firstWave.filter((n) => n !== failing));
	});

	it('handles an empty list and a limit below one', async () => {
		expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
		expect(await mapWithConcurrency([1, 2], 0, async (n) => n)).toEqual([1, 2]);
	});
});

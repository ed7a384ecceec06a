import { mapWithConcurrency } from '../../nodes/SyncLabs/helpers/concurrency';

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

	it('handles an empty list and a limit below one', async () => {
		expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
		expect(await mapWithConcurrency([1, 2], 0, async (n) => n)).toEqual([1, 2]);
	});
});

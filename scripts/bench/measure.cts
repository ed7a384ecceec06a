// Side-by-side timing helpers: the machines are shared and noisy, so every figure is a ratio of two
// things measured alternately in the same process, reported as the median over several rounds.

export function timeLoop(iterations: number, fn: () => unknown): number {
	const start = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) fn();
	return Number(process.hrtime.bigint() - start) / iterations; // ns per call
}

export async function timeLoopAsync(iterations: number, fn: () => Promise<unknown>): Promise<number> {
	const start = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) await fn();
	return Number(process.hrtime.bigint() - start) / iterations;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs A and B alternately `rounds` times and returns the per-round ratios A/B and both medians. */
export function compare(rounds: number, iterations: number, a: () => unknown, b: () => unknown) {
	const ratios: number[] = [];
	const aTimes: number[] = [];
	const bTimes: number[] = [];
	timeLoop(Math.min(iterations, 20000), a);
	timeLoop(Math.min(iterations, 20000), b);
	for (let r = 0; r < rounds; r++) {
		const ta = timeLoop(iterations, a);
		const tb = timeLoop(iterations, b);
		aTimes.push(ta);
		bTimes.push(tb);
		ratios.push(ta / tb);
	}
	return { ratio: median(ratios), ratios, aNs: median(aTimes), bNs: median(bTimes) };
}

export function line(label: string, value: string): void {
	console.log(`${label.padEnd(64)} ${value}`);
}

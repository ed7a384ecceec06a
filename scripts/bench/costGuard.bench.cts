// What the cost guard (nodes/SyncLabs/actions/common/costGuard.ts) adds to a run of Generation → Create: the
// same items created with no cap and with caps set, alternately, against the emulator with an API latency.
// Printed side by side: requests per item, and the wall time per item with and without the guard, their
// difference (the time the guard adds per item) and their ratio, each the median over the rounds.
import * as emulatorModule from '../../test/emulator/index.cjs';
import * as runnerModule from '../../test/runner/index.cjs';
import { line, median } from './measure.cjs';

export interface CostGuardBenchSize {
	creates: number;
	latencyMs: number;
	rounds: number;
}

export const FULL_COST_GUARD_BENCH: CostGuardBenchSize = { creates: 100, latencyMs: 200, rounds: 3 };
export const QUICK_COST_GUARD_BENCH: CostGuardBenchSize = { creates: 10, latencyMs: 20, rounds: 1 };

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const CAPS = { maxCostPerItemUsd: 5, maxCostPerExecutionUsd: 1000 };

export async function costGuardBench(size: CostGuardBenchSize = FULL_COST_GUARD_BENCH): Promise<void> {
	const emulator = await emulatorModule.startEmulator({ port: 0, pendingMs: 0, processingMs: 0, latencyMs: size.latencyMs });
	const items = Array.from({ length: size.creates }, (_, n) => ({ json: { n } }));
	const run = async (caps: object) => {
		emulator.reset();
		const started = process.hrtime.bigint();
		const result = await runnerModule.runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualUrl: `={{ "${VIDEO}?sync_duration_s=10&n=" + $json.n }}`,
				audioUrl: AUDIO,
				completion: 'immediately',
				options: { ...caps },
			},
			items,
			credentials: { apiKey: 'bench', baseUrl: emulator.url },
		});
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		if (result.status !== 'success' || emulator.counters.generationsCreated !== size.creates) throw new Error(`cost guard bench run failed: ${result.error?.message}`);
		return { msPerItem: ms / size.creates, requestsPerItem: emulator.requests.length / size.creates };
	};
	try {
		const without: Array<{ msPerItem: number; requestsPerItem: number }> = [];
		const withGuard: Array<{ msPerItem: number; requestsPerItem: number }> = [];
		// One unmeasured run of each first: the first run of a process also loads and compiles the node, which
		// would be counted against whichever side ran first.
		await run({});
		await run(CAPS);
		for (let round = 0; round < size.rounds; round++) {
			without.push(await run({}));
			withGuard.push(await run(CAPS));
		}
		const msWithout = median(without.map((r) => r.msPerItem));
		const msWith = median(withGuard.map((r) => r.msPerItem));
		console.log(`\n== ${size.creates} creates with and without the cost guard, ${size.latencyMs} ms API latency (node default concurrency 3)`);
		line('requests per item, no cap', median(without.map((r) => r.requestsPerItem)).toFixed(2));
		line('requests per item, Max Cost per Item and per Execution set', median(withGuard.map((r) => r.requestsPerItem)).toFixed(2));
		line('wall time per item, no cap (ms)', msWithout.toFixed(1));
		line('wall time per item, caps set (ms)', msWith.toFixed(1));
		// A difference within the machine's noise may come out below zero; it is printed as measured.
		line('time the guard adds per item (ms)', (msWith - msWithout).toFixed(1));
		line('wall time caps set / no cap', `${(msWith / msWithout).toFixed(2)}x`);
	} finally {
		await emulator.stop();
	}
}

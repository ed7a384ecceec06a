// The cost guard's caps set by expressions (a sheet column, a form field, an AI Agent's $fromAI): whatever they
// resolve to, a cap never lets through more than it says, and what is no amount is refused before any request.
// The emulator prices lipsync-2 at $0.05 per second of video (`sync_duration_s=N`).
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunnerInputItem } from '../../runner/index.cjs';

const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 0, processingMs: 0 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const itemsOf = (...seconds: number[]): RunnerInputItem[] => seconds.map((s) => ({ json: { seconds: s } }));

function create(options: INodeParameters, items: RunnerInputItem[], continueOnFail = false) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualUrl: '={{ "https://media.example.com/speaker.mp4?sync_duration_s=" + $json.seconds }}',
			audioUrl: AUDIO,
			completion: 'immediately',
			options: { concurrency: 1, ...options },
		},
		items,
		credentials: { apiKey: 'key-cap-expressions', baseUrl: emulator.url },
		continueOnFail,
	});
}

describe('a cap given by an expression as text', () => {
	it.each([
		['"0.05"', '={{ "0.05" }}'],
		['"5e-2"', '={{ "5e-2" }}'],
		['" 0.05 "', '={{ " 0.05 " }}'],
	])('Max Cost per Item %s is read as $0.05: an item estimated at $0.10 is not created', async (_shown, cap) => {
		const result = await create({ maxCostPerItemUsd: cap }, itemsOf(2));
		expect(emulator.counters.generationsCreated).toBe(0);
		expect(result.status).toBe('error');
	});

	it.each([
		['"0.15"', '={{ "0.15" }}'],
		['"1.5e-1"', '={{ "1.5e-1" }}'],
	])('Max Cost per Execution %s is read as $0.15: of three items at $0.10, one is created', async (_shown, cap) => {
		await create({ maxCostPerExecutionUsd: cap }, itemsOf(2, 2, 2), true);
		expect(emulator.counters.generationsCreated).toBe(1);
	});

	it.each([
		['"$0.05"', '={{ "$0.05" }}'],
		['"0,05"', '={{ "0,05" }}'],
		['"abc"', '={{ "abc" }}'],
		['NaN', '={{ 0/0 }}'],
		['Infinity', '={{ 1/0 }}'],
	])('Max Cost per Item %s creates nothing', async (_shown, cap) => {
		const result = await create({ maxCostPerItemUsd: cap }, itemsOf(2));
		expect(result.status).toBe('error');
		expect(emulator.counters.generationsCreated).toBe(0);
	});
});

describe('a cap at or below zero', () => {
	it('Max Cost per Execution 0 creates nothing that costs anything', async () => {
		await create({ maxCostPerExecutionUsd: 0 }, itemsOf(2, 1), true);
		expect(emulator.counters.generationsCreated).toBe(0);
	});

	it('a negative Max Cost per Item from an expression creates nothing', async () => {
		const result = await create({ maxCostPerItemUsd: '={{ -1 }}' }, itemsOf(2));
		expect(result.status).toBe('error');
		expect(emulator.counters.generationsCreated).toBe(0);
	});
});

describe('estimates with more than six decimals', () => {
	it('three items of 1/3 s (each $0.01666…) under an execution cap of $0.05: the admitted estimates, rounded up, never pass the cap', async () => {
		const third = 1 / 3;
		const result = await create({ maxCostPerExecutionUsd: 0.05 }, itemsOf(third, third, third), true);
		const admitted = result.items.filter((i) => i.json.error === undefined);
		const sumMicros = admitted.reduce((sum, i) => sum + Math.round((i.json.estimatedCostUsd as number) * 1e6), 0);
		expect(sumMicros).toBeLessThanOrEqual(50_000);
		expect(emulator.counters.generationsCreated).toBe(admitted.length);
	});
});

describe('an estimate too large to count in micro-dollars', () => {
	it('is refused above the cap even with Allow Unestimated Items, never counted as $0', async () => {
		const result = await create({ maxCostPerExecutionUsd: 1, allowUnestimatedItems: true }, itemsOf(1e12), true);
		expect(result.items[0].json.error).toMatch(/above Max Cost per Execution \(\$1\.00\), so it was not created$/);
		expect(emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate')).toEqual([]);
	});
});

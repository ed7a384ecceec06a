// Generation → Get Cost against the emulator (real HTTP, Sync's cost clock): Wait for Final Cost asks again
// after the retryAfterSeconds Sync gives, follows a dub from partial to complete, returns at once on
// unavailable, gives up after Max Wait Time naming what is known; each money switch seen through the node
// (docs/sync-api-2026.md#costs, #emulator-switches).
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useVirtualClock, virtualSleep } from '../../transport/virtualClock.cjs';

// The waits (Sync's retryAfterSeconds, the Check Interval, Max Wait Time) pass on a virtual clock that Sync's cost
// clock reads too: the requests' times and the node's decisions are as in real time, without the seconds.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async (ms: number) => await virtualSleep(ms) }));
useVirtualClock();

const API_KEY = 'cost-waiting-key';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 5, now: () => Date.now() });
});
afterEach(() => {
	emulator.reset();
	Object.assign(emulator.config, { costDelayMs: 0, dubbingCostDelayMs: 0, speechComponentName: 'speech_synthesis', costUnknownComponent: false });
});
afterAll(async () => emulator.stop());

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

async function finishedGeneration(body: IDataObject): Promise<string> {
	const response = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.status).toBe(201);
	const { id } = (await response.json()) as { id: string };
	for (let i = 0; i < 300 && (emulator.getGeneration(id) as { status?: string } | undefined)?.status !== 'COMPLETED'; i++) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	return id;
}

const lipSync = (videoQuery = '') => finishedGeneration({ model: 'lipsync-2', input: [{ type: 'video', url: `${VIDEO}${videoQuery}` }, { type: 'audio', url: AUDIO }] });

const getCost = async (generationId: string, options: INodeParameters = {}) =>
	await runNode({ parameters: { resource: 'generation', operation: 'getCost', generationId, options }, credentials: { apiKey: API_KEY, baseUrl: emulator.url } });

const costRequests = () => emulator.requests.filter((r) => r.path.endsWith('/costs'));
const answered = (index: number) => costRequests()[index].response as IDataObject;

describe('Wait for Final Cost', () => {
	it('asks again after the retryAfterSeconds Sync gives, not sooner, and outputs the complete cost', async () => {
		emulator.config.costDelayMs = 1500;
		const id = await lipSync();
		const result = await getCost(id, { waitForFinalCost: true });
		expect(result.error).toBeUndefined();
		const [first, second] = costRequests();
		expect(costRequests()).toHaveLength(2);
		expect(answered(0)).toMatchObject({ availability: 'pending', totalCostUsd: null, retryAfterSeconds: expect.any(Number) });
		const retryAfterMs = (answered(0).retryAfterSeconds as number) * 1000;
		expect(second.at - first.at).toBeGreaterThanOrEqual(retryAfterMs - 5);
		expect(second.at - first.at).toBeLessThan(retryAfterMs + 1000);
		// 1 s of lipsync-2 at $0.05 a second: 25 frames of $0.002.
		expect(result.items[0].json).toMatchObject({ availability: 'complete', totalCostUsd: '0.050000', totalCostUsdNumber: 0.05 });
	});

	it('outputs the pending cost after one request without the option', async () => {
		emulator.config.costDelayMs = 60_000;
		const id = await lipSync();
		const result = await getCost(id);
		expect(costRequests()).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ availability: 'pending', totalCostUsdNumber: null, knownSubtotalUsd: '0.000000', knownSubtotalUsdNumber: 0 });
	});

	it('follows a dub from partial (lip sync recorded, dubbing pending) to complete, with both parts as numbers', async () => {
		emulator.config.dubbingCostDelayMs = 1500;
		const id = await finishedGeneration({ model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }], dubParams: { targetLang: 'es' } });
		const result = await getCost(id, { waitForFinalCost: true });
		expect(result.error).toBeUndefined();
		expect(answered(0)).toMatchObject({ availability: 'partial', totalCostUsd: null });
		const json = result.items[0].json;
		expect(json.availability).toBe('complete');
		const parts = json.components as IDataObject[];
		expect(parts.map((p) => p.type)).toEqual(['lipsync', 'dubbing']);
		for (const part of parts) expect(part.amountUsdNumber).toBe(Number(part.amountUsd));
		// The total is the parts' sum, exact in micro-dollars.
		const sum = parts.reduce((micros, p) => micros + Math.round(Number(p.amountUsd) * 1e6), 0);
		expect(Math.round((json.totalCostUsdNumber as number) * 1e6)).toBe(sum);
	});

	it('returns at once when Sync says the cost is unavailable, which it never changes', async () => {
		const id = await lipSync('?sync_cost=unavailable');
		const started = Date.now();
		const result = await getCost(id, { waitForFinalCost: true, pollInterval: 1 });
		expect(Date.now() - started).toBeLessThan(900);
		expect(costRequests()).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ availability: 'unavailable', totalCostUsdNumber: null });
	});

	it('gives up after Max Wait Time with an error naming the generation and what is known, even when Sync asks to wait longer', async () => {
		emulator.config.costDelayMs = 60_000;
		const id = await lipSync();
		const started = Date.now();
		const result = await getCost(id, { waitForFinalCost: true, maxWaitTime: 2 });
		const elapsed = Date.now() - started;
		expect(answered(0).retryAfterSeconds).toBeGreaterThan(50);
		expect(result.error?.message).toBe(`The cost of generation ${id} is still pending after 2 seconds ($0.000000 known so far, 2 checks) (item 0)`);
		expect(costRequests()).toHaveLength(2);
		expect(elapsed).toBeGreaterThanOrEqual(2000);
		expect(elapsed).toBeLessThan(5000);
	});

	it('keeps asking at the Check Interval while a part stays out with no time suggested, then gives up naming the known subtotal', async () => {
		const id = await finishedGeneration({ model: 'lipsync-2', input: [{ type: 'video', url: `${VIDEO}?sync_cost=dubbing_unavailable` }], dubParams: { targetLang: 'es' } });
		const result = await getCost(id, { waitForFinalCost: true, maxWaitTime: 2, pollInterval: 1 });
		expect(answered(0)).toMatchObject({ availability: 'partial', retryAfterSeconds: null });
		expect(costRequests()).toHaveLength(3);
		// A dub to Spanish is 1.15 times as long: 29 frames of lip sync at $0.002 are known, the dubbing part never.
		expect(answered(2).knownSubtotalUsd).toBe('0.058000');
		expect(result.error?.message).toBe(`The cost of generation ${id} is still partial after 2 seconds ($0.058000 known so far, 3 checks) (item 0)`);
	});
});

describe('the parts of a cost, as the money switches shape them', () => {
	const withText = () =>
		finishedGeneration({
			model: 'lipsync-2',
			input: [{ type: 'video', url: VIDEO }, { type: 'text', provider: { name: 'elevenlabs', voiceId: 'EXAVITQu4vr4xnSDxMaL', script: 'Hello there' } }],
		});

	it.each(['speech_synthesis', 'speech'] as const)('gives the speech part named %s its number', async (name) => {
		emulator.config.speechComponentName = name;
		const result = await getCost(await withText());
		const speech = (result.items[0].json.components as IDataObject[]).find((p) => p.type === name);
		// 11 characters at $0.0003.
		expect(speech).toMatchObject({ amountUsd: '0.003300', amountUsdNumber: 0.0033 });
	});

	it('passes a part of a kind it does not know through exactly as Sync sent it', async () => {
		emulator.config.costUnknownComponent = true;
		const id = await lipSync();
		const result = await getCost(id);
		const sent = (answered(0).components as IDataObject[]).find((p) => p.type === 'storage');
		const out = (result.items[0].json.components as IDataObject[]).find((p) => p.type === 'storage');
		expect(out).toEqual(sent);
		expect(out).not.toHaveProperty('amountUsdNumber');
	});
});

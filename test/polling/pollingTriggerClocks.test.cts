// The Polling Trigger against the emulator with Sync's clock and n8n's clock both under the test's control.
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { createPoller } from '../runner/index.cjs';

const T0 = Date.parse('2026-11-27T06:00:00Z');
const MIN = 60_000;
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const clocks = { sync: T0, skew: 0 };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 1000, processingMs: 5000, now: () => clocks.sync });
});
beforeEach(() => {
	clocks.sync = T0;
	jest.spyOn(Date, 'now').mockImplementation(() => clocks.sync + clocks.skew);
});
afterEach(() => {
	jest.restoreAllMocks();
	emulator.reset();
});
afterAll(async () => emulator.stop());

async function post(path: string, body: unknown): Promise<string> {
	const r = await fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'x-api-key': 'k', 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return ((await r.json()) as { id: string }).id;
}
const input = (processingMs: number) => [{ type: 'video', url: `${VIDEO}?sync_processing_ms=${processingMs}` }, { type: 'audio', url: AUDIO }];
const poller = (watch: string[], lookbackMinutes = 60) =>
	createPoller({ parameters: { watch, events: [], options: { lookbackMinutes } }, credentials: { apiKey: 'k', baseUrl: emulator.url } });

describe('Sync Labs Polling Trigger with controlled clocks', () => {
	it('emits a batch that is still running an hour after its creation, once, when it completes', async () => {
		const p = poller(['batch']);
		await p.poll();
		clocks.sync += MIN;
		const rows = Array.from({ length: 20 }, (_, i) => ({ request_id: `r${i}`, endpoint: '/v2/generate', payload: { model: 'lipsync-2', input: input(2 * 60 * MIN) } }));
		const batch = await post('/v2/batch', { rows });
		const emitted: unknown[] = [];
		for (let m = 0; m < 180; m += 2) {
			clocks.sync += 2 * MIN;
			emitted.push(...(await p.poll()).map((i) => [i.json.id, i.json.event]));
		}
		expect(emitted).toEqual([[batch, 'batch.completed']]);
	});

	it.each([10, -10])('emits short generations created after the first poll when n8n runs %i min off Sync', async (skewMinutes) => {
		clocks.skew = skewMinutes * MIN;
		const p = poller(['generation'], 0);
		await p.poll();
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) {
			clocks.sync += 20_000;
			ids.push(await post('/v2/generate', { model: 'lipsync-2', input: input(2000) }));
		}
		clocks.sync += MIN;
		const emitted = (await p.poll()).map((i) => i.json.id);
		clocks.sync += MIN;
		emitted.push(...(await p.poll()).map((i) => i.json.id));
		expect(emitted.sort()).toEqual(ids.sort());
	});

	it('keeps draining without repeats when the generation its backlog cursor names is deleted', async () => {
		const p = createPoller({ parameters: { watch: ['generation'], events: [], options: { lookbackMinutes: 0 } }, credentials: { apiKey: 'k', baseUrl: emulator.url }, pollBudgetMs: null });
		await p.poll();
		const ids: string[] = [];
		for (let i = 0; i < 6000; i += 500) {
			clocks.sync += 1000;
			const rows = Array.from({ length: 500 }, (_, j) => ({ request_id: `r${j}`, endpoint: '/v2/generate', payload: { model: 'lipsync-2', input: input(1000) } }));
			await post('/v2/batch', { rows });
		}
		clocks.sync += 10 * MIN;
		const emitted = (await p.poll()).map((i) => String(i.json.id));
		const gaps = (p.liveNodeStaticData().generations as { gaps: Array<{ cursor: string }> }).gaps;
		expect(gaps.length).toBeGreaterThan(0);
		await fetch(`${emulator.url}/v2/generations/${gaps[0].cursor}`, { method: 'DELETE', headers: { 'x-api-key': 'k' } });
		for (let i = 0; i < 10; i++) {
			clocks.sync += MIN;
			emitted.push(...(await p.poll()).map((e) => String(e.json.id)));
		}
		const list = (await fetch(`${emulator.url}/v2/generations`, { headers: { 'x-api-key': 'k' } }).then((r) => r.json())) as Array<{ id: string }>;
		ids.push(...list.map((g) => g.id));
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted.filter((id) => id !== gaps[0].cursor).sort()).toEqual(ids.sort());
	});
});

// On the first run, what was created before `now - lookback` and is already terminal is skipped; what is still
// running is tracked and emitted when it finishes (nodes/SyncLabs/polling/terminalWatch.ts consider(),
// FIRST_RUN_RUNNING_SPAN_MS). Failed when the first run marked everything before the cutoff processed.
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { createPoller } from '../runner/index.cjs';

const T0 = Date.parse('2026-11-27T06:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const clocks = { sync: T0, skew: 0 };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 1000, processingMs: 5000, now: () => clocks.sync });
});
beforeEach(() => {
	clocks.sync = T0;
	clocks.skew = 0;
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

describe('Polling Trigger: objects still running at the first poll are emitted when they finish', () => {
	it('emits a batch created two hours before activation that completes after it (default 60 min lookback)', async () => {
		const rows = Array.from({ length: 20 }, (_, i) => ({ request_id: `r${i}`, endpoint: '/v2/generate', payload: { model: 'lipsync-2', input: input(3 * HOUR) } }));
		const batch = await post('/v2/batch', { rows });
		clocks.sync += 2 * HOUR;
		const p = createPoller({ parameters: { watch: ['batch'], events: [], options: { lookbackMinutes: 60 } }, credentials: { apiKey: 'k', baseUrl: emulator.url } });
		const emitted = (await p.poll()).map((i) => String(i.json.id));
		for (let m = 0; m < 150; m += 5) {
			clocks.sync += 5 * MIN;
			emitted.push(...(await p.poll()).map((i) => String(i.json.id)));
		}
		const view = (await fetch(`${emulator.url}/v2/batch/${batch}`, { headers: { 'x-api-key': 'k' } }).then((r) => r.json())) as { status: string };
		expect(view.status).toBe('COMPLETED');
		expect(emitted).toEqual([batch]);
	});

	it('emits a generation still processing at activation with lookback 0 when it completes after activation', async () => {
		const gen = await post('/v2/generate', { model: 'lipsync-2', input: input(10 * MIN) });
		clocks.sync += MIN;
		const p = createPoller({ parameters: { watch: ['generation'], events: [], options: { lookbackMinutes: 0 } }, credentials: { apiKey: 'k', baseUrl: emulator.url } });
		const emitted = (await p.poll()).map((i) => String(i.json.id));
		for (let m = 0; m < 20; m += 2) {
			clocks.sync += 2 * MIN;
			emitted.push(...(await p.poll()).map((i) => String(i.json.id)));
		}
		expect(emitted).toEqual([gen]);
	});
});

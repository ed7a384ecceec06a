// n8n's clock can jump by 20 min when n8n restarts with another skew (10 min behind -> 10 min ahead). The window
// below the top must not count as settled on that clock alone (nodes/SyncLabs/polling/terminalWatch.ts,
// SETTLE_POLLS), or a generation Sync lists a little late (createdAt below the top, inside the 5 min margin) is
// never emitted. Failed before the poll count was added (settling on n8n time only).
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { createPoller } from '../runner/index.cjs';

const T0 = Date.parse('2026-11-27T06:00:00Z');
const MIN = 60_000;
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const clocks = { sync: T0, skew: 0 };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 1000, processingMs: 1000, now: () => clocks.sync });
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

async function createGeneration(): Promise<string> {
	const r = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: `${VIDEO}?sync_processing_ms=1000` }, { type: 'audio', url: AUDIO }] }),
	});
	return ((await r.json()) as { id: string }).id;
}

async function scenario(skewAfterRestart: number): Promise<{ late: string; emitted: string[] }> {
	clocks.skew = -10 * MIN;
	const p = createPoller({ parameters: { watch: ['generation'], events: [], options: { lookbackMinutes: 60 } }, credentials: { apiKey: 'k', baseUrl: emulator.url } });
	await p.poll();
	clocks.sync += MIN;
	const first = await createGeneration();
	const topAt = clocks.sync;
	clocks.sync += 10_000;
	const emitted = (await p.poll()).map((i) => String(i.json.id));
	expect(emitted).toEqual([first]);
	// n8n restarts 20 s later with its clock now 10 min ahead of Sync's (the brief's ±10 min).
	p.restart();
	clocks.skew = skewAfterRestart;
	clocks.sync += 20_000;
	emitted.push(...(await p.poll()).map((i) => String(i.json.id)));
	// A generation created 30 s before the top appears in Sync's list only now (list lag, well inside the margin).
	const now = clocks.sync;
	clocks.sync = topAt - 30_000;
	const late = await createGeneration();
	clocks.sync = now;
	for (let i = 0; i < 10; i++) {
		clocks.sync += MIN;
		emitted.push(...(await p.poll()).map((e) => String(e.json.id)));
	}
	return { late, emitted };
}

describe('Polling Trigger: late-listed generation after n8n restarts with another clock skew', () => {
	it('emits a generation listed late below the top even when n8n came back with its clock 20 min further ahead', async () => {
		const { late, emitted } = await scenario(10 * MIN);
		expect(emitted.filter((id) => id === late)).toEqual([late]);
	});

	it('emits the same late generation once when n8n came back with the same skew', async () => {
		const { late, emitted } = await scenario(-10 * MIN);
		expect(emitted.filter((id) => id === late)).toEqual([late]);
	});
});

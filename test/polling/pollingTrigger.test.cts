import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { createPoller } from '../runner/index.cjs';

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 50 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

async function createGeneration(query = ''): Promise<string> {
	const response = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': 'poll-key', 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: `${VIDEO}${query}` }, { type: 'audio', url: AUDIO }] }),
	});
	return ((await response.json()) as { id: string }).id;
}

const poller = (parameters: Record<string, unknown> = {}) =>
	createPoller({ parameters: { watch: ['generation'], events: [], ...parameters }, credentials: { apiKey: 'poll-key', baseUrl: emulator.url } });

describe('Sync Labs Polling Trigger', () => {
	it('emits each generation that finished since the last poll exactly once, typed like webhook events', async () => {
		const p = poller();
		expect(await p.poll()).toEqual([]);
		const first = await createGeneration();
		const failed = await createGeneration('?sync_outcome=failed');
		await sleep(150);
		const emitted = await p.poll();
		expect(emitted.map((i) => [i.json.id, i.json.event])).toEqual([
			[first, 'generation.completed'],
			[failed, 'generation.failed'],
		]);
		expect(emitted[1].json).toMatchObject({ kind: 'generation', errorCode: 'generation_pipeline_failed', payload: { id: failed } });
		expect(await p.poll()).toEqual([]);
	});

	it('emits generations that finished while n8n was stopped, once, after it starts again', async () => {
		const p = poller();
		await p.poll();
		// Created and running at the last poll before the stop.
		const running = await createGeneration('?sync_processing_ms=300');
		expect(await p.poll()).toEqual([]);
		// n8n is down: more generations start and finish, including the running one.
		const whileDown = [await createGeneration(), await createGeneration('?sync_outcome=rejected'), await createGeneration()];
		await sleep(450);
		const afterRestart = await p.poll();
		expect(afterRestart.map((i) => i.json.id).sort()).toEqual([running, ...whileDown].sort());
		expect(await p.poll()).toEqual([]);
	});

	it('looks back on the first run only as far as configured', async () => {
		const old = await createGeneration();
		await sleep(100);
		const withLookback = poller({ options: { lookbackMinutes: 5 } });
		expect((await withLookback.poll()).map((i) => i.json.id)).toEqual([old]);
		const withoutLookback = poller({ options: { lookbackMinutes: 0 } });
		expect(await withoutLookback.poll()).toEqual([]);
	});

	it('applies the event filter', async () => {
		const p = poller({ events: ['generation.failed'] });
		await p.poll();
		await createGeneration();
		const failed = await createGeneration('?sync_outcome=failed');
		await sleep(150);
		expect((await p.poll()).map((i) => i.json.id)).toEqual([failed]);
	});

	it('pages through more generations than fit on one page', async () => {
		const p = poller({ options: { lookbackMinutes: 5 } });
		const ids = [];
		for (let i = 0; i < 130; i++) ids.push(await createGeneration(`?n=${i}`));
		await sleep(200);
		const emitted = await p.poll();
		expect(emitted).toHaveLength(130);
		expect(new Set(emitted.map((i) => i.json.id)).size).toBe(130);
		expect(emulator.requests.filter((r) => r.path === '/v2/generations').length).toBeGreaterThanOrEqual(2);
	});

	it('shows the latest finished generation on a manual test poll without moving its state', async () => {
		const p = poller({ options: { lookbackMinutes: 5 } });
		await createGeneration();
		const latest = await createGeneration();
		await sleep(150);
		expect((await p.poll('manual')).map((i) => i.json.id)).toEqual([latest]);
		expect(p.savedStaticData()).toEqual({});
		expect(await p.poll()).toHaveLength(2);
	});

	it('watches batches too', async () => {
		const p = poller({ watch: ['batch'], options: { lookbackMinutes: 5 } });
		const rows = Array.from({ length: 20 }, (_, i) => ({
			request_id: `r${i}`,
			endpoint: '/v2/generate',
			payload: { model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }] },
		}));
		const response = await fetch(`${emulator.url}/v2/batch`, {
			method: 'POST',
			headers: { 'x-api-key': 'poll-key', 'content-type': 'application/json' },
			body: JSON.stringify({ rows }),
		});
		const batch = (await response.json()) as { id: string };
		for (let i = 0; i < 40; i++) {
			const emitted = await p.poll();
			if (emitted.length) {
				expect(emitted.map((e) => [e.json.id, e.json.event])).toEqual([[batch.id, 'batch.completed']]);
				expect(await p.poll()).toEqual([]);
				return;
			}
			await sleep(100);
		}
		throw new Error('the batch was never emitted');
	});
});

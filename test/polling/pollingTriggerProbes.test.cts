// Polling Trigger edge cases (issue 9, "What done looks like" 1). The first test failed before the first run's pass
// over Sync's running generations (nodes/SyncLabs/polling/terminalWatch.ts `running`): a generation created before
// the first run's span (lookback + 1 h) and still running was never emitted. The second: a poll failing on page 3.
import { startEmulator } from '../emulator/index.cjs';
import { createPoller } from '../runner/index.cjs';
import { HOUR, MIN, input, useTwoClocks } from './twoClocks.cjs';

const world = useTwoClocks();
const { clocks } = world;

describe('Polling Trigger probes', () => {
	it('emits a generation created three hours before activation that is still processing then, when it completes', async () => {
		const gen = await world.post('/v2/generate', { model: 'lipsync-2', input: input(4 * HOUR) });
		clocks.sync += 3 * HOUR - MIN;
		// Other work goes on: the account has a newer generation, finished before activation.
		const recent = await world.post('/v2/generate', { model: 'lipsync-2', input: input(1000) });
		clocks.sync += MIN;
		const p = world.poller(['generation']);
		const emitted = (await p.poll()).map((i) => String(i.json.id));
		for (let m = 0; m < 90; m += 5) {
			clocks.sync += 5 * MIN;
			emitted.push(...(await p.poll()).map((i) => String(i.json.id)));
		}
		const view = (await fetch(`${world.emulator.url}/v2/generations/${gen}`, { headers: { 'x-api-key': 'k' } }).then((r) => r.json())) as { status: string };
		expect(view.status).toBe('COMPLETED');
		expect(emitted).toEqual([recent, gen]);
	});

	it('emits everything once when a poll fails on its third page and the next poll succeeds', async () => {
		const p = world.poller(['generation']);
		await p.poll();
		const ids: string[] = [];
		for (let i = 0; i < 350; i++) ids.push(await world.post('/v2/generate', { model: 'lipsync-2', input: input(1000) }));
		clocks.sync += 10 * MIN;
		let lists = 0;
		world.onRequest = (r) => {
			if (r.method === 'GET' && r.path === '/v2/generations' && ++lists === 3) world.emulator.injectFault({ method: 'GET', path: '/v2/generations', status: 403, times: 1 });
		};
		const emitted: string[] = [];
		try {
			emitted.push(...(await p.poll()).map((i) => String(i.json.id)));
		} catch {
			/* a failed poll */
		}
		world.onRequest = undefined;
		for (let i = 0; i < 5; i++) {
			clocks.sync += MIN;
			emitted.push(...(await p.poll()).map((e) => String(e.json.id)));
		}
		expect(new Set(emitted).size).toBe(emitted.length);
		expect([...emitted].sort()).toEqual([...ids].sort());
	});

	it('emits a generation that finishes while pending exactly once, even when the list ignores its ids filter', async () => {
		const careless = await startEmulator({ port: 0, pendingMs: 1000, processingMs: 5000, now: () => clocks.sync, listIgnoresIds: true });
		try {
			const send = async (body: unknown) => {
				const r = await fetch(`${careless.url}/v2/generate`, { method: 'POST', headers: { 'x-api-key': 'k', 'content-type': 'application/json' }, body: JSON.stringify(body) });
				return ((await r.json()) as { id: string }).id;
			};
			const p = createPoller({ parameters: { watch: ['generation'], events: [], options: { lookbackMinutes: 60 } }, credentials: { apiKey: 'k', baseUrl: careless.url } });
			await p.poll();
			const long = await send({ model: 'lipsync-2', input: input(2 * HOUR) });
			clocks.sync += MIN;
			const emitted = (await p.poll()).map((i) => String(i.json.id));
			// 150 newer generations: a list that ignores `ids` answers the newest 100, without the long one.
			const short: string[] = [];
			for (let i = 0; i < 150; i++) short.push(await send({ model: 'lipsync-2', input: input(1000) }));
			for (let m = 0; m < 150; m += 5) {
				clocks.sync += 5 * MIN;
				emitted.push(...(await p.poll()).map((i) => String(i.json.id)));
			}
			expect(new Set(emitted).size).toBe(emitted.length);
			expect([...emitted].sort()).toEqual([long, ...short].sort());
		} finally {
			await careless.stop();
		}
	});
});

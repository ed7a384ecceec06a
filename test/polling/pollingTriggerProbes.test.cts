// Polling Trigger edge cases (docs/polling-trigger.md). The first test failed before the first run's pass
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

	it('emits every pending generation on a tight poll budget when several of them finished and were deleted between polls', async () => {
		// Each request takes 300 ms of both clocks; a 1.5 s budget holds about four. A deleted pending id is read
		// alone (404): the reads of one turn must not all be lost when the budget ends among them.
		world.onRequest = () => {
			clocks.sync += 300;
		};
		const p = createPoller({
			parameters: { watch: ['generation'], events: [], options: { lookbackMinutes: 60 } },
			credentials: { apiKey: 'k', baseUrl: world.emulator.url },
			pollBudgetMs: 1500,
		});
		await p.poll();
		const ids: string[] = [];
		for (let i = 0; i < 20; i++) ids.push(await world.post('/v2/generate', { model: 'lipsync-2', input: input(30 * MIN) }));
		clocks.sync += MIN;
		const emitted = (await p.poll()).map((i) => String(i.json.id));
		// A newer generation moves the top scan's window above them: only the pending re-check meets them again.
		clocks.sync += 10 * MIN;
		ids.push(await world.post('/v2/generate', { model: 'lipsync-2', input: input(1000) }));
		for (let i = 0; i < 3; i++) {
			clocks.sync += MIN;
			emitted.push(...(await p.poll()).map((e) => String(e.json.id)));
		}
		clocks.sync += 30 * MIN;
		const gone = ids.slice(0, 20).sort().filter((_, i) => i % 2 === 0);
		for (const id of gone) expect((await fetch(`${world.emulator.url}/v2/generations/${id}`, { method: 'DELETE', headers: { 'x-api-key': 'k' } })).status).toBe(200);
		for (let i = 0; i < 30; i++) {
			clocks.sync += 5 * MIN;
			emitted.push(...(await p.poll()).map((e) => String(e.json.id)));
		}
		expect(new Set(emitted).size).toBe(emitted.length);
		expect([...emitted].sort()).toEqual(ids.filter((id) => !gone.includes(id)).sort());
	});

	it('emits nothing twice when a backlog scan loses its cursor twice, the second time while re-listing above the first', async () => {
		// 300 generations one minute apart; each request takes 300 ms of both clocks and a 1.5 s budget leaves a
		// scan about two pages per poll. Both cursors the backlog scan stops at are deleted (a cleanup workflow).
		const p = createPoller({
			parameters: { watch: ['generation'], events: [], options: { lookbackMinutes: 60 } },
			credentials: { apiKey: 'k', baseUrl: world.emulator.url },
			pollBudgetMs: 1500,
		});
		await p.poll();
		const ids: string[] = [];
		for (let i = 0; i < 300; i++) {
			ids.push(await world.post('/v2/generate', { model: 'lipsync-2', input: input(1000) }));
			clocks.sync += MIN;
		}
		world.onRequest = () => {
			clocks.sync += 300;
		};
		const emitted: string[] = [];
		const cursor = () => ((p.liveNodeStaticData().generations as { gaps: Array<{ cursor: string | null }> }).gaps[0]?.cursor ?? null);
		const deleted: string[] = [];
		for (let i = 0; i < 40; i++) {
			emitted.push(...(await p.poll()).map((e) => String(e.json.id)));
			const at = cursor();
			if (at !== null && deleted.length < 2) {
				expect((await fetch(`${world.emulator.url}/v2/generations/${at}`, { method: 'DELETE', headers: { 'x-api-key': 'k' } })).status).toBe(200);
				deleted.push(at);
			}
			clocks.sync += MIN;
		}
		expect(deleted).toHaveLength(2);
		const twice = emitted.filter((id, i) => emitted.indexOf(id) !== i);
		expect(twice).toEqual([]);
		expect([...new Set(emitted)].sort()).toEqual([...ids].sort());
	});

	it('emits nothing twice when a backlog scan loses its cursor and re-lists from the top for several polls', async () => {
		// Each request takes 400 ms of both clocks: with a 1.5 s budget a backlog scan gets one page per poll, so
		// after its cursor is deleted it re-lists (skipping) for two polls before it is back where the cursor was.
		const p = createPoller({
			parameters: { watch: ['generation'], events: [], options: { lookbackMinutes: 60 } },
			credentials: { apiKey: 'k', baseUrl: world.emulator.url },
			pollBudgetMs: 1500,
		});
		const ids = [await world.post('/v2/generate', { model: 'lipsync-2', input: input(1000) })];
		clocks.sync += MIN;
		const emitted = (await p.poll()).map((e) => String(e.json.id));
		for (let i = 0; i < 400; i++) {
			ids.push(await world.post('/v2/generate', { model: 'lipsync-2', input: input(1000) }));
			clocks.sync += MIN;
		}
		world.onRequest = () => {
			clocks.sync += 400;
		};
		let deleted: string | null = null;
		for (let i = 0; i < 30; i++) {
			emitted.push(...(await p.poll()).map((e) => String(e.json.id)));
			const gap = (p.liveNodeStaticData().generations as { gaps: Array<{ cursor: string | null }> }).gaps[0];
			if (deleted === null && gap?.cursor) {
				deleted = gap.cursor;
				expect((await fetch(`${world.emulator.url}/v2/generations/${deleted}`, { method: 'DELETE', headers: { 'x-api-key': 'k' } })).status).toBe(200);
			}
			clocks.sync += MIN;
		}
		expect(deleted).not.toBeNull();
		expect(emitted.filter((id, i) => emitted.indexOf(id) !== i)).toEqual([]);
		expect([...new Set(emitted)].sort()).toEqual([...ids].sort());
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

	it('emits a batch created one millisecond after the newest batch, once its window settled, with an exclusive created_after', async () => {
		const rows = (ms: number) => Array.from({ length: 20 }, (_, i) => ({ request_id: `r${i}`, endpoint: '/v2/generate', payload: { model: 'lipsync-2', input: input(ms) } }));
		const p = world.poller(['batch']);
		await p.poll();
		clocks.sync += MIN;
		const topAt = clocks.sync;
		const first = await world.post('/v2/batch', { rows: rows(1000) });
		const emitted: string[] = [];
		// enough polls for the window below the top to settle (polling/terminalWatch.ts SETTLE_POLLS)
		for (let i = 0; i < 10; i++) {
			clocks.sync += MIN;
			emitted.push(...(await p.poll()).map((item) => String(item.json.id)));
		}
		const now = clocks.sync;
		clocks.sync = topAt + 1;
		const next = await world.post('/v2/batch', { rows: rows(1000) });
		clocks.sync = now;
		for (let i = 0; i < 5; i++) {
			clocks.sync += MIN;
			emitted.push(...(await p.poll()).map((item) => String(item.json.id)));
		}
		expect(emitted).toEqual([first, next]);
	});
});

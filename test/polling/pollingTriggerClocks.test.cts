// The Polling Trigger against the emulator with Sync's clock and n8n's clock both under the test's control.
import { createPoller } from '../runner/index.cjs';
import { MIN, input, useTwoClocks } from './twoClocks.cjs';

const world = useTwoClocks();
const { clocks } = world;

describe('Sync Labs Polling Trigger with controlled clocks', () => {
	it('emits a batch that is still running an hour after its creation, once, when it completes', async () => {
		const p = world.poller(['batch']);
		await p.poll();
		clocks.sync += MIN;
		const rows = Array.from({ length: 20 }, (_, i) => ({ request_id: `r${i}`, endpoint: '/v2/generate', payload: { model: 'lipsync-2', input: input(2 * 60 * MIN) } }));
		const batch = await world.post('/v2/batch', { rows });
		const emitted: unknown[] = [];
		for (let m = 0; m < 180; m += 2) {
			clocks.sync += 2 * MIN;
			emitted.push(...(await p.poll()).map((i) => [i.json.id, i.json.event]));
		}
		expect(emitted).toEqual([[batch, 'batch.completed']]);
	});

	it.each([10, -10])('emits short generations created after the first poll when n8n runs %i min off Sync', async (skewMinutes) => {
		clocks.skew = skewMinutes * MIN;
		const p = world.poller(['generation'], 0);
		await p.poll();
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) {
			clocks.sync += 20_000;
			ids.push(await world.post('/v2/generate', { model: 'lipsync-2', input: input(2000) }));
		}
		clocks.sync += MIN;
		const emitted = (await p.poll()).map((i) => i.json.id);
		clocks.sync += MIN;
		emitted.push(...(await p.poll()).map((i) => i.json.id));
		expect(emitted.sort()).toEqual(ids.sort());
	});

	it('keeps draining without repeats when the generation its backlog cursor names is deleted', async () => {
		const p = createPoller({ parameters: { watch: ['generation'], events: [], options: { lookbackMinutes: 0 } }, credentials: { apiKey: 'k', baseUrl: world.emulator.url }, pollBudgetMs: null });
		await p.poll();
		const ids: string[] = [];
		for (let i = 0; i < 6000; i += 500) {
			clocks.sync += 1000;
			const rows = Array.from({ length: 500 }, (_, j) => ({ request_id: `r${j}`, endpoint: '/v2/generate', payload: { model: 'lipsync-2', input: input(1000) } }));
			await world.post('/v2/batch', { rows });
		}
		clocks.sync += 10 * MIN;
		const emitted = (await p.poll()).map((i) => String(i.json.id));
		const gaps = (p.liveNodeStaticData().generations as { gaps: Array<{ cursor: string }> }).gaps;
		expect(gaps.length).toBeGreaterThan(0);
		await fetch(`${world.emulator.url}/v2/generations/${gaps[0].cursor}`, { method: 'DELETE', headers: { 'x-api-key': 'k' } });
		for (let i = 0; i < 10; i++) {
			clocks.sync += MIN;
			emitted.push(...(await p.poll()).map((e) => String(e.json.id)));
		}
		const list = (await fetch(`${world.emulator.url}/v2/generations`, { headers: { 'x-api-key': 'k' } }).then((r) => r.json())) as Array<{ id: string }>;
		ids.push(...list.map((g) => g.id));
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted.filter((id) => id !== gaps[0].cursor).sort()).toEqual(ids.sort());
	});
});

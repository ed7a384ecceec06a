// On the first run, what was created before `now - lookback` and is already terminal is skipped; what is still
// running is tracked and emitted when it finishes (nodes/SyncLabs/polling/terminalWatch.ts consider(),
// FIRST_RUN_RUNNING_SPAN_MS). Failed when the first run marked everything before the cutoff processed.
import { HOUR, MIN, input, useTwoClocks } from './twoClocks.cjs';

const world = useTwoClocks();
const { clocks } = world;

describe('Polling Trigger: objects still running at the first poll are emitted when they finish', () => {
	it('emits a batch created two hours before activation that completes after it (default 60 min lookback)', async () => {
		const rows = Array.from({ length: 20 }, (_, i) => ({ request_id: `r${i}`, endpoint: '/v2/generate', payload: { model: 'lipsync-2', input: input(3 * HOUR) } }));
		const batch = await world.post('/v2/batch', { rows });
		clocks.sync += 2 * HOUR;
		const p = world.poller(['batch']);
		const emitted = (await p.poll()).map((i) => String(i.json.id));
		for (let m = 0; m < 150; m += 5) {
			clocks.sync += 5 * MIN;
			emitted.push(...(await p.poll()).map((i) => String(i.json.id)));
		}
		const view = (await fetch(`${world.emulator.url}/v2/batch/${batch}`, { headers: { 'x-api-key': 'k' } }).then((r) => r.json())) as { status: string };
		expect(view.status).toBe('COMPLETED');
		expect(emitted).toEqual([batch]);
	});

	it('emits a generation still processing at activation with lookback 0 when it completes after activation', async () => {
		const gen = await world.post('/v2/generate', { model: 'lipsync-2', input: input(10 * MIN) });
		clocks.sync += MIN;
		const p = world.poller(['generation'], 0);
		const emitted = (await p.poll()).map((i) => String(i.json.id));
		for (let m = 0; m < 20; m += 2) {
			clocks.sync += 2 * MIN;
			emitted.push(...(await p.poll()).map((i) => String(i.json.id)));
		}
		expect(emitted).toEqual([gen]);
	});
});

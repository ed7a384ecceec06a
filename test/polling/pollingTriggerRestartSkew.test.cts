// n8n's clock can jump by 20 min when n8n restarts with another skew (10 min behind -> 10 min ahead). The window
// below the top must not count as settled on that clock alone (nodes/SyncLabs/polling/terminalWatch.ts,
// SETTLE_POLLS), or a generation Sync lists a little late (createdAt below the top, inside the 5 min margin) is
// never emitted. Failed before the poll count was added (settling on n8n time only).
import { MIN, input, useTwoClocks } from './twoClocks.cjs';

const world = useTwoClocks({ processingMs: 1000 });
const { clocks } = world;

const createGeneration = () => world.post('/v2/generate', { model: 'lipsync-2', input: input(1000) });

async function scenario(skewAfterRestart: number): Promise<{ late: string; emitted: string[] }> {
	clocks.skew = -10 * MIN;
	const p = world.poller(['generation']);
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

// Objects Sync lists lacking fields (the emulator's omitFields rules, test/emulator/src/faults.cts). All three tests
// failed on the earlier code: a generation without createdAt was emitted again at every poll whose scan listed it (its
// `seen` entry, NaN, was pruned at once), and objects without a field the schema requires (a generation's input, a
// batch's metrics) were never emitted. The second also failed while such a generation was kept for one margin below
// the top only (nodes/SyncLabs/polling/terminalWatch.ts, `undated`).
import { HOUR, MIN, input, pollOrError, useTwoClocks } from './twoClocks.cjs';

const world = useTwoClocks();
const { clocks } = world;

/** Lists (and GETs) the objects whose ids are in `ids` without `fields`, from now on. */
function omit(path: string, fields: string[], ids: Set<string>) {
	world.emulator.injectFault({ method: 'GET', path, omitFields: fields, where: (o) => ids.has(String(o.id)), times: Infinity });
}

describe('Polling Trigger: objects listed lacking fields', () => {
	it('emits each generation listed without createdAt once, short or running for hours, above or among dated ones, across a restart', async () => {
		const undated = new Set<string>();
		omit('/v2/generat*', ['createdAt'], undated);
		const p = world.poller(['generation']);
		await p.poll();
		const post = async (processingMs: number, lacking: boolean) => {
			clocks.sync += 10_000;
			const id = await world.post('/v2/generate', { model: 'lipsync-2', input: input(processingMs) });
			if (lacking) undated.add(id);
			return id;
		};
		// Newest of all when first listed, then below newer dated ones; and one that runs for two hours.
		const ids = [await post(1000, false), await post(2 * HOUR, true), await post(1000, true), await post(1000, false)];
		const emitted: string[] = [];
		for (let m = 0; m < 150; m += 3) {
			clocks.sync += 3 * MIN;
			if (m === 30) ids.push(await post(1000, true), await post(1000, false));
			if (m === 60) p.restart();
			const r = await pollOrError(p);
			expect(r.error).toBeUndefined();
			emitted.push(...r.ids);
		}
		expect([...emitted].sort()).toEqual([...ids].sort());
		// The state stays bounded: they are kept for a day below the top, then leave it.
		clocks.sync += 30 * MIN;
		const newer = await post(1000, false);
		for (let i = 0; i < 10; i++) {
			clocks.sync += 3 * MIN;
			emitted.push(...(await p.poll()).map((e) => String(e.json.id)));
		}
		expect(emitted.filter((id) => id === newer)).toHaveLength(1);
		const kept = () => Object.keys((p.liveNodeStaticData().generations as { undated?: Record<string, unknown> }).undated ?? {});
		expect(kept().sort()).toEqual([...undated].sort());
		clocks.sync += 25 * HOUR;
		await post(1000, false);
		clocks.sync += 3 * MIN;
		expect((await p.poll()).map((e) => String(e.json.id))).toHaveLength(1);
		expect(kept()).toEqual([]);
	});

	it('does not emit a generation listed without createdAt again when a cleanup deletes the generations listed above it', async () => {
		const undated = new Set<string>();
		omit('/v2/generat*', ['createdAt'], undated);
		const p = world.poller(['generation']);
		await p.poll();
		const post = async (lacking: boolean) => {
			clocks.sync += 60_000;
			const id = await world.post('/v2/generate', { model: 'lipsync-2', input: input(1000) });
			if (lacking) undated.add(id);
			return id;
		};
		const ids = [await post(true)];
		for (let i = 0; i < 10; i++) ids.push(await post(false));
		const emitted: string[] = [];
		for (let i = 0; i < 12; i++) {
			clocks.sync += 2 * MIN;
			emitted.push(...(await p.poll()).map((e) => String(e.json.id)));
		}
		// The ten generations above it are deleted: it is next to the newest one again, where a top scan meets it.
		for (const id of ids.slice(1)) await fetch(`${world.emulator.url}/v2/generations/${id}`, { method: 'DELETE', headers: { 'x-api-key': 'k' } });
		ids.push(await post(false));
		for (let i = 0; i < 5; i++) {
			clocks.sync += 2 * MIN;
			emitted.push(...(await p.poll()).map((e) => String(e.json.id)));
		}
		expect([...emitted].sort()).toEqual([...ids].sort());
	});

	it('emits a generation listed without input or model and a batch listed without metrics or created_at, once each', async () => {
		const lacking = new Set<string>();
		omit('/v2/generat*', ['input', 'model'], lacking);
		omit('/v2/batch*', ['metrics', 'created_at'], lacking);
		const p = world.poller(['generation', 'batch']);
		await p.poll();
		clocks.sync += MIN;
		const gen = await world.post('/v2/generate', { model: 'lipsync-2', input: input(1000) });
		const rows = Array.from({ length: 20 }, (_, i) => ({ request_id: `r${i}`, endpoint: '/v2/generate', payload: { model: 'lipsync-2', input: input(20 * MIN) } }));
		const batch = await world.post('/v2/batch', { rows });
		lacking.add(gen).add(batch);
		const emitted: Array<Record<string, unknown>> = [];
		for (let m = 0; m < 60; m += 5) {
			clocks.sync += 5 * MIN;
			// The batch's own generations are emitted too (they are generations); they carry every field.
			emitted.push(...(await p.poll()).map((i) => i.json).filter((e) => lacking.has(String(e.id))));
		}
		expect(emitted.map((e) => [e.kind, e.id, e.event])).toEqual([
			['generation', gen, 'generation.completed'],
			['batch', batch, 'batch.completed'],
		]);
		expect(emitted[0]).toMatchObject({ model: null, payload: expect.not.objectContaining({ input: expect.anything() }) });
		expect(emitted[1]).toMatchObject({ createdAt: null, metrics: { total_generations: null, success_count: null, failed_count: null, pending_count: null } });
	});
});

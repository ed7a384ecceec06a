// Watch = generations and batches: one kind's failing listing (a 402 below Sync's Scale plan, an endpoint down)
// neither holds back nor loses the other kind's items, and is reported as a failed poll after a few polls, at most
// once an hour (nodes/SyncLabs/polling/listingFailures.ts). All but the fifth test failed on the earlier code, where
// the first failing request ended the whole poll and its error, naming no kind, was thrown at every poll that had
// nothing to emit.
import { HOUR, MIN, input, pollOrError, sleepOnClocks, useTwoClocks, type PollOutcome } from './twoClocks.cjs';

// The transport's retry waits (5xx) pass on the test's clocks, not in real time.
jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async (ms: number) => await sleepOnClocks(ms),
}));

const world = useTwoClocks();
const { clocks } = world;
const batchRows = (processingMs: number) =>
	Array.from({ length: 20 }, (_, i) => ({ request_id: `r${i}`, endpoint: '/v2/generate', payload: { model: 'lipsync-2', input: input(processingMs) } }));

/** Polls every `everyMs` of both clocks, `times` times; `before` runs before each poll. */
async function pollEvery(p: ReturnType<typeof world.poller>, everyMs: number, times: number, before?: (k: number) => Promise<void>) {
	const polls: Array<PollOutcome & { at: number }> = [];
	for (let k = 1; k <= times; k++) {
		clocks.sync += everyMs;
		await before?.(k);
		polls.push({ ...(await pollOrError(p)), at: clocks.sync });
	}
	return polls;
}

describe('Polling Trigger: the watches of generations and batches are independent', () => {
	it('emits a 2-hour generation at the first poll after it finishes while the batch list answers 402 for hours, and says once an hour to remove Batches from Watch', async () => {
		const p = world.poller(['generation', 'batch']);
		await p.poll();
		world.emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: 402, errorCode: 'batch_plan_required', times: Infinity });
		const gen = await world.post('/v2/generate', { model: 'lipsync-2', input: input(2 * HOUR) });
		const finishedAt = clocks.sync + 1000 + 2 * HOUR;
		const polls = await pollEvery(p, 5 * MIN, 30);

		const firstAfter = polls.find((x) => x.at >= finishedAt)!;
		expect(polls.filter((x) => x.ids.includes(gen)).map((x) => x.at)).toEqual([firstAfter.at]);
		const reports = polls.filter((x) => x.error);
		// The third failed poll, then every hour while it lasts (polls 3, 15 and 27).
		expect(reports.map((x) => (x.at - polls[0].at) / MIN)).toEqual([10, 70, 130]);
		for (const { error } of reports) {
			expect(error!.message).toMatch(/^Sync Labs Polling Trigger: listing batches failed in the last \d+ polls \(since .*\): .*\[batch_plan_required\]/);
			expect(error!.description).toContain('remove Batches from Watch');
			expect(error!.description).toContain('The trigger still emits generations.');
		}
	});

	it('emits a batch at the first poll after it completes while the generation list answers 503 for hours', async () => {
		const p = world.poller(['generation', 'batch']);
		await p.poll();
		world.emulator.injectFault({ method: 'GET', path: '/v2/generat*', status: 503, times: Infinity });
		const batch = await world.post('/v2/batch', { rows: batchRows(30 * MIN) });
		const completedAt = clocks.sync + 1000 + 30 * MIN;
		const polls = await pollEvery(p, 5 * MIN, 24);

		const firstAfter = polls.find((x) => x.at >= completedAt)!;
		expect(polls.filter((x) => x.ids.includes(batch)).map((x) => x.at)).toEqual([firstAfter.at]);
		const reports = polls.filter((x) => x.error);
		expect(reports.length).toBe(2);
		expect(reports[0].error!.message).toMatch(/^Sync Labs Polling Trigger: listing generations failed in the last 3 polls/);
		expect(reports[0].error!.description).toContain('The trigger still emits batches.');
	});

	it('reports a failing batch list at a poll with nothing to emit, or after an hour of polls that all emit generations, whose items then come at the next poll', async () => {
		const p = world.poller(['generation', 'batch']);
		await p.poll();
		world.emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: 402, errorCode: 'batch_plan_required', times: Infinity });
		const created: string[] = [];
		// A generation finishes before each of the first 16 polls, none before the next 4.
		const polls = await pollEvery(p, 5 * MIN, 20, async (k) => {
			if (k > 16) return;
			created.push(await world.post('/v2/generate', { model: 'lipsync-2', input: input(1000) }));
			clocks.sync += 3000;
		});
		const emitted = polls.flatMap((x) => x.ids);
		expect([...emitted].sort()).toEqual([...created].sort());
		// Due at poll 3, waiting while every poll emits: thrown at poll 15 (an hour later), whose generation comes at 16.
		expect(polls.map((x, i) => (x.error ? i + 1 : 0)).filter(Boolean)).toEqual([15]);
		expect(polls[15].ids).toEqual([created[14], created[15]]);
	});

	it('reports nothing while the failures of one kind are not consecutive', async () => {
		const p = world.poller(['generation', 'batch']);
		await p.poll();
		const polls = await pollEvery(p, 5 * MIN, 12, async (k) => {
			world.emulator.clearFaults();
			if (k % 3 !== 0) world.emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: 402, times: Infinity });
		});
		expect(polls.filter((x) => x.error)).toEqual([]);
	});

	it('fails at once, as before, when every watched kind fails before anything was ever listed (a wrong API key)', async () => {
		world.emulator.injectFault({ path: '/v2/*', status: 401, times: Infinity });
		const first = await pollOrError(world.poller(['generation', 'batch']));
		expect(first.error?.message).toMatch(/401|[Uu]nauthori[sz]ed|API key/);
	});

	it('names the failing kind on a manual test poll, with the advice for a 402 on batches', async () => {
		world.emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: 402, errorCode: 'batch_plan_required', times: Infinity });
		const p = world.poller(['generation', 'batch']);
		await expect(p.poll('manual')).rejects.toMatchObject({
			message: expect.stringMatching(/^Sync Labs Polling Trigger: listing batches failed: .*\[batch_plan_required\]/),
			description: expect.stringContaining('remove Batches from Watch'),
		});
	});
});

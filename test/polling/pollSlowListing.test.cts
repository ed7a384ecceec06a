// The Polling Trigger's watches are independent, and a poll ends within n8n's poll budget (getPollBudgetMs; n8n 2.41
// abandons a poll that outlives its timeout and discards its result: test/polling/pollingTriggerBudget.test.cts), also
// when Sync's batch list is slow rather than refused (a gateway that answers 504 only after several seconds): the
// request still waiting at the poll's deadline is aborted (transport/index.ts answerBy) and the generations emitted.
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { createPoller } from '../runner/index.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 1, processingMs: 1 });
});
afterAll(async () => emulator.stop());

describe('Polling Trigger, Watch = generations and batches, the batch list answering 504 only after 4 s', () => {
	it('returns within the poll budget (2 s) with the finished generation, instead of waiting on the batch list', async () => {
		const budgetMs = 2000;
		const p = createPoller({
			parameters: { watch: ['generation', 'batch'], events: [], options: { lookbackMinutes: 60 } },
			credentials: { apiKey: 'slow-batches', baseUrl: emulator.url },
			pollBudgetMs: budgetMs,
		});
		await p.poll();
		const created = await fetch(`${emulator.url}/v2/generate`, {
			method: 'POST',
			headers: { 'x-api-key': 'slow-batches', 'content-type': 'application/json' },
			body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: 'https://media.example.com/speaker.mp4' }, { type: 'audio', url: 'https://media.example.com/voice.wav' }] }),
		});
		const id = ((await created.json()) as { id: string }).id;
		await new Promise((resolve) => setTimeout(resolve, 50));
		emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: 504, delayMs: 4000, times: Infinity });
		const started = Date.now();
		let emitted: string[] = [];
		let error: string | undefined;
		try {
			emitted = (await p.poll()).map((i) => String(i.json.id));
		} catch (e) {
			error = (e as Error).message;
		}
		const tookMs = Date.now() - started;
		// The next poll too (the batch list failed at the last poll, so it now goes last): still past the budget.
		const again = Date.now();
		await p.poll().catch(() => []);
		const nextTookMs = Date.now() - again;
		expect({ withinBudget: tookMs <= budgetMs, nextWithinBudget: nextTookMs <= budgetMs, tookMs, nextTookMs, emitted, error }).toEqual({
			withinBudget: true,
			nextWithinBudget: true,
			tookMs: expect.any(Number),
			nextTookMs: expect.any(Number),
			emitted: [id],
			error: undefined,
		});
	}, 40_000);
});

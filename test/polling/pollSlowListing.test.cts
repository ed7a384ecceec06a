// The Polling Trigger's watches are independent, and a poll ends within n8n's poll budget (getPollBudgetMs; n8n 2.41
// abandons a poll that outlives its timeout and discards its result: test/polling/pollingTriggerBudget.test.cts), also
// when Sync's batch list hangs rather than refuses (a gateway that answers 504 only after several seconds): with both
// kinds watched a request, retries included, waits at most half the poll's time left (polling/pollBudget.ts limits,
// transport/index.ts answerBy), and the generations are emitted.
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { createPoller } from '../runner/index.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 1, processingMs: 1 });
});
afterAll(async () => emulator.stop());

const BUDGET_MS = 2000;

/** A trigger polled once, a generation created, `breakBatches` run, then polls timed: what each emitted and took. */
async function pollWhileBatchListHangs(key: string, breakBatches: () => void, polls: number) {
	const p = createPoller({
		parameters: { watch: ['generation', 'batch'], events: [], options: { lookbackMinutes: 60 } },
		credentials: { apiKey: key, baseUrl: emulator.url },
		pollBudgetMs: BUDGET_MS,
	});
	await p.poll();
	const created = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': key, 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: 'https://media.example.com/speaker.mp4' }, { type: 'audio', url: 'https://media.example.com/voice.wav' }] }),
	});
	const id = ((await created.json()) as { id: string }).id;
	await new Promise((resolve) => setTimeout(resolve, 50));
	breakBatches();
	const outcomes: Array<{ withinBudget: boolean; tookMs: number; emitted: string[]; error?: string }> = [];
	for (let i = 0; i < polls; i++) {
		const started = Date.now();
		const outcome = await p.poll().then(
			(items) => ({ emitted: items.map((item) => String(item.json.id)) }),
			(error: Error) => ({ emitted: [], error: error.message }),
		);
		const tookMs = Date.now() - started;
		outcomes.push({ withinBudget: tookMs <= BUDGET_MS, tookMs, ...outcome });
	}
	return { id, outcomes };
}

describe('Polling Trigger, Watch = generations and batches, the batch list hanging', () => {
	it('returns within the poll budget (2 s) with the finished generation, poll after poll, when the list answers 504 only after 4 s', async () => {
		const { id, outcomes } = await pollWhileBatchListHangs('slow-batches', () => emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: 504, delayMs: 4000, times: Infinity }), 2);
		expect(outcomes).toEqual([
			{ withinBudget: true, tookMs: expect.any(Number), emitted: [id] },
			{ withinBudget: true, tookMs: expect.any(Number), emitted: [] },
		]);
	}, 40_000);

	it('still returns within the poll budget with the finished generation when the list is refused once with 429 (Retry-After 1 s) and then hangs 6 s', async () => {
		const { id, outcomes } = await pollWhileBatchListHangs(
			'retry-then-hang',
			() => {
				emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: 429, retryAfterSeconds: 1, times: 1 });
				emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: 504, delayMs: 6000, times: Infinity });
			},
			1,
		);
		expect(outcomes).toEqual([{ withinBudget: true, tookMs: expect.any(Number), emitted: [id] }]);
	}, 40_000);
});

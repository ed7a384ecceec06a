// Watch = generations and batches. A 2-hour generation is tracked as running; the batch list then hangs (a gateway
// answering 504 only after 6 s, longer than the poll budget; or first a 429 with Retry-After 1 s, whose repeat would
// start after the request's answerBy and is not sent; or a 429 whose Retry-After ends after answerBy, which is not
// waited: transport/retryLoop.ts). The generation finishes before the next poll. "A failing
// listing of one kind does not delay the other" and "a 2-hour generation emitted within one poll of finishing": it
// is emitted at the first poll after it finished, as when the batch list is refused at once (402), within the budget.
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { createPoller } from '../runner/index.cjs';

const MIN = 60_000;
const HOUR = 60 * MIN;
let emulator: Emulator;
let offset = 0;
const realNow = Date.now.bind(Date);
const now = () => realNow() + offset;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 1000, processingMs: 5000, now });
});
beforeEach(() => {
	offset = 0;
	jest.spyOn(Date, 'now').mockImplementation(now);
});
afterEach(() => {
	jest.restoreAllMocks();
	emulator.reset();
});
afterAll(async () => emulator.stop());

const input = (processingMs: number) => [
	{ type: 'video', url: `https://media.example.com/speaker.mp4?sync_processing_ms=${processingMs}` },
	{ type: 'audio', url: 'https://media.example.com/voice.wav' },
];
async function post(body: unknown): Promise<string> {
	const r = await fetch(`${emulator.url}/v2/generate`, { method: 'POST', headers: { 'x-api-key': 'k', 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return ((await r.json()) as { id: string }).id;
}

const BUDGET_MS = 2000;

/** Polls around a 2-hour generation; `breakBatches` runs just before the poll that follows its end (poll 3). */
async function scenario(breakBatches: () => void) {
	const p = createPoller({
		parameters: { watch: ['generation', 'batch'], events: [], options: { lookbackMinutes: 60 } },
		credentials: { apiKey: 'k', baseUrl: emulator.url },
		pollBudgetMs: BUDGET_MS,
	});
	const polls: string[][] = [];
	const took: number[] = [];
	const poll = async () => {
		const started = realNow();
		polls.push(await p.poll().then((items) => items.map((i) => String(i.json.id)), (e: Error) => [`error: ${e.message}`]));
		took.push(realNow() - started);
	};
	await poll(); // first run
	const long = await post({ model: 'lipsync-2', input: input(2 * HOUR) });
	offset += MIN;
	await poll(); // the long one is listed running: tracked
	offset += 10 * MIN;
	const quick = await post({ model: 'lipsync-2', input: input(1000) });
	offset += MIN;
	await poll(); // the quick one is emitted and becomes the top
	offset += 2 * HOUR;
	breakBatches();
	await poll(); // the long one has finished: the first poll after it did
	offset += 5 * MIN;
	await poll();
	return { long, quick, polls, took, firstPollWithLong: polls.findIndex((ids) => ids.includes(long)) };
}

const batchList = (fault: { status: number; delayMs?: number; retryAfterSeconds?: number; times: number }) => emulator.injectFault({ method: 'GET', path: '/v2/batch*', ...fault });

describe('Polling Trigger, a long generation finishing while the batch list hangs past the poll budget', () => {
	it('is emitted at the first poll after it finished, as when the batch list is refused at once', async () => {
		const refused = await scenario(() => batchList({ status: 402, times: Infinity }));
		emulator.reset();
		offset = 0;
		const hanging = await scenario(() => batchList({ status: 504, delayMs: 6000, times: Infinity }));
		expect({ refused: refused.firstPollWithLong, hanging: hanging.firstPollWithLong, polls: hanging.polls }).toEqual({
			refused: 3,
			hanging: 3,
			polls: expect.anything(),
		});
	}, 60_000);

	it('is emitted at that poll, within the budget, when the list is refused once with 429 (Retry-After 1 s) and then hangs', async () => {
		const { firstPollWithLong, took, polls } = await scenario(() => {
			batchList({ status: 429, retryAfterSeconds: 1, times: 1 });
			batchList({ status: 504, delayMs: 6000, times: Infinity });
		});
		expect({ firstPollWithLong, poll3WithinBudget: took[3] <= BUDGET_MS, took: took[3], polls }).toEqual({
			firstPollWithLong: 3,
			poll3WithinBudget: true,
			took: expect.any(Number),
			polls: expect.anything(),
		});
	}, 60_000);

	it('is emitted at that poll when the list answers 429 with a Retry-After longer than the half it may take (the wait is not waited)', async () => {
		const { firstPollWithLong, took, polls } = await scenario(() => batchList({ status: 429, retryAfterSeconds: 3, times: Infinity }));
		expect({ firstPollWithLong, poll3WithinBudget: took[3] <= BUDGET_MS, took: took[3], polls }).toEqual({
			firstPollWithLong: 3,
			poll3WithinBudget: true,
			took: expect.any(Number),
			polls: expect.anything(),
		});
	}, 60_000);
});

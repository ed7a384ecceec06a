// Watch = generations and batches, the batch list answered 429 (Retry-After 1 s) and then held by a gateway, while a
// 2-hour generation finishes: the batch list's repeat, which starts after that request's answerBy, is not sent
// (transport/index.ts), so the poll stays within its budget and emits the generation at the first poll after it
// finished.
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

describe('Polling Trigger, batch list 429 then hanging, with a 2-hour generation finishing', () => {
	it('the repeat of the batch list still has a timeout: the poll stays within its budget and the long generation is emitted at the first poll after it finished', async () => {
		const BUDGET = 2000;
		const p = createPoller({
			parameters: { watch: ['generation', 'batch'], events: [], options: { lookbackMinutes: 60 } },
			credentials: { apiKey: 'k', baseUrl: emulator.url },
			pollBudgetMs: BUDGET,
		});
		const polls: string[][] = [];
		const took: number[] = [];
		const poll = async () => {
			const t = realNow();
			polls.push(await p.poll().then((items) => items.map((i) => String(i.json.id)), (e: Error) => [`error: ${e.message}`]));
			took.push(realNow() - t);
		};
		await poll();
		const long = await post({ model: 'lipsync-2', input: input(2 * HOUR) });
		offset += MIN;
		await poll(); // listed running: tracked
		offset += 10 * MIN;
		await post({ model: 'lipsync-2', input: input(1000) });
		offset += MIN;
		await poll();
		offset += 2 * HOUR;
		// The batch list: one 429 with Retry-After 1 s, then a gateway that holds every request 6 s.
		emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: 429, retryAfterSeconds: 1, times: 1 });
		emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: 504, delayMs: 6000, times: Infinity });
		await poll(); // the long one has finished: this poll must emit it
		expect({ emittedAtPoll3: polls[3].includes(long), poll3TookWithinBudget: took[3] <= BUDGET, took: took[3], polls }).toEqual({
			emittedAtPoll3: true,
			poll3TookWithinBudget: true,
			took: expect.anything(),
			polls: expect.anything(),
		});
	}, 60_000);
});

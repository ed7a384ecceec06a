// Watch = generations and batches. A 2-hour generation is tracked as running; the batch list then
// hangs (a gateway answering 504 only after 6 s, longer than the poll budget). The generation finishes before the
// next poll. "A failing listing of one kind does not delay the other" and "a 2-hour generation emitted within one
// poll of finishing": it must be emitted at the first poll after it finished, as it is when the batch list is
// refused at once (402).
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

async function scenario(fault: { status: number; delayMs?: number }) {
	const p = createPoller({
		parameters: { watch: ['generation', 'batch'], events: [], options: { lookbackMinutes: 60 } },
		credentials: { apiKey: 'k', baseUrl: emulator.url },
		pollBudgetMs: 2000,
	});
	const polls: string[][] = [];
	const poll = async () => polls.push(await p.poll().then((items) => items.map((i) => String(i.json.id)), (e: Error) => [`error: ${e.message}`]));
	await poll(); // first run
	const long = await post({ model: 'lipsync-2', input: input(2 * HOUR) });
	offset += MIN;
	await poll(); // the long one is listed running: tracked
	offset += 10 * MIN;
	const quick = await post({ model: 'lipsync-2', input: input(1000) });
	offset += MIN;
	await poll(); // the quick one is emitted and becomes the top
	offset += 2 * HOUR;
	emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: fault.status, delayMs: fault.delayMs ?? 0, times: Infinity });
	await poll(); // the long one has finished: the first poll after it did
	offset += 5 * MIN;
	await poll();
	return { long, quick, polls };
}

describe('Polling Trigger, a long generation finishing while the batch list hangs past the poll budget', () => {
	it('is emitted at the first poll after it finished, as when the batch list is refused at once', async () => {
		const refused = await scenario({ status: 402 });
		emulator.reset();
		offset = 0;
		const hanging = await scenario({ status: 504, delayMs: 6000 });
		const firstPollWith = (s: typeof refused) => s.polls.findIndex((ids) => ids.includes(s.long));
		expect({ refused: firstPollWith(refused), hanging: firstPollWith(hanging), polls: hanging.polls }).toEqual({
			refused: 3,
			hanging: 3,
			polls: expect.anything(),
		});
	}, 60_000);
});

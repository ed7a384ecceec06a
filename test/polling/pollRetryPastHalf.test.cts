// A poll's request waits at most half the poll's time left when both kinds are watched (polling/pollBudget.ts limits
// answerBy), retries included: a repeat that would start after answerBy (a 429 with Retry-After 1 s) is not sent,
// so a batch list that then hangs cannot hold the poll past n8n's budget (transport/index.ts).
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { createPoller } from '../runner/index.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 1, processingMs: 1 });
});
afterAll(async () => emulator.stop());

describe('Polling Trigger, the batch list refused once with 429 (Retry-After 1 s), then hanging 6 s', () => {
	it('still returns within the poll budget (2 s) with the finished generation', async () => {
		const budgetMs = 2000;
		const p = createPoller({
			parameters: { watch: ['generation', 'batch'], events: [], options: { lookbackMinutes: 60 } },
			credentials: { apiKey: 'retry-then-hang', baseUrl: emulator.url },
			pollBudgetMs: budgetMs,
		});
		await p.poll();
		const created = await fetch(`${emulator.url}/v2/generate`, {
			method: 'POST',
			headers: { 'x-api-key': 'retry-then-hang', 'content-type': 'application/json' },
			body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: 'https://media.example.com/speaker.mp4' }, { type: 'audio', url: 'https://media.example.com/voice.wav' }] }),
		});
		const id = ((await created.json()) as { id: string }).id;
		await new Promise((resolve) => setTimeout(resolve, 50));
		emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: 429, retryAfterSeconds: 1, times: 1 });
		emulator.injectFault({ method: 'GET', path: '/v2/batch*', status: 504, delayMs: 6000, times: Infinity });
		const started = Date.now();
		let emitted: string[] = [];
		let error: string | undefined;
		try {
			emitted = (await p.poll()).map((i) => String(i.json.id));
		} catch (e) {
			error = (e as Error).message;
		}
		const tookMs = Date.now() - started;
		expect({ withinBudget: tookMs <= budgetMs, tookMs, emitted, error }).toEqual({
			withinBudget: true,
			tookMs: expect.any(Number),
			emitted: [id],
			error: undefined,
		});
	}, 40_000);
});

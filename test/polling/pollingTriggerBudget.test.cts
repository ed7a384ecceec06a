// The transport's retry loop inside one request (429 Retry-After honoured up to 30 s, 4 retries:
// nodes/SyncLabs/transport/retryPolicy.ts) must end at the poll's deadline (PollBudget.stop in
// nodes/SyncLabs/polling/pollBudget.ts; it failed when the budget only gated starting requests). n8n 2.41 abandons a poll that outlives its
// timeout and discards its result (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/scheduling/poll-trigger-node/poll-trigger-task-handler.ts,
// default pollTimeoutSeconds 45, budget = timeout - margin: https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/workflows/triggers/trigger-execution-context.factory.ts).
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { createPoller } from '../runner/index.cjs';
import { useVirtualClock, virtualClock, virtualSleep } from '../transport/virtualClock.cjs';

// The Retry-After waits pass on a virtual clock (Date.now, which the budget reads) that moves only with them: the
// poll's length is measured on it, so a busy machine cannot make the poll look too long, and nothing waits for real.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async (ms: number) => await virtualSleep(ms) }));
useVirtualClock({ frozen: true });
const MINUTE = 60_000;

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 1, processingMs: 1, now: () => Date.now() });
});
afterAll(async () => emulator.stop());

describe('Polling Trigger: the poll budget bounds retries too', () => {
	it('returns within getPollBudgetMs when Sync answers the list with 429 and a Retry-After, and emits on a later poll', async () => {
		const budgetMs = 1500;
		const p = createPoller({ parameters: { watch: ['generation'], events: [], options: { lookbackMinutes: 60 } }, credentials: { apiKey: 'k', baseUrl: emulator.url }, pollBudgetMs: budgetMs });
		await p.poll();
		const created = await fetch(`${emulator.url}/v2/generate`, {
			method: 'POST',
			headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
			body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: 'https://media.example.com/speaker.mp4' }, { type: 'audio', url: 'https://media.example.com/voice.wav' }] }),
		});
		const id = ((await created.json()) as { id: string }).id;
		emulator.injectFault({ method: 'GET', path: '/v2/generations', status: 429, retryAfterSeconds: 1, times: 4 });
		const started = Date.now();
		// The cut poll is not an error: it returns what it did, and the next polls resume.
		const emitted = (await p.poll()).map((i) => String(i.json.id));
		const tookMs = Date.now() - started;
		expect(tookMs).toBeLessThanOrEqual(budgetMs);
		// n8n polls again a minute later, each time.
		for (let i = 0; i < 4 && !emitted.includes(id); i++) {
			virtualClock.aheadMs += MINUTE;
			emitted.push(...(await p.poll()).map((e) => String(e.json.id)));
		}
		expect(emitted).toEqual([id]);
	}, 30_000);
});

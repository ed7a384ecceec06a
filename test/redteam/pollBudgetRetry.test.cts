// Red-team probe: PollBudget (SyncLabsPollingTrigger.node.ts) only decides whether to *start* a request; the
// transport's retry loop inside one request (429 Retry-After honoured up to 30 s, 4 retries:
// nodes/SyncLabs/transport/retryPolicy.ts) ignores getPollBudgetMs(). n8n 2.41 abandons a poll that outlives its
// timeout and discards its result (n8n/dist/scheduling/poll-trigger-node/poll-trigger-task-handler.js, default
// pollTimeoutSeconds 45, budget = timeout - margin: trigger-execution-context.factory.js).
import { performance } from 'node:perf_hooks';
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { createPoller } from '../helpers/pollRunner.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 1, processingMs: 1 });
});
afterAll(async () => emulator.stop());

describe('Polling Trigger: the poll budget bounds retries too', () => {
	it('returns within getPollBudgetMs when Sync answers the list with 429 and a Retry-After', async () => {
		const budgetMs = 1500;
		const p = createPoller({ parameters: { watch: ['generation'], events: [], options: { lookbackMinutes: 60 } }, credentials: { apiKey: 'k', baseUrl: emulator.url }, pollBudgetMs: budgetMs });
		await p.poll();
		emulator.injectFault({ method: 'GET', path: '/v2/generations', status: 429, retryAfterSeconds: 1, times: 4 });
		const started = performance.now();
		await p.poll().catch(() => []);
		const tookMs = performance.now() - started;
		expect(tookMs).toBeLessThanOrEqual(budgetMs);
	}, 30_000);
});

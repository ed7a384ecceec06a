// Batch → Create from rows reads everything the user gave before its first request: a bad option (Dry Run,
// Webhook URL) is refused before the account's model list is read, not after (docs/parameters-from-expressions.md:
// "refused before any request").
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 10 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

// Two models, so the run must check them against the account (one GET /v2/models) before the batch is sent.
const rows = Array.from({ length: 20 }, (_, i) => ({
	json: {
		request_id: `req-${i}`,
		payload: { model: i === 3 ? 'sync-3' : 'lipsync-2', input: [{ type: 'video', url: `https://example.com/v${i}.mp4` }, { type: 'audio', url: `https://example.com/a${i}.wav` }] },
	},
}));

it.each([
	['Dry Run given the text "yes"', { dryRun: '={{ "yes" }}' }, 'Dry Run is the text "yes", which is neither true nor false (item 0)'],
	['a Webhook URL that is no http(s) URL', { webhookUrl: 'ftp://example.com/hook' }, /^Webhook URL .*\(item 0\)$/],
])('%s, with rows of two models: refused before any request', async (_name, options, message) => {
	const result = await runNode({
		parameters: { resource: 'batch', operation: 'create', source: 'rows', requestId: '={{ $json.request_id }}', payload: '={{ $json.payload }}', options },
		items: rows,
		credentials: { apiKey: 'rows-options-key', baseUrl: emulator.url },
	});
	expect(result.status).toBe('error');
	if (typeof message === 'string') expect(result.error?.message).toBe(message);
	else expect(result.error?.message).toMatch(message);
	expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([]);
});

// Each item's Options are its own: an expression may give item 5 another cap than item 0. The caps are checked per
// row; Dry Run and Webhook URL belong to the one batch, so items that disagree are refused (docs/cost-guard.md).
describe('Options an expression gives each item differently', () => {
	/** 20 rows (the smallest batch), each a 10-second video: $0.50 a row at the emulator's lipsync-2 price. */
	const pricedRows = Array.from({ length: 20 }, (_, i) => ({
		json: {
			request_id: `row-${i}`,
			payload: { model: 'lipsync-2', input: [{ type: 'video', url: `https://media.example.com/v${i}.mp4?sync_duration_s=10` }, { type: 'audio', url: 'https://media.example.com/voice.wav' }] },
		},
	}));
	const run = async (options: INodeParameters) =>
		await runNode({
			parameters: { resource: 'batch', operation: 'create', source: 'rows', requestId: '={{ $json.request_id }}', payload: '={{ $json.payload }}', options },
			items: pricedRows,
			credentials: { apiKey: 'rows-per-item-options-key', baseUrl: emulator.url },
		});
	const batchCreates = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/batch');

	it('checks row 6 against item 5\'s own Max Cost per Item, not item 0\'s: no batch is created', async () => {
		const result = await run({ maxCostPerItemUsd: '={{ $itemIndex === 5 ? 0.01 : 100 }}' });
		expect(result.error?.message).toMatch(/^Row 6 \(item 5\) is estimated by Sync at \$0\.50, above Max Cost per Item \(\$0\.01\)/);
		expect(batchCreates()).toEqual([]);
		expect(emulator.counters.batchesCreated).toBe(0);
	});

	it('honours the Max Cost per Execution items 1 to 19 give, though item 0 gives a higher one: no batch is created', async () => {
		const result = await run({ maxCostPerExecutionUsd: '={{ $itemIndex === 0 ? 100 : 1 }}' });
		expect(result.error?.message).toMatch(/above Max Cost per Execution \(\$1\.00\)/);
		expect(emulator.counters.batchesCreated).toBe(0);
	});

	it('refuses a Dry Run that differs between items before any request, naming the first item that differs', async () => {
		const result = await run({ dryRun: '={{ $itemIndex > 0 }}' });
		expect(result.error?.message).toBe("Dry Run is true, but item 0's is false; the rows make one batch, which is a dry run or not (row 2) (item 1)");
		expect(emulator.requests).toEqual([]);
	});

	it('refuses a Webhook URL that differs between items before any request', async () => {
		const result = await run({ webhookUrl: '={{ $itemIndex === 3 ? "https://hooks.example.com/b" : "https://hooks.example.com/a" }}' });
		expect(result.error?.message).toBe('Webhook URL is "https://hooks.example.com/b", but item 0\'s is "https://hooks.example.com/a"; the rows make one batch, with one webhook URL (row 4) (item 3)');
		expect(emulator.requests).toEqual([]);
	});

	it('creates the batch when every item gives the same options', async () => {
		const result = await run({ maxCostPerItemUsd: 1, webhookUrl: 'https://hooks.example.com/a' });
		expect(result.error).toBeUndefined();
		expect(emulator.counters.batchesCreated).toBe(1);
	});
});

// Batch → Create from rows reads everything the user gave before its first request: a bad option (Dry Run,
// Webhook URL) is refused before the account's model list is read, not after (docs/parameters-from-expressions.md:
// "refused before any request").
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

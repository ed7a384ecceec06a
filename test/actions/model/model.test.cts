// Model resource of the Sync Labs node, run in-process by n8n's WorkflowExecute against the emulator (real HTTP).
import { runNode } from '../../runner/index.cjs';
import { MODEL_INFO, startEmulator, type Emulator } from '../../emulator/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const API_KEY = 'model-test-key';
// What is retried and what it leads to, not how long the backoff is (test/transport/quickRetries.cts).
useQuickRetries();
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, apiKeys: [API_KEY] });
});
afterEach(() => emulator.reset());
afterAll(async () => {
	await emulator.stop();
});

// Get Many's output with Return All and a Limit is tested against the fake Sync: modelReads.test.cts.

it('a rejected API key is reported with the API message', async () => {
	const result = await runNode({
		parameters: { resource: 'model', operation: 'getMany', returnAll: true },
		credentials: { apiKey: 'not-the-key', baseUrl: emulator.url },
	});
	expect(result.status).toBe('error');
	expect(result.error?.message).toBe('Sync Labs: Invalid API key.');
	expect(result.error?.description).toContain('Check the x-api-key header');
});

it('a server error is retried, then the list is returned', async () => {
	emulator.injectFault({ method: 'GET', path: '/v2/models', status: 500, times: 1 });
	const result = await runNode({
		parameters: { resource: 'model', operation: 'getMany', returnAll: true },
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(MODEL_INFO.length);
	expect(emulator.requests.map((r) => r.status)).toEqual([500, 200]);
}, 20000);

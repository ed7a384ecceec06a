// Model resource of the Sync Labs node, run in-process by n8n's WorkflowExecute against the emulator (real HTTP).
import { runNode } from '../../runner/index.cjs';
import { MODEL_INFO, startEmulator, type Emulator } from '../../emulator/index.cjs';

const API_KEY = 'model-test-key';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, apiKeys: [API_KEY] });
});
afterEach(() => emulator.reset());
afterAll(async () => {
	await emulator.stop();
});

it('Get Many with Return All outputs every model', async () => {
	const result = await runNode({
		parameters: { resource: 'model', operation: 'getMany', returnAll: true },
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((i) => i.json)).toEqual(MODEL_INFO);
	expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	expect(emulator.requests).toHaveLength(1);
	expect(emulator.requests[0]).toMatchObject({ method: 'GET', path: '/v2/models' });
	expect(emulator.requests[0].headers['x-api-key']).toBe(API_KEY);
});

it('Get Many with a Limit', async () => {
	const result = await runNode({
		parameters: { resource: 'model', operation: 'getMany', returnAll: false, limit: 2 },
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
	});
	expect(result.items.map((i) => i.json.name)).toEqual(MODEL_INFO.slice(0, 2).map((m) => m.name));
});

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

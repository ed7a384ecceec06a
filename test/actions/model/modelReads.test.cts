// Model → Get Many runs in-process by n8n against the fake Sync (test/api/fakeSync.cts). The API key on the wire
// and a retried 5xx run against the emulator (model.test.cts).
jest.mock('../../../nodes/SyncLabs/api/send', () => jest.requireActual('../../api/fakeSync.cjs').fakeSendModule);

import { runNode } from '../../runner/index.cjs';
import { MODEL_INFO } from '../../emulator/index.cjs';
import { fakeSync } from '../../api/fakeSync.cjs';

const credentials = { apiKey: 'key-fake', baseUrl: 'http://127.0.0.1:9' };

afterEach(() => fakeSync.reset());

it('outputs every model with Return All, each paired to the input item', async () => {
	fakeSync.answer('GET /v2/models', MODEL_INFO);
	const result = await runNode({ parameters: { resource: 'model', operation: 'getMany', returnAll: true }, credentials });
	expect(result.items.map((i) => i.json)).toEqual(MODEL_INFO);
	expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	expect(fakeSync.requests.map((r) => r.route)).toEqual(['GET /v2/models']);
});

it('outputs the first models with a Limit', async () => {
	fakeSync.answer('GET /v2/models', MODEL_INFO);
	const result = await runNode({ parameters: { resource: 'model', operation: 'getMany', returnAll: false, limit: 2 }, credentials });
	expect(result.items.map((i) => i.json.name)).toEqual(MODEL_INFO.slice(0, 2).map((m) => m.name));
});

it('stops with an error naming the model and the field when Sync sends a model without a name', async () => {
	fakeSync.answer('GET /v2/models', [{ id: 'm1' }]);
	const result = await runNode({ parameters: { resource: 'model', operation: 'getMany', returnAll: true }, credentials });
	expect(result.error?.message).toBe('Sync Labs returned an unexpected model: its field "name" does not match (Required)');
});

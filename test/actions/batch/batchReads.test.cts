// Batch → Get and Get Many run in-process by n8n against the fake Sync (test/api/fakeSync.cts): parameters to
// the client's request, Sync's answer to items. Create and Get Results run against the emulator (batch.test.cts).
jest.mock('../../../nodes/SyncLabs/api/send', () => jest.requireActual('../../api/fakeSync.cjs').fakeSendModule);

import type { INodeParameters } from 'n8n-workflow';
import { runNode } from '../../runner/index.cjs';
import { aBatch, fakeSync } from '../../api/fakeSync.cjs';

const credentials = { apiKey: 'key-fake', baseUrl: 'http://127.0.0.1:9' };
const run = (parameters: INodeParameters) => runNode({ parameters: { resource: 'batch', ...parameters }, credentials });

afterEach(() => fakeSync.reset());

describe('Batch → Get', () => {
	it('outputs the batch Sync holds under that ID', async () => {
		fakeSync.answer('GET /v2/batch/:id', (r) => aBatch({ id: r.params[0], status: 'COMPLETED', outputUrl: 'https://api.example.com/batch-results/b1' }));
		const result = await run({ operation: 'get', batchId: 'b1' });
		expect(result.items.map((i) => i.json)).toEqual([expect.objectContaining({ id: 'b1', status: 'COMPLETED', metrics: expect.objectContaining({ total_generations: 20 }) })]);
		expect(fakeSync.requests.map((r) => r.route)).toEqual(['GET /v2/batch/b1']);
	});

	it('reports an unknown batch with Sync\'s message', async () => {
		fakeSync.refuse('GET /v2/batch/:id', 404, { message: 'Batch with id batch_nope not found' });
		const result = await run({ operation: 'get', batchId: 'batch_nope' });
		expect(result.error?.message).toBe('Sync Labs: Batch with id batch_nope not found');
	});

	it('refuses an empty Batch ID before any request', async () => {
		const result = await run({ operation: 'get', batchId: '  ' });
		expect(result.error?.message).toMatch(/^Batch ID .*\(item 0\)$/);
		expect(fakeSync.requests).toEqual([]);
	});
});

describe('Batch → Get Many', () => {
	const batches = [aBatch({ id: 'b3' }), aBatch({ id: 'b2' }), aBatch({ id: 'b1' })];

	it('outputs every batch newest first, or the first ones with a Limit, from one unpaged request each', async () => {
		fakeSync.answer('GET /v2/batch', batches);
		const all = await run({ operation: 'getMany', returnAll: true });
		const limited = await run({ operation: 'getMany', limit: 2 });
		expect(all.items.map((i) => i.json.id)).toEqual(['b3', 'b2', 'b1']);
		expect(limited.items.map((i) => i.json.id)).toEqual(['b3', 'b2']);
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([{}, {}]);
	});

	it('sends the status and the dates as Sync\'s snake_case filters, the dates in ISO 8601', async () => {
		fakeSync.answer('GET /v2/batch', []);
		await run({ operation: 'getMany', returnAll: true, filters: { status: 'COMPLETED', createdAfter: '2026-11-27T07:00:00+01:00', createdBefore: '2026-11-28' } });
		expect(fakeSync.requests[0].qs).toEqual({ status: 'COMPLETED', created_after: '2026-11-27T06:00:00.000Z', created_before: '2026-11-28T00:00:00.000Z' });
	});

	it('reads the list the same when Sync wraps it in { items }', async () => {
		fakeSync.answer('GET /v2/batch', { items: batches });
		const result = await run({ operation: 'getMany', returnAll: true });
		expect(result.items.map((i) => i.json.id)).toEqual(['b3', 'b2', 'b1']);
	});

	it('refuses a date that is none before any request, naming the field', async () => {
		const result = await run({ operation: 'getMany', filters: { createdAfter: 'next tuesday-ish' } });
		expect(result.error?.message).toBe('Created After is the text "next tuesday-ish", which is not a date and time in a form this node reads (ISO 8601 is best); give a date and time such as 2026-01-31T12:00:00Z (item 0)');
		expect(fakeSync.requests).toEqual([]);
	});
});

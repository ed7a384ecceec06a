// The Polling Trigger reads Sync's batch and generation lists by the client's one envelope rule
// (nodes/SyncLabs/api/read.ts): a bare array or { items }. Before, it took only a bare array, so a wrapped list
// read as empty and the safety net went silent while Batch → Get Many kept working. Run against the fake Sync.
jest.mock('../../nodes/SyncLabs/api/send', () => jest.requireActual('../api/fakeSync.cjs').fakeSendModule);

import type { IDataObject } from 'n8n-workflow';
import { createPoller } from '../runner/index.cjs';
import { aBatch, aGeneration, fakeSync } from '../api/fakeSync.cjs';

afterEach(() => fakeSync.reset());

const credentials = { apiKey: 'fake-key', baseUrl: 'http://127.0.0.1:9' };
const envelopes: Array<[string, (list: IDataObject[]) => unknown]> = [
	['a bare array', (list) => list],
	['{ items }', (list) => ({ items: list })],
];

describe.each(envelopes)('the Polling Trigger, when Sync sends the lists as %s', (_name, wrap) => {
	it('emits a batch that finished since the last poll, once', async () => {
		const batch = aBatch({ status: 'PROCESSING', created_at: new Date().toISOString() });
		fakeSync.answer('GET /v2/batch', () => wrap([batch]));
		fakeSync.answer('GET /v2/batch/:id', () => batch);
		const poller = createPoller({ parameters: { watch: ['batch'], events: [] }, credentials });

		expect(await poller.poll()).toEqual([]);
		batch.status = 'COMPLETED';
		expect((await poller.poll()).map((item) => [item.json.id, item.json.event])).toEqual([[batch.id, 'batch.completed']]);
		expect(await poller.poll()).toEqual([]);
	});

	it('emits a generation that finished since the last poll, once', async () => {
		const generation = aGeneration({ status: 'PROCESSING', createdAt: new Date().toISOString() });
		const list = () => wrap([generation]);
		fakeSync.answer('GET /v2/generations', list);
		fakeSync.answer('GET /v2/generate/:id', () => generation);
		const poller = createPoller({ parameters: { watch: ['generation'], events: [] }, credentials });

		expect(await poller.poll()).toEqual([]);
		generation.status = 'COMPLETED';
		expect((await poller.poll()).map((item) => [item.json.id, item.json.event])).toEqual([[generation.id, 'generation.completed']]);
		expect(await poller.poll()).toEqual([]);
	});
});

it('fails the poll, naming the list, when Sync answers the batch list with neither form, instead of seeing no batches', async () => {
	fakeSync.answer('GET /v2/batch', { data: [aBatch()] });
	const poller = createPoller({ parameters: { watch: ['batch'], events: [] }, credentials });
	await expect(poller.poll()).rejects.toThrow('Sync Labs returned an unexpected batch list');
});

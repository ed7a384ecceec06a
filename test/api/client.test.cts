// The Sync client (nodes/SyncLabs/api) against the fake Sync: each endpoint function's method, path, query,
// body and repeat rule, and how it reads the answer (the one list envelope rule, strict and tolerant reads,
// paging). The same functions against the emulator, over HTTP: test/emulator/tests/client.test.cts.
jest.mock('../../nodes/SyncLabs/api/send', () => jest.requireActual('./fakeSync.cjs').fakeSendModule);

import type { INode } from 'n8n-workflow';
import * as api from '../../nodes/SyncLabs/api';
import { SyncApiError, type SyncContext } from '../../nodes/SyncLabs/transport';
import { aBatch, aGeneration, anAsset, fakeSync } from './fakeSync.cjs';

const node = { id: 'n1', name: 'Sync Labs', type: 'n8n-nodes-synclabs.syncLabs', typeVersion: 2, position: [0, 0], parameters: {} } as INode;
/** All the client asks of its context once the transport is faked: the node, for errors. */
const ctx = { getNode: () => node } as unknown as SyncContext;

const sent = () => fakeSync.requests.map((r) => ({ route: r.route, qs: r.qs, body: r.body, headers: r.headers, repeatable: r.repeatable }));

afterEach(() => fakeSync.reset());

describe('every list is read by one envelope rule: a bare array or { items }', () => {
	const lists: Array<[string, string, () => Promise<Array<{ id: string }>>, () => Record<string, unknown>]> = [
		['the generation list', 'GET /v2/generations', async () => await api.listGenerations(ctx, { limit: 10 }), () => aGeneration()],
		['the batch list', 'GET /v2/batch', async () => await api.listBatches(ctx, {}), () => aBatch()],
		['the model list', 'GET /v2/models', async () => await api.listModels(ctx), () => ({ id: 'm1', name: 'lipsync-2' })],
		['an asset page', 'GET /v2/assets', async () => (await api.listAssets(ctx, { limit: 10 })).items, () => anAsset()],
	];

	it.each(lists)('reads %s the same whether Sync sends a bare array or wraps it in { items }', async (_name, route, read, make) => {
		const objects = [make(), make()];
		fakeSync.answer(route, objects);
		const bare = await read();
		fakeSync.answer(route, { items: objects, nextCursor: null });
		const wrapped = await read();
		expect(bare.map((o) => o.id)).toEqual(objects.map((o) => o.id));
		expect(wrapped).toEqual(bare);
	});

	it.each(lists)('refuses an answer for %s that is no list, naming the list, instead of reading it as empty', async (name, route, read) => {
		fakeSync.answer(route, { data: [] });
		const what = name.split(' ')[1];
		await expect(read()).rejects.toThrow(`Sync Labs returned an unexpected ${what} list: a list is an array or an object with "items", the answer was an object with the fields data`);
	});

	it('reads the batch list tolerantly with the same rule: the Polling Trigger and Get Many see the same batches', async () => {
		const batches = [aBatch(), aBatch()];
		fakeSync.answer('GET /v2/batch', { items: batches });
		const tolerant = await api.listBatches(ctx, {}, { parse: 'tolerant' });
		const strict = await api.listBatches(ctx, {});
		expect(tolerant.map((b) => b.value?.id)).toEqual(strict.map((b) => b.id));
	});
});

describe('strict and tolerant reads', () => {
	it('a strict read of a malformed object is an error naming the object and the field', async () => {
		fakeSync.answer('GET /v2/generate/:id', { id: 'g1', input: [] });
		await expect(api.getGeneration(ctx, 'g1', { itemIndex: 2 })).rejects.toThrow('Sync Labs returned an unexpected generation: its field "status" does not match (Required)');
	});

	it('a strict list read fails on its first malformed object', async () => {
		fakeSync.answer('GET /v2/batch', [aBatch(), { id: 'b-bad', status: 'PENDING' }]);
		await expect(api.listBatches(ctx, {})).rejects.toThrow('Sync Labs returned an unexpected batch: its field "metrics" does not match (Required)');
	});

	it('a tolerant read keeps a malformed object as Sync sent it, without its typed form, and leaves out what is no object', async () => {
		const good = aGeneration();
		fakeSync.answer('GET /v2/generations', [good, { id: 'g-bad', status: 'PENDING' }, 'noise', null]);
		const page = await api.listGenerations(ctx, { limit: 100 }, { parse: 'tolerant' });
		expect(page).toEqual([
			{ raw: good, value: expect.objectContaining({ id: good.id }) },
			{ raw: { id: 'g-bad', status: 'PENDING' }, value: null },
		]);
	});

	it('a tolerant read of one object is undefined when the answer is no object', async () => {
		fakeSync.answer('GET /v2/batch/:id', 'gone');
		expect(await api.getBatch(ctx, 'b1', { parse: 'tolerant' })).toBeUndefined();
	});

	it('keeps every field Sync sent, also those the schema does not name', async () => {
		fakeSync.answer('GET /v2/assets/:id', anAsset({ id: 'a1', projectId: 'p1' }));
		expect(await api.getAsset(ctx, 'a1')).toMatchObject({ id: 'a1', projectId: 'p1' });
	});

	it('a refusal reaches the caller as Sync\'s error with its status and code', async () => {
		fakeSync.refuse('GET /v2/batch/:id', 404, { errorCode: 'batch_not_found', message: 'Batch not found' });
		const error = await api.getBatch(ctx, 'b1').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SyncApiError);
		expect(error).toMatchObject({ statusCode: 404, errorCode: 'batch_not_found', message: 'Sync Labs: Batch not found [batch_not_found]' });
	});
});

describe('each endpoint function owns its method, path, query, body and whether a repeat is safe', () => {
	it('creates a generation with its Idempotency-Key, as a request that may be repeated', async () => {
		fakeSync.answer('POST /v2/generate', aGeneration({ id: 'g1', status: 'PENDING' }));
		const body = { model: 'lipsync-2', input: [{ type: 'video', url: 'https://x/v.mp4' }] };
		const created = await api.createGeneration(ctx, { body, idempotencyKey: 'key-1' });
		expect(created).toMatchObject({ id: 'g1', status: 'PENDING' });
		expect(sent()).toEqual([{ route: 'POST /v2/generate', qs: {}, body, headers: { 'Idempotency-Key': 'key-1' }, repeatable: true }]);
	});

	it('gets a generation by its encoded id, with progress only when asked', async () => {
		fakeSync.answer('GET /v2/generate/:id', (r) => aGeneration({ id: r.params[0] }));
		expect((await api.getGeneration(ctx, 'a/b')).id).toBe('a/b');
		await api.getGeneration(ctx, 'g2', { includeProgress: true });
		expect(fakeSync.requests.map((r) => [r.path, r.qs])).toEqual([
			['/v2/generate/a%2Fb', {}],
			['/v2/generate/g2', { include: 'progress' }],
		]);
	});

	it('lists generations with statuses and ids comma-separated, the limit always, the cursor when given', async () => {
		fakeSync.answer('GET /v2/generations', []);
		await api.listGenerations(ctx, { status: ['COMPLETED', 'FAILED'], ids: ['a', 'b'], limit: 5, cursor: 'c1' });
		await api.listGenerations(ctx, { status: [], limit: 100 });
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([{ status: 'COMPLETED,FAILED', ids: 'a,b', limit: 5, cursor: 'c1' }, { limit: 100 }]);
	});

	it('collects generations page by page with the last id as cursor, up to the limit', async () => {
		const all = Array.from({ length: 250 }, (_, i) => aGeneration({ id: `g${i}` }));
		fakeSync.answer('GET /v2/generations', (r) => {
			const from = r.qs.cursor ? all.findIndex((g) => g.id === r.qs.cursor) + 1 : 0;
			return all.slice(from, from + Number(r.qs.limit));
		});
		expect((await api.collectGenerations(ctx, {}, undefined)).map((g) => g.id)).toEqual(all.map((g) => g.id));
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([{ limit: 100 }, { limit: 100, cursor: 'g99' }, { limit: 100, cursor: 'g199' }]);
		fakeSync.requests.length = 0;
		expect(await api.collectGenerations(ctx, { status: ['COMPLETED'] }, 120)).toHaveLength(120);
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([{ status: 'COMPLETED', limit: 100 }, { status: 'COMPLETED', limit: 20, cursor: 'g99' }]);
	});

	it('deletes a generation and returns what Sync sent back, or nothing for an empty answer', async () => {
		fakeSync.answer('DELETE /v2/generations/:id', aGeneration({ id: 'g1' }));
		expect(await api.deleteGeneration(ctx, 'g1')).toMatchObject({ id: 'g1' });
		fakeSync.answer('DELETE /v2/generations/:id', '');
		expect(await api.deleteGeneration(ctx, 'g1')).toBeUndefined();
		expect(fakeSync.requests.map((r) => [r.route, r.repeatable])).toEqual([
			['DELETE /v2/generations/g1', true],
			['DELETE /v2/generations/g1', true],
		]);
	});

	it('reads the download endpoint\'s text as a URL, and anything else as no URL', async () => {
		fakeSync.answer('GET /v2/generations/:id/download', ' https://files.example.com/out.mp4?sig=1\n');
		expect(await api.getGenerationDownloadUrl(ctx, 'g1')).toBe('https://files.example.com/out.mp4?sig=1');
		fakeSync.answer('GET /v2/generations/:id/download', 'not yet');
		expect(await api.getGenerationDownloadUrl(ctx, 'g1')).toBeUndefined();
	});

	it('estimates a cost from a duration, sending Reasoning only when on, and from a create body; both answers read the same', async () => {
		fakeSync.answer('POST /v2/generations/estimate', { estimatedFrameCount: 300, estimatedGenerationCost: 0.8, estimatedCredits: null });
		fakeSync.answer('POST /v2/analyze/cost', [{ estimatedFrameCount: 300, estimatedGenerationCost: 0.8 }]);
		const byDuration = await api.estimateCostByDuration(ctx, { model: 'sync-3', duration: 10, fps: 30, reasoningEnabled: false });
		const body = { model: 'lipsync-2', input: [] };
		const ofGeneration = await api.estimateCostOfGeneration(ctx, body);
		expect(byDuration).toEqual(ofGeneration);
		expect(byDuration).toEqual({ estimatedFrameCount: 300, estimatedGenerationCost: 0.8, estimatedCredits: null });
		expect(sent().map((r) => [r.route, r.body])).toEqual([
			['POST /v2/generations/estimate', { model: 'sync-3', duration: 10, fps: 30 }],
			['POST /v2/analyze/cost', body],
		]);
	});

	it('creates a batch from rows with Sync\'s snake_case names, never repeated after a 5xx, and reads a dry run as VALIDATED', async () => {
		fakeSync.answer('POST /v2/batch', { status: 'VALIDATED' });
		const rows = [{ request_id: 'r1', endpoint: '/v2/generate', payload: {} }];
		expect(await api.createBatch(ctx, { rows, webhookUrl: 'https://hook.example.com', dryRun: true })).toEqual({ status: 'VALIDATED' });
		fakeSync.answer('POST /v2/batch', aBatch({ id: 'b1' }));
		expect(await api.createBatch(ctx, { rows })).toMatchObject({ id: 'b1' });
		const form = new FormData();
		await api.createBatch(ctx, { form });
		expect(sent().map((r) => [r.body, r.repeatable])).toEqual([
			[{ rows, webhook_url: 'https://hook.example.com', dry_run: true }, false],
			[{ rows }, false],
			[form, false],
		]);
	});

	it('lists batches with only the filters given, in Sync\'s snake_case', async () => {
		fakeSync.answer('GET /v2/batch', []);
		await api.listBatches(ctx, { status: 'PENDING', createdAfter: '2026-01-01T00:00:00.000Z', createdBefore: '2026-02-01T00:00:00.000Z' });
		await api.listBatches(ctx, {});
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([{ status: 'PENDING', created_after: '2026-01-01T00:00:00.000Z', created_before: '2026-02-01T00:00:00.000Z' }, {}]);
	});

	it('asks for an upload URL (repeatable) and registers the file once (never repeated after a 5xx)', async () => {
		fakeSync.answer('POST /v2/assets/upload', { uploadUrl: 'https://storage.example.com/u/1', url: 'https://storage.example.com/f/1', expiresIn: 900 });
		fakeSync.answer('POST /v2/assets', (r) => anAsset({ ...(r.body as object), id: 'a1' }));
		const presigned = await api.requestAssetUpload(ctx, { fileName: 'v.mp4', contentType: 'video/mp4', size: 10 });
		const asset = await api.registerAsset(ctx, { url: presigned.url, type: 'VIDEO', name: '' });
		expect(asset).toMatchObject({ id: 'a1', type: 'VIDEO' });
		expect(sent().map((r) => [r.route, r.body, r.repeatable])).toEqual([
			['POST /v2/assets/upload', { fileName: 'v.mp4', contentType: 'video/mp4', size: 10 }, true],
			['POST /v2/assets', { url: 'https://storage.example.com/f/1', type: 'VIDEO' }, false],
		]);
	});

	it('collects assets by nextCursor, and an empty page ends the list even if it names a cursor', async () => {
		const pages: Record<string, unknown> = {
			first: { items: [anAsset(), anAsset()], nextCursor: 'p2' },
			p2: { items: [anAsset()], nextCursor: 'p3' },
			p3: { items: [], nextCursor: 'p4' },
		};
		fakeSync.answer('GET /v2/assets', (r) => pages[String(r.qs.cursor ?? 'first')]);
		expect(await api.collectAssets(ctx, { types: ['VIDEO', 'AUDIO'], searchQuery: 'x', sortBy: 'nameAsc' }, undefined)).toHaveLength(3);
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([
			{ limit: 100, types: 'VIDEO,AUDIO', searchQuery: 'x', sortBy: 'nameAsc' },
			{ limit: 100, types: 'VIDEO,AUDIO', searchQuery: 'x', sortBy: 'nameAsc', cursor: 'p2' },
			{ limit: 100, types: 'VIDEO,AUDIO', searchQuery: 'x', sortBy: 'nameAsc', cursor: 'p3' },
		]);
	});
});

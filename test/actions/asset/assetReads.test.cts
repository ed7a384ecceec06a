// Asset → Get and Get Many run in-process by n8n against the fake Sync (test/api/fakeSync.cts): parameters to the
// client's requests, Sync's pages to items. Upload (storage, streaming, faults) runs against the emulator (asset.test.cts).
jest.mock('../../../nodes/SyncLabs/api/send', () => jest.requireActual('../../api/fakeSync.cjs').fakeSendModule);

import type { INodeParameters } from 'n8n-workflow';
import { runNode } from '../../runner/index.cjs';
import { anAsset, fakeSync } from '../../api/fakeSync.cjs';

const credentials = { apiKey: 'key-fake', baseUrl: 'http://127.0.0.1:9' };
const run = (parameters: INodeParameters) => runNode({ parameters: { resource: 'asset', ...parameters }, credentials });

afterEach(() => fakeSync.reset());

describe('Asset → Get', () => {
	it('outputs the asset Sync holds under that ID', async () => {
		fakeSync.answer('GET /v2/assets/:id', (r) => anAsset({ id: r.params[0], type: 'IMAGE', name: 'portrait.png' }));
		const result = await run({ operation: 'get', assetId: 'a1' });
		expect(result.items.map((i) => i.json)).toEqual([expect.objectContaining({ id: 'a1', type: 'IMAGE', name: 'portrait.png' })]);
		expect(fakeSync.requests.map((r) => r.route)).toEqual(['GET /v2/assets/a1']);
	});

	it('reports an unknown ID with Sync\'s message', async () => {
		fakeSync.refuse('GET /v2/assets/:id', 404, { message: 'Asset with id missing-asset not found' });
		const result = await run({ operation: 'get', assetId: 'missing-asset' });
		expect(result.error?.message).toBe('Sync Labs: Asset with id missing-asset not found');
	});

	it('refuses an empty ID before any request', async () => {
		const result = await run({ operation: 'get', assetId: '  ' });
		expect(result.error?.message).toBe('Asset ID is required, but holds only 2 blank characters (item 0)');
		expect(fakeSync.requests).toEqual([]);
	});
});

describe('Asset → Get Many', () => {
	const assets = Array.from({ length: 130 }, (_, i) => anAsset({ id: `a${i}` }));
	const pages = (r: { qs: Record<string, unknown> }) => {
		const from = r.qs.cursor ? Number(r.qs.cursor) : 0;
		const to = from + Number(r.qs.limit);
		return { items: assets.slice(from, to), nextCursor: to < assets.length ? String(to) : null };
	};

	it('pages through nextCursor beyond one page with Return All', async () => {
		fakeSync.answer('GET /v2/assets', pages);
		const result = await run({ operation: 'getMany', returnAll: true });
		expect(result.items.map((i) => i.json.id)).toEqual(assets.map((a) => a.id));
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([{ limit: 100 }, { limit: 100, cursor: '100' }]);
	});

	it('sends the Limit, the types comma-separated, the trimmed search and the sort', async () => {
		fakeSync.answer('GET /v2/assets', pages);
		const result = await run({ operation: 'getMany', returnAll: false, limit: 2, filters: { types: ['AUDIO', 'VIDEO'], searchQuery: ' intro ', sortBy: 'nameAsc' } });
		expect(result.items.map((i) => i.json.id)).toEqual(['a0', 'a1']);
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([{ limit: 2, types: 'AUDIO,VIDEO', searchQuery: 'intro', sortBy: 'nameAsc' }]);
	});

	it('refuses a type outside the list before any request, naming the field', async () => {
		const result = await run({ operation: 'getMany', returnAll: true, filters: { types: ['DOCUMENT'] } });
		expect(result.error?.message).toMatch(/^Types .*DOCUMENT.*\(item 0\)$/);
		expect(fakeSync.requests).toEqual([]);
	});
});

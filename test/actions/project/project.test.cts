// Project resource on the fake Sync (test/api/fakeSync.cts): the create's client id (given, or derived for the
// item), the reads and paging, a foreign id said plainly, and what is refused before any request. Repeats and
// the Project ID option of other operations over HTTP: projectFaults.test.cts.
jest.mock('../../../nodes/SyncLabs/api/send', () => jest.requireActual('../../api/fakeSync.cjs').fakeSendModule);

import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { fakeSync, SyncRefusal } from '../../api/fakeSync.cjs';
import { runNode } from '../../runner/index.cjs';

const credentials = { apiKey: 'project-key', baseUrl: 'http://127.0.0.1:9' };
const PROJECT_ID = '0b9a3c44-5d6e-4f70-8a91-b2c3d4e5f607';
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const aProject = (fields: IDataObject = {}): IDataObject => ({
	id: PROJECT_ID,
	createdAt: '2026-11-27T06:00:00.000Z',
	updatedAt: '2026-11-27T06:00:00.000Z',
	visibility: 'USER',
	mode: 'CREATOR',
	name: 'Spring campaign',
	defaultWorkflow: null,
	...fields,
});

const run = async (parameters: INodeParameters, itemCount = 1) =>
	await runNode({ parameters: { resource: 'project', ...parameters }, items: Array.from({ length: itemCount }, () => ({ json: {} })), credentials });

afterEach(() => fakeSync.reset());

describe('Project → Create', () => {
	it('sends the name with a client id derived for the item, as a request that may be repeated, and outputs the project', async () => {
		fakeSync.answer('POST /v2/projects', (r) => aProject({ id: (r.body as IDataObject).id }));
		const result = await run({ operation: 'create', name: 'Spring campaign' }, 2);
		expect(result.error).toBeUndefined();
		const sent = fakeSync.requests.map((r) => r.body as IDataObject);
		expect(sent.map((body) => Object.keys(body))).toEqual([['id', 'name'], ['id', 'name']]);
		expect(sent[0].id).toMatch(UUID_V5);
		expect(sent[1].id).not.toBe(sent[0].id);
		expect(fakeSync.requests.every((r) => r.repeatable)).toBe(true);
		expect(result.items.map((i) => i.json.id)).toEqual(sent.map((body) => body.id));
	});

	it('derives another id in another run, even one with the same execution and node ids (another instance, a restored database)', async () => {
		fakeSync.answer('POST /v2/projects', (r) => aProject({ id: (r.body as IDataObject).id }));
		await runNode({ parameters: { resource: 'project', operation: 'create', name: 'A' }, credentials, executionId: '77', nodeId: 'node-1' });
		await runNode({ parameters: { resource: 'project', operation: 'create', name: 'A' }, credentials, executionId: '77', nodeId: 'node-1' });
		const [first, second] = fakeSync.requests.map((r) => (r.body as IDataObject).id);
		expect(second).not.toBe(first);
	});

	it('sends the Project ID given, and every option', async () => {
		fakeSync.answer('POST /v2/projects', aProject());
		await run({
			operation: 'create',
			name: 'Spring campaign',
			options: { projectId: PROJECT_ID, description: 'Ads for May', visibility: 'ORGANIZATION', mode: 'DEVELOPER', defaultWorkflow: 'translate_and_dub' },
		});
		expect(fakeSync.requests[0].body).toEqual({
			id: PROJECT_ID,
			name: 'Spring campaign',
			description: 'Ads for May',
			visibility: 'ORGANIZATION',
			mode: 'DEVELOPER',
			defaultWorkflow: 'translate_and_dub',
		});
	});

	it('says plainly that an id of another user or organization cannot be used, keeping Sync\'s code', async () => {
		fakeSync.answer('POST /v2/projects', () => {
			throw new SyncRefusal(409, { errorCode: 'project_conflict', message: 'Conflict' });
		});
		const result = await runNode({
			parameters: { resource: 'project', operation: 'create', name: 'A', options: { projectId: PROJECT_ID } },
			credentials,
			onError: 'continueErrorOutput',
		});
		expect(result.errorItems[0].json.error).toMatchObject({
			message: `Project ID ${PROJECT_ID} cannot be used: it belongs to another user or organization, or to a deleted project (item 0)`,
			code: 'project_conflict',
			httpCode: '409',
		});
	});

	it.each<[string, INodeParameters, string]>([
		['a Project ID that is no UUID', { operation: 'create', name: 'A', options: { projectId: 'spring' } }, 'Project ID is "spring", which is not a project ID; a project ID is a UUID such as 6533643b-aceb-4c40-967e-d9ba9baac39e (item 0)'],
		['an empty name', { operation: 'create', name: '={{ "  " }}' }, 'Name is required, but holds only 2 blank characters (item 0)'],
		['a mode Sync does not have', { operation: 'create', name: 'A', options: { mode: 'STUDIO' } }, 'Mode is the text "STUDIO", which is none of CREATOR, DEVELOPER (item 0)'],
		['a Get of an ID that is no UUID', { operation: 'get', projectId: 'p-1' }, 'Project ID is "p-1", which is not a project ID; a project ID is a UUID such as 6533643b-aceb-4c40-967e-d9ba9baac39e (item 0)'],
	])('refuses %s before any request, naming the field and the item', async (_what, parameters, message) => {
		const result = await run(parameters);
		expect(result.error?.message).toBe(message);
		expect(fakeSync.requests).toEqual([]);
	});
});

describe('Project → Create with several items', () => {
	const items = [{ json: { name: 'Spring' } }, { json: { name: 'Summer' } }, { json: { name: 'Autumn', id: 'autumn' } }];
	const parameters = { resource: 'project', operation: 'create', name: '={{ $json.name }}', options: { projectId: '={{ $json.id ?? "" }}' } };

	it('with Stop Workflow, a bad third item stops the node before any project is created, naming the field and the item', async () => {
		fakeSync.answer('POST /v2/projects', (r) => aProject({ id: (r.body as IDataObject).id }));
		const result = await runNode({ parameters, items, credentials });
		expect(result.error?.message).toBe('Project ID is "autumn", which is not a project ID; a project ID is a UUID such as 6533643b-aceb-4c40-967e-d9ba9baac39e (item 2)');
		expect(fakeSync.requests).toEqual([]);
	});

	it('with the error output, the bad item becomes its error item and the others are created, each paired to its input', async () => {
		fakeSync.answer('POST /v2/projects', (r) => aProject({ id: (r.body as IDataObject).id, name: (r.body as IDataObject).name }));
		const result = await runNode({ parameters, items, credentials, onError: 'continueErrorOutput' });
		expect(result.items.map((i) => [i.json.name, i.pairedItem])).toEqual([
			['Spring', { item: 0 }],
			['Summer', { item: 1 }],
		]);
		expect(result.errorItems.map((i) => i.pairedItem)).toEqual([{ item: 2 }]);
		expect(fakeSync.requests).toHaveLength(2);
	});
});

describe('Project → Get and Get Many', () => {
	it('gets a project by its ID', async () => {
		fakeSync.answer('GET /v2/projects/:id', (r) => aProject({ id: r.params[0], futureField: { kept: true } }));
		const result = await run({ operation: 'get', projectId: PROJECT_ID });
		expect(result.items[0].json).toMatchObject({ id: PROJECT_ID, futureField: { kept: true } });
		expect(fakeSync.requests.map((r) => r.route)).toEqual([`GET /v2/projects/${PROJECT_ID}`]);
	});

	const pages = (count: number, lastCursor: 'absent' | 'null') => {
		const all = Array.from({ length: count }, (_, i) => aProject({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `P${i}` }));
		fakeSync.answer('GET /v2/projects', (r) => {
			const from = r.qs.cursor ? Number(r.qs.cursor) : 0;
			const to = from + Number(r.qs.limit);
			const items = all.slice(from, to);
			if (to < all.length) return { items, nextCursor: String(to) };
			return lastCursor === 'null' ? { items, nextCursor: null } : { items };
		});
		return all;
	};

	it.each(['absent', 'null'] as const)('reads every page until nextCursor is %s', async (lastCursor) => {
		const all = pages(230, lastCursor);
		const result = await run({ operation: 'getMany', returnAll: true, filters: { searchQuery: 'P', sortBy: 'name' } });
		expect(result.items.map((i) => i.json.name)).toEqual(all.map((p) => p.name));
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([
			{ limit: 100, searchQuery: 'P', sortBy: 'name' },
			{ limit: 100, searchQuery: 'P', sortBy: 'name', cursor: '100' },
			{ limit: 100, searchQuery: 'P', sortBy: 'name', cursor: '200' },
		]);
	});

	it('stops at the limit', async () => {
		pages(230, 'absent');
		const result = await run({ operation: 'getMany', returnAll: false, limit: 120 });
		expect(result.items).toHaveLength(120);
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([{ limit: 100 }, { limit: 20, cursor: '100' }]);
	});

	it('with Return All ends where Sync names as the next page the cursor it was just sent, each project output once', async () => {
		fakeSync.answer('GET /v2/projects', (r) => {
			const cursor = (r.qs as { cursor?: string } | undefined)?.cursor;
			return cursor === undefined ? { items: [aProject({ id: 'p-first' })], nextCursor: 'c1' } : { items: [aProject({ id: 'p-again' })], nextCursor: cursor };
		});
		const result = await run({ operation: 'getMany', returnAll: true });
		expect(result.items.map((i) => i.json.id)).toEqual(['p-first', 'p-again']);
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([{ limit: 100 }, { limit: 100, cursor: 'c1' }]);
	});

	it('with Return All outputs each project once when Sync ignores the cursor and answers page 1 again', async () => {
		fakeSync.answer('GET /v2/projects', { items: [aProject({ id: 'p-1' }), aProject({ id: 'p-2' })], nextCursor: 'c1' });
		const result = await run({ operation: 'getMany', returnAll: true });
		expect(result.items.map((i) => i.json.id)).toEqual(['p-1', 'p-2']);
		expect(fakeSync.requests).toHaveLength(2);
	});

	it('ends at an empty page even if it names a cursor', async () => {
		fakeSync.answer('GET /v2/projects', { items: [], nextCursor: 'again' });
		const result = await run({ operation: 'getMany', returnAll: true });
		expect(result.items).toEqual([]);
		expect(fakeSync.requests).toHaveLength(1);
	});
});

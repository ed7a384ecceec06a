// Projects against the emulator (real HTTP): a create repeated after a 5xx returns the project the first attempt
// made; a reused Project ID returns the existing project; the Project ID option of Generation → Create, Asset →
// Upload and Batch → Create rows, and the project filter of both Get Many; each switch of the project surface
// (docs/sync-api-2026.md#emulator-switches) seen through the node.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_MP4, TINY_WAV, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunnerInputItem } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const API_KEY = 'project-faults-key';
const FOREIGN = 'f0f0f0f0-0000-4000-8000-000000000001';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 5 });
});
afterEach(() => {
	emulator.reset();
	Object.assign(emulator.config, { projectCreateStatus: 201, projectsLastPageCursor: 'absent', foreignProjectIds: [], assetsEchoProjectId: false });
});
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: API_KEY, baseUrl: emulator.url });
const run = async (parameters: INodeParameters, items?: RunnerInputItem[]) => await runNode({ parameters, items, credentials: credentials() });
const posts = (path: string) => emulator.requests.filter((r) => r.method === 'POST' && r.path === path);

async function project(name: string): Promise<string> {
	const result = await run({ resource: 'project', operation: 'create', name });
	expect(result.error).toBeUndefined();
	return result.items[0].json.id as string;
}

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const create = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'generation',
	operation: 'create',
	model: 'lipsync-2',
	visualSource: 'url',
	visualUrl: VIDEO,
	audioSource: 'url',
	audioUrl: AUDIO,
	completion: 'immediately',
	options,
});

describe('Project → Create against Sync', () => {
	// What is sent again and what it leads to, not how long the backoff is (test/transport/quickRetries.cts).
	useQuickRetries();
	it('after a 502 sends the same id again and gets the project the first attempt made: one project', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/projects', status: 502, afterHandling: true });
		const result = await run({ resource: 'project', operation: 'create', name: 'Spring' });
		expect(result.error).toBeUndefined();
		const sent = posts('/v2/projects');
		expect(sent.map((r) => r.status)).toEqual([502, 201]);
		expect((sent[1].json as IDataObject).id).toBe((sent[0].json as IDataObject).id);
		expect(result.items[0].json).toMatchObject({ id: (sent[0].json as IDataObject).id, name: 'Spring' });
		expect(emulator.counters.projectsCreated).toBe(1);
	});

	it('returns the existing project, unchanged, when the Project ID given is reused', async () => {
		const id = 'a1b2c3d4-0000-4000-8000-00000000000a';
		const first = await run({ resource: 'project', operation: 'create', name: 'First', options: { projectId: id } });
		const again = await run({ resource: 'project', operation: 'create', name: 'Renamed', options: { projectId: id } });
		expect(again.items[0].json).toEqual(first.items[0].json);
		expect(again.items[0].json).toMatchObject({ id, name: 'First' });
		expect(emulator.counters.projectsCreated).toBe(1);
	});

	it('says plainly that a foreign id cannot be used (foreignProjectIds)', async () => {
		emulator.config.foreignProjectIds = [FOREIGN];
		const result = await run({ resource: 'project', operation: 'create', name: 'A', options: { projectId: FOREIGN } });
		expect(result.error?.message).toBe(`Project ID ${FOREIGN} cannot be used: it belongs to another user or organization, or to a deleted project (item 0)`);
		expect(posts('/v2/projects')).toHaveLength(1);
	});

	it.each([201, 200] as const)('reads a create answered %i the same (projectCreateStatus)', async (status) => {
		emulator.config.projectCreateStatus = status;
		const result = await run({ resource: 'project', operation: 'create', name: 'A' });
		expect(result.items[0].json).toMatchObject({ name: 'A', visibility: 'USER', mode: 'CREATOR' });
		expect(posts('/v2/projects')[0].status).toBe(status);
	});

	it.each(['absent', 'null'] as const)('lists every project over several pages when the last page\'s nextCursor is %s (projectsLastPageCursor)', async (cursor) => {
		emulator.config.projectsLastPageCursor = cursor;
		for (let i = 0; i < 105; i++) {
			await fetch(`${emulator.url}/v2/projects`, { method: 'POST', headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ name: `P${i}` }) });
		}
		emulator.requests.length = 0;
		const result = await run({ resource: 'project', operation: 'getMany', returnAll: true });
		expect(result.items).toHaveLength(105);
		expect(emulator.requests.map((r) => r.status)).toEqual([200, 200]);
		const got = await run({ resource: 'project', operation: 'get', projectId: result.items[0].json.id as string });
		expect(got.items[0].json).toEqual(result.items[0].json);
	});
});

describe('The Project ID option of other operations', () => {
	it('Generation → Create sends projectId and Sync echoes it; Get Many with the project filter lists only that project\'s generations', async () => {
		const id = await project('Videos');
		const inProject = await run(create({ projectId: id }));
		await run(create());
		expect(posts('/v2/generate')[0].json).toMatchObject({ projectId: id });
		expect(inProject.items[0].json.projectId).toBe(id);
		const listed = await run({ resource: 'generation', operation: 'getMany', returnAll: true, filters: { projectId: id } });
		expect(listed.items.map((i) => i.json.id)).toEqual([inProject.items[0].json.id]);
		expect(emulator.requests.at(-1)?.query).toMatchObject({ projectId: id });
	});

	it('Generation → Create with binary inputs and a project uploads them as assets and sends JSON (the SDK form has no projectId)', async () => {
		const id = await project('Videos');
		const result = await run(
			{ ...create({ projectId: id }), visualSource: 'binary', audioSource: 'binary' },
			[{ binary: { data: { data: TINY_MP4, fileName: 'v.mp4', mimeType: 'video/mp4' }, audio: { data: TINY_WAV, fileName: 'a.wav', mimeType: 'audio/wav' } } }],
		);
		expect(result.error).toBeUndefined();
		const generate = posts('/v2/generate')[0];
		expect(generate.form).toBeUndefined();
		expect(generate.json).toMatchObject({ projectId: id });
		expect(posts('/v2/assets')).toHaveLength(2);
	});

	it('Generation → Create with a project of another organization gets Sync\'s 422 project_not_found', async () => {
		const result = await run(create({ projectId: FOREIGN }));
		expect(result.error?.message).toMatch(/project_not_found/);
	});

	it.each([false, true])('Asset → Upload registers the asset in the project; Get Many with the filter finds it (assetsEchoProjectId %s)', async (echo) => {
		emulator.config.assetsEchoProjectId = echo;
		const id = await project('Assets');
		const uploaded = await run(
			{ resource: 'asset', operation: 'upload', binaryPropertyName: 'data', options: { projectId: id } },
			[{ binary: { data: { data: TINY_WAV, fileName: 'voice.wav', mimeType: 'audio/wav' } } }],
		);
		expect(posts('/v2/assets')[0].json).toMatchObject({ projectId: id });
		expect(uploaded.items[0].json.projectId).toBe(echo ? id : undefined);
		const listed = await run({ resource: 'asset', operation: 'getMany', returnAll: true, filters: { projectId: id } });
		expect(listed.items.map((i) => i.json.id)).toEqual([uploaded.items[0].json.id]);
	});

	it('Batch → Create from rows puts each item\'s project in its row\'s payload', async () => {
		const id = await project('Batch');
		const rows = Array.from({ length: 20 }, (_, i) => ({
			json: { request_id: `r${i}`, payload: { model: 'lipsync-2', input: [{ type: 'video', url: `${VIDEO}?i=${i}` }, { type: 'audio', url: AUDIO }] } },
		}));
		const result = await run({ resource: 'batch', operation: 'create', source: 'rows', options: { projectId: id, dryRun: true } }, rows);
		expect(result.error).toBeUndefined();
		const sent = posts('/v2/batch')[0].json as { rows: Array<{ payload: IDataObject }> };
		expect(sent.rows.map((row) => row.payload.projectId)).toEqual(Array(20).fill(id));
	});

	it('Batch → Create refuses a row whose payload names another project before any request', async () => {
		const id = 'a1b2c3d4-0000-4000-8000-00000000000b';
		const rows = Array.from({ length: 20 }, (_, i) => ({
			json: { request_id: `r${i}`, payload: { model: 'lipsync-2', projectId: i === 3 ? FOREIGN : id, input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }] } },
		}));
		const result = await run({ resource: 'batch', operation: 'create', source: 'rows', options: { projectId: id } }, rows);
		expect(result.error?.message).toBe(`Project ID is ${id}, but the row's payload names the project "${FOREIGN}"; remove one of the two (row 4) (item 3)`);
		expect(emulator.requests).toEqual([]);
	});

	it.each<[string, INodeParameters]>([
		['Generation → Create', create({ projectId: 'campaign-7' })],
		['Asset → Get Many', { resource: 'asset', operation: 'getMany', filters: { projectId: 'campaign-7' } }],
		['Generation → Get Many', { resource: 'generation', operation: 'getMany', filters: { projectId: 'campaign-7' } }],
	])('%s refuses a Project ID that is no UUID before any request', async (_what, parameters) => {
		const result = await run(parameters);
		expect(result.error?.message).toBe('Project ID is "campaign-7", which is not a project ID; a project ID is a UUID such as 6533643b-aceb-4c40-967e-d9ba9baac39e (item 0)');
		expect(emulator.requests).toEqual([]);
	});
});

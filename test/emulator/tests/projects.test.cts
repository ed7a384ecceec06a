// Projects as docs/sync-api-2026.md#projects describes them: create (a client id reused returns the existing
// project), list (cursor, search, sort, the last page's nextCursor absent or null), get, visibility, attach/detach
// answered 204, and projectId on generations and assets with their list filters.
import { api, basicBody } from './helpers.cjs';
import type { ClockedEmulator } from './surfaces.cjs';
import { startClocked } from './surfaces.cjs';

let c: ClockedEmulator;
beforeAll(async () => {
	c = await startClocked();
});
afterAll(() => c.emu.stop());
beforeEach(() => {
	c.reset();
	c.emu.config.projectIds = [];
});

const CLIENT_ID = '2f0c6a1e-8b3d-4c5e-9f7a-1b2c3d4e5f60';
const FOREIGN_ID = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const createProject = (body: Record<string, unknown>, key?: string) => api(c.emu, 'POST', '/v2/projects', { body, key });

describe('projects: create and get', () => {
	it('creates a project with 201 and the documented defaults (USER, CREATOR, defaultWorkflow null), readable by id', async () => {
		const r = await createProject({ name: 'Launch video' });
		expect(r.status).toBe(201);
		expect(r.json).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Launch video', visibility: 'USER', mode: 'CREATOR', defaultWorkflow: null, createdAt: '2026-11-12T00:00:00.000Z', updatedAt: '2026-11-12T00:00:00.000Z' });
		expect((await api(c.emu, 'GET', `/v2/projects/${r.json.id}`)).json).toEqual(r.json);
		expect(c.emu.counters.projectsCreated).toBe(1);
	});

	it('returns the existing project for a client id sent again and ignores the other fields', async () => {
		const first = await createProject({ id: CLIENT_ID, name: 'Dub campaign', description: 'first', defaultWorkflow: 'translate_and_dub' });
		c.advance(1000);
		const again = await createProject({ id: CLIENT_ID, name: 'Renamed', visibility: 'ORGANIZATION' });
		expect(again.status).toBe(201);
		expect(again.json).toEqual(first.json);
		expect(again.json).toMatchObject({ id: CLIENT_ID, name: 'Dub campaign', description: 'first', defaultWorkflow: 'translate_and_dub' });
		expect(c.emu.counters.projectsCreated).toBe(1);
	});

	it('answers 409 for a client id of another organization, or of another user\'s USER project', async () => {
		c.emu.config.foreignProjectIds = [FOREIGN_ID];
		expect((await createProject({ id: FOREIGN_ID, name: 'x' })).status).toBe(409);
		await createProject({ id: CLIENT_ID, name: 'Mine' });
		expect((await createProject({ id: CLIENT_ID, name: 'Theirs' }, 'another-user-key')).status).toBe(409);
		expect(c.emu.counters.projectsCreated).toBe(1);
	});

	it('answers 200 for create with projectCreateStatus 200', async () => {
		c.emu.config.projectCreateStatus = 200;
		expect((await createProject({ name: 'A' })).status).toBe(200);
		expect((await createProject({ id: CLIENT_ID, name: 'B' })).status).toBe(200);
		expect((await createProject({ id: CLIENT_ID, name: 'B' })).status).toBe(200);
	});

	it('refuses a missing name, an id that is not a UUID, an unknown defaultWorkflow or field with 400 naming it', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{}, 'name'],
			[{ name: 'A', id: 'mine' }, 'id'],
			[{ name: 'A', defaultWorkflow: 'karaoke' }, 'defaultWorkflow'],
			[{ name: 'A', visibility: 'PUBLIC' }, 'visibility'],
			[{ name: 'A', folder: 'x' }, ''],
		];
		for (const [body, field] of cases) {
			const r = await createProject(body);
			expect(r.status).toBe(400);
			if (field) expect(r.json.field).toBe(field);
		}
		expect(c.emu.counters.projectsCreated).toBe(0);
	});

	it('hides a USER project from other keys and shows an ORGANIZATION one to every key', async () => {
		const mine = await createProject({ name: 'Private' });
		const shared = await createProject({ name: 'Shared', visibility: 'ORGANIZATION' });
		const other = 'another-user-key';
		expect((await api(c.emu, 'GET', `/v2/projects/${mine.json.id}`, { key: other })).status).toBe(404);
		expect((await api(c.emu, 'GET', `/v2/projects/${shared.json.id}`, { key: other })).status).toBe(200);
		expect((await api(c.emu, 'GET', '/v2/projects', { key: other })).json.items.map((p: { name: string }) => p.name)).toEqual(['Shared']);
	});

	it('answers 404 project_not_found for an unknown project, and serves the ids of the projectIds option', async () => {
		const r = await api(c.emu, 'GET', '/v2/projects/0b7a4f5e-1c2d-4e3f-8a9b-0c1d2e3f4a5b');
		expect([r.status, r.json.errorCode]).toEqual([404, 'project_not_found']);
		c.emu.config.projectIds = ['0b7a4f5e-1c2d-4e3f-8a9b-0c1d2e3f4a5b'];
		expect((await api(c.emu, 'GET', '/v2/projects/0b7a4f5e-1c2d-4e3f-8a9b-0c1d2e3f4a5b')).json).toMatchObject({ visibility: 'ORGANIZATION' });
	});
});

describe('projects: list', () => {
	async function makeMany(n: number): Promise<string[]> {
		const names: string[] = [];
		for (let i = 0; i < n; i++) {
			const name = `Project ${String.fromCharCode(65 + ((i * 7) % n))}${i}`;
			await createProject({ name });
			names.push(name);
			c.advance(1000);
		}
		return names;
	}

	it('pages 10 at a time by default, most recently updated first, with nextCursor until the last page, where it is absent', async () => {
		const names = await makeMany(12);
		const first = (await api(c.emu, 'GET', '/v2/projects')).json;
		expect(first.items.map((p: { name: string }) => p.name)).toEqual([...names].reverse().slice(0, 10));
		expect(typeof first.nextCursor).toBe('string');
		const second = (await api(c.emu, 'GET', `/v2/projects?cursor=${first.nextCursor}`)).json;
		expect(second.items.map((p: { name: string }) => p.name)).toEqual([...names].reverse().slice(10));
		expect(second).not.toHaveProperty('nextCursor');
		c.emu.config.projectsLastPageCursor = 'null';
		expect((await api(c.emu, 'GET', `/v2/projects?cursor=${first.nextCursor}`)).json.nextCursor).toBeNull();
	});

	it('sorts by name, filters by searchQuery in the name, and refuses a cursor from another query', async () => {
		const names = await makeMany(5);
		const byName = (await api(c.emu, 'GET', '/v2/projects?sortBy=name&limit=100')).json.items.map((p: { name: string }) => p.name);
		expect(byName).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		await createProject({ name: 'Spring DUB campaign' });
		expect((await api(c.emu, 'GET', '/v2/projects?searchQuery=dub')).json.items.map((p: { name: string }) => p.name)).toEqual(['Spring DUB campaign']);
		const page = (await api(c.emu, 'GET', '/v2/projects?limit=2')).json;
		expect((await api(c.emu, 'GET', `/v2/projects?limit=2&sortBy=name&cursor=${page.nextCursor}`)).status).toBe(400);
	});

	it('refuses limit outside 1–100 and an unknown sortBy with 400', async () => {
		for (const q of ['limit=0', 'limit=101', 'sortBy=createdAt', 'cursor=garbage']) expect((await api(c.emu, 'GET', `/v2/projects?${q}`)).status).toBe(400);
		expect((await api(c.emu, 'GET', '/v2/projects?limit=100')).status).toBe(200);
	});
});

describe('projects: generations and assets', () => {
	it('accepts a created project as projectId on a generation, echoes it, and lists it under ?projectId=; another id is 422 project_not_found', async () => {
		const p = (await createProject({ name: 'Campaign' })).json.id;
		const g = await api(c.emu, 'POST', '/v2/generate', { body: basicBody('', { projectId: p }) });
		await api(c.emu, 'POST', '/v2/generate', { body: basicBody() });
		expect([g.status, g.json.projectId]).toEqual([201, p]);
		expect((await api(c.emu, 'GET', `/v2/generations?projectId=${p}`)).json.map((x: { id: string }) => x.id)).toEqual([g.json.id]);
		c.emu.config.foreignProjectIds = [FOREIGN_ID];
		for (const id of [FOREIGN_ID, '0b7a4f5e-1c2d-4e3f-8a9b-0c1d2e3f4a5b']) {
			const r = await api(c.emu, 'POST', '/v2/generate', { body: basicBody('', { projectId: id }) });
			expect([r.status, r.json.errorCode]).toEqual([422, 'project_not_found']);
		}
		expect((await api(c.emu, 'GET', `/v2/generations?projectId=${FOREIGN_ID}`)).json).toEqual([]);
	});

	it('registers an asset into a created project, lists it under ?projectId=, and echoes projectId with assetsEchoProjectId', async () => {
		const p = (await createProject({ name: 'Campaign' })).json.id;
		const inProject = await api(c.emu, 'POST', '/v2/assets', { body: { url: 'https://cdn.example.test/a.mp4', type: 'VIDEO', projectId: p } });
		await api(c.emu, 'POST', '/v2/assets', { body: { url: 'https://cdn.example.test/b.mp4', type: 'VIDEO' } });
		expect(inProject.status).toBe(201);
		expect(inProject.json).not.toHaveProperty('projectId');
		expect((await api(c.emu, 'GET', `/v2/assets?projectId=${p}`)).json.items.map((a: { id: string }) => a.id)).toEqual([inProject.json.id]);
		c.emu.config.assetsEchoProjectId = true;
		expect((await api(c.emu, 'POST', '/v2/assets', { body: { url: 'https://cdn.example.test/c.mp4', type: 'VIDEO', projectId: p } })).json.projectId).toBe(p);
		expect((await api(c.emu, 'POST', '/v2/assets', { body: { url: 'https://cdn.example.test/d.mp4', type: 'VIDEO' } })).json.projectId).toBeNull();
	});

	it('attaches an asset with 204 and no body (idempotently), after which the project lists it; 422 for an unknown asset, 404 for an unknown project', async () => {
		const p = (await createProject({ name: 'Campaign' })).json;
		const asset = (await api(c.emu, 'POST', '/v2/assets', { body: { url: 'https://cdn.example.test/a.mp4', type: 'VIDEO' } })).json.id;
		c.advance(5000);
		for (let i = 0; i < 2; i++) {
			const r = await api(c.emu, 'POST', `/v2/projects/${p.id}/assets`, { body: { assetId: asset } });
			expect([r.status, r.text]).toEqual([204, '']);
		}
		expect((await api(c.emu, 'GET', `/v2/assets?projectId=${p.id}`)).json.items.map((a: { id: string }) => a.id)).toEqual([asset]);
		expect((await api(c.emu, 'GET', `/v2/projects/${p.id}`)).json.updatedAt).toBe('2026-11-12T00:00:05.000Z');
		expect((await api(c.emu, 'POST', `/v2/projects/${p.id}/assets`, { body: { assetId: 'nope' } })).status).toBe(422);
		expect((await api(c.emu, 'POST', `/v2/projects/${FOREIGN_ID}/assets`, { body: { assetId: asset } })).status).toBe(404);
		c.emu.config.projectAssetAnswer = 'empty200';
		const ok = await api(c.emu, 'POST', `/v2/projects/${p.id}/assets`, { body: { assetId: asset } });
		expect([ok.status, ok.text]).toEqual([200, '']);
	});

	it('detaches an asset from the draft content with 204 (idempotent) while the asset stays in the project; 422 for a key with no owner', async () => {
		const p = (await createProject({ name: 'Campaign' })).json.id;
		const asset = (await api(c.emu, 'POST', '/v2/assets', { body: { url: 'https://cdn.example.test/a.mp4', type: 'VIDEO' } })).json.id;
		await api(c.emu, 'POST', `/v2/projects/${p}/assets`, { body: { assetId: asset } });
		for (const id of [asset, asset, 'never-attached']) expect((await api(c.emu, 'DELETE', `/v2/projects/${p}/assets/${id}`)).status).toBe(204);
		expect((await api(c.emu, 'GET', `/v2/assets?projectId=${p}`)).json.items).toHaveLength(1);
		c.emu.config.accountOwnerless = true;
		expect((await api(c.emu, 'DELETE', `/v2/projects/${p}/assets/${asset}`)).status).toBe(422);
	});
});

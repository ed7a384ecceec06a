// The contract between the emulator and the package's Sync client (nodes/SyncLabs/api): every client function,
// called directly over real HTTP, reads the emulator's answers strictly (each object matches the schema the
// client parses it with) and finds in them what the emulator holds. test/api/client.test.cts checks the same
// functions' requests and reading rules against the fake Sync.
import { startEmulator, type Emulator } from '../index.cjs';
import { createApiContext } from '../../runner/index.cjs';
import { callEveryEndpoint, ENDPOINT_FUNCTIONS, ROWS, type EndpointCall, type EndpointFunction } from '../../api/everyEndpoint.cjs';
import * as api from '../../../nodes/SyncLabs/api';
import { SyncApiError } from '../../../nodes/SyncLabs/transport';

let emu: Emulator;
let calls: Record<EndpointFunction, EndpointCall>;
let created: { generationsCreated: number; batchesCreated: number; projectsCreated: number };
const ctx = () => createApiContext({ apiKey: 'key-client-contract', baseUrl: emu.url });

beforeAll(async () => {
	emu = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
	calls = await callEveryEndpoint(ctx(), emu);
	created = { ...emu.counters };
});
afterAll(() => emu.stop());

const results = (name: EndpointFunction) => calls[name].results as Array<Record<string, unknown>>;
const statuses = (name: EndpointFunction) => calls[name].requests.map((r) => r.status);

it('calls every function the client exports, and the emulator answers each with 2xx', () => {
	expect(Object.keys(calls).sort()).toEqual([...ENDPOINT_FUNCTIONS].sort());
	for (const name of ENDPOINT_FUNCTIONS) {
		expect(`${name}: ${statuses(name).filter((s) => !(s! >= 200 && s! < 400)).join(', ') || 'all 2xx'}`).toBe(`${name}: all 2xx`);
	}
});

it('lists the models, lipsync-2 among them', () => {
	expect(results('listModels')[0]).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'lipsync-2' })]));
});

it('uploads an asset in three steps and reads it back by id and in the list', () => {
	const [presigned] = results('requestAssetUpload');
	const [registered] = results('registerAsset');
	expect(String(presigned.uploadUrl).startsWith(emu.url)).toBe(true);
	expect(registered).toMatchObject({ type: 'VIDEO', name: 'Speaker', visibility: 'ORGANIZATION', size: expect.any(Number) });
	expect(emu.getAsset(String(registered.id))).toMatchObject({ id: registered.id, name: 'Speaker' });
	expect(results('getAsset')[0]).toEqual(registered);
	const [filtered, tolerant] = results('listAssets') as unknown as Array<{ items: Array<{ id?: string; value?: { id: string } }>; nextCursor?: string }>;
	expect(filtered.items.map((a) => a.id)).toEqual([registered.id]);
	expect(tolerant.items.map((a) => a.value?.id)).toEqual([registered.id]);
	expect(filtered.nextCursor).toBeUndefined();
	expect((results('collectAssets')[0] as unknown as Array<{ id: string }>).map((a) => a.id)).toEqual([registered.id]);
});

it('creates a generation once per Idempotency-Key, as JSON and as the multipart form', () => {
	const [first, repeat, multipart] = results('createGeneration');
	expect(first).toMatchObject({ status: 'PENDING', model: 'lipsync-2' });
	expect(repeat.id).toBe(first.id);
	expect(multipart.id).not.toBe(first.id);
	expect(created.generationsCreated).toBe(2);
	expect(calls.createGeneration.requests.map((r) => r.headers['idempotency-key'])).toEqual(['every-endpoint-1', 'every-endpoint-1', 'every-endpoint-2']);
});

it('reads a generation strictly, with progress when asked, and tolerantly', () => {
	const [strict, withProgress, tolerant] = results('getGeneration');
	const [first] = results('createGeneration');
	expect(strict.id).toBe(first.id);
	expect(withProgress).toHaveProperty('progress_percent');
	expect(tolerant).toEqual({ raw: expect.objectContaining({ id: first.id }), value: expect.objectContaining({ id: first.id }) });
});

it('lists generations by id and status, pages with the last id, and collects them all', () => {
	const [first] = results('createGeneration');
	const [byId, onePage] = results('listGenerations') as unknown as [Array<{ id: string }>, Array<{ raw: { id: string } }>];
	expect(byId.map((g) => g.id)).toEqual([first.id]);
	expect(onePage).toHaveLength(1);
	expect(results('collectGenerations')[0]).toHaveLength(2);
});

it('gets a fresh download URL for a finished generation, then deletes it', async () => {
	const [first] = results('createGeneration');
	expect(results('getGenerationDownloadUrl')[0]).toMatch(new RegExp(`^${emu.url}/`));
	expect(results('deleteGeneration')[0]).toMatchObject({ id: first.id, status: 'COMPLETED' });
	const gone = await api.getGeneration(ctx(), String(first.id)).catch((e: unknown) => e);
	expect(gone).toBeInstanceOf(SyncApiError);
	expect((gone as SyncApiError).statusCode).toBe(404);
});

it('estimates costs by duration and from a create body, both read into the same fields', async () => {
	const [byDuration] = results('estimateCostByDuration');
	const [ofGeneration] = results('estimateCostOfGeneration');
	for (const estimate of [byDuration, ofGeneration]) expect(estimate).toMatchObject({ estimatedFrameCount: expect.any(Number), estimatedGenerationCost: expect.any(Number) });
	// The answer Sync was seen sending, a bare object instead of the documented array of one, reads the same.
	emu.config.costEstimateShape = 'object';
	try {
		expect(await api.estimateCostOfGeneration(ctx(), { model: 'lipsync-2', input: [] as never[] }).catch(() => 'refused')).toBe('refused');
		expect(await api.estimateCostOfGeneration(ctx(), ROWS[0].payload)).toEqual(ofGeneration);
	} finally {
		emu.config.costEstimateShape = 'array';
	}
});

it('creates batches from rows and from a JSONL form, a dry run creating none, and reads them by id, in the list and to their results', () => {
	const [dryRun, fromRows, fromFile] = results('createBatch');
	expect(dryRun).toEqual({ status: 'VALIDATED' });
	expect(fromRows).toMatchObject({ status: expect.any(String), webhookUrl: 'https://n8n.example.com/webhook/batch' });
	expect(fromFile.id).not.toBe(fromRows.id);
	expect(created.batchesCreated).toBe(2);
	const [strict, tolerant] = results('getBatch');
	expect(strict.id).toBe(fromRows.id);
	expect(tolerant).toEqual({ raw: expect.objectContaining({ id: fromRows.id }), value: expect.objectContaining({ id: fromRows.id }) });
	const [all] = results('listBatches') as unknown as [Array<{ id: string }>];
	expect(all.map((b) => b.id).sort()).toEqual([fromRows.id, fromFile.id].sort());
	const lines = String(results('getBatchResults')[0]).trim().split('\n');
	expect(lines).toHaveLength(ROWS.length);
});

it('lists the voices whole, reads one, clones from a Sync-hosted URL and from an uploaded asset, and deletes a clone', () => {
	const [strict, tolerant] = results('listVoices') as unknown as [Array<{ id: string; name: string }>, Array<{ value: { id: string } | null }>];
	expect(strict.map((v) => v.name)).toEqual(['Rachel', 'Adam', 'Antoni', 'Elli', 'Josh']);
	expect(tolerant.map((v) => v.value?.id)).toEqual(strict.map((v) => v.id));
	expect(results('getVoice')[0]).toMatchObject({ id: strict[0].id, name: 'Rachel' });
	const [byUrl, byAsset] = results('cloneVoice');
	expect([byUrl.name, byAsset.name]).toEqual(['Every endpoint (url)', 'Every endpoint (asset)']);
	expect(calls.cloneVoice.requests.map((r) => r.status)).toEqual([201, 201]);
	expect(results('deleteVoice')).toEqual([true]);
});

it('makes speech synchronously and as a keyed job, and reads the job', () => {
	const [speech] = results('synthesizeSpeech');
	expect(speech).toMatchObject({ id: expect.any(String), url: expect.stringContaining('/tts-audio/'), duration: expect.any(Number) });
	const [job] = results('createSpeechJob');
	expect(job).toMatchObject({ status: 'PENDING', url: null });
	expect(calls.createSpeechJob.requests[0]).toMatchObject({ status: 202 });
	expect(calls.createSpeechJob.requests[0].headers['idempotency-key']).toBe('every-endpoint-tts-1');
	expect(results('getSpeechJob')[0]).toMatchObject({ id: job.id, status: expect.stringMatching(/^(PENDING|PROCESSING|SUCCESS)$/) });
});

it('creates a project once per client id, and reads it by id, in a page and in the whole list', () => {
	const [made, repeat] = results('createProject');
	expect(made).toMatchObject({ id: '0b9a3c44-5d6e-4f70-8a91-b2c3d4e5f607', name: 'Every endpoint', visibility: 'ORGANIZATION', mode: 'DEVELOPER', defaultWorkflow: 'lipsync' });
	expect(repeat).toEqual(made);
	expect(created).toMatchObject({ projectsCreated: 1 });
	expect(results('getProject')[0]).toEqual(made);
	const [page, tolerant] = results('listProjects') as unknown as Array<{ items: Array<{ id?: string; value?: { id: string } }>; nextCursor?: string }>;
	expect(page.items.map((p) => p.id)).toEqual([made.id]);
	expect(tolerant.items.map((p) => p.value?.id)).toEqual([made.id]);
	expect(page.nextCursor).toBeUndefined();
	expect((results('collectProjects')[0] as unknown as Array<{ id: string }>).map((p) => p.id)).toEqual([made.id]);
});

it('reads a finished generation\'s recorded cost, pages the usage export by its cursor over the same range, and collects it', () => {
	const [first, , fromFiles] = results('createGeneration');
	expect(results('getGenerationCost')[0]).toMatchObject({ generationId: first.id, availability: 'complete', totalCostUsd: expect.stringMatching(/^\d+\.\d{6}$/) });
	const [page1, page2] = results('listUsage') as unknown as Array<{ items: Array<{ generationId: string }>; nextCursor?: string }>;
	expect(page1.nextCursor).toEqual(expect.any(String));
	expect(page2.nextCursor).toBeUndefined();
	expect([...page1.items, ...page2.items].map((r) => r.generationId).sort()).toEqual([first.id, fromFiles.id].sort());
	expect((results('collectUsage')[0] as unknown as Array<{ generationId: string; model: string }>).map((r) => r.model)).toEqual(['lipsync-2', 'lipsync-2']);
	expect(calls.listUsage.requests[1].query).toMatchObject({ startTime: '2020-01-01T00:00:00Z', endTime: '2099-01-01T00:00:00Z', cursor: page1.nextCursor });
});

it('reads the account behind the key', () => {
	expect(results('getAccount')[0]).toMatchObject({ credentialType: 'api_key', billingModel: 'usage', organization: expect.objectContaining({ id: expect.any(String) }) });
});

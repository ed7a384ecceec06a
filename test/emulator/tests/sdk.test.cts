// Fidelity proof: every method of the official @sync.so/sdk 0.3.0 against the emulator, results checked against the
// SDK's own .d.ts types (compile-time assignment + runtime mirrors in sdk-shapes.cts).
import { Blob } from 'buffer';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Sync, SyncClient, SyncError } from '@sync.so/sdk';
import { startEmulator, TINY_MP4, TINY_WAV } from '../index.cjs';
import type { Emulator } from '../index.cjs';
import { API_KEY, audioUrl, jsonlRows, settle, startReceiver, videoUrl } from './helpers.cjs';
import {
	AssetShape,
	BatchShape,
	conforms,
	EstimatedCostShape,
	GenerationShape,
	ModelInfoShape,
	PaginatedAssetsShape,
	ValidationShape,
} from '../reference/sdk-shapes.cjs';

let emu: Emulator;
let client: SyncClient;

beforeAll(async () => {
	emu = await startEmulator({ pendingMs: 10, processingMs: 40, apiKeys: [API_KEY] });
	client = new SyncClient({ apiKey: API_KEY, baseUrl: emu.url });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const fullRequest: Sync.CreateGenerationDto = {
	model: 'lipsync-2-pro',
	input: [
		{ type: 'video', url: videoUrl() },
		{ type: 'audio', url: audioUrl(), refId: 'a1' },
		{ type: 'text', provider: { name: 'elevenlabs', voiceId: 'v-123', script: 'Hello there', stability: 0.4, similarityBoost: 0.7 }, refId: 't1' },
	],
	options: {
		sync_mode: 'bounce',
		temperature: 0.3,
		active_speaker_detection: { auto_detect: false, frame_number: 0, coordinates: [10, 20] },
		occlusion_detection_enabled: true,
	},
	segments: [
		{ startTime: 0, endTime: 1.5, audioInput: { refId: 'a1' } },
		{ startTime: 2, endTime: 3, audioInput: { refId: 't1', startTime: 0, endTime: 1 } },
	],
	outputFileName: 'my output!',
};

describe('generations (SDK)', () => {
	it('creates a generation from the SDK request shape and returns a typed PENDING Generation', async () => {
		const created: Sync.Generation = await client.generations.create(fullRequest);
		expect(conforms(GenerationShape, created)).toBe('ok');
		expect(created.status).toBe('PENDING');
		expect(created.model).toBe('lipsync-2-pro');
		expect(created.input).toEqual(fullRequest.input);
		expect(created.options).toEqual(fullRequest.options);
		expect(created.segments).toEqual(fullRequest.segments);
		expect((created as unknown as { outputFileName: string }).outputFileName).toBe('my_output');
		const sent = emu.requests.find((r) => r.path === '/v2/generate');
		expect(sent?.headers['x-api-key']).toBe(API_KEY);
		expect(sent?.headers['x-fern-sdk-name']).toBe('@sync.so/sdk');
		expect(sent?.json).toEqual(fullRequest);
	});

	it('gets a generation by id until it is COMPLETED with an output URL and duration', async () => {
		const { id } = await client.generations.create({ model: 'lipsync-2', input: [{ type: 'video', url: videoUrl() }, { type: 'audio', url: audioUrl() }] });
		await settle(emu, id);
		const g: Sync.Generation = await client.generations.get(id);
		expect(conforms(GenerationShape, g)).toBe('ok');
		expect(g.status).toBe('COMPLETED');
		expect(g.outputUrl).toBe(`${emu.url}/files/${id}.mp4`);
		expect(g.outputDuration).toBe(1);
	});

	it('uploads video and audio files with createWithFiles (Blob and fs.ReadStream) and references them as assets', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-emu-'));
		const wavPath = path.join(dir, 'voice.wav');
		fs.writeFileSync(wavPath, TINY_WAV);
		const g: Sync.Generation = await client.generations.createWithFiles(new Blob([TINY_MP4], { type: 'video/mp4' }), fs.createReadStream(wavPath), {
			model: 'lipsync-2',
			options: { sync_mode: 'loop' },
			webhookUrl: 'https://hooks.example.test/sync',
		});
		expect(conforms(GenerationShape, g)).toBe('ok');
		expect(g.input.map((i) => i.type)).toEqual(['video', 'audio']);
		const assetIds = g.input.map((i) => (i as Sync.Video | Sync.Audio).assetId);
		expect(assetIds.every((a) => typeof a === 'string')).toBe(true);
		expect(emu.counters.assetsCreated).toBe(2);
		const audioAsset = (await client.assets.get(assetIds[1] as string)) as Sync.Asset;
		expect(audioAsset).toMatchObject({ type: 'AUDIO', name: 'voice.wav', size: TINY_WAV.length, inputType: 'UPLOAD' });
		const form = emu.requests.find((r) => r.path === '/v2/generate')?.form ?? [];
		expect(form.map((p) => p.name)).toEqual(['video', 'audio', 'model', 'options', 'webhookUrl']);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('sends createWithFiles input items as one JSON part each and accepts them next to a file', async () => {
		const g = await client.generations.createWithFiles(new Blob([TINY_MP4]), undefined, {
			model: 'lipsync-2',
			input: [
				{ type: 'video', url: videoUrl() },
				{ type: 'audio', url: audioUrl() },
			],
		});
		const form = emu.requests.find((r) => r.path === '/v2/generate')?.form ?? [];
		expect(form.filter((p) => p.name === 'input')).toHaveLength(2);
		// the file takes precedence over the URL of the same type
		expect(g.input).toEqual([{ type: 'video', assetId: expect.any(String) }, { type: 'audio', url: audioUrl() }]);
	});

	it('lists generations filtered by status and ids although the SDK JSON-encodes the arrays', async () => {
		const a = await client.generations.create({ model: 'lipsync-2', input: [{ type: 'video', url: videoUrl() }, { type: 'audio', url: audioUrl() }] });
		const b = await client.generations.create({ model: 'lipsync-2', input: [{ type: 'video', url: videoUrl('sync_outcome=failed') }, { type: 'audio', url: audioUrl() }] });
		await settle(emu, a.id);
		await settle(emu, b.id);
		const completed: Sync.Generation[] = await client.generations.list({ status: ['COMPLETED'] });
		expect(completed.map((g) => g.id)).toEqual([a.id]);
		const both = await client.generations.list({ status: ['COMPLETED', 'FAILED'], ids: [a.id, b.id] });
		expect(both.map((g) => g.id).sort()).toEqual([a.id, b.id].sort());
		for (const g of both) expect(conforms(GenerationShape, g)).toBe('ok');
		const listUrl = emu.requests.filter((r) => r.path === '/v2/generations')[1].url;
		expect(decodeURIComponent(listUrl)).toContain('status=["COMPLETED","FAILED"]');
		const failed = both.find((g) => g.id === b.id) as Sync.Generation & { errorCode?: string };
		expect(failed.error).toEqual(expect.any(String));
		expect(failed.errorCode).toBe('generation_pipeline_failed');
	});

	it('estimates cost with the create-generation body and returns EstimatedGenerationCost[]', async () => {
		const costs: Sync.EstimatedGenerationCost[] = await client.generations.estimateCost({
			model: 'lipsync-2',
			input: [{ type: 'video', url: videoUrl('sync_duration_s=4') }, { type: 'audio', url: audioUrl() }],
			options: { sync_mode: 'loop' },
		});
		expect(Array.isArray(costs)).toBe(true);
		expect(conforms(EstimatedCostShape, costs[0])).toBe('ok');
		expect(costs[0]).toEqual({ estimatedFrameCount: 100, estimatedGenerationCost: 0.2 });
		expect(emu.counters.generationsCreated).toBe(0);
	});

	it('maps a missing generation to NotFoundError and a bad model to BadRequestError', async () => {
		await expect(client.generations.get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(Sync.NotFoundError);
		await expect(
			client.generations.create({ model: 'lipsync-9' as Sync.Model, input: [{ type: 'video', url: videoUrl() }, { type: 'audio', url: audioUrl() }] }),
		).rejects.toMatchObject({ statusCode: 400, body: { errorCode: 'generation_unsupported_model', field: 'model' } });
	});

	it('maps an unknown API key to UnauthorizedError when a key list is configured', async () => {
		const stranger = new SyncClient({ apiKey: 'sk-unknown', baseUrl: emu.url });
		await expect(stranger.models.list()).rejects.toBeInstanceOf(Sync.UnauthorizedError);
	});
});

describe('batch (SDK)', () => {
	const jsonl = (n: number) => jsonlRows(n).map((r) => JSON.stringify(r)).join('\n') + '\n';

	it('validates a JSONL batch on dry_run and returns ValidationResponse without creating anything', async () => {
		const r: Sync.CreateBatchResponse = await client.batch.create(new Blob([jsonl(20)]), { dry_run: true });
		expect(conforms(ValidationShape, r)).toBe('ok');
		expect(emu.counters.batchesCreated).toBe(0);
		expect(emu.requests[0].form?.find((p) => p.name === 'dry_run')?.value).toBe('true');
	});

	it('creates, gets and lists a batch that finishes COMPLETED and posts its webhook', async () => {
		const receiver = await startReceiver();
		try {
			const created = (await client.batch.create(new Blob([jsonl(20)]), { webhook_url: receiver.url, dry_run: false })) as Sync.BatchResponse;
			expect(conforms(BatchShape, created)).toBe('ok');
			expect(created.metrics.total_generations).toBe(20);
			expect(created.webhookUrl).toBe(receiver.url);
			await emu.waitForWebhooks(1);
			const got: Sync.BatchResponse = await client.batch.get(created.id);
			expect(conforms(BatchShape, got)).toBe('ok');
			expect(got.status).toBe('COMPLETED');
			expect(got.metrics).toEqual({ total_generations: 20, success_count: 20, failed_count: 0, pending_count: 0 });
			const listed: Sync.BatchResponse[] = await client.batch.list({ status: 'COMPLETED', created_after: new Date(Date.now() - 60000).toISOString() });
			expect(listed.map((b) => b.id)).toEqual([created.id]);
			expect(JSON.parse(receiver.received[0].body)).toMatchObject({ id: created.id, status: 'COMPLETED' });
		} finally {
			await receiver.close();
		}
	});

	it('maps batch errors to PaymentRequiredError (plan) and TooManyRequestsError (batch concurrency)', async () => {
		const low = await startEmulator({ plan: 'creator' });
		try {
			const c = new SyncClient({ apiKey: API_KEY, baseUrl: low.url });
			await expect(c.batch.create(new Blob([jsonl(20)]), {})).rejects.toBeInstanceOf(Sync.PaymentRequiredError);
		} finally {
			await low.stop();
		}
		emu.config.batchConcurrencyLimit = 1;
		try {
			const slow = jsonlRows(20, () => ({ payload: { model: 'lipsync-2', input: [{ type: 'video', url: videoUrl('sync_processing_ms=3000') }, { type: 'audio', url: audioUrl() }] } }));
			await client.batch.create(new Blob([slow.map((r) => JSON.stringify(r)).join('\n')]), {});
			await expect(client.batch.create(new Blob([jsonl(20)]), {}, { maxRetries: 0 })).rejects.toBeInstanceOf(Sync.TooManyRequestsError);
		} finally {
			emu.config.batchConcurrencyLimit = undefined;
		}
	});
});

describe('assets and models (SDK)', () => {
	it('lists assets with limit, sortBy, JSON-encoded types and cursor paging, and gets one by id', async () => {
		for (let i = 0; i < 3; i++) await client.generations.createWithFiles(new Blob([TINY_MP4]), new Blob([TINY_WAV]), { model: 'lipsync-2' });
		const page1: Sync.PaginatedAssetsResponse = await client.assets.list({ limit: 2, sortBy: 'dateDesc', types: ['VIDEO'] });
		expect(conforms(PaginatedAssetsShape, page1)).toBe('ok');
		expect(page1.items).toHaveLength(2);
		expect(page1.totalCount).toBe(3);
		expect(page1.items.every((a) => a.type === 'VIDEO')).toBe(true);
		const page2 = await client.assets.list({ limit: 2, sortBy: 'dateDesc', types: ['VIDEO'], cursor: page1.nextCursor });
		expect(page2.items).toHaveLength(1);
		expect(page2.nextCursor).toBeUndefined();
		const one: Sync.Asset = await client.assets.get(page2.items[0].id);
		expect(conforms(AssetShape, one)).toBe('ok');
		await expect(client.assets.get('nope')).rejects.toBeInstanceOf(Sync.NotFoundError);
	});

	it('lists the five models of the SDK Model enum as ModelInfo', async () => {
		const models: Sync.ModelInfo[] = await client.models.list();
		for (const m of models) expect(conforms(ModelInfoShape, m)).toBe('ok');
		const names: Sync.Model[] = models.map((m) => m.name as Sync.Model);
		expect(names.sort()).toEqual(['lipsync-1.9.0-beta', 'lipsync-2', 'lipsync-2-pro', 'react-1', 'sync-3']);
	});
});

describe('SDK transport behaviour', () => {
	it('lets the SDK retry a 429 transparently and records both attempts', async () => {
		emu.injectFault({ path: '/v2/models', status: 429, retryAfterSeconds: 0 });
		const models = await client.models.list();
		expect(models).toHaveLength(5);
		expect(emu.requests.filter((r) => r.path === '/v2/models').map((r) => r.status)).toEqual([429, 200]);
	});

	it('surfaces a connection reset as a SyncError', async () => {
		// a short timeout: the SDK leaves its abort timer running after a transport error
		emu.injectFault({ path: '/v2/models', reset: true, times: Infinity });
		await expect(client.models.list({ maxRetries: 0, timeoutInSeconds: 1 })).rejects.toBeInstanceOf(SyncError);
	});
});

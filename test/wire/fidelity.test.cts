// Wire fidelity (docs/wire-fidelity.md): every operation and option of the Sync Labs node, the Polling Trigger's polls and
// the editor's From List searches and model dropdown, run in-process against the emulator; each captured request
// (JSON body, query, multipart form) and each JSON response is type-checked against the @sync.so/sdk 0.3.0
// declarations, with only the exceptions listed in test/wire/exceptions.cts removed. The report has one line
// per request kind: OK or the exact mismatch.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_MP4, TINY_PNG, TINY_WAV, type Emulator, type RecordedRequest } from '../emulator/index.cjs';
import { createPoller, runListSearch, runLoadOptions, runNode, type RunnerInputItem } from '../runner/index.cjs';
import { WIRE_EXCEPTIONS } from './exceptions.cjs';
import { checkRequests, removePath, type WireReport } from './wireCheck.cjs';

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const HOOK = 'https://n8n.example.com/webhook/abc/syncLabs';

let emulator: Emulator;
let captured: RecordedRequest[] = [];
/** The requests of the editor's calls (From List searches, the model dropdown), a part of `captured`. */
let editorRequests: RecordedRequest[] = [];
let report: WireReport;

/** A run Sync answers with an error: the node must stop with it (the error body is checked like the rest). */
async function runFailing(parameters: INodeParameters, status: number) {
	const from = emulator.requests.length;
	const result = await runNode({ parameters, credentials: { apiKey: 'key-wire', baseUrl: emulator.url } });
	expect(result.status).toBe('error');
	expect(emulator.requests.slice(from).map((r) => r.status)).toContain(status);
}

async function run(parameters: INodeParameters, items?: RunnerInputItem[]) {
	const result = await runNode({ parameters, items, credentials: { apiKey: 'key-wire', baseUrl: emulator.url } });
	if (result.status !== 'success' && result.status !== 'waiting') {
		throw new Error(`${parameters.resource}/${parameters.operation} ended ${result.status}: ${result.error?.message}`);
	}
	return result;
}

const poll = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };
const createBase = { resource: 'generation', operation: 'create', model: 'lipsync-2', visualSource: 'url', visualUrl: VIDEO, audioSource: 'url', audioUrl: AUDIO };
const binaries = (): RunnerInputItem[] => [
	{
		json: {},
		binary: {
			data: { data: Buffer.from(TINY_MP4), fileName: 'speaker.mp4', mimeType: 'video/mp4' },
			audio: { data: Buffer.from(TINY_WAV), fileName: 'voice.wav', mimeType: 'audio/wav' },
			image: { data: Buffer.from(TINY_PNG), fileName: 'face.png', mimeType: 'image/png' },
		},
	},
];
const row = (i: number) => ({
	request_id: `req-${i}`,
	endpoint: '/v2/generate',
	payload: { model: 'lipsync-2', input: [{ type: 'video', url: `https://example.com/v${i}.mp4` }, { type: 'audio', url: `https://example.com/a${i}.wav` }] },
});

/** Every operation, and every option at least once. */
async function driveEveryOperation(): Promise<void> {
	// Generation → Create: every option, JSON body.
	const created = await run({
		...createBase,
		model: 'react-1',
		completion: 'immediately',
		options: {
			activeSpeakerDetection: true,
			emotion: 'happy',
			idempotencyKey: 'wire-fidelity-1',
			modelMode: 'head',
			occlusionDetection: true,
			outputFileName: 'wire_take-1',
			reasoningEnabled: true,
			syncMode: 'bounce',
			temperature: 0.3,
			webhookUrl: HOOK,
			concurrency: 2,
		},
	});
	const generationId = created.items[0].json.id as string;
	// Text to speech with voice settings, several audio inputs, segments; polled to COMPLETED and downloaded.
	await run({
		...createBase,
		audioSource: 'text',
		voiceId: 'voice_1',
		script: 'Hello there',
		completion: 'poll',
		options: {
			...poll,
			stability: 0.4,
			similarityBoost: 0.8,
			audioRefId: 'main',
			additionalAudioInputs: {
				input: [
					{ refId: 'second', source: 'url', url: AUDIO },
					{ refId: 'third', source: 'text', voiceId: 'voice_2', script: 'And goodbye' },
				],
			},
			segments: JSON.stringify([
				{ startTime: 0, endTime: 1, audioInput: { refId: 'main' } },
				{ startTime: 1, endTime: 2, audioInput: { refId: 'second', startTime: 0, endTime: 1 } },
				{ startTime: 2, endTime: 3, audioInput: { refId: 'third' } },
			]),
			downloadOutput: true,
			binaryPropertyName: 'video',
			outputFailedAsItems: true,
		},
	});
	// A FAILED generation, kept as an item: its GET carries the error fields.
	const failed = await run({ ...createBase, visualUrl: `${VIDEO}?sync_outcome=failed`, completion: 'poll', options: { ...poll, outputFailedAsItems: true } });
	const failedId = failed.items[0].json.id as string;
	// Image input for sync-3 by URL.
	await run({ ...createBase, model: 'sync-3', visualType: 'image', visualUrl: 'https://media.example.com/face.png', completion: 'immediately' });
	// Multipart: small binary video and audio with options and a webhook URL.
	await run({ ...createBase, visualSource: 'binary', audioSource: 'binary', completion: 'immediately', options: { syncMode: 'loop', webhookUrl: HOOK } }, binaries());
	// Multipart with non-file inputs: one `input` part per item (a URL audio; a text to speech with voice settings
	// and a refId), so the form's input parts are type-checked too, not only its files.
	await run({ ...createBase, visualSource: 'binary', completion: 'immediately' }, binaries());
	await run(
		{ ...createBase, visualSource: 'binary', audioSource: 'text', voiceId: 'voice_1', script: 'Hi', completion: 'immediately', options: { stability: 0.4, similarityBoost: 0.8, audioRefId: 'main' } },
		binaries(),
	);
	// Multipart with Reasoning: the SDK form's `options` JSON part carries reasoning_enabled (exceptions.cts).
	await run({ ...createBase, visualSource: 'binary', audioSource: 'binary', completion: 'immediately', options: { reasoningEnabled: true } }, binaries());
	// A sync-3 image by URL with a binary audio file: the SDK form's Input has no image → asset upload, then JSON.
	await run({ ...createBase, model: 'sync-3', visualType: 'image', visualUrl: 'https://media.example.com/face.png', audioSource: 'binary', completion: 'immediately' }, binaries());
	// Binary plus a field the SDK's form cannot carry → asset upload, then JSON; and a binary image for sync-3.
	await run({ ...createBase, visualSource: 'binary', audioSource: 'binary', completion: 'immediately', options: { outputFileName: 'from_assets' } }, binaries());
	await run({ ...createBase, model: 'sync-3', visualType: 'image', visualSource: 'binary', visualBinaryProperty: 'image', completion: 'immediately' }, binaries());
	// Above the upload threshold → asset upload even without other fields.
	await run({ ...createBase, visualSource: 'binary', completion: 'immediately', options: { uploadThresholdMb: 0 } }, binaries());
	// Generation → Dub: a video and dubParams, as JSON (a binary video too: asset upload, then JSON).
	await run({ resource: 'generation', operation: 'dub', model: 'lipsync-2', visualUrl: VIDEO, targetLanguages: ['es', 'pt-BR'], sourceLanguage: 'en', completion: 'immediately', options: { syncMode: 'cut_off', outputFileName: 'dubbed' } });
	await run({ resource: 'generation', operation: 'dub', model: 'lipsync-2', visualSource: 'binary', targetLanguages: ['fr'], completion: 'immediately' }, binaries());
	// With a cost cap, Sync's estimate of the dub first: the create body, dubParams included, to POST /v2/analyze/cost.
	await run({
		resource: 'generation',
		operation: 'dub',
		model: 'lipsync-2',
		visualUrl: VIDEO,
		targetLanguages: ['es'],
		sourceLanguage: 'en',
		completion: 'immediately',
		options: { maxCostPerItemUsd: 5, allowUnestimatedItems: true },
	});
	// Asset → Upload with every option, then inputs by asset ID.
	const video = await run({ resource: 'asset', operation: 'upload', binaryPropertyName: 'data', options: { name: 'Speaker', visibility: 'ORGANIZATION' } }, binaries());
	const audio = await run({ resource: 'asset', operation: 'upload', binaryPropertyName: 'audio' }, binaries());
	await run({
		...createBase,
		visualSource: 'assetId',
		visualAssetId: video.items[0].json.id as string,
		audioSource: 'assetId',
		audioAssetId: audio.items[0].json.id as string,
		completion: 'immediately',
	});
	// An additional audio input by asset ID (the other sources are driven above), referred to by a segment.
	await run({
		...createBase,
		completion: 'immediately',
		options: {
			audioRefId: 'main',
			additionalAudioInputs: { input: [{ refId: 'by-asset', source: 'assetId', assetId: audio.items[0].json.id as string }] },
			segments: JSON.stringify([
				{ startTime: 0, endTime: 1, audioInput: { refId: 'main' } },
				{ startTime: 1, endTime: 2, audioInput: { refId: 'by-asset' } },
			]),
		},
	});
	// Wait for Webhook: the create carries the execution's resume URL; the run pauses.
	await run({ ...createBase, completion: 'webhook', options: { toleranceSeconds: 300, maxWaitTime: 60 } });

	// Generation: the other operations.
	await run({ resource: 'generation', operation: 'waitForCompletion', generationId, options: poll });
	await run({ resource: 'generation', operation: 'get', generationId });
	await run({ resource: 'generation', operation: 'get', generationId, options: { includeProgress: true } });
	await run({ resource: 'generation', operation: 'getMany', returnAll: false, limit: 2 });
	await run({ resource: 'generation', operation: 'getMany', returnAll: true, filters: { status: ['COMPLETED', 'FAILED'], ids: `${generationId},${failedId}` } });
	// More than one page (100), so the second request carries the cursor. The seeding itself is not the node's.
	const before = emulator.requests.length;
	for (let i = 0; i < 100; i++) {
		await fetch(`${emulator.url}/v2/generate`, {
			method: 'POST',
			headers: { 'x-api-key': 'key-wire', 'content-type': 'application/json' },
			body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }] }),
		});
	}
	emulator.requests.splice(before);
	await run({ resource: 'generation', operation: 'getMany', returnAll: true });
	await run({ resource: 'generation', operation: 'downloadOutput', generationId, binaryPropertyName: 'data' });
	await run({ resource: 'generation', operation: 'estimateCost', estimateBy: 'duration', model: 'sync-3', duration: 12, fps: 25, reasoningEnabled: true });
	await run({ resource: 'generation', operation: 'estimateCost', estimateBy: 'inputs', model: 'lipsync-2', visualSource: 'url', visualUrl: VIDEO, audioSource: 'text', voiceId: 'v', script: 'Hi' });
	await run({ resource: 'generation', operation: 'estimateCost', estimateBy: 'inputs', model: 'sync-3', visualType: 'image', visualSource: 'url', visualUrl: VIDEO, audioSource: 'url', audioUrl: AUDIO });
	await run({ resource: 'generation', operation: 'getCost', generationId, options: { waitForFinalCost: true, maxWaitTime: 10, pollInterval: 1 } });
	await run({ resource: 'generation', operation: 'delete', generationId });

	// Error answers: an asset that does not exist (400), a missing generation (404), a delete while running (409).
	await runFailing({ ...createBase, visualSource: 'assetId', visualAssetId: 'no-such-asset', completion: 'immediately' }, 400);
	await runFailing({ resource: 'generation', operation: 'get', generationId: '00000000-0000-4000-8000-000000000000' }, 404);
	const running = await run({ ...createBase, visualUrl: `${VIDEO}?sync_processing_ms=60000`, completion: 'immediately' });
	await runFailing({ resource: 'generation', operation: 'delete', generationId: running.items[0].json.id as string }, 409);

	// Batch: from a JSONL file (every option), from rows, and the reads.
	const jsonl = Buffer.from(Array.from({ length: 20 }, (_, i) => JSON.stringify(row(i))).join('\n') + '\n');
	await run(
		{ resource: 'batch', operation: 'create', source: 'binary', binaryPropertyName: 'data', options: { dryRun: true, webhookUrl: HOOK } },
		[{ json: {}, binary: { data: { data: jsonl, fileName: 'rows.jsonl', mimeType: 'application/jsonl' } } }],
	);
	const batch = await run(
		{ resource: 'batch', operation: 'create', source: 'binary', binaryPropertyName: 'data' },
		[{ json: {}, binary: { data: { data: jsonl, fileName: 'rows.jsonl', mimeType: 'application/jsonl' } } }],
	);
	await run(
		{ resource: 'batch', operation: 'create', source: 'rows', options: { webhookUrl: HOOK, dryRun: false } },
		Array.from({ length: 20 }, (_, i) => ({ json: row(i) })),
	);
	const batchId = batch.items[0].json.id as string;
	await run({ resource: 'batch', operation: 'get', batchId });
	await run({ resource: 'batch', operation: 'getMany', returnAll: true });
	await run({
		resource: 'batch',
		operation: 'getMany',
		returnAll: false,
		limit: 5,
		filters: { status: 'PENDING', createdAfter: '2020-01-01T00:00:00Z', createdBefore: '2099-01-01T00:00:00Z' },
	});
	for (let i = 0; i < 400 && (emulator.getBatch(batchId) as { status: string }).status !== 'COMPLETED'; i++) await new Promise((r) => setTimeout(r, 10));
	await run({ resource: 'batch', operation: 'getResults', batchId, options: { includeBatchId: true } });

	// Asset and model reads.
	await run({ resource: 'asset', operation: 'get', assetId: video.items[0].json.id as string });
	await run({ resource: 'asset', operation: 'getMany', returnAll: true });
	await run({ resource: 'asset', operation: 'getMany', returnAll: false, limit: 1, filters: { searchQuery: 'Speaker', sortBy: 'nameAsc', types: ['VIDEO', 'AUDIO'] } });
	await run({ resource: 'model', operation: 'getMany' });

	// Voices, speech and projects: endpoints newer than the SDK, checked against the reference (exceptions.cts
	// REFERENCE_REQUESTS); every operation and option, and the Project ID option of the other resources.
	const RACHEL = 'EXAVITQu4vr4xnSDxMaL';
	await run({ resource: 'voice', operation: 'getMany', returnAll: true, filters: { searchQuery: 'a', usableOnly: true } });
	await run({ resource: 'voice', operation: 'get', voiceId: RACHEL });
	const clonedFromFile = await run({ resource: 'voice', operation: 'clone', name: 'Wire narrator', sampleSource: 'binary', sampleBinaryProperty: 'audio' }, binaries());
	await run({ resource: 'voice', operation: 'clone', name: 'Wire narrator (asset)', sampleSource: 'assetId', sampleAssetId: audio.items[0].json.id as string });
	await run({ resource: 'voice', operation: 'clone', name: 'Wire narrator (url)', sampleSource: 'url', sampleUrl: audio.items[0].json.url as string });
	await run({ resource: 'voice', operation: 'delete', voiceId: clonedFromFile.items[0].json.id as string });
	await run({
		resource: 'speech',
		operation: 'generate',
		voiceId: RACHEL,
		script: 'Hello there',
		options: { stability: 0.4, similarityBoost: 0.8, idempotencyKey: 'wire-speech-1', pollInterval: 0.02, downloadAudio: true, binaryPropertyName: 'narration' },
	});
	await run({ resource: 'speech', operation: 'generate', voiceId: RACHEL, script: 'Hello there', options: { synthesis: 'sync', stability: 0.4, similarityBoost: 0.8 } });
	const project = await run({
		resource: 'project',
		operation: 'create',
		name: 'Wire',
		options: { description: 'Every request', visibility: 'ORGANIZATION', mode: 'DEVELOPER', defaultWorkflow: 'translate_and_dub' },
	});
	const projectId = project.items[0].json.id as string;
	await run({ resource: 'project', operation: 'get', projectId });
	// More than one page (100), so the second request carries the cursor. The seeding itself is not the node's.
	const seedFrom = emulator.requests.length;
	for (let i = 0; i < 100; i++) {
		await fetch(`${emulator.url}/v2/projects`, { method: 'POST', headers: { 'x-api-key': 'key-wire', 'content-type': 'application/json' }, body: JSON.stringify({ name: `Wire ${i}` }) });
	}
	emulator.requests.splice(seedFrom);
	await run({ resource: 'project', operation: 'getMany', returnAll: true, filters: { searchQuery: 'Wire', sortBy: 'name' } });
	await run({ ...createBase, completion: 'immediately', options: { projectId } });
	await run({ resource: 'asset', operation: 'upload', binaryPropertyName: 'audio', options: { projectId } }, binaries());
	await run({ resource: 'generation', operation: 'getMany', returnAll: true, filters: { projectId } });
	await run({ resource: 'asset', operation: 'getMany', returnAll: true, filters: { projectId } });
	await run({ resource: 'batch', operation: 'create', source: 'rows', options: { projectId, dryRun: true } }, Array.from({ length: 20 }, (_, i) => ({ json: row(i) })));

	// The editor's calls into the node: every From List search (a second generations page by its token) and the
	// model dropdown (methods/listSearch.ts, methods/loadOptions.ts).
	const editorFrom = emulator.requests.length;
	const credentials = { apiKey: 'key-wire', baseUrl: emulator.url };
	const firstPage = await runListSearch({ method: 'searchGenerations', credentials });
	await runListSearch({ method: 'searchGenerations', credentials, paginationToken: firstPage.paginationToken });
	await runListSearch({ method: 'searchAssets', credentials, filter: 'Speaker' });
	await runListSearch({ method: 'searchVisualAssets', credentials, parameters: { visualType: 'image' } });
	await runListSearch({ method: 'searchVisualAssets', credentials });
	await runListSearch({ method: 'searchAudioAssets', credentials });
	await runListSearch({ method: 'searchBatches', credentials });
	await runListSearch({ method: 'searchVoices', credentials, filter: 'rach', typeVersion: 3 });
	await runListSearch({ method: 'searchProjects', credentials, filter: 'Wire', typeVersion: 3 });
	await runLoadOptions({ method: 'getModels', credentials });
	editorRequests = structuredClone(emulator.requests.slice(editorFrom));

	// The Polling Trigger's requests too (generations and batches, manual and scheduled polls).
	const poller = createPoller({ parameters: { watch: ['generation', 'batch'], events: [] }, credentials: { apiKey: 'key-wire', baseUrl: emulator.url } });
	await poller.poll('manual');
	await poller.poll('trigger');
	await poller.poll('trigger');

	// Usage and the account, last, so the generations seeded here lengthen no other list: more than 500 finished
	// generations, so Return All sends the cursor with the same range; a Limit; the account. Not the node's seeding.
	const usageSeedFrom = emulator.requests.length;
	emulator.config.concurrencyLimit = 10_000;
	const seeded: Array<Promise<Response>> = [];
	for (let i = 0; i < 500; i++) {
		seeded.push(
			fetch(`${emulator.url}/v2/generate`, {
				method: 'POST',
				headers: { 'x-api-key': 'key-wire', 'content-type': 'application/json' },
				body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: `${VIDEO}?usage=${i}` }, { type: 'audio', url: AUDIO }] }),
			}),
		);
		if (seeded.length % 50 === 0) await Promise.all(seeded.splice(0));
	}
	await Promise.all(seeded);
	await new Promise((resolve) => setTimeout(resolve, 100));
	emulator.requests.splice(usageSeedFrom);
	const range = { startTime: '2020-01-01T00:00:00Z', endTime: '2099-01-01T00:00:00.500Z' };
	await run({ resource: 'usage', operation: 'getMany', ...range, returnAll: true });
	await run({ resource: 'usage', operation: 'getMany', ...range, returnAll: false, limit: 2 });
	await run({ resource: 'account', operation: 'get' });
}

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
	await driveEveryOperation();
	captured = structuredClone(emulator.requests);
	report = checkRequests(captured);
	// The readable summary: one line per request kind.
	process.stdout.write(`\nWire fidelity against @sync.so/sdk 0.3.0 (${captured.length} requests):\n${report.lines.map((l) => `  ${l}`).join('\n')}\n`);
}, 120_000);
afterAll(async () => emulator.stop());

describe('wire fidelity against the @sync.so/sdk 0.3.0 types', () => {
	it('sends every request and gets every response in the SDK\'s shape, apart from the listed exceptions', () => {
		expect(report.failures).toEqual([]);
	});

	it('uses every listed exception, so the list names only what is really sent', () => {
		expect(report.unusedExceptions.map((e) => `${e.kind} ${e.side} ${e.path}`)).toEqual([]);
	});

	it('covers every request kind the node makes, each answered 2xx apart from the three error cases driven on purpose', () => {
		const kinds = report.lines.map((l) => l.split(/ (request|response):/)[0]);
		for (const kind of [
			'POST /v2/generate (json)',
			'POST /v2/generate (multipart)',
			'GET /v2/generate/{id} (query)',
			'GET /v2/generations (query)',
			'DELETE /v2/generations/{id}',
			'POST /v2/analyze/cost (json)',
			'POST /v2/generations/estimate (json)',
			'POST /v2/batch (multipart)',
			'POST /v2/batch (json)',
			'GET /v2/batch/{id} (query)',
			'GET /v2/batch (query)',
			'POST /v2/assets/upload (json)',
			'PUT <presigned upload URL>',
			'POST /v2/assets (json)',
			'GET /v2/assets/{id} (query)',
			'GET /v2/assets (query)',
			'GET /v2/models (query)',
			'GET <output or batch-result file>',
			'GET /v2/generations/{id}/download',
			'GET /v2/voices (query)',
			'GET /v2/voices/{id} (query)',
			'POST /v2/voices (json)',
			'DELETE /v2/voices/{id}',
			'POST /v2/tts (json)',
			'POST /v2/tts/jobs (json)',
			'GET /v2/tts/jobs/{id} (query)',
			'POST /v2/projects (json)',
			'GET /v2/projects (query)',
			'GET /v2/projects/{id} (query)',
			'GET /v2/generate/{id}/costs (query)',
			'GET /v2/usage/generations (query)',
			'GET /v2/account (query)',
		]) {
			expect(kinds).toContain(kind);
		}
		const unexpected = captured.filter((r) => (r.status ?? 0) >= 300 && !(r.status === 302 && r.path.startsWith('/batch-results/')));
		const answers = unexpected.map((r) => `${r.method} ${r.path} ${r.status}`);
		expect(answers).toHaveLength(3);
		expect(answers).toEqual(
			expect.arrayContaining([
				'POST /v2/generate 400',
				'GET /v2/generate/00000000-0000-4000-8000-000000000000 404',
				expect.stringMatching(/^DELETE \/v2\/generations\/[^/]+ 409$/),
			]),
		);
	});

	it('drives every source of an additional audio input (URL, asset ID, text to speech), each with its refId', () => {
		const extra = captured
			.filter((r) => r.method === 'POST' && r.path === '/v2/generate' && r.json !== undefined)
			.flatMap((r) => (r.json as { input: Array<Record<string, unknown>> }).input)
			.filter((i) => typeof i.refId === 'string' && i.refId !== 'main');
		const sources = extra.map((i) => (i.type === 'text' ? 'text' : 'url' in i ? 'url' : 'assetId' in i ? 'assetId' : JSON.stringify(i)));
		expect(new Set(sources)).toEqual(new Set(['url', 'assetId', 'text']));
	});

	it('checks the editor\'s requests too: every From List search and the model dropdown', () => {
		const seen = editorRequests.map((r) => `${r.method} ${r.path}${r.query.types ? ` types=${r.query.types}` : ''}${r.query.cursor ? ' cursor' : ''}`);
		expect(new Set(seen)).toEqual(
			new Set(['GET /v2/generations', 'GET /v2/generations cursor', 'GET /v2/assets', 'GET /v2/assets types=IMAGE', 'GET /v2/assets types=VIDEO', 'GET /v2/assets types=AUDIO', 'GET /v2/batch', 'GET /v2/models', 'GET /v2/voices', 'GET /v2/projects']),
		);
		expect(editorRequests.map((r) => r.status)).toEqual(editorRequests.map(() => 200));
	});

	it('fails on a deliberately wrong key in a create body, naming the key', () => {
		const create = captured.find((r) => r.method === 'POST' && r.path === '/v2/generate' && r.json !== undefined)!;
		const wrong = { ...create, json: { ...(create.json as object), webhookURL: HOOK } };
		const { failures } = checkRequests([wrong]);
		expect(failures).toHaveLength(1);
		expect(failures[0]).toMatch(/^POST \/v2\/generate \(json\) request: webhookURL: .*'"webhookURL"' does not exist in type 'CreateGenerationDto'/);
	});

	it('fails on a wrong enum value, a wrong union member, a missing required key and an unknown form part', () => {
		const create = captured.find((r) => r.method === 'POST' && r.path === '/v2/generate' && r.json !== undefined)!;
		const body = create.json as { input: unknown[] };
		const cases: RecordedRequest[] = [
			{ ...create, json: { ...body, options: { sync_mode: 'pingpong' } } },
			{ ...create, json: { ...body, input: [{ type: 'audio', url: AUDIO, voiceId: 'v' }] } },
			{ ...create, json: { input: body.input } },
		];
		const multipart = captured.find((r) => r.path === '/v2/generate' && r.form)!;
		cases.push({ ...multipart, form: [...(multipart.form ?? []), { name: 'outputFileName', bytes: 3, value: 'abc' }] });
		const failures = cases.map((c) => checkRequests([c]).failures.join(''));
		expect(failures[0]).toMatch(/options\.sync_mode: Type '"pingpong"' is not assignable/);
		expect(failures[1]).toMatch(/input\.0\.voiceId: .*does not exist in type 'Audio'/);
		expect(failures[2]).toMatch(/Property 'model' is missing/);
		expect(failures[3]).toMatch(/outputFileName: form field the SDK's form does not have/);
	});

	it('checks the requests of endpoints newer than the SDK against the reference: a field outside it, a wrong value, a missing required field or header, both samples', () => {
		const find = (method: string, path: string) => captured.find((r) => r.method === method && r.path === path && r.json !== undefined)!;
		const clone = find('POST', '/v2/voices');
		const job = find('POST', '/v2/tts/jobs');
		const project = find('POST', '/v2/projects');
		const body = (r: RecordedRequest) => r.json as Record<string, unknown>;
		const failure = (r: RecordedRequest) => checkRequests([r]).failures.join('');
		expect(failure({ ...clone, json: { ...body(clone), description: 'x' } })).toMatch(/^POST \/v2\/voices \(json\) request: description: Type 'string' is not assignable to type 'never'/);
		expect(failure({ ...clone, json: { ...body(clone), url: 'https://x/a.wav', assetId: 'a' } })).toMatch(/url, assetId: exactly one must be sent .*, 2 were/);
		const nameless = { ...body(clone) };
		delete nameless.name;
		expect(failure({ ...clone, json: nameless })).toMatch(/name: required by the reference/);
		expect(failure({ ...job, json: { ...body(job), stability: 2 } })).toMatch(/stability: Number must be less than or equal to 1 \(listed exception/);
		expect(failure({ ...job, json: { ...body(job), provider: { name: 'elevenlabs' } } })).toMatch(/provider: Invalid literal value/);
		const headers = { ...job.headers };
		delete headers['idempotency-key'];
		expect(failure({ ...job, headers })).toMatch(/header idempotency-key: required/);
		expect(failure({ ...project, json: { ...body(project), id: 'p-1' } })).toMatch(/id: Invalid uuid/);
	});

	it('checks Dub\'s estimate request: its dubParams as the reference describes them, nothing else', () => {
		const estimate = captured.find((r) => r.path === '/v2/analyze/cost' && (r.json as { dubParams?: unknown }).dubParams !== undefined)!;
		const body = estimate.json as { dubParams: Record<string, unknown> };
		expect(body.dubParams).toEqual({ targetLang: 'es', sourceLang: 'en' });
		expect(checkRequests([estimate]).failures).toEqual([]);
		const failure = (dubParams: unknown) => checkRequests([{ ...estimate, json: { ...body, dubParams } }]).failures.join('');
		expect(failure({ targetLanguage: 'es' })).toMatch(/^POST \/v2\/analyze\/cost \(json\) request: dubParams\.targetLang: Required \(listed exception/);
		expect(failure({ targetLang: 'es', targetLanguage: 'de' })).toMatch(/dubParams: Unrecognized key\(s\) in object: 'targetLanguage'/);
		expect(failure({ targetLang: 'es', providerName: 'elevenlabs' })).toMatch(/dubParams: Unrecognized key\(s\) in object: 'providerName'/);
	});

	it('checks a batch from rows: its keys against the reference, each row\'s request_id and endpoint, each payload as a create body with the create\'s exceptions', () => {
		const batches = captured.filter((r) => r.method === 'POST' && r.path === '/v2/batch' && r.json !== undefined);
		expect(report.lines).toContain(`POST /v2/batch (json) request: OK (${batches.length * 21})`);
		const sent = batches.find((r) => (r.json as { rows: Array<{ payload: { projectId?: string } }> }).rows[0].payload.projectId !== undefined)!;
		const body = sent.json as { rows: Array<Record<string, unknown> & { payload: Record<string, unknown> }> };
		const failure = (json: unknown) => checkRequests([{ ...sent, json }]).failures.join('');
		const withRow = (index: number, change: (row: Record<string, unknown> & { payload: Record<string, unknown> }) => unknown) => ({
			...body,
			rows: body.rows.map((row, i) => (i === index ? change(row) : row)),
		});
		expect(failure(withRow(3, (row) => ({ ...row, payload: { ...row.payload, projectID: row.payload.projectId } })))).toMatch(
			/^POST \/v2\/batch \(json\) request: rows\.3\.payload\.projectID: .*'"projectID"' does not exist in type 'CreateGenerationDto'/,
		);
		expect(failure(withRow(0, (row) => ({ ...row, payload: { ...row.payload, projectId: 'project-1' } })))).toMatch(/rows\.0\.payload\.projectId: Invalid uuid \(listed exception/);
		expect(failure(withRow(1, (row) => ({ ...row, payload: { ...row.payload, options: { sync_mode: 'pingpong' } } })))).toMatch(/rows\.1\.payload\.options\.sync_mode: Type '"pingpong"' is not assignable/);
		expect(failure(withRow(2, (row) => ({ ...row, payload: { input: row.payload.input } })))).toMatch(/rows\.2\.payload: .*Property 'model' is missing/);
		expect(failure(withRow(4, ({ request_id, ...row }) => ({ ...row, requestId: request_id })))).toMatch(/rows\.4\.request_id: Required \(listed exception/);
		expect(failure(withRow(7, (row) => ({ ...row, requestID: row.request_id })))).toMatch(/rows\.7: Unrecognized key\(s\) in object: 'requestID'/);
		expect(failure(withRow(5, (row) => ({ ...row, endpoint: '/v2/lipsync' })))).toMatch(/rows\.5\.endpoint: Invalid literal value, expected "\/v2\/generate"/);
		expect(failure(withRow(6, (row) => ({ ...row, request_id: body.rows[0].request_id })))).toMatch(/rows: request_id must be unique/);
		expect(failure({ ...body, rows: body.rows.slice(0, 19) })).toMatch(/rows: Array must contain at least 20 element/);
		expect(failure({ ...body, webhookUrl: HOOK })).toMatch(/webhookUrl: Type 'string' is not assignable to type 'never'/);
		expect(failure({ ...body, rows: undefined })).toMatch(/rows: required by the reference/);
	});

	it('checks the asset upload\'s presigned-URL and register requests against the reference: a misspelt or unknown key, a wrong value, a missing required field', () => {
		const register = captured.find((r) => r.method === 'POST' && r.path === '/v2/assets' && (r.json as { projectId?: string }).projectId !== undefined)!;
		const presign = captured.find((r) => r.method === 'POST' && r.path === '/v2/assets/upload')!;
		const body = (r: RecordedRequest) => r.json as Record<string, unknown>;
		const failure = (r: RecordedRequest) => checkRequests([r]).failures.join('');
		expect(checkRequests([register, presign]).failures).toEqual([]);
		expect(failure({ ...register, json: { ...body(register), projectID: body(register).projectId } })).toMatch(/^POST \/v2\/assets \(json\) request: projectID: Type 'string' is not assignable to type 'never'/);
		expect(failure({ ...register, json: { ...body(register), type: 'video' } })).toMatch(/type: Invalid enum value/);
		expect(failure({ ...register, json: { ...body(register), projectId: 'p-1' } })).toMatch(/projectId: Invalid uuid/);
		expect(failure({ ...register, json: { ...body(register), url: undefined } })).toMatch(/url: required by the reference/);
		expect(failure({ ...presign, json: { ...body(presign), filename: 'a.wav' } })).toMatch(/^POST \/v2\/assets\/upload \(json\) request: filename: Type 'string' is not assignable to type 'never'/);
		expect(failure({ ...presign, json: { ...body(presign), size: 0 } })).toMatch(/size: Number must be greater than 0/);
	});

	it('type-checks multipart creates whose form carries input parts: a URL audio and a text to speech', () => {
		const inputParts = captured
			.filter((r) => r.path === '/v2/generate' && r.form)
			.flatMap((r) => (r.form ?? []).filter((p) => p.name === 'input').map((p) => (JSON.parse(p.value ?? '') as { type?: string }).type));
		expect(new Set(inputParts)).toEqual(new Set(['audio', 'text']));
		const multipart = captured.find((r) => r.path === '/v2/generate' && r.form?.some((p) => p.name === 'input'))!;
		const withExtraKey = (multipart.form ?? []).map((p) => (p.name === 'input' ? { ...p, value: JSON.stringify({ ...JSON.parse(p.value ?? ''), name: 'x' }) } : p));
		const asArray = (multipart.form ?? []).map((p) => (p.name === 'input' ? { ...p, value: `[${p.value}]` } : p));
		expect(checkRequests([{ ...multipart, form: withExtraKey }]).failures.join('')).toMatch(/input\.0\.name: .*does not exist in type/);
		expect(checkRequests([{ ...multipart, form: asArray }]).failures.join('')).toMatch(/input\.0: .*is not assignable to type 'Input'/);
	});

	it('fails on a multipart create that repeats a part the SDK\'s form sends once (model, options, webhookUrl, a file)', () => {
		const multipart = captured.find((r) => r.path === '/v2/generate' && r.form?.some((p) => p.name === 'options'))!;
		for (const name of ['model', 'options', 'video']) {
			const part = multipart.form!.find((p) => p.name === name)!;
			expect(checkRequests([{ ...multipart, form: [...multipart.form!, part] }]).failures.join('')).toMatch(new RegExp(`${name}: the SDK's form sends this part once`));
		}
		const hook = { name: 'webhookUrl', value: HOOK, bytes: HOOK.length };
		expect(checkRequests([{ ...multipart, form: [...multipart.form!, hook, hook] }]).failures.join('')).toMatch(/webhookUrl: the SDK's form sends this part once/);
	});

	it('fails on a response field the emulator invents', () => {
		const get = captured.find((r) => r.method === 'GET' && /^\/v2\/generate\//.test(r.path))!;
		const { failures } = checkRequests([{ ...get, response: { ...(get.response as object), invented: true } }]);
		expect(failures[0]).toMatch(/response: invented: .*does not exist in type 'Generation'/);
	});

	it('sends a binary create with Reasoning as the SDK form, reasoning_enabled inside its options JSON part', () => {
		const create = captured.find((r) => r.path === '/v2/generate' && r.form?.some((p) => p.name === 'options' && p.value?.includes('reasoning_enabled')));
		expect(create?.form?.map((p) => p.name).sort()).toEqual(['audio', 'model', 'options', 'video']);
		expect(JSON.parse(create!.form!.find((p) => p.name === 'options')!.value!)).toEqual({ reasoning_enabled: true });
		expect(checkRequests([create!]).failures).toEqual([]);
	});

	it('sends a sync-3 image URL with a binary audio file as an asset upload and a JSON create, never an image input in the SDK form', () => {
		const creates = captured.filter((r) => r.method === 'POST' && r.path === '/v2/generate');
		const withImage = creates.filter((r) => JSON.stringify(r.json ?? r.form).includes('face.png') && JSON.stringify(r.json ?? r.form).includes('assetId'));
		expect(withImage.map((r) => (r.form ? 'multipart' : 'json'))).toEqual(['json']);
		expect((withImage[0].json as { input: unknown[] }).input).toEqual([
			{ type: 'image', url: 'https://media.example.com/face.png' },
			{ type: 'audio', assetId: expect.any(String) },
		]);
		const imageInForm = creates.filter((r) => r.form?.some((p) => p.name === 'input' && p.value?.includes('"image"')));
		expect(imageInForm).toEqual([]);
	});

	it('removes only what an exception path names', () => {
		const value = { input: [{ type: 'image', url: 'a' }, { type: 'video', url: 'b' }], options: { reasoning_enabled: true, sync_mode: 'loop' } };
		expect(removePath(value, ['input[type=image]'])).toBe(true);
		expect(removePath(value, ['options', 'reasoning_enabled'])).toBe(true);
		expect(removePath(value, ['options', 'nothing'])).toBe(false);
		expect(value).toEqual({ input: [{ type: 'video', url: 'b' }], options: { sync_mode: 'loop' } });
		expect(new Set(WIRE_EXCEPTIONS.map((e) => `${e.kind}|${e.side}|${e.path}`)).size).toBe(WIRE_EXCEPTIONS.length);
	});
});

const recorded = (r: Partial<RecordedRequest>): RecordedRequest =>
	({ method: 'POST', path: '/v2/generate', query: {}, headers: {}, bodyBytes: 0, at: 0, url: r.path ?? '/v2/generate', status: 201, ...r }) as RecordedRequest;

describe('wire fidelity: a listed exception checks its value against its own shape instead of skipping it', () => {
	it.each([
		['an unknown key inside an image input', { model: 'sync-3', input: [{ type: 'image', url: 'https://x/face.png', voiceId: 'v' }, { type: 'audio', url: AUDIO }] }, /input\[type=image\]: Unrecognized key.*voiceId/],
		['an image input with a misspelt assetID and no url or assetId', { model: 'sync-3', input: [{ type: 'image', assetID: 'abc' }, { type: 'audio', url: AUDIO }] }, /input\[type=image\]: Unrecognized key.*assetID/],
		['an image input with neither url nor assetId', { model: 'sync-3', input: [{ type: 'image' }, { type: 'audio', url: AUDIO }] }, /needs exactly one of url or assetId/],
		['a reasoning_enabled that is not a boolean', { model: 'sync-3', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }], options: { reasoning_enabled: 'yes' } }, /options\.reasoning_enabled: Expected boolean/],
	])('fails on %s in a JSON create', (_name, json, message) => {
		const { failures } = checkRequests([recorded({ json })]);
		expect(failures).toHaveLength(1);
		expect(failures[0]).toMatch(message);
	});

	it('fails on a reasoning_enabled that is not a boolean in the options part of a multipart create', () => {
		const form = [
			{ name: 'video', filename: 'v.mp4', bytes: 1 },
			{ name: 'audio', filename: 'a.wav', bytes: 1 },
			{ name: 'model', value: 'lipsync-2', bytes: 9 },
			{ name: 'options', value: '{"reasoning_enabled":"true"}', bytes: 27 },
		] as RecordedRequest['form'];
		expect(checkRequests([recorded({ form })]).failures.join('')).toMatch(/options\.reasoning_enabled: Expected boolean/);
	});

	it('fails on an include query other than progress', () => {
		const { failures } = checkRequests([recorded({ method: 'GET', path: '/v2/generate/abc', query: { include: 'progresss' }, url: '/v2/generate/abc?include=progresss', status: 404 })]);
		expect(failures.filter((f) => f.includes('request'))).toEqual([expect.stringMatching(/include: Invalid literal value, expected "progress"/)]);
	});

	it.each([['ten'], ['0'], ['101'], ['2.5']])('fails on a list limit of %s', (limit) => {
		const { failures } = checkRequests([recorded({ method: 'GET', path: '/v2/generations', query: { limit }, url: `/v2/generations?limit=${limit}`, status: 200, response: [] })]);
		expect(failures).toEqual([expect.stringMatching(/^GET \/v2\/generations \(query\) request: limit: /)]);
	});

	it('fails on an error body whose errorCode is not a string', () => {
		const { failures } = checkRequests([recorded({ status: 400, response: { message: 'bad', statusCode: 400, errorCode: 7 } })]);
		expect(failures.join('')).toMatch(/errorCode: Expected string/);
	});
});

// Calls every function of the Sync client (nodes/SyncLabs/api) against the emulator over real HTTP, in the order a
// user's work would (upload, create, read, list, delete; batches to their results), and keeps what each call
// returned and which requests it sent. The emulator's contract test checks the answers; the wire check checks
// the requests and answers against the SDK's types.
import type { IDataObject } from 'n8n-workflow';
import * as api from '../../nodes/SyncLabs/api';
import type { SyncContext } from '../../nodes/SyncLabs/transport';
import { TINY_MP4, TINY_WAV, type Emulator, type RecordedRequest } from '../emulator/index.cjs';

export type EndpointFunction = {
	[K in keyof typeof api]: (typeof api)[K] extends (...args: never[]) => unknown ? K : never;
}[keyof typeof api];

/** Every function the client exports. */
export const ENDPOINT_FUNCTIONS = Object.keys(api).filter((name) => typeof (api as Record<string, unknown>)[name] === 'function') as EndpointFunction[];

export interface EndpointCall {
	/** What each call of the function returned, in order. */
	results: unknown[];
	requests: RecordedRequest[];
}

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
export const CREATE_BODY = { model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }] };
export const ROWS = Array.from({ length: 20 }, (_, i) => ({ request_id: `row-${i}`, endpoint: '/v2/generate', payload: CREATE_BODY }));

async function until(emulator: Emulator, done: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 500 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
	if (!done()) throw new Error(`everyEndpoint: ${what} did not happen in 5 s`);
}

export async function callEveryEndpoint(ctx: SyncContext, emulator: Emulator): Promise<Record<EndpointFunction, EndpointCall>> {
	const calls = {} as Record<EndpointFunction, EndpointCall>;
	const call = async <T,>(name: EndpointFunction, run: () => Promise<T>): Promise<T> => {
		const from = emulator.requests.length;
		const result = await run();
		calls[name] ??= { results: [], requests: [] };
		calls[name].results.push(result);
		calls[name].requests.push(...structuredClone(emulator.requests.slice(from)));
		return result;
	};

	await call('listModels', () => api.listModels(ctx));

	// The upload's three steps; the PUT to storage is the transport's (transport/signedUrl.ts), not the client's.
	const presigned = await call('requestAssetUpload', () => api.requestAssetUpload(ctx, { fileName: 'speaker.mp4', contentType: 'video/mp4', size: TINY_MP4.length }));
	const put = await fetch(presigned.uploadUrl, { method: 'PUT', headers: { 'content-type': 'video/mp4' }, body: TINY_MP4 });
	if (!put.ok) throw new Error(`everyEndpoint: the PUT to the presigned URL answered ${put.status}`);
	const asset = await call('registerAsset', () => api.registerAsset(ctx, { url: presigned.url, type: 'VIDEO', name: 'Speaker', visibility: 'ORGANIZATION' }));
	await call('getAsset', () => api.getAsset(ctx, asset.id));
	await call('listAssets', () => api.listAssets(ctx, { limit: 10, types: ['VIDEO', 'AUDIO'], searchQuery: 'Speaker', sortBy: 'nameAsc' }));
	await call('listAssets', () => api.listAssets(ctx, { limit: 10 }, { parse: 'tolerant' }));
	await call('collectAssets', () => api.collectAssets(ctx, {}, undefined));

	const created = await call('createGeneration', () => api.createGeneration(ctx, { body: CREATE_BODY, idempotencyKey: 'every-endpoint-1' }));
	await call('createGeneration', () => api.createGeneration(ctx, { body: CREATE_BODY, idempotencyKey: 'every-endpoint-1' }));
	const form = new FormData();
	form.append('video', new Blob([TINY_MP4], { type: 'video/mp4' }), 'speaker.mp4');
	form.append('audio', new Blob([TINY_WAV], { type: 'audio/wav' }), 'voice.wav');
	form.append('model', 'lipsync-2');
	const fromFiles = await call('createGeneration', () => api.createGeneration(ctx, { body: form, idempotencyKey: 'every-endpoint-2' }));
	await call('getGeneration', () => api.getGeneration(ctx, created.id));
	await call('getGeneration', () => api.getGeneration(ctx, created.id, { includeProgress: true }));
	await call('getGeneration', () => api.getGeneration(ctx, created.id, { parse: 'tolerant' }));
	await call('listGenerations', () => api.listGenerations(ctx, { status: ['PENDING', 'PROCESSING', 'COMPLETED'], ids: [created.id], limit: 10 }));
	await call('listGenerations', () => api.listGenerations(ctx, { limit: 1 }, { parse: 'tolerant' }));
	await call('collectGenerations', () => api.collectGenerations(ctx, {}, undefined));
	await until(emulator, () => (emulator.getGeneration(created.id) as IDataObject | undefined)?.status === 'COMPLETED', `generation ${created.id} completing`);
	await call('getGenerationDownloadUrl', () => api.getGenerationDownloadUrl(ctx, created.id));
	// Its recorded cost, and the usage export of a range around both: one page of one row, the next, then all of them.
	await until(emulator, () => (emulator.getGeneration(fromFiles.id) as IDataObject | undefined)?.status === 'COMPLETED', `generation ${fromFiles.id} completing`);
	await call('getGenerationCost', () => api.getGenerationCost(ctx, created.id));
	const range = { startTime: '2020-01-01T00:00:00Z', endTime: '2099-01-01T00:00:00Z' };
	const firstRow = await call('listUsage', () => api.listUsage(ctx, { ...range, limit: 1 }));
	await call('listUsage', () => api.listUsage(ctx, { ...range, limit: 1, cursor: firstRow.nextCursor }));
	await call('collectUsage', () => api.collectUsage(ctx, range, undefined));
	await call('deleteGeneration', () => api.deleteGeneration(ctx, created.id));

	await call('estimateCostByDuration', () => api.estimateCostByDuration(ctx, { model: 'sync-3', duration: 12, fps: 25, reasoningEnabled: true }));
	await call('estimateCostOfGeneration', () => api.estimateCostOfGeneration(ctx, CREATE_BODY));

	await call('createBatch', () => api.createBatch(ctx, { rows: ROWS, dryRun: true }));
	const batch = await call('createBatch', () => api.createBatch(ctx, { rows: ROWS, webhookUrl: 'https://n8n.example.com/webhook/batch' }));
	const file = new FormData();
	file.append('input', new Blob([ROWS.map((row) => JSON.stringify(row)).join('\n')], { type: 'application/jsonl' }), 'rows.jsonl');
	file.append('dry_run', 'false');
	await call('createBatch', () => api.createBatch(ctx, { form: file }));
	const batchId = String(batch.id);
	await call('getBatch', () => api.getBatch(ctx, batchId));
	await call('getBatch', () => api.getBatch(ctx, batchId, { parse: 'tolerant' }));
	await call('listBatches', () => api.listBatches(ctx, { createdAfter: '2020-01-01T00:00:00.000Z', createdBefore: '2099-01-01T00:00:00.000Z' }));
	await call('listBatches', () => api.listBatches(ctx, { status: 'COMPLETED' }, { parse: 'tolerant' }));
	await until(emulator, () => (emulator.getBatch(batchId) as IDataObject | undefined)?.status === 'COMPLETED', `batch ${batchId} completing`);
	const done = await api.getBatch(ctx, batchId);
	await call('getBatchResults', () => api.getBatchResults(ctx, String(done.outputUrl)));

	// Voices: the list, one voice, a clone from the uploaded file's Sync-hosted URL and one from its asset, a delete.
	const voices = await call('listVoices', () => api.listVoices(ctx));
	await call('listVoices', () => api.listVoices(ctx, { parse: 'tolerant' }));
	await call('getVoice', () => api.getVoice(ctx, String(voices[0].id)));
	const byUrl = await call('cloneVoice', () => api.cloneVoice(ctx, { name: 'Every endpoint (url)', sample: { url: presigned.url } }));
	await call('cloneVoice', () => api.cloneVoice(ctx, { name: 'Every endpoint (asset)', sample: { assetId: asset.id } }));
	await call('deleteVoice', () => api.deleteVoice(ctx, String(byUrl.id)));

	// Text to speech: synchronous, and a job polled to its end.
	const speech = { script: 'Every endpoint speaks.', voiceId: String(voices[0].id), stability: 0.4, similarityBoost: 0.8 };
	await call('synthesizeSpeech', () => api.synthesizeSpeech(ctx, speech));
	const job = await call('createSpeechJob', () => api.createSpeechJob(ctx, { script: speech.script, voiceId: speech.voiceId }, 'every-endpoint-tts-1'));
	if (job === api.SPEECH_JOBS_NOT_ENABLED) throw new Error('everyEndpoint: the emulator answered the speech job as not enabled');
	await call('getSpeechJob', () => api.getSpeechJob(ctx, job.id));

	// Projects: a create repeated with its id, a read, a page and the whole list.
	const projectId = '0b9a3c44-5d6e-4f70-8a91-b2c3d4e5f607';
	const project = { id: projectId, name: 'Every endpoint', description: 'All of them', visibility: 'ORGANIZATION', mode: 'DEVELOPER', defaultWorkflow: 'lipsync' } as const;
	await call('createProject', () => api.createProject(ctx, project));
	await call('createProject', () => api.createProject(ctx, { id: projectId, name: 'Ignored on a repeat' }));
	await call('getProject', () => api.getProject(ctx, projectId));
	await call('listProjects', () => api.listProjects(ctx, { limit: 10, searchQuery: 'Every', sortBy: 'name' }));
	await call('listProjects', () => api.listProjects(ctx, { limit: 10 }, { parse: 'tolerant' }));
	await call('collectProjects', () => api.collectProjects(ctx, {}, undefined));

	// The account behind the key.
	await call('getAccount', () => api.getAccount(ctx));
	return calls;
}

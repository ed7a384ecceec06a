// Generated from the action node's descriptions (every version): for each resource and operation, every
// parameter it shows (found with n8n's own display rules, options inside collections and fixed collections
// included) is set by an expression to each odd value (number, numeric text, "true"/"false", other text,
// array, object, null, empty text) and the node runs in a real n8n execution against the emulator.
// A value the coercion table (coercionTable.cts) refuses must stop the node before any request (the
// emulator saw nothing) with one sentence naming the field, what was given and the item. A value it
// accepts must do exactly what the value it becomes does when given with its proper type: the same
// requests on the wire, the same output and the same error, if any. Create, Batch → Create and Speech →
// Generate bill, Voice → Clone spends one of the clones an hour, so there the odd value sits on item 1
// while item 0 is valid: nothing may be created before the refusal. Parameters shown only when the node is an
// AI Agent's tool (`@tool`) run in its tool variant, where a refusal names no item (actions/asTool/forTheModel.ts).
import { NodeHelpers, type INodeParameters, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';
import { BUILT_IN_VOICES, startEmulator, TINY_MP4, TINY_WAV, type Emulator, type RecordedRequest } from '../emulator/index.cjs';
import { runNode, syncLabsToolNodeType, type RunNodeResult, type RunnerInputItem } from '../runner/index.cjs';
import { SyncLabs } from '../../nodes/SyncLabs/SyncLabs.node';
import { describeGiven, kindOf } from '../../nodes/SyncLabs/parameters';
import { describedFields, placed, valueAt, type DescribedField } from './descriptionFields.cjs';
import { expectedReading, GIVEN_WORDS, ODD_VALUES } from './coercionTable.cjs';

const KEY = 'expressions-key';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const AUDIO_B = 'https://media.example.com/voice-b.wav';

let emulator: Emulator;
const seeded = { generation: '', videoAsset: '', audioAsset: '', batch: '', uploadedAudio: '', uploadedAudioUrl: '', project: '', voice: '' };
const RACHEL = BUILT_IN_VOICES[0].id;

async function api(method: string, path: string, body?: unknown): Promise<{ id: string; url: string; uploadUrl: string }> {
	const response = await fetch(`${emulator.url}${path}`, {
		method,
		headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.status).toBeLessThan(300);
	return (await response.json()) as { id: string; url: string; uploadUrl: string };
}

/** An audio file uploaded to Sync storage (presigned PUT, then registered): a voice is cloned only from such a sample. */
async function uploadedAudio(): Promise<{ id: string; url: string }> {
	const slot = await api('POST', '/v2/assets/upload', { fileName: 'sample.wav', contentType: 'audio/wav', size: TINY_WAV.length });
	const put = await fetch(slot.uploadUrl, { method: 'PUT', headers: { 'content-type': 'audio/wav' }, body: TINY_WAV });
	expect(put.status).toBe(200);
	return await api('POST', '/v2/assets', { url: slot.url, type: 'AUDIO' });
}

/** Deletes the voices a run cloned, so the next run may clone under the same name (names are unique). */
async function deleteClonedVoices(): Promise<void> {
	const voices = (await (await fetch(`${emulator.url}/v2/voices`, { headers: { 'x-api-key': KEY } })).json()) as Array<{ id: string }>;
	const kept = new Set([...BUILT_IN_VOICES.map((voice) => voice.id), seeded.voice]);
	for (const { id } of voices.filter((voice) => !kept.has(voice.id))) await api('DELETE', `/v2/voices/${id}`);
}

function batchRow(i: number) {
	return {
		request_id: `r${i}`,
		endpoint: '/v2/generate',
		payload: { model: 'lipsync-2', input: [{ type: 'video', url: `${VIDEO}?row=${i}` }, { type: 'audio', url: AUDIO }] },
	};
}

beforeAll(async () => {
	// Sync finishes at once: polling needs one status check, a batch has results right away, a speech job is done
	// when made. Every run may clone a voice or speak: no hourly or per-minute limit stops the next one.
	emulator = await startEmulator({
		port: 0,
		pendingMs: 0,
		processingMs: 0,
		ttsJobPendingMs: 0,
		ttsJobProcessingMs: 0,
		ttsRateLimitPerMinute: 1_000_000,
		voiceCloneRateLimitPerHour: 1_000_000,
		voiceCloneSlots: 1_000_000,
	});
	seeded.generation = (await api('POST', '/v2/generate', { model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }] })).id;
	seeded.videoAsset = (await api('POST', '/v2/assets', { url: VIDEO, type: 'VIDEO', name: 'speaker.mp4' })).id;
	seeded.audioAsset = (await api('POST', '/v2/assets', { url: AUDIO, type: 'AUDIO', name: 'voice.wav' })).id;
	seeded.batch = (await api('POST', '/v2/batch', { rows: Array.from({ length: 20 }, (_, i) => batchRow(i)) })).id;
	const sample = await uploadedAudio();
	seeded.uploadedAudio = sample.id;
	seeded.uploadedAudioUrl = sample.url;
	seeded.project = (await api('POST', '/v2/projects', { id: '6533643b-aceb-4c40-967e-d9ba9baac39e', name: 'Seeded project' })).id;
	seeded.voice = (await api('POST', '/v2/voices', { name: 'Seeded voice', assetId: seeded.uploadedAudio })).id;
});
afterAll(async () => emulator.stop());

// ---- what each operation needs to run: parameter sets under which its fields show ----

interface Variant {
	parameters: INodeParameters;
	items: RunnerInputItem[];
	/** The item that gets the odd value: item 1 where the operation checks every item before it bills. */
	oddItem: number;
	/** Parameters read once for all items, from item 0 (a batch from rows is one request): the odd value goes there. */
	readFromItem0?: string[];
}

const files = { data: { data: TINY_MP4, fileName: 'clip.mp4', mimeType: 'video/mp4' }, audio: { data: TINY_WAV, fileName: 'voice.wav', mimeType: 'audio/wav' } };
const jsonl = Buffer.from(Array.from({ length: 20 }, (_, i) => JSON.stringify(batchRow(i))).join('\n') + '\n');
const one = (parameters: INodeParameters): Variant => ({ parameters, items: [{ json: {} }], oddItem: 0 });
const two = (parameters: INodeParameters, item: RunnerInputItem = { json: {} }): Variant => ({ parameters, items: [item, item], oddItem: 1 });

const urls = { visualSource: 'url', visualUrl: VIDEO, audioSource: 'url', audioUrl: AUDIO };
const segments = JSON.stringify([
	{ startTime: 0, endTime: 0.5, audioInput: { refId: 'a' } },
	{ startTime: 0.5, endTime: 1, audioInput: { refId: 'b' } },
]);
const withSecondAudio = (input: Record<string, unknown>) => ({ audioRefId: 'a', segments, additionalAudioInputs: { input: [{ refId: 'b', ...input }] } });

function variants(): Record<string, Variant[]> {
	// With a source set by an expression n8n cannot tell which input field shows, and refuses to start while any
	// of them is empty ("The node has issues"): every variant fills them all; n8n drops the hidden ones.
	const inputs = { ...urls, visualAssetId: seeded.videoAsset, audioAssetId: seeded.audioAsset, voiceId: 'voice-1', script: 'Hello there' };
	const created = { model: 'lipsync-2', ...inputs, completion: 'immediately' };
	const assets = { visualSource: 'assetId', visualAssetId: seeded.videoAsset, audioSource: 'assetId', audioAssetId: seeded.audioAsset };
	const speech = { audioSource: 'text', voiceId: 'voice-1', script: 'Hello there' };
	const dubbed = { model: 'lipsync-2', visualSource: 'url', visualUrl: VIDEO, visualAssetId: seeded.videoAsset, targetLanguages: ['es', 'de'], completion: 'immediately' };
	const narrator = { name: '={{ "Narrator " + $itemIndex }}' };
	return {
		'generation.create': [
			two(created),
			two({ ...created, model: 'react-1' }),
			two({ ...created, completion: 'poll' }),
			two({ ...created, completion: 'poll', options: { downloadOutput: true } }),
			one({ ...created, completion: 'webhook' }),
			two({ ...created, ...assets }),
			two({ ...created, visualSource: 'binary', visualBinaryProperty: 'data', audioSource: 'binary', audioBinaryProperty: 'audio' }, { json: {}, binary: files }),
			two({ ...created, ...speech }),
			two({ ...created, options: withSecondAudio({ source: 'url', url: AUDIO_B }) }),
			two({ ...created, options: withSecondAudio({ source: 'assetId', assetId: seeded.audioAsset }) }),
			two({ ...created, options: withSecondAudio({ source: 'text', voiceId: 'voice-2', script: 'And hello back' }) }),
			two({ ...created, output: 'fields', fields: ['status', 'outputUrl'] }),
		],
		'generation.dub': [
			two(dubbed),
			two({ ...dubbed, completion: 'poll' }),
			two({ ...dubbed, completion: 'poll', options: { downloadOutput: true } }),
			one({ ...dubbed, targetLanguages: ['es'], completion: 'webhook' }),
			two({ ...dubbed, visualSource: 'assetId' }),
			two({ ...dubbed, visualSource: 'binary', visualBinaryProperty: 'data' }, { json: {}, binary: files }),
			two({ ...dubbed, output: 'fields', fields: ['status', 'outputUrl'] }),
		],
		'generation.estimateCost': [
			one({ estimateBy: 'duration', model: 'lipsync-2', duration: 10, fps: 25 }),
			one({ estimateBy: 'inputs', model: 'lipsync-2', ...inputs }),
			one({ estimateBy: 'inputs', model: 'lipsync-2', ...assets }),
			one({ estimateBy: 'inputs', model: 'lipsync-2', ...urls, ...speech }),
		],
		'generation.get': [one({ generationId: seeded.generation }), one({ generationId: seeded.generation, output: 'fields', fields: ['status'] })],
		'generation.delete': [one({ generationId: seeded.generation })],
		'generation.waitForCompletion': [one({ generationId: seeded.generation })],
		'generation.downloadOutput': [one({ generationId: seeded.generation })],
		'generation.getMany': [one({ returnAll: false, limit: 3 }), one({ returnAll: false, limit: 3, output: 'fields', fields: ['status'] })],
		'generation.getCost': [
			one({ generationId: seeded.generation }),
			one({ generationId: seeded.generation, options: { waitForFinalCost: true, maxWaitTime: 5, pollInterval: 1 } }),
		],
		'usage.getMany': [one({ startTime: '2020-01-01T00:00:00Z', endTime: '2099-01-01T00:00:00Z', returnAll: false, limit: 3 })],
		'account.get': [one({})],
		'asset.get': [one({ assetId: seeded.videoAsset })],
		'asset.getMany': [one({ returnAll: false, limit: 3 })],
		'asset.upload': [{ parameters: { binaryPropertyName: 'data' }, items: [{ json: {}, binary: files }], oddItem: 0 }],
		'batch.create': [
			{
				parameters: { source: 'rows', requestId: '={{ $json.request_id }}', payload: '={{ $json.payload }}' },
				items: Array.from({ length: 20 }, (_, i) => ({ json: batchRow(i) })),
				oddItem: 1,
				readFromItem0: ['options'],
			},
			two({ source: 'binary', binaryPropertyName: 'data' }, { json: {}, binary: { data: { data: jsonl, fileName: 'rows.jsonl', mimeType: 'application/jsonl' } } }),
		],
		'batch.get': [one({ batchId: seeded.batch })],
		'batch.getMany': [one({ returnAll: false, limit: 3 })],
		'batch.getResults': [one({ batchId: seeded.batch })],
		'model.getMany': [one({ returnAll: false, limit: 3 })],
		'voice.getMany': [one({ returnAll: false, limit: 3 })],
		'voice.get': [one({ voiceId: RACHEL })],
		'voice.delete': [one({ voiceId: seeded.voice })],
		// A clone takes one of the clones an hour, and a speech is billed: both check every item first, so two
		// items. A voice name is unique: one per item. A field is tried under the first baseline it shows in,
		// so the name with the asset (no upload first).
		'voice.clone': [
			two({ ...narrator, sampleSource: 'assetId', sampleAssetId: seeded.uploadedAudio }),
			two({ ...narrator, sampleSource: 'url', sampleUrl: seeded.uploadedAudioUrl }),
			two({ ...narrator, sampleSource: 'binary', sampleBinaryProperty: 'audio' }, { json: {}, binary: files }),
		],
		// Download Audio on, so the output field's name is used.
		'speech.generate': [two({ voiceId: RACHEL, script: 'Hello there', options: { downloadAudio: true } })],
		'project.create': [one({ name: 'Spring campaign' })],
		'project.get': [one({ projectId: seeded.project })],
		'project.getMany': [one({ returnAll: false, limit: 3 })],
	};
}

// ---- the node's descriptions and n8n's display rules ----

function descriptionOf(version: number, asTool = false): INodeTypeDescription {
	return (asTool ? syncLabsToolNodeType() : new SyncLabs()).nodeVersions[version].description;
}

/**
 * Read by n8n, never by the node: the tool's description, which n8n hands the model before the node runs
 * (actions/asTool/toolDescriptions.ts). Whatever it holds, the node does the same.
 */
const READ_BY_N8N_ONLY = new Set(['toolDescription']);

function choicesOf(properties: INodeProperties[], name: string, resource?: string): string[] {
	const field = properties.find((p) => p.name === name && (resource === undefined || p.displayOptions?.show?.resource?.includes(resource)));
	return (field?.options ?? []).map((o) => String((o as { value: unknown }).value));
}

const MARKER = '={{ "shown" }}';

/** n8n never evaluates an expression in a field marked noDataExpression: it keeps the text without "=" (getNodeParameters). */
function takesExpressions(field: DescribedField): boolean {
	return field.root.noDataExpression !== true;
}

/**
 * The value as the parameter holds it: version 2's ID fields are resource locators (pickers), and so are
 * version 3's voice fields, Additional Audio Inputs' included.
 */
function asParameterValue(field: DescribedField, value: unknown): unknown {
	return field.declaration.type === 'resourceLocator' ? { __rl: true, mode: 'id', value } : value;
}

/** Whether n8n keeps the field under these parameters (it drops what is hidden when it loads a workflow). */
function shows(description: INodeTypeDescription, parameters: INodeParameters, field: DescribedField): boolean {
	// A value inside a fixed collection's entry is tried where the baseline has that entry (its reference ID, its segments).
	const entry = field.path.findIndex((key) => typeof key === 'number');
	if (entry >= 0 && typeof valueAt(parameters, field.path.slice(0, entry + 1)) !== 'object') return false;
	const withMarker = placed(field.path, asParameterValue(field, MARKER), parameters) as INodeParameters;
	const node = { id: 'n', name: 'Sync Labs', type: `n8n-nodes-synclabs.${description.name}`, typeVersion: description.version as number, position: [0, 0] as [number, number], parameters: withMarker };
	const loaded = NodeHelpers.getNodeParameters(description.properties, withMarker, true, false, node, description) ?? {};
	const kept = valueAt(loaded, field.path);
	const shown = (value: unknown) => value === MARKER || value === MARKER.slice(1);
	return shown(kept) || (typeof kept === 'object' && kept !== null && shown((kept as { value?: unknown }).value));
}

/** A JavaScript expression for the value the baseline gives this field, or undefined (then the declared default). */
function baselineExpression(baseline: unknown): string {
	if (baseline === undefined) return 'undefined';
	if (typeof baseline === 'string' && baseline.startsWith('={{') && baseline.endsWith('}}')) return `(${baseline.slice(3, -2)})`;
	// Spread over lines, so no "}}" inside the value ends the expression early.
	return JSON.stringify(baseline, null, 1);
}

/**
 * The parameters with the field set by an expression: the item's `v` when it has one, otherwise the baseline.
 * A field that takes no expression holds the value itself (a saved workflow may hold anything), for every item.
 */
function withValue(variant: Variant, field: DescribedField, value: unknown): INodeParameters {
	if (!takesExpressions(field)) return placed(field.path, value, variant.parameters) as INodeParameters;
	const baseline = valueAt(variant.parameters, field.path);
	const typed = typeof baseline === 'object' && baseline !== null && '__rl' in baseline ? (baseline as unknown as { value: unknown }).value : baseline;
	const expression = `={{ $json.v !== undefined ? $json.v : ${baselineExpression(typed)} }}`;
	return placed(field.path, asParameterValue(field, expression), variant.parameters) as INodeParameters;
}

/** The item a refusal must name: the odd one, or item 0 when every item has the value (no expression). */
function refusedItem(variant: Variant, field: DescribedField): number {
	if (!takesExpressions(field) || variant.readFromItem0?.includes(String(field.path[0]))) return 0;
	return variant.oddItem;
}

function itemsWith(variant: Variant, field: DescribedField, value: unknown): RunnerInputItem[] {
	const odd = refusedItem(variant, field);
	return variant.items.map((item, i) => (i === odd ? { ...item, json: { ...item.json, v: value as never } } : item));
}

/** The value read, as the field holds it when typed into the panel (the canonical form of the reading). */
function properlyTyped(field: DescribedField, read: unknown): unknown {
	const { type } = field.declaration;
	if (type === 'json') return read === undefined ? '' : JSON.stringify(read);
	if (type === 'dateTime') return read ?? '';
	if (type === 'string' && Array.isArray(read)) return read.join(',');
	return read;
}

// ---- what a run did ----

function requestView(request: RecordedRequest) {
	return {
		method: request.method,
		path: request.path,
		query: request.query,
		json: request.json,
		form: request.form?.map((part) => ({ ...part })),
		idempotencyKey: request.headers['idempotency-key'],
	};
}

/** Everything a run did, with what changes from run to run (ids, times, automatic keys, execution ids) masked. */
function whatItDid(result: RunNodeResult, requests: RecordedRequest[]): string {
	const view = {
		status: result.status,
		error: result.error?.message,
		items: result.items.map((item) => ({ json: item.json, binary: Object.keys(item.binary ?? {}) })),
		waitMinutes: result.waitTill ? Math.round((result.waitTill.getTime() - Date.now()) / 60_000) : undefined,
		requests: requests.map(requestView),
	};
	return JSON.stringify(view)
		.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
		.replace(/batch_[0-9a-f]+/g, '<batch>')
		.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
		.replace(/n8n-[0-9a-f]{20}-[^"]*/g, '<automatic key>')
		.replace(/webhook-waiting\/[^"?]+/g, 'webhook-waiting/<execution>')
		.replace(/uploads\/[A-Za-z0-9_-]+/g, 'uploads/<upload>')
		.replace(/signature=[0-9a-f]+/g, 'signature=<resume token>')
		// A signed download URL's expiry is the emulator's clock plus a week: two runs a second apart differ in it.
		.replace(/([?&])Expires=\d+/g, '$1Expires=<time>')
		.replace(/X-Amz-Signature=[0-9a-f]+/g, 'X-Amz-Signature=<signed>')
		.replace(/"X-Amz-(Signature|Date)":"[^"]*"/g, '"X-Amz-$1":"<signed>"')
		// A signed download URL's expiry is a time in seconds: two runs may straddle a second.
		.replace(/"Expires":"\d+"/g, '"Expires":"<time>"')
		// A cloned voice's provider-side id, random like its UUID (it stands before the clone's internalVoiceId).
		.replace(/"voiceId":"[^"]*","internalVoiceId"/g, '"voiceId":"<provider id>","internalVoiceId"')
		.replace(/"(createdAt|created_at|updatedAt|completedAt|expiresAt)":\d+/g, '"$1":<time>');
}

/**
 * One run of the node. n8n may refuse to start it at all (a required field it sees as empty: "The node has
 * issues"); that counts as a run that ended in that error before any request.
 */
async function run(variant: Variant, field: DescribedField, value: unknown, typeVersion: number, asTool: boolean) {
	emulator.requests.length = 0;
	const result = await runNode({
		parameters: withValue(variant, field, value),
		items: itemsWith(variant, field, value),
		credentials: { apiKey: KEY, baseUrl: emulator.url },
		typeVersion,
		...(asTool ? { nodeTypeOverride: syncLabsToolNodeType() } : {}),
	}).catch((error: Error) => ({ status: 'not started', items: [], error: { message: error.message }, dispose: async () => undefined }) as unknown as RunNodeResult);
	const requests = [...emulator.requests];
	await result.dispose();
	if (requests.some((request) => request.method === 'POST' && request.path === '/v2/voices')) await deleteClonedVoices();
	return { result, requests };
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- the cases ----

/** Versions 2 and 3 hold ID fields as resource locators (inside fixed collections too): the baseline's IDs "By ID". */
function inVersion(description: INodeTypeDescription, parameters: INodeParameters): INodeParameters {
	let out = parameters;
	for (const field of describedFields(description.properties)) {
		const value = valueAt(out, field.path);
		if (field.declaration.type === 'resourceLocator' && typeof value === 'string') out = placed(field.path, asParameterValue(field, value), out) as INodeParameters;
	}
	return out;
}

interface Case {
	version: number;
	operation: string;
	field: DescribedField;
	variant: Variant;
	/** Shown only in the tool variant: run as "Sync Labs Tool". */
	asTool: boolean;
}

const casesOfVersion = new Map<number, { cases: Case[]; unshown: string[] }>();

/** The cases of a version, worked out once (n8n's display rules for every field are slow to apply). */
function casesFor(version: number): { cases: Case[]; unshown: string[] } {
	let found = casesOfVersion.get(version);
	if (found === undefined) {
		found = findCases(version);
		casesOfVersion.set(version, found);
	}
	return found;
}

function findCases(version: number): { cases: Case[]; unshown: string[] } {
	const description = descriptionOf(version);
	const toolDescription = descriptionOf(version, true);
	const all = variants();
	const cases: Case[] = [];
	const unshown: string[] = [];
	const fields = describedFields(description.properties).filter((field) => field.declaration.type !== 'notice' && !READ_BY_N8N_ONLY.has(field.declaration.name));
	// Resource and Operation are read first, by the router, whatever else a baseline holds: each declaration is
	// tried under the first operation that shows it (a run per operation would repeat the same refusal).
	const routing = new Set<INodeProperties>();
	for (const resource of choicesOf(description.properties, 'resource')) {
		for (const operation of choicesOf(description.properties, 'operation', resource)) {
			const key = `${resource}.${operation}`;
			const baselines = (all[key] ?? []).map((v) => ({ ...v, parameters: inVersion(description, { resource, operation, ...v.parameters }) }));
			if (baselines.length === 0) unshown.push(`${key}: no baseline parameters`);
			// The fields this operation declares (a root field's display rule names the resource and operation).
			const own = fields.filter((field) => {
				const show = field.root.displayOptions?.show;
				return field.root.name === 'resource' || field.root.name === 'operation'
					? !show?.resource || show.resource.includes(resource)
					: show?.resource?.includes(resource) && show.operation?.includes(operation);
			});
			// n8n drops a collection given whole by an expression when it loads the workflow: only its options can be.
			for (const field of own.filter((f) => f.declaration.type !== 'collection' && f.declaration.type !== 'fixedCollection')) {
				const variant = baselines.find((v) => shows(description, v.parameters, field));
				const toolVariant = variant ? undefined : baselines.find((v) => shows(toolDescription, v.parameters, field));
				const routed = field.root.name === 'resource' || field.root.name === 'operation';
				if (variant && !(routed && routing.has(field.declaration))) cases.push({ version, operation: key, field, variant, asTool: false });
				else if (toolVariant) cases.push({ version, operation: key, field, variant: toolVariant, asTool: true });
				if (variant && routed) routing.add(field.declaration);
				if (!variant && !toolVariant) unshown.push(`${key}: ${field.path.join('.')} shows under none of its baselines`);
			}
		}
	}
	return { cases, unshown };
}

const versions = Object.keys(new SyncLabs().nodeVersions).map(Number);

describe.each(versions)('every parameter of the Sync Labs node (version %i) set by an expression', (version) => {
	it('shows every declared parameter under at least one baseline, so none goes untested', () => {
		const { cases, unshown } = casesFor(version);
		expect(unshown).toEqual([]);
		expect(cases.length).toBeGreaterThan(60);
	});

	it.each(ODD_VALUES.map((odd) => [odd.name, odd.value] as const))(
		'given %s: refused before any request naming the field, what was given and the item, or sent as the value it is read as',
		async (_name, value) => {
			// Built in a test, after beforeAll seeded the IDs the baselines use.
			const { cases } = casesFor(version);
			const wrong: string[] = [];
			for (const { operation, field, variant, asTool } of cases) {
				const where = `${operation} ${field.path.join('.')}${asTool ? ' (as a tool)' : ''}`;
				const reading = expectedReading(kindOf(field.declaration), value);
				const odd = await run(variant, field, value, version, asTool);
				const item = refusedItem(variant, field);

				if (!reading.accepted) {
					const message = odd.result.error?.message ?? '';
					// A tool's refusal names no item: a tool run has one, the model's arguments.
					const sentence = new RegExp(`^${escape(field.label)} (is|has) .+${asTool ? '' : ` \\(item ${item}\\)`}$`);
					if (odd.result.status !== 'error' || !sentence.test(message) || !GIVEN_WORDS.test(message) || (asTool && /item \d/.test(message))) {
						wrong.push(`${where}: expected a refusal naming "${field.label}"${asTool ? ' and no item' : ` and item ${item}`}, got ${odd.result.status} "${message}"`);
					}
					if (odd.requests.length > 0) wrong.push(`${where}: refused only after ${odd.requests.length} request(s): ${odd.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
					continue;
				}

				const typed = properlyTyped(field, reading.value);
				if (JSON.stringify(typed) === JSON.stringify(value)) {
					// Read as given: the run is the typed run. It must at least not be refused as a wrong kind.
					const refusedAsKind = `${field.label} is ${describeGiven(value)}`;
					if (odd.result.error?.message.startsWith(refusedAsKind)) wrong.push(`${where}: refused "${odd.result.error.message}", the table accepts it`);
					continue;
				}
				const proper = await run(variant, field, typed, version, asTool);
				const did = whatItDid(odd.result, odd.requests);
				const shouldDo = whatItDid(proper.result, proper.requests);
				if (did !== shouldDo) wrong.push(`${where}: given ${JSON.stringify(value)} it did\n  ${did}\nbut given ${JSON.stringify(typed)} it does\n  ${shouldDo}`);
			}
			expect(wrong).toEqual([]);
		},
		240_000,
	);
});

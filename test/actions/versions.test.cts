// Versions of the action node: version 1 keeps string ID fields exactly as first published; version 2 makes
// the generation, asset and batch IDs resource locators (From List / By ID); version 3 does the same for the voice
// fields (Additional Audio Inputs included) and Project → Get's ID. All run the same code.
import fs from 'fs';
import path from 'path';
import type { INodeParameterResourceLocator, INodeParameters, INodeProperties, INodePropertyCollection, INodeTypeDescription } from 'n8n-workflow';
import { SyncLabs } from '../../nodes/SyncLabs/SyncLabs.node';
import { LOCATOR_FIELDS, VERSION_3_LOCATOR_FIELDS } from '../../nodes/SyncLabs/actions/versionProperties';
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { runNode } from '../runner/index.cjs';

const API_KEY = 'versions-test-key';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 10 });
});
afterEach(() => {
	emulator.reset();
	emulator.config.plan = 'scale';
});
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: API_KEY, baseUrl: emulator.url });
const fastPoll = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };

async function api<T>(method: string, endpoint: string, body?: unknown): Promise<T> {
	const response = await fetch(`${emulator.url}${endpoint}`, {
		method,
		headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.status).toBeLessThan(300);
	return (await response.json()) as T;
}

async function until(check: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 300; i++) {
		if (check()) return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`${what} did not happen`);
}

async function completedGeneration(): Promise<string> {
	const { id } = await api<{ id: string }>('POST', '/v2/generate', {
		model: 'lipsync-2',
		input: [
			{ type: 'video', url: 'https://media.example.com/speaker.mp4' },
			{ type: 'audio', url: 'https://media.example.com/voice.wav' },
		],
	});
	await until(() => (emulator.getGeneration(id) as { status?: string } | undefined)?.status === 'COMPLETED', `generation ${id} completing`);
	return id;
}

async function completedBatch(): Promise<string> {
	const rows = Array.from({ length: 20 }, (_, i) => ({
		request_id: `row-${i}`,
		endpoint: '/v2/generate',
		payload: { model: 'lipsync-2', input: [{ type: 'video', url: `https://example.com/v${i}.mp4` }, { type: 'audio', url: `https://example.com/a${i}.wav` }] },
	}));
	const { id } = await api<{ id: string }>('POST', '/v2/batch', { rows });
	await until(() => (emulator.getBatch(id) as { status?: string } | undefined)?.status === 'COMPLETED', `batch ${id} completing`);
	return id;
}

async function asset(type: 'VIDEO' | 'AUDIO' | 'IMAGE', name: string): Promise<string> {
	return (await api<{ id: string }>('POST', '/v2/assets', { url: `https://example.com/${name}`, type, name })).id;
}

const locator = (mode: 'list' | 'id', value: string): INodeParameterResourceLocator => ({ __rl: true, mode, value });

describe('Sync Labs node versions', () => {
	const node = new SyncLabs();
	let v1: INodeTypeDescription;
	let v2: INodeTypeDescription;
	let v3: INodeTypeDescription;
	beforeEach(() => {
		v1 = node.nodeVersions?.[1]?.description;
		v2 = node.nodeVersions?.[2]?.description;
		v3 = node.nodeVersions?.[3]?.description;
	});

	it('version 1 keeps every parameter, type and option value of the description first published (saved workflows depend on them)', () => {
		// The snapshot was written from the unversioned node (commit 61f67dd) with JSON.stringify(description, null, '\t').
		// Later work may add parameters and options, change wording, defaults shown in the UI and display rules
		// (CHANGELOG.md#node-versions-and-saved-workflows), but never remove, rename or retype one.
		const before = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'syncLabs.v1.description.json'), 'utf8')) as INodeTypeDescription;
		const shape = (properties: INodeProperties[], prefix = ''): string[] =>
			properties.flatMap((p) => {
				const here = `${prefix}${p.name}:${p.type}`;
				const nested = (p.options ?? []) as Array<INodeProperties & { value?: unknown; values?: INodeProperties[] }>;
				return [
					here,
					...nested.flatMap((o) =>
						o.value !== undefined
							? [`${here}=${JSON.stringify(o.value)}`]
							: o.values
								? shape(o.values, `${here}.${o.name}.`)
								: o.type
									? shape([o], `${here}.`)
									: [],
					),
				];
			});
		const now = new Set(shape(v1.properties));
		expect(shape(before.properties).filter((entry) => !now.has(entry))).toEqual([]);
		expect({ name: v1.name, version: v1.version }).toEqual({ name: before.name, version: before.version });
	});

	it('the node type is still syncLabs, has versions 1, 2 and 3, and a new node gets version 3', () => {
		expect(node.description.name).toBe('syncLabs');
		expect(Object.keys(node.nodeVersions).map(Number)).toEqual([1, 2, 3]);
		expect([v1.version, v2.version, v3.version]).toEqual([1, 2, 3]);
		expect(node.getNodeType().description.version).toBe(3);
		expect(node.description.defaultVersion).toBe(3);
	});

	it('version 3 differs from version 2 only in the voice fields, also inside Additional Audio Inputs, and Project → Get\'s ID, which become locators, and in Output\'s default, Simplified instead of Raw', () => {
		expect(v3.properties).toHaveLength(v2.properties.length);
		const converted: string[] = [];
		/** Compares one field of version 2 with its version-3 form, collection entries and fixed-collection values included. */
		const compare = (before: INodeProperties, after: INodeProperties, where: string) => {
			const spec = VERSION_3_LOCATOR_FIELDS[before.name];
			if (spec && before.type === 'string' && after.type === 'resourceLocator') {
				converted.push(`${where}${before.name}`);
				expect(after).toMatchObject({ name: before.name, displayName: before.displayName, default: { mode: 'list', value: '' }, required: before.required });
				expect(after.displayOptions).toEqual(before.displayOptions);
				expect(after.modes?.map((m) => [m.name, m.type])).toEqual([
					['list', 'list'],
					['id', 'string'],
				]);
				expect(after.modes?.[0].typeOptions?.searchListMethod).toBe(spec.searchListMethod);
				return;
			}
			if (before.type === 'collection') {
				expect({ ...after, options: undefined }).toEqual({ ...before, options: undefined });
				(before.options as INodeProperties[]).forEach((option, i) => compare(option, (after.options as INodeProperties[])[i], `${where}${before.name}.`));
				return;
			}
			if (before.type === 'fixedCollection') {
				expect({ ...after, options: undefined }).toEqual({ ...before, options: undefined });
				(before.options as INodePropertyCollection[]).forEach((group, g) =>
					group.values.forEach((value, i) => compare(value, (after.options as INodePropertyCollection[])[g].values[i], `${where}${before.name}.${group.name}.`)),
				);
				return;
			}
			if (before.name === 'output') {
				converted.push(`${where}output=${String(before.default)}→${String(after.default)}`);
				expect(after).toEqual({ ...before, default: 'simple' });
				return;
			}
			expect(after).toEqual(before);
		};
		v2.properties.forEach((before, index) => compare(before, v3.properties[index], ''));
		// Generation → Create, Dub, Get and Get Many.
		expect(converted.filter((c) => c.startsWith('output='))).toEqual(['output=raw→simple', 'output=raw→simple', 'output=raw→simple', 'output=raw→simple']);
		// Create and Estimate Cost's voice, Create's Additional Audio Input voice, Voice → Get and Delete,
		// Speech → Generate; Project → Get. The Project ID options inside collections stay text.
		expect(converted.filter((c) => !c.startsWith('output=')).sort()).toEqual(
			['voiceId', 'voiceId', 'options.additionalAudioInputs.input.voiceId', 'voiceId', 'voiceId', 'voiceId', 'projectId'].sort(),
		);
	});

	it('version 2 differs from version 1 only in the ID fields, which become From List / By ID locators', () => {
		expect(v2.properties).toHaveLength(v1.properties.length);
		const converted: string[] = [];
		v1.properties.forEach((before: INodeProperties, index) => {
			const after = v2.properties[index];
			const spec = LOCATOR_FIELDS[before.name];
			if (!spec) {
				expect(after).toEqual(before);
				return;
			}
			converted.push(before.name);
			expect(before.type).toBe('string');
			expect(after).toMatchObject({
				name: before.name,
				displayName: before.displayName,
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: before.required,
			});
			expect(after.displayOptions).toEqual(before.displayOptions);
			expect(after.description).toBe(before.description);
			expect(after.modes?.map((m) => [m.name, m.type, m.displayName])).toEqual([
				['list', 'list', 'From List'],
				['id', 'string', 'By ID'],
			]);
			expect(after.modes?.[0].typeOptions?.searchListMethod).toBe(spec.searchListMethod);
		});
		// Get, Delete, Download Output, Wait for Completion, Get Cost; Get and Get Results; Get; Create, Dub and Estimate Cost.
		expect(converted.sort()).toEqual(
			['generationId', 'generationId', 'generationId', 'generationId', 'generationId', 'batchId', 'batchId', 'assetId', 'visualAssetId', 'visualAssetId', 'visualAssetId', 'audioAssetId', 'audioAssetId'].sort(),
		);
	});

	it('every list a locator names is a list-search method of both versions', () => {
		for (const spec of [...Object.values(LOCATOR_FIELDS), ...Object.values(VERSION_3_LOCATOR_FIELDS)]) {
			for (const version of [1, 2, 3]) expect(typeof node.nodeVersions[version].methods?.listSearch?.[spec.searchListMethod]).toBe('function');
		}
	});
});

interface IdCase {
	title: string;
	field: string;
	parameters: INodeParameters;
	make: () => Promise<string>;
	/** The request that carries the ID. */
	request: (id: string) => { method: string; path: string };
	/** What the output says about the ID. */
	output: (id: string) => Record<string, unknown>;
}

const ID_CASES: IdCase[] = [
	{
		title: 'Generation → Get',
		field: 'generationId',
		parameters: { resource: 'generation', operation: 'get' },
		make: completedGeneration,
		request: (id) => ({ method: 'GET', path: `/v2/generate/${id}` }),
		output: (id) => ({ id, status: 'COMPLETED' }),
	},
	{
		title: 'Generation → Delete',
		field: 'generationId',
		parameters: { resource: 'generation', operation: 'delete' },
		make: completedGeneration,
		request: (id) => ({ method: 'DELETE', path: `/v2/generations/${id}` }),
		output: (id) => ({ deleted: true, id }),
	},
	{
		title: 'Generation → Wait for Completion',
		field: 'generationId',
		parameters: { resource: 'generation', operation: 'waitForCompletion', options: fastPoll },
		make: completedGeneration,
		request: (id) => ({ method: 'GET', path: `/v2/generate/${id}` }),
		output: (id) => ({ id, status: 'COMPLETED' }),
	},
	{
		title: 'Generation → Download Output',
		field: 'generationId',
		parameters: { resource: 'generation', operation: 'downloadOutput' },
		make: completedGeneration,
		request: (id) => ({ method: 'GET', path: `/v2/generate/${id}` }),
		output: (id) => ({ id }),
	},
	{
		title: 'Batch → Get',
		field: 'batchId',
		parameters: { resource: 'batch', operation: 'get' },
		make: completedBatch,
		request: (id) => ({ method: 'GET', path: `/v2/batch/${id}` }),
		output: (id) => ({ id, status: 'COMPLETED' }),
	},
	{
		title: 'Batch → Get Results',
		field: 'batchId',
		parameters: { resource: 'batch', operation: 'getResults', options: { includeBatchId: true } },
		make: completedBatch,
		request: (id) => ({ method: 'GET', path: `/v2/batch/${id}` }),
		output: (id) => ({ batchId: id, status: 'COMPLETED' }),
	},
	{
		title: 'Asset → Get',
		field: 'assetId',
		parameters: { resource: 'asset', operation: 'get' },
		make: () => asset('IMAGE', 'portrait.png'),
		request: (id) => ({ method: 'GET', path: `/v2/assets/${id}` }),
		output: (id) => ({ id, type: 'IMAGE', name: 'portrait.png' }),
	},
];

type Form = 'v1 string' | 'v2 By ID' | 'v2 From List' | 'v2 By ID expression' | 'v3 From List';

function idParameter(form: Form, id: string): { typeVersion: number; value: string | INodeParameterResourceLocator } {
	if (form === 'v1 string') return { typeVersion: 1, value: id };
	if (form === 'v2 By ID') return { typeVersion: 2, value: locator('id', id) };
	if (form === 'v2 From List') return { typeVersion: 2, value: locator('list', id) };
	if (form === 'v3 From List') return { typeVersion: 3, value: locator('list', id) };
	return { typeVersion: 2, value: locator('id', '={{ $json.pickedId }}') };
}

const FORMS: Form[] = ['v1 string', 'v2 By ID', 'v2 From List', 'v2 By ID expression', 'v3 From List'];

describe.each(ID_CASES)('$title reads its ID the same way in every version', (idCase) => {
	it.each(FORMS)('%s', async (form) => {
		const id = await idCase.make();
		emulator.requests.length = 0;
		const { typeVersion, value } = idParameter(form, id);
		const result = await runNode({
			typeVersion,
			parameters: { ...idCase.parameters, [idCase.field]: value },
			items: [{ json: { pickedId: id } }],
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject(idCase.output(id));
		expect(emulator.requests[0]).toMatchObject(idCase.request(id));
	});
});

describe('Generation → Create with asset inputs', () => {
	it.each(FORMS)('%s: the visual and audio asset IDs reach the request body', async (form) => {
		const video = await asset('VIDEO', 'speaker.mp4');
		const audio = await asset('AUDIO', 'voice.wav');
		emulator.requests.length = 0;
		const visual = idParameter(form, video);
		const sound = idParameter(form, audio);
		const result = await runNode({
			typeVersion: visual.typeVersion,
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: 'assetId',
				visualAssetId: form === 'v2 By ID expression' ? locator('id', '={{ $json.video }}') : visual.value,
				audioSource: 'assetId',
				audioAssetId: form === 'v2 By ID expression' ? locator('id', '={{ $json.audio }}') : sound.value,
				completion: 'immediately',
			},
			items: [{ json: { video, audio } }],
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		const create = emulator.requests.find((r) => r.method === 'POST' && r.path === '/v2/generate');
		expect(create?.json).toEqual({
			model: 'lipsync-2',
			input: [
				{ type: 'video', assetId: video },
				{ type: 'audio', assetId: audio },
			],
		});
		expect(emulator.counters.generationsCreated).toBe(1);
	});
});

describe('IDs that cannot be right', () => {
	const malformed = 'not-a-generation-id';

	it('version 1 sends a malformed generation ID to Sync as before and reports its 404', async () => {
		const result = await runNode({
			typeVersion: 1,
			parameters: { resource: 'generation', operation: 'get', generationId: malformed },
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Sync Labs: Generation with id not-a-generation-id not found/);
		expect(emulator.requests).toHaveLength(1);
	});

	// n8n's WorkflowExecute checks parameter issues, the By ID pattern included, before it runs a node
	// (checkForWorkflowIssues, https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/workflow-execute.ts).
	it('version 2 refuses a generation ID that is not a UUID before any request, saying what an ID looks like', async () => {
		await expect(
			runNode({
				typeVersion: 2,
				parameters: { resource: 'generation', operation: 'get', generationId: locator('id', malformed) },
				credentials: credentials(),
			}),
		).rejects.toThrow('A generation ID is a UUID, e.g. 6533643b-aceb-4c40-967e-d9ba9baac39e');
		expect(emulator.requests).toHaveLength(0);
	});

	it('version 2 takes any text as a batch or asset ID, whose shape Sync does not document', async () => {
		for (const [resource, field] of [['batch', 'batchId'], ['asset', 'assetId']]) {
			const result = await runNode({ typeVersion: 2, parameters: { resource, operation: 'get', [field]: locator('id', 'no_such-id') }, credentials: credentials() });
			expect(result.error?.message).toMatch(/Sync Labs: .* not found/);
		}
		expect(emulator.requests.map((r) => r.path)).toEqual(['/v2/batch/no_such-id', '/v2/assets/no_such-id']);
	});

	it.each([1, 2])('version %i refuses an empty ID before any request', async (typeVersion) => {
		await expect(
			runNode({
				typeVersion,
				parameters: { resource: 'batch', operation: 'get', batchId: typeVersion === 1 ? '' : locator('list', '') },
				credentials: credentials(),
			}),
		).rejects.toThrow('Parameter "Batch ID" is required.');
		expect(emulator.requests).toHaveLength(0);
	});

	it('an expression that resolves to blanks names the field and the item', async () => {
		const result = await runNode({
			typeVersion: 2,
			parameters: { resource: 'asset', operation: 'get', assetId: locator('id', '={{ $json.missing ?? "  " }}') },
			credentials: credentials(),
		});
		expect(result.error?.message).toMatch(/Asset ID/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('the voice fields in every version', () => {
	const RACHEL = 'EXAVITQu4vr4xnSDxMaL';
	const ADAM = 'pNInz6obpgDQGcFmaJgB';
	type VoiceForm = 'v1 string' | 'v2 string' | 'v3 From List' | 'v3 By ID' | 'v3 By ID expression';
	const voice = (form: VoiceForm, id: string, field: string): { typeVersion: number; value: string | INodeParameterResourceLocator } => {
		if (form === 'v1 string') return { typeVersion: 1, value: id };
		if (form === 'v2 string') return { typeVersion: 2, value: id };
		if (form === 'v3 From List') return { typeVersion: 3, value: locator('list', id) };
		if (form === 'v3 By ID') return { typeVersion: 3, value: locator('id', id) };
		return { typeVersion: 3, value: locator('id', `={{ $json.${field} }}`) };
	};
	const VOICE_FORMS: VoiceForm[] = ['v1 string', 'v2 string', 'v3 From List', 'v3 By ID', 'v3 By ID expression'];

	it.each(VOICE_FORMS)('%s: Generation → Create sends the main voice and an Additional Audio Input\'s voice the same', async (form) => {
		const main = voice(form, RACHEL, 'main');
		const extra = voice(form, ADAM, 'extra');
		const result = await runNode({
			typeVersion: main.typeVersion,
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: 'url',
				visualUrl: 'https://media.example.com/speaker.mp4',
				audioSource: 'text',
				voiceId: main.value,
				script: 'Hello',
				completion: 'immediately',
				options: {
					audioRefId: 'a',
					additionalAudioInputs: { input: [{ refId: 'b', source: 'text', voiceId: extra.value, script: 'Bye' }] },
					segments: JSON.stringify([
						{ startTime: 0, endTime: 1, audioInput: { refId: 'a' } },
						{ startTime: 1, endTime: 2, audioInput: { refId: 'b' } },
					]),
				},
			},
			items: [{ json: { main: RACHEL, extra: ADAM } }],
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		const create = emulator.requests.find((r) => r.method === 'POST' && r.path === '/v2/generate');
		expect((create?.json as { input: unknown[] }).input.slice(1)).toEqual([
			{ type: 'text', provider: { name: 'elevenlabs', voiceId: RACHEL, script: 'Hello' }, refId: 'a' },
			{ type: 'text', provider: { name: 'elevenlabs', voiceId: ADAM, script: 'Bye' }, refId: 'b' },
		]);
	});

	it.each(VOICE_FORMS)('%s: Voice → Get and Speech → Generate read the voice the same', async (form) => {
		const { typeVersion, value } = voice(form, RACHEL, 'main');
		const got = await runNode({ typeVersion, parameters: { resource: 'voice', operation: 'get', voiceId: value }, items: [{ json: { main: RACHEL } }], credentials: credentials() });
		expect(got.items[0].json).toMatchObject({ id: RACHEL, name: 'Rachel' });
		const spoken = await runNode({
			typeVersion,
			parameters: { resource: 'speech', operation: 'generate', voiceId: value, script: 'Hi', options: { synthesis: 'sync' } },
			items: [{ json: { main: RACHEL } }],
			credentials: credentials(),
		});
		expect(spoken.items[0].json).toMatchObject({ voiceId: RACHEL, synthesis: 'synchronous' });
		expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v2/voices/${RACHEL}`, 'POST /v2/tts']);
	});

	it('version 3 refuses a project ID that is not a UUID in Project → Get before any request', async () => {
		await expect(
			runNode({ typeVersion: 3, parameters: { resource: 'project', operation: 'get', projectId: locator('id', 'spring') }, credentials: credentials() }),
		).rejects.toThrow('A project ID is a UUID, e.g. 6533643b-aceb-4c40-967e-d9ba9baac39e');
		expect(emulator.requests).toHaveLength(0);
	});
});

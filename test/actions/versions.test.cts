// Versions of the action node: version 1 keeps string ID fields exactly as first published; version 2 makes
// the generation, asset and batch IDs resource locators (From List / By ID). Both run the same code.
import fs from 'fs';
import path from 'path';
import type { INodeParameterResourceLocator, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { SyncLabs } from '../../nodes/SyncLabs/SyncLabs.node';
import { LOCATOR_FIELDS } from '../../nodes/SyncLabs/actions/versionProperties';
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
	beforeEach(() => {
		v1 = node.nodeVersions?.[1]?.description;
		v2 = node.nodeVersions?.[2]?.description;
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

	it('the node type is still syncLabs, has versions 1 and 2, and a new node gets version 2', () => {
		expect(node.description.name).toBe('syncLabs');
		expect(Object.keys(node.nodeVersions).map(Number)).toEqual([1, 2]);
		expect([v1.version, v2.version]).toEqual([1, 2]);
		expect(node.getNodeType().description.version).toBe(2);
		expect(node.description.defaultVersion).toBe(2);
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
		// Get, Delete, Download Output, Wait for Completion; Get and Get Results; Get; Create, Dub and Estimate Cost.
		expect(converted.sort()).toEqual(
			['generationId', 'generationId', 'generationId', 'generationId', 'batchId', 'batchId', 'assetId', 'visualAssetId', 'visualAssetId', 'visualAssetId', 'audioAssetId', 'audioAssetId'].sort(),
		);
	});

	it('every list a locator names is a list-search method of both versions', () => {
		for (const spec of Object.values(LOCATOR_FIELDS)) {
			for (const version of [1, 2]) expect(typeof node.nodeVersions[version].methods?.listSearch?.[spec.searchListMethod]).toBe('function');
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

type Form = 'v1 string' | 'v2 By ID' | 'v2 From List' | 'v2 By ID expression';

function idParameter(form: Form, id: string): { typeVersion: number; value: string | INodeParameterResourceLocator } {
	if (form === 'v1 string') return { typeVersion: 1, value: id };
	if (form === 'v2 By ID') return { typeVersion: 2, value: locator('id', id) };
	if (form === 'v2 From List') return { typeVersion: 2, value: locator('list', id) };
	return { typeVersion: 2, value: locator('id', '={{ $json.pickedId }}') };
}

const FORMS: Form[] = ['v1 string', 'v2 By ID', 'v2 From List', 'v2 By ID expression'];

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
	// (node_modules/n8n-core/dist/execution-engine/workflow-execute.js, checkForWorkflowIssues).
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

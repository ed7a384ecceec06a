// With On Error = "Continue (using error output)" every failed item, for every operation,
// comes out of the node's error output, paired to its input and carrying Sync's message, code and
// suggestion (`{ message, error: { message, code, suggestion, httpCode, description, itemIndex } }`); with "Continue (regular output)" it stays on the main output in the shape saved workflows
// read. Routing is n8n-core's own (WorkflowExecute.handleNodeErrorOutput), run by the in-process runner.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_MP4, type Emulator, type FaultRule } from '../../emulator/index.cjs';
import { ERROR_NODE_NAME, SUCCESS_NODE_NAME, runNode, type RunNodeResult, type RunnerInputItem } from '../../runner/index.cjs';

const API_KEY = 'key-error-output-tests';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const FAST_POLL = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };
/** A refusal the emulator's catalog knows (message and suggestion), answered without retries. */
const REFUSAL = { status: 422, errorCode: 'project_not_found' } as const;

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: API_KEY, baseUrl: emulator.url });

async function createGeneration(url = VIDEO): Promise<string> {
	const response = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url }, { type: 'audio', url: AUDIO }] }),
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: string }).id;
}

async function completedGeneration(): Promise<string> {
	const id = await createGeneration();
	for (let i = 0; i < 200; i++) {
		if ((emulator.getGeneration(id) as { status?: string } | undefined)?.status === 'COMPLETED') return id;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`generation ${id} did not complete`);
}

type Failure = { item: number; kind: 'input'; field: string } | { item: number; kind: 'api'; httpCode: string; code?: string };

interface Case {
	name: string;
	parameters: INodeParameters;
	/** Items in order; each gets `tag: item-<n>` so the merge of input and error item can be checked. */
	items: () => Promise<RunnerInputItem[]>;
	faults?: FaultRule[];
	/** Input items whose output (one or more items) is on the success output. */
	ok: number[];
	failures: Failure[];
}

const id = (value: string) => ({ json: { id: value } });

const CASES: Case[] = [
	{
		name: 'Generation → Create (Return Immediately)',
		parameters: {
			resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: '={{ $json.url }}', audioUrl: AUDIO,
			completion: 'immediately', options: { concurrency: 1 },
		},
		items: async () => [{ json: { url: VIDEO } }, { json: { url: 'nope' } }, { json: { url: `${VIDEO}?sync_duration_s=100000` } }],
		ok: [0],
		failures: [
			{ item: 1, kind: 'input', field: 'Visual URL' },
			{ item: 2, kind: 'api', httpCode: '402', code: 'generation_plan_duration_exceeded' },
		],
	},
	{
		name: 'Generation → Create (Poll Until Done), a FAILED generation',
		parameters: {
			resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: '={{ $json.url }}', audioUrl: AUDIO,
			completion: 'poll', options: { ...FAST_POLL, concurrency: 3 },
		},
		items: async () => [{ json: { url: `${VIDEO}?sync_outcome=failed` } }, { json: { url: VIDEO } }, { json: { url: 'ftp://x' } }],
		ok: [1],
		failures: [
			{ item: 0, kind: 'input', field: 'Turn on "Output Failed Generations as Items"' },
			{ item: 2, kind: 'input', field: 'Visual URL' },
		],
	},
	{
		name: 'Generation → Get',
		parameters: { resource: 'generation', operation: 'get', generationId: '={{ $json.id }}' },
		items: async () => [id(await createGeneration()), id(''), id('no-such-generation')],
		ok: [0],
		failures: [{ item: 1, kind: 'input', field: 'Generation ID' }, { item: 2, kind: 'api', httpCode: '404' }],
	},
	{
		name: 'Generation → Delete',
		parameters: { resource: 'generation', operation: 'delete', generationId: '={{ $json.id }}' },
		items: async () => [id(await completedGeneration()), id(''), id('no-such-generation')],
		ok: [0],
		failures: [{ item: 1, kind: 'input', field: 'Generation ID' }, { item: 2, kind: 'api', httpCode: '404' }],
	},
	{
		name: 'Generation → Download Output',
		parameters: { resource: 'generation', operation: 'downloadOutput', generationId: '={{ $json.id }}' },
		items: async () => [id(await completedGeneration()), id(''), id('no-such-generation')],
		ok: [0],
		failures: [{ item: 1, kind: 'input', field: 'Generation ID' }, { item: 2, kind: 'api', httpCode: '404' }],
	},
	{
		name: 'Generation → Wait for Completion',
		parameters: { resource: 'generation', operation: 'waitForCompletion', generationId: '={{ $json.id }}', options: FAST_POLL },
		items: async () => [id(await createGeneration()), id(''), id('no-such-generation')],
		ok: [0],
		failures: [{ item: 1, kind: 'input', field: 'Generation ID' }, { item: 2, kind: 'api', httpCode: '404' }],
	},
	{
		name: 'Generation → Estimate Cost',
		parameters: { resource: 'generation', operation: 'estimateCost', estimateBy: 'duration', model: 'lipsync-2', duration: '={{ $json.seconds }}' },
		items: async () => [{ json: { seconds: 10 } }, { json: { seconds: 10 } }, { json: { seconds: -1 } }],
		faults: [{ method: 'POST', path: '/v2/generations/estimate', ...REFUSAL }],
		ok: [1],
		failures: [{ item: 0, kind: 'api', httpCode: '422', code: REFUSAL.errorCode }, { item: 2, kind: 'input', field: 'Duration (Seconds)' }],
	},
	{
		name: 'Generation → Get Many',
		parameters: { resource: 'generation', operation: 'getMany', returnAll: false, limit: 5 },
		items: async () => {
			await createGeneration();
			return [{ json: {} }, { json: {} }];
		},
		faults: [{ method: 'GET', path: '/v2/generations', ...REFUSAL }],
		ok: [1],
		failures: [{ item: 0, kind: 'api', httpCode: '422', code: REFUSAL.errorCode }],
	},
	{
		name: 'Batch → Create from rows (one error item for the whole input)',
		parameters: { resource: 'batch', operation: 'create', source: 'rows' },
		items: async () => [0, 1, 2].map((n) => ({ json: { request_id: `req-${n}`, payload: { model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }] } } })),
		ok: [],
		failures: [{ item: 0, kind: 'input', field: 'rows' }],
	},
	{
		name: 'Batch → Get',
		parameters: { resource: 'batch', operation: 'get', batchId: '={{ $json.id }}' },
		items: async () => [id(''), id('no-such-batch')],
		ok: [],
		failures: [{ item: 0, kind: 'input', field: 'Batch ID' }, { item: 1, kind: 'api', httpCode: '404' }],
	},
	{
		name: 'Batch → Get Results',
		parameters: { resource: 'batch', operation: 'getResults', batchId: '={{ $json.id }}' },
		items: async () => [id(''), id('no-such-batch')],
		ok: [],
		failures: [{ item: 0, kind: 'input', field: 'Batch ID' }, { item: 1, kind: 'api', httpCode: '404' }],
	},
	{
		name: 'Batch → Get Many',
		parameters: { resource: 'batch', operation: 'getMany', returnAll: true, filters: { createdAfter: '={{ $json.after }}' } },
		items: async () => [{ json: { after: '2026-01-01T00:00:00Z' } }, { json: { after: '2026-01-01T00:00:00Z' } }, { json: { after: 'not a date' } }],
		faults: [{ method: 'GET', path: '/v2/batch', ...REFUSAL }],
		ok: [],
		failures: [{ item: 0, kind: 'api', httpCode: '422', code: REFUSAL.errorCode }, { item: 2, kind: 'input', field: 'Created After' }],
	},
	{
		name: 'Asset → Upload',
		parameters: { resource: 'asset', operation: 'upload' },
		items: async () => [
			{ json: {} },
			{ binary: { data: { data: TINY_MP4, fileName: 'refused.mp4', mimeType: 'video/mp4' } } },
			{ binary: { data: { data: TINY_MP4, fileName: 'ok.mp4', mimeType: 'video/mp4' } } },
		],
		faults: [{ method: 'POST', path: '/v2/assets/upload', ...REFUSAL }],
		ok: [2],
		failures: [{ item: 0, kind: 'input', field: 'Input Binary Field' }, { item: 1, kind: 'api', httpCode: '422', code: REFUSAL.errorCode }],
	},
	{
		name: 'Asset → Get',
		parameters: { resource: 'asset', operation: 'get', assetId: '={{ $json.id }}' },
		items: async () => [id(''), id('no-such-asset')],
		ok: [],
		failures: [{ item: 0, kind: 'input', field: 'Asset ID' }, { item: 1, kind: 'api', httpCode: '404' }],
	},
	{
		name: 'Asset → Get Many',
		parameters: { resource: 'asset', operation: 'getMany', returnAll: false, limit: 5 },
		items: async () => [{ json: {} }, { json: {} }],
		faults: [{ method: 'GET', path: '/v2/assets', ...REFUSAL }],
		// The emulator starts with no assets: the good item succeeds with an empty list.
		ok: [],
		failures: [{ item: 0, kind: 'api', httpCode: '422', code: REFUSAL.errorCode }],
	},
	{
		name: 'Model → Get Many',
		parameters: { resource: 'model', operation: 'getMany', returnAll: true },
		items: async () => [{ json: {} }, { json: {} }],
		faults: [{ method: 'GET', path: '/v2/models', ...REFUSAL }],
		ok: [1],
		failures: [{ item: 0, kind: 'api', httpCode: '422', code: REFUSAL.errorCode }],
	},
];

function pairedInput(item: INodeExecutionData): number {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : (paired?.item ?? -1);
}

async function run(c: Case, onError: 'continueErrorOutput' | 'continueRegularOutput'): Promise<RunNodeResult> {
	const items = (await c.items()).map((item, n) => ({ ...item, json: { ...(item.json ?? {}), tag: `item-${n}` } }));
	for (const fault of c.faults ?? []) emulator.injectFault(fault);
	return await runNode({ parameters: c.parameters, items, credentials: credentials(), onError });
}

function downstream(result: RunNodeResult, nodeName: string): INodeExecutionData[] {
	const tasks = result.run.data.resultData.runData[nodeName];
	return tasks?.[tasks.length - 1]?.data?.main?.[0] ?? [];
}

describe('On Error = "Continue (using error output)"', () => {
	it.each(CASES.map((c) => [c.name, c] as const))('%s: each failed item leaves by the error output, paired to its input, with Sync\'s details', async (_name, c) => {
		const result = await run(c, 'continueErrorOutput');
		expect(result.status).toBe('success');

		expect([...new Set(result.items.map(pairedInput))]).toEqual(c.ok);
		expect(result.items.every((item) => item.json.error === undefined && item.json.message === undefined)).toBe(true);
		expect(result.errorItems.map(pairedInput)).toEqual(c.failures.map((f) => f.item));

		for (const [n, failure] of c.failures.entries()) {
			const { json } = result.errorItems[n];
			// n8n merges the input item into the error item (handleNodeErrorOutput).
			expect(json.tag).toBe(`item-${failure.item}`);
			expect(json.message).toEqual(expect.any(String));
			const details = json.error as IDataObject;
			expect(details.message).toBe(json.message);
			expect(details.itemIndex).toBe(failure.item);
			if (failure.kind === 'input') {
				expect(`${String(json.message)} ${String(details.description)}`).toContain(failure.field);
			} else {
				expect(details.httpCode).toBe(failure.httpCode);
				if (failure.code) {
					expect(details.code).toBe(failure.code);
					expect(json.message).toContain(`[${failure.code}]`);
					expect(details.suggestion).toEqual(expect.any(String));
				}
			}
		}
		// What the two wired nodes received: the success items and the error items, nothing crossed over.
		expect(downstream(result, SUCCESS_NODE_NAME).length).toBe(result.items.length);
		expect(downstream(result, ERROR_NODE_NAME).map((item) => item.json.tag)).toEqual(c.failures.map((f) => `item-${f.item}`));
	});
});

describe('On Error = "Continue (regular output)"', () => {
	it.each(CASES.map((c) => [c.name, c] as const))('%s: failed items stay on the main output as { error, errorDescription }, plus generationId where one was created', async (_name, c) => {
		const result = await run(c, 'continueRegularOutput');
		expect(result.status).toBe('success');
		expect(result.errorItems).toEqual([]);
		const failed = result.items.filter((item) => item.json.error !== undefined);
		expect(failed.map(pairedInput)).toEqual(c.failures.map((f) => f.item));
		for (const item of failed) {
			expect(Object.keys(item.json).every((key) => key === 'error' || key === 'errorDescription' || key === 'generationId')).toBe(true);
		}
		expect(result.items.filter((item) => item.json.error === undefined).map(pairedInput).filter((v, i, a) => a.indexOf(v) === i)).toEqual(c.ok);
	});
});

describe('a generation Sync ended FAILED, on the error output', () => {
	it.each([
		['Generation → Create (Poll Until Done)', async () => ({
			parameters: { resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: '={{ $json.url }}', audioUrl: AUDIO, completion: 'poll', options: FAST_POLL },
			items: [{ json: { url: `${VIDEO}?sync_outcome=failed&sync_error_code=generation_pipeline_failed` } }],
		})],
		['Generation → Wait for Completion', async () => ({
			parameters: { resource: 'generation', operation: 'waitForCompletion', generationId: '={{ $json.id }}', options: FAST_POLL },
			items: [{ json: { id: await createGeneration(`${VIDEO}?sync_outcome=failed&sync_error_code=generation_pipeline_failed`) } }],
		})],
	])('%s: it leaves by the error output with Sync\'s errorCode as error.code and its reason', async (_name, make) => {
		const { parameters, items } = await make();
		const result = await runNode({ parameters, items, credentials: credentials(), onError: 'continueErrorOutput' });
		expect(result.status).toBe('success');
		expect(result.errorItems).toHaveLength(1);
		const details = result.errorItems[0].json.error as IDataObject;
		expect(result.errorItems[0].json.message).toMatch(/generation_pipeline_failed/);
		// An API refusal puts its code here (itemErrors.ts errorDetails); a FAILED generation's code is Sync's too.
		expect(details.code).toBe('generation_pipeline_failed');
		expect(details).toMatchObject({ status: 'FAILED', itemIndex: 0 });
		expect(typeof details.generationId).toBe('string');
		expect(typeof details.reason).toBe('string');
	});
});

describe('Batch → Create from rows, on the error output', () => {
	it('an invalid row from item 2: the error item names item 2 and carries item 2\'s input, not item 0\'s', async () => {
		const row = (n: number) => ({ tag: `item-${n}`, payload: { model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }] } });
		const items = Array.from({ length: 25 }, (_, n) => ({ json: n === 2 ? { tag: 'item-2', payload: { model: 'lipsync-2' } } : row(n) }));
		const result = await runNode({
			parameters: { resource: 'batch', operation: 'create', source: 'rows', payload: '={{ $json.payload }}' },
			items,
			credentials: credentials(),
			onError: 'continueErrorOutput',
		});
		expect(result.status).toBe('success');
		expect(result.errorItems).toHaveLength(1);
		const { json } = result.errorItems[0];
		expect(json.message).toMatch(/\(row 3\)/);
		expect((json.error as IDataObject).itemIndex).toBe(2);
		expect(json.tag).toBe('item-2');
	});

	it('a row the API refuses by line number (line 4): the error item names item 3 and carries item 3\'s input', async () => {
		const row = (n: number, video = VIDEO) => ({ tag: `item-${n}`, payload: { model: 'lipsync-2', input: [{ type: 'video', url: video }, { type: 'audio', url: AUDIO }] } });
		// Only Sync knows durations: batch_input_duration_exceeded with lineNumber 4 (rows[3]).
		const items = Array.from({ length: 25 }, (_, n) => ({ json: n === 3 ? row(3, `${VIDEO}?sync_duration_s=31`) : row(n) }));
		const result = await runNode({
			parameters: { resource: 'batch', operation: 'create', source: 'rows', payload: '={{ $json.payload }}' },
			items,
			credentials: credentials(),
			onError: 'continueErrorOutput',
		});
		expect(result.status).toBe('success');
		expect(result.errorItems).toHaveLength(1);
		const { json } = result.errorItems[0];
		expect(json.message).toMatch(/batch_input_duration_exceeded/);
		expect((json.error as IDataObject).itemIndex).toBe(3);
		expect((json.error as IDataObject).lineNumber).toBe(4);
		expect(json.tag).toBe('item-3');
	});
});

describe('Generation → Create (Wait for Webhook) given more than one item', () => {
	// n8n passes the input through to the main output when execute() throws with On Error = continue
	// (handleNodeExecutionError, https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/workflow-execute.ts), so the refusal must be made per item.
	const parameters: INodeParameters = {
		resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: VIDEO, audioUrl: AUDIO, completion: 'webhook', options: {},
	};
	const items = [{ json: { tag: 'item-0' } }, { json: { tag: 'item-1' } }];

	it('with "Continue (using error output)" every item leaves by the error output, none by the success output', async () => {
		const result = await runNode({ parameters, items, credentials: { ...credentials(), signingSecret: 'whsec_x' }, onError: 'continueErrorOutput' });
		expect(result.items).toEqual([]);
		expect(result.errorItems.map((item) => [pairedInput(item), item.json.tag])).toEqual([[0, 'item-0'], [1, 'item-1']]);
		expect(String(result.errorItems[0].json.message)).toMatch(/one item per execution/);
		expect(emulator.counters.generationsCreated).toBe(0);
	});

	it('with "Continue (regular output)" every item carries the error on the main output', async () => {
		const result = await runNode({ parameters, items, credentials: { ...credentials(), signingSecret: 'whsec_x' }, onError: 'continueRegularOutput' });
		expect(result.items.map((item) => [pairedInput(item), typeof item.json.error])).toEqual([[0, 'string'], [1, 'string']]);
		expect(emulator.counters.generationsCreated).toBe(0);
	});
});

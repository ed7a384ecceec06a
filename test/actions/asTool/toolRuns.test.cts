// The Sync Labs node run as an AI Agent's tool (its "Sync Labs Tool" variant, test/runner/src/toolVariant.cts),
// with the tool nodes of examples/ai-agent-lip-sync.json: the model's arguments are the one input item, as in
// n8n's tool invocation, and what the model receives is the JSON of the output items (n8n stringifies them:
// makeHandleToolInvocation in n8n-core's get-input-connection-data). Against the emulator: what was created,
// downloaded or sent, and what the model got back.
import fs from 'node:fs';
import path from 'node:path';
import { NodeHelpers, type INode, type INodeParameters, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { requestFromDelivery, resumeWaitingRun, runNode, syncLabsToolNodeType, type RunNodeOptions, type RunNodeResult } from '../../runner/index.cjs';
import { SyncLabs } from '../../../nodes/SyncLabs/SyncLabs.node';
import { SIMPLIFIED_FIELDS } from '../../../nodes/SyncLabs/actions/generation/outputOption';

const SECRET = 'whsec_tool_runs_secret';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const THEIR_WEBHOOK = 'https://n8n.example.com/webhook/0f1e2d3c/syncLabs';
/** The target for what one Create or Get hands the model. */
const RESULT_BUDGET = 1000;

const example = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'ai-agent-lip-sync.json'), 'utf8')) as { nodes: INode[] };
const exampleNode = (name: string) => example.nodes.find((node) => node.name === name)!;
const createTool = exampleNode('Lip-sync video');
const getTool = exampleNode('Get lip-sync generation');

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20, webhookSecret: SECRET });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: 'key-tool-runs', baseUrl: emulator.url, signingSecret: SECRET });
const fastPoll = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };

/** One tool call: the node's parameters (from the example, changed by `change`), the model's arguments as its input. */
function callTool(node: INode, args: Record<string, unknown>, change: INodeParameters = {}, extra: Partial<RunNodeOptions> = {}): Promise<RunNodeResult> {
	const options = { ...(node.parameters.options as INodeParameters | undefined), ...(change.options as INodeParameters | undefined) };
	return runNode({
		parameters: { ...node.parameters, ...change, options },
		items: [{ json: args as never }],
		credentials: credentials(),
		typeVersion: node.typeVersion,
		nodeTypeOverride: syncLabsToolNodeType(),
		...extra,
	});
}

/** The same node as a regular workflow node (the control: what a tool changes). */
function runPlain(node: INode, args: Record<string, unknown>, change: INodeParameters = {}, extra: Partial<RunNodeOptions> = {}): Promise<RunNodeResult> {
	const options = { ...(node.parameters.options as INodeParameters | undefined), ...(change.options as INodeParameters | undefined) };
	return runNode({ parameters: { ...node.parameters, ...change, options }, items: [{ json: args as never }], credentials: credentials(), typeVersion: node.typeVersion, ...extra });
}

/** What n8n hands the model for a successful tool call. */
const toolResult = (result: RunNodeResult) => JSON.stringify(result.items.map((item) => item.json));

const createRequests = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate');
const downloads = () => emulator.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/files/'));
const urls = { videoUrl: VIDEO, audioUrl: AUDIO };
const sizes: Record<string, number> = {};

afterAll(() => {
	// The sizes the issue asks to measure, printed for the record (docs/ai-agents.md#lean-results).
	console.log(`Tool result sizes (characters): ${JSON.stringify(sizes)}`);
});

describe('Generation → Create as the example agent\'s tool', () => {
	it('creates one generation from the model\'s URLs and hands back a Simplified, finished generation of at most 1,000 characters', async () => {
		const result = await callTool(createTool, urls, { options: { ...fastPoll, webhookUrl: THEIR_WEBHOOK } });
		expect(result.status).toBe('success');
		expect(createRequests().map((r) => r.json)).toEqual([
			{ model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }], webhookUrl: THEIR_WEBHOOK },
		]);
		const [item] = result.items;
		expect(item.json).toMatchObject({ status: 'COMPLETED', model: 'lipsync-2', outputUrl: expect.stringContaining('/files/') });
		expect(Object.keys(item.json).every((key) => (SIMPLIFIED_FIELDS as readonly string[]).includes(key))).toBe(true);
		sizes.create = toolResult(result).length;
		expect(sizes.create).toBeLessThanOrEqual(RESULT_BUDGET);
	});

	it('never hands the model a webhookUrl, even with Output set to Raw, while outputUrl stays; the same node outside an agent outputs it', async () => {
		const raw = { output: 'raw', options: { ...fastPoll, webhookUrl: THEIR_WEBHOOK } };
		const asTool = await callTool(createTool, urls, raw);
		expect(asTool.items[0].json).toMatchObject({ input: expect.any(Array), outputUrl: expect.any(String) });
		expect(asTool.items[0].json).not.toHaveProperty('webhookUrl');
		sizes.createRaw = toolResult(asTool).length;

		const plain = await runPlain(createTool, urls, { ...raw, visualUrl: VIDEO, audioUrl: AUDIO });
		expect(plain.items[0].json.webhookUrl).toBe(THEIR_WEBHOOK);
	});

	it('never downloads the video: a Download Output saved on the tool node is dropped as n8n loads it, and the result is JSON only', async () => {
		const result = await callTool(createTool, urls, { options: { ...fastPoll, downloadOutput: true, binaryPropertyName: 'video' } });
		expect(result.status).toBe('success');
		expect(result.items[0].binary).toBeUndefined();
		expect(downloads()).toEqual([]);

		const plain = await runPlain(createTool, urls, { visualUrl: VIDEO, audioUrl: AUDIO, options: { ...fastPoll, downloadOutput: true } });
		expect(Object.keys(plain.items[0].binary ?? {})).toEqual(['data']);
	});

	it('refuses arguments it cannot use before anything is billed, in a sentence that names the field and no item', async () => {
		const refused = await callTool(createTool, { videoUrl: VIDEO, audioUrl: '' }, { options: fastPoll });
		expect(refused.status).toBe('error');
		expect(refused.error?.message).toMatch(/^Audio URL /);
		expect(`${refused.error?.message} ${refused.error?.description ?? ''}`).not.toMatch(/\bitem \d/i);
		expect(createRequests()).toEqual([]);
		expect(emulator.counters.generationsCreated).toBe(0);

		// The same refusal outside an agent names its item, as every refusal of the node does.
		const plain = await runPlain(createTool, { videoUrl: VIDEO, audioUrl: '' });
		expect(plain.error?.message).toMatch(/^Audio URL .* \(item 0\)$/);
		expect(refused.error?.message).toBe(plain.error?.message.replace(/ \(item 0\)$/, ''));
	});

	it('hands Sync\'s own refusal to the model without item numbers, and with On Error = Continue an error item without them', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 422, errorCode: 'generation_input_validation_failed', times: 2 });
		const thrown = await callTool(createTool, urls, { options: fastPoll });
		expect(thrown.status).toBe('error');
		expect(thrown.error?.message).toMatch(/^Sync Labs: /);
		expect(`${thrown.error?.message} ${thrown.error?.description ?? ''}`).not.toMatch(/\bitem \d/i);

		const continued = await callTool(createTool, urls, { options: fastPoll }, { continueOnFail: true });
		expect(continued.status).toBe('success');
		expect(continued.items[0].json.error).toEqual(expect.any(String));
		expect(toolResult(continued)).not.toMatch(/\bitem \d/i);
	});

	it('with Wait for Webhook, hands the model neither before nor after the pause the signed resume URL Sync was given', async () => {
		const waiting = await callTool(createTool, { videoUrl: `${VIDEO}?sync_processing_ms=200`, audioUrl: AUDIO }, { completion: 'webhook', output: 'raw', options: {} });
		expect(waiting.status).toBe('waiting');
		const [create] = createRequests();
		expect((create.json as { webhookUrl: string }).webhookUrl).toContain('/webhook-waiting/');
		expect(waiting.items[0].json).not.toHaveProperty('webhookUrl');

		const id = String(waiting.items[0].json.id);
		let delivery = emulator.webhookDeliveries.find((d) => d.id === id);
		while (!delivery) {
			await emulator.waitForWebhooks(emulator.webhookDeliveries.length + 1, 5000);
			delivery = emulator.webhookDeliveries.find((d) => d.id === id);
		}
		const outcome = await resumeWaitingRun(waiting, requestFromDelivery(delivery));
		const [resumed] = outcome.resumed?.items ?? [];
		expect(resumed.json).toMatchObject({ id, status: 'COMPLETED', outputUrl: expect.any(String) });
		expect(resumed.json).not.toHaveProperty('webhookUrl');
		expect(JSON.stringify(resumed.json)).not.toContain('webhook-waiting');
	});
});

describe('Generation → Get as the example agent\'s tool', () => {
	it('hands back the generation the model names, Simplified, in at most 1,000 characters', async () => {
		const created = await runPlain(createTool, {}, { visualUrl: VIDEO, audioUrl: AUDIO, output: 'raw', options: { ...fastPoll, webhookUrl: THEIR_WEBHOOK } });
		const id = String(created.items[0].json.id);
		const result = await callTool(getTool, { generationId: id });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ id, status: 'COMPLETED', outputUrl: expect.any(String) });
		expect(result.items[0].json).not.toHaveProperty('webhookUrl');
		sizes.get = toolResult(result).length;
		expect(sizes.get).toBeLessThanOrEqual(RESULT_BUDGET);
		// Raw, for comparison: everything Sync sent but the webhook URL.
		sizes.getRaw = toolResult(await callTool(getTool, { generationId: id }, { output: 'raw' })).length;
		expect(sizes.getRaw).toBeGreaterThan(sizes.get);
	});

	it('tells the model plainly, without item numbers, that an ID is not a generation', async () => {
		const result = await callTool(getTool, { generationId: 'not-a-uuid' });
		expect(result.status).toBe('error');
		expect(`${result.error?.message} ${result.error?.description ?? ''}`).not.toMatch(/\bitem \d/i);
	});
});

// ---- what the editor shows in "Sync Labs Tool" (n8n's display rules, with `@tool`) ----

function displayed(description: INodeTypeDescription, parameters: INodeParameters): INodeProperties[] {
	const node: INode = { id: 'n', name: 'n', type: `n8n-nodes-synclabs.${description.name}`, typeVersion: 3, position: [0, 0], parameters };
	const values = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	return description.properties.filter((property) => NodeHelpers.displayParameter(values, property, node, description));
}

const optionValues = (property: INodeProperties | undefined) => (property?.options ?? []).map((option) => (option as { value?: unknown; name: string }).value ?? option.name);

describe('the Sync Labs Tool variant in the editor', () => {
	const create: INodeParameters = { resource: 'generation', operation: 'create', visualSource: 'url', audioSource: 'url', completion: 'poll' };

	it.each([1, 2, 3])('offers no binary source, no Download Output and no Output Binary Field (version %i); the regular node does', (version) => {
		const tool = syncLabsToolNodeType().nodeVersions[version].description;
		const plain = new SyncLabs().nodeVersions[version].description;
		for (const [description, hasBinary] of [[tool, false], [plain, true]] as const) {
			const shown = displayed(description, create);
			expect(optionValues(shown.find((p) => p.name === 'visualSource')).includes('binary')).toBe(hasBinary);
			expect(optionValues(shown.find((p) => p.name === 'audioSource')).includes('binary')).toBe(hasBinary);
			// n8n keeps a collection's option only where it shows (it drops the others as it loads a workflow).
			const saved = { ...create, options: { downloadOutput: true, binaryPropertyName: 'video' } };
			const node: INode = { id: 'n', name: 'n', type: `n8n-nodes-synclabs.${description.name}`, typeVersion: version, position: [0, 0], parameters: saved };
			const kept = (NodeHelpers.getNodeParameters(description.properties, saved, false, false, node, description)?.options ?? {}) as INodeParameters;
			expect(Object.keys(kept).sort()).toEqual(hasBinary ? ['binaryPropertyName', 'downloadOutput'] : []);
			// A saved binary source (chosen before, or by an expression) still hides its field in the tool.
			const binary = displayed(description, { ...create, visualSource: 'binary', audioSource: 'binary' });
			expect(binary.some((p) => p.name === 'visualBinaryProperty')).toBe(hasBinary);
			expect(binary.some((p) => p.name === 'audioBinaryProperty')).toBe(hasBinary);
		}
	});

	it.each([2, 3])('offers Dub no binary video source, and hides a saved one\'s field (version %i); the regular node does', (version) => {
		const tool = syncLabsToolNodeType().nodeVersions[version].description;
		const plain = new SyncLabs().nodeVersions[version].description;
		const dub: INodeParameters = { resource: 'generation', operation: 'dub', visualSource: 'url', targetLanguages: ['es'], completion: 'poll' };
		for (const [description, hasBinary] of [[tool, false], [plain, true]] as const) {
			const sources = displayed(description, dub).filter((p) => p.name === 'visualSource');
			expect(sources).toHaveLength(1);
			expect(optionValues(sources[0]).includes('binary')).toBe(hasBinary);
			const saved = displayed(description, { ...dub, visualSource: 'binary' });
			expect(saved.some((p) => p.name === 'visualBinaryProperty')).toBe(hasBinary);
		}
	});

	it('shows one Tool Description, the operation\'s, only in the tool variant', () => {
		const tool = syncLabsToolNodeType().nodeVersions[3].description;
		const plain = new SyncLabs().nodeVersions[3].description;
		const descriptions = displayed(tool, { resource: 'generation', operation: 'get' }).filter((p) => p.name === 'toolDescription');
		expect(descriptions).toHaveLength(1);
		expect(descriptions[0].default).toMatch(/^Gets one Sync Labs lip-sync generation/);
		expect(displayed(plain, { resource: 'generation', operation: 'get' }).some((p) => p.name === 'toolDescription')).toBe(false);
	});
});

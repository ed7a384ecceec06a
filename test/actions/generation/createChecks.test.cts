// Generation → Create checks every item's whole create request before the first create: each body against Sync's
// create request (nodes/SyncLabs/schemas/createGenerationRequest.ts, wire types included), and the model against the
// account's models (one GET /v2/models per run, only when the model is set per item or unknown). With Stop Workflow
// one bad item means nothing is created; the emulator's counters are the witness.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunNodeOptions, type RunnerInputItem } from '../../runner/index.cjs';

const API_KEY = 'key-create-checks';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const FAST_POLL = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const creates = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate');
const modelLists = () => emulator.requests.filter((r) => r.method === 'GET' && r.path === '/v2/models');

function create(parameters: INodeParameters, items: RunnerInputItem[], extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualUrl: VIDEO,
			audioUrl: AUDIO,
			completion: 'poll',
			...parameters,
			options: { ...FAST_POLL, concurrency: 1, ...(parameters.options as INodeParameters | undefined) },
		},
		items,
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		...extra,
	});
}

describe('Output File Name from an expression', () => {
	it('a number is sent as its decimal text, and every item is created', async () => {
		const result = await create({ options: { outputFileName: '={{ $json.name }}' } }, [{ json: { name: 'clip_a' } }, { json: { name: 12345 } }]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.status)).toEqual(['COMPLETED', 'COMPLETED']);
		expect(creates().map((r) => (r.json as { outputFileName: unknown }).outputFileName)).toEqual(['clip_a', '12345']);
		expect(emulator.counters.generationsCreated).toBe(2);
	});

	it('a list in item 1, Stop Workflow: the node stops before item 0 is created, naming the field and the item', async () => {
		const result = await create({ options: { outputFileName: '={{ $json.name }}' } }, [{ json: { name: 'clip_a' } }, { json: { name: ['clip_b'] } }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Output File Name is a list of 1 value ["clip_b"]; it must be text or a number (item 1)');
		expect(result.error?.itemIndex).toBe(1);
		expect(creates()).toHaveLength(0);
		expect(emulator.counters.generationsCreated).toBe(0);
	});

	it('an object in item 1, Continue (using error output): item 1 comes out of the error output, item 0 is created', async () => {
		const result = await create(
			{ options: { outputFileName: '={{ $json.name }}' } },
			[{ json: { name: 'clip_a' } }, { json: { name: { text: 'clip_b' } } }],
			{ onError: 'continueErrorOutput' },
		);
		expect(result.items.map((i) => i.json.status)).toEqual(['COMPLETED']);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].json.message).toBe('Output File Name is an object {"text":"clip_b"}; it must be text or a number (item 1)');
		expect(emulator.counters.generationsCreated).toBe(1);
	});
});

describe('the model of each item, checked against the account before the first create', () => {
	it('a model set per item by an expression that the account lacks, Stop Workflow: no generation is created, one model list is read', async () => {
		const result = await create({ model: '={{ $json.model }}' }, [{ json: { model: 'lipsync-2' } }, { json: { model: 'lipsync-9' } }, { json: { model: 'lipsync-2-pro' } }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Model is "lipsync-9", which is not one of this account\'s models (lipsync-2, lipsync-2-pro, lipsync-1.9.0-beta, react-1, sync-3) (item 1)',
		);
		expect(result.error?.itemIndex).toBe(1);
		expect(modelLists()).toHaveLength(1);
		expect(creates()).toHaveLength(0);
		expect(emulator.counters.generationsCreated).toBe(0);
	});

	it('the same with Continue (regular output): item 1 is its error item on the main output, items 0 and 2 are created', async () => {
		const result = await create(
			{ model: '={{ $json.model }}' },
			[{ json: { model: 'lipsync-2' } }, { json: { model: 'lipsync-9' } }, { json: { model: 'lipsync-2-pro' } }],
			{ onError: 'continueRegularOutput' },
		);
		expect(result.items.map((i) => i.json.status ?? 'error')).toEqual(['COMPLETED', 'error', 'COMPLETED']);
		expect(result.items[1].json.error).toMatch(/^Model is "lipsync-9", which is not one of this account's models/);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(modelLists()).toHaveLength(1);
		expect(emulator.counters.generationsCreated).toBe(2);
	});

	it('models set per item by an expression that the account has: one model list for the whole run, every item created', async () => {
		const models = ['lipsync-2', 'lipsync-2-pro', 'sync-3', 'lipsync-2'];
		const result = await create({ model: '={{ $json.model }}' }, models.map((model) => ({ json: { model } })));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.model)).toEqual(models);
		expect(modelLists()).toHaveLength(1);
	});

	it('a model chosen from the list (not set by an expression) that the node knows: the model list is not read', async () => {
		const result = await create({ model: 'lipsync-2-pro' }, [{ json: {} }, { json: {} }]);
		expect(result.error).toBeUndefined();
		expect(modelLists()).toHaveLength(0);
		expect(emulator.counters.generationsCreated).toBe(2);
	});

	it('a model chosen from the list that the node does not know and the account lacks: refused before any create', async () => {
		const result = await create({ model: 'lipsync-3' }, [{ json: {} }, { json: {} }]);
		expect(result.error?.message).toMatch(/^Model is "lipsync-3", which is not one of this account's models .*\(item 0\)$/);
		expect(modelLists()).toHaveLength(1);
		expect(creates()).toHaveLength(0);
	});

	it('when the model list cannot be read, nothing is created and the error says why (fail closed)', async () => {
		emulator.injectFault({ method: 'GET', path: '/v2/models', status: 500, retryAfterSeconds: 0, times: Infinity });
		const result = await create({ model: '={{ $json.model }}' }, [{ json: { model: 'lipsync-2' } }, { json: { model: 'sync-3' } }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Model is "lipsync-2", which could not be checked against this account\'s models: Sync Labs\' model list (GET /v2/models) failed (item 0)');
		expect(result.error?.description).toMatch(/^Sync Labs: .*Nothing was created/);
		expect(creates()).toHaveLength(0);
		expect(emulator.counters.generationsCreated).toBe(0);
	});

	it('Wait for Webhook with a model the account lacks: refused before the create', async () => {
		const result = await create({ model: '={{ $json.model }}', completion: 'webhook', options: {} }, [{ json: { model: 'lipsync-9' } }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Model is "lipsync-9", which is not one of this account's models .*\(item 0\)$/);
		expect(creates()).toHaveLength(0);
	});
});

describe('every create body checked against Sync\'s create request', () => {
	it('a body the node builds for every option passes the check and is created', async () => {
		const result = await create(
			{
				model: 'react-1',
				audioSource: 'text',
				voiceId: 'voice-1',
				script: 'Hello there',
				options: {
					activeSpeakerDetection: true,
					emotion: 'happy',
					modelMode: 'head',
					occlusionDetection: 'false',
					outputFileName: 'take-1',
					reasoningEnabled: false,
					similarityBoost: '0.8',
					stability: 0.4,
					syncMode: 'bounce',
					temperature: '0.7',
					webhookUrl: 'https://n8n.example.com/webhook/abc/syncLabs',
				},
			},
			[{ json: {} }],
		);
		expect(result.error).toBeUndefined();
		expect(creates()[0].json).toMatchObject({
			options: { temperature: 0.7, occlusion_detection_enabled: false },
			input: [{ type: 'video' }, { type: 'text', provider: { similarityBoost: 0.8, stability: 0.4 } }],
		});
	});
});

describe('an Idempotency Key that several items share', () => {
	const perItemVideo = { visualUrl: '={{ $json.video }}', options: { idempotencyKey: 'order-1' } };
	const twoVideos: RunnerInputItem[] = [{ json: { video: 'https://media.example.com/a.mp4' } }, { json: { video: 'https://media.example.com/b.mp4' } }];

	it('with different requests and Stop Workflow, stops before any create, naming the field, the key and both items', async () => {
		const result = await create(perItemVideo, twoVideos);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Idempotency Key is "order-1", the key item 0 sends with a different request (input); Sync Labs refuses a key reused with another request, after item 0\'s generation is made (item 1)',
		);
		expect(result.error?.description).toMatch(/Give each item its own key .* Nothing was sent for item 1\.$/);
		expect(creates()).toHaveLength(0);
		expect(emulator.counters.generationsCreated).toBe(0);
	});

	it('with different requests and Continue (using error output), creates item 0 and sends item 1 to the error output unsent', async () => {
		const result = await create(perItemVideo, twoVideos, { onError: 'continueErrorOutput' });
		expect(result.items.map((i) => i.json.status)).toEqual(['COMPLETED']);
		expect(result.errorItems.map((i) => [i.pairedItem, i.json.message])).toEqual([[{ item: 1 }, expect.stringMatching(/^Idempotency Key is "order-1", the key item 0 sends/)]]);
		expect(creates()).toHaveLength(1);
		expect(emulator.counters.generationsCreated).toBe(1);
	});

	it('with the same request, sends both and Sync returns the one generation to each item (an idempotent repeat)', async () => {
		const result = await create({ options: { idempotencyKey: 'order-1' } }, [{ json: {} }, { json: {} }]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.status)).toEqual(['COMPLETED', 'COMPLETED']);
		expect(result.items[1].json.id).toBe(result.items[0].json.id);
		expect(emulator.counters.generationsCreated).toBe(1);
	});

	it('with binary inputs, refuses the later item even when the files are alike: each item sends or uploads its own', async () => {
		const file = { data: { data: Buffer.from('not really a video'), fileName: 'clip.mp4', mimeType: 'video/mp4' } };
		const result = await create({ visualSource: 'binary', visualBinaryProperty: 'data', options: { idempotencyKey: 'order-1' } }, [
			{ json: {}, binary: file },
			{ json: {}, binary: file },
		]);
		expect(result.error?.message).toMatch(/^Idempotency Key is "order-1", the key item 0 sends with a different request \(a binary input, which each item sends on its own\);.* \(item 1\)$/);
		expect(emulator.requests).toHaveLength(0);
	});
});

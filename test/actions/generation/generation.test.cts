import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';
import { startEmulator, TINY_MP4, type Emulator } from '../../emulator/index.cjs';
import { resumeWaitingRun, runNode, type RunNodeOptions } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const SECRET = 'whsec_generation_tests_secret';
const VIDEO = 'https://media.example.com/speaker.mp4';
// Stays PENDING for 1.5 s (emulator marker), so "Return Immediately" and the status check before a webhook
// pause see it unfinished however slow the machine is; the emulator's default here is 5 ms.
const SLOW_VIDEO = `${VIDEO}?sync_pending_ms=1500`;
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20, webhookSecret: SECRET });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: 'key-generation-tests', baseUrl: emulator.url, signingSecret: SECRET });
const fastPoll = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };

function create(parameters: Record<string, unknown>, extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualSource: 'url',
			visualUrl: VIDEO,
			audioSource: 'url',
			audioUrl: AUDIO,
			...parameters,
			options: { ...fastPoll, ...((parameters.options as object) ?? {}) },
		},
		credentials: credentials(),
		...extra,
	});
}

const createRequests = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate');

describe('Generation: Create', () => {
	it('returns the new PENDING generation at once with "Return Immediately", sending the key and an idempotency key', async () => {
		const result = await create({ completion: 'immediately', visualUrl: SLOW_VIDEO });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ status: 'PENDING', model: 'lipsync-2' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const [request] = createRequests();
		expect(request.headers['x-api-key']).toBe('key-generation-tests');
		expect(request.headers['idempotency-key']).toMatch(/^n8n-[A-Za-z0-9._~-]+-0$/);
		expect(request.json).toEqual({
			model: 'lipsync-2',
			input: [
				{ type: 'video', url: SLOW_VIDEO },
				{ type: 'audio', url: AUDIO },
			],
		});
	});

	it('polls until COMPLETED and downloads the output video as binary next to the JSON', async () => {
		const result = await create({ completion: 'poll', options: { downloadOutput: true } });
		expect(result.status).toBe('success');
		const [item] = result.items;
		expect(item.json).toMatchObject({ status: 'COMPLETED' });
		expect(typeof item.json.outputUrl).toBe('string');
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		expect(await result.readBinary(item, 'data')).toEqual(Buffer.from(TINY_MP4));
		expect(emulator.counters.generationsCreated).toBe(1);
	});

	it('sends every option with Sync\'s wire names, and Sync accepts them', async () => {
		const result = await create({
			model: 'react-1',
			completion: 'immediately',
			options: {
				syncMode: 'bounce',
				temperature: 0.3,
				activeSpeakerDetection: true,
				occlusionDetection: true,
				modelMode: 'head',
				emotion: 'happy',
				reasoningEnabled: true,
				outputFileName: 'my_output-1',
				webhookUrl: 'https://n8n.example.com/webhook/abc/syncLabs',
				segments: JSON.stringify([{ startTime: 0, endTime: 1, audioInput: { refId: 'a1' } }]),
				audioRefId: 'a1',
			},
		});
		expect(result.status).toBe('success');
		expect(createRequests()[0].status).toBe(201);
		expect(createRequests()[0].json).toMatchObject({
			model: 'react-1',
			options: {
				sync_mode: 'bounce',
				temperature: 0.3,
				active_speaker_detection: { auto_detect: true },
				occlusion_detection_enabled: true,
				model_mode: 'head',
				prompt: 'happy',
				reasoning_enabled: true,
			},
			outputFileName: 'my_output-1',
			webhookUrl: 'https://n8n.example.com/webhook/abc/syncLabs',
			segments: [{ startTime: 0, endTime: 1, audioInput: { refId: 'a1' } }],
			input: [
				{ type: 'video', url: VIDEO },
				{ type: 'audio', url: AUDIO, refId: 'a1' },
			],
		});
	});

	it('speaks a script with text to speech', async () => {
		const result = await create({ completion: 'immediately', audioSource: 'text', voiceId: 'voice_1', script: 'Hello there', options: { stability: 0.4 } });
		expect(result.status).toBe('success');
		expect((createRequests()[0].json as { input: unknown[] }).input[1]).toEqual({
			type: 'text',
			provider: { name: 'elevenlabs', voiceId: 'voice_1', script: 'Hello there', stability: 0.4 },
		});
	});

	it('stops with Sync\'s message and code when the generation FAILED', async () => {
		const result = await create({ completion: 'poll', visualUrl: `${VIDEO}?sync_outcome=failed&sync_error_code=generation_audio_length_exceeded` });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/ended FAILED: .*\[generation_audio_length_exceeded\]/);
	});

	it('outputs FAILED and REJECTED generations as items when asked to', async () => {
		const failed = await create({ completion: 'poll', visualUrl: `${VIDEO}?sync_outcome=failed`, options: { outputFailedAsItems: true } });
		expect(failed.items[0].json).toMatchObject({ status: 'FAILED', errorCode: 'generation_pipeline_failed' });
		const rejected = await create({ completion: 'poll', visualUrl: `${VIDEO}?sync_outcome=rejected`, options: { outputFailedAsItems: true } });
		expect(rejected.items[0].json).toMatchObject({ status: 'REJECTED' });
	});

	it('gives up after Max Wait Time with an error that names the generation ID', async () => {
		const result = await create({
			completion: 'poll',
			visualUrl: `${VIDEO}?sync_processing_ms=60000`,
			options: { firstPollInterval: 0.05, maxPollInterval: 0.1, maxWaitTime: 1 },
		});
		expect(result.status).toBe('error');
		const id = (emulator.requests.find((r) => r.path.startsWith('/v2/generate/')) as { path: string }).path.split('/').pop();
		expect(result.error?.message).toContain(`Generation ${id} did not finish within 1 seconds`);
		expect(result.error?.description).toContain(`generation ID ${id}`);
	});

	it('creates many items with bounded concurrency, each output paired with its input', async () => {
		const items = Array.from({ length: 8 }, (_, i) => ({ json: { n: i } }));
		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualUrl: `={{ "${VIDEO}?n=" + $json.n }}`,
				audioUrl: AUDIO,
				completion: 'poll',
				// Every field, the input included (version 3 outputs Simplified by default).
				output: 'raw',
				options: { ...fastPoll, concurrency: 3 },
			},
			items,
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		expect(result.items.map((i) => i.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		expect(result.items.map((i) => (i.json.input as Array<{ url: string }>)[0].url)).toEqual(items.map((_, i) => `${VIDEO}?n=${i}`));
		expect(emulator.counters.generationsCreated).toBe(8);
		expect(new Set(createRequests().map((r) => r.headers['idempotency-key'])).size).toBe(8);
	});

	it('runs a saved workflow whose options no longer show (voice settings, tolerance, upload threshold, polling outputs) exactly as before', async () => {
		// n8n drops hidden collection values on load (test/actions/generation/createOptionsDisplay.test.cts); these were all ignored.
		const result = await create({
			completion: 'immediately',
			options: { stability: 0.3, similarityBoost: 0.9, toleranceSeconds: 60, uploadThresholdMb: 1, outputFailedAsItems: true, downloadOutput: true },
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ status: 'PENDING' });
		const [request] = createRequests();
		expect(request.json).toEqual({ model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }] });
		expect(emulator.counters.generationsCreated).toBe(1);
	});

	describe('bad input fails before any request, naming the field and the item', () => {
		it.each([
			['an invalid video URL', { visualUrl: 'not a url' }, /^Visual URL "not a url" is not a valid URL \(item 0\)$/],
			['a non-http audio URL', { audioUrl: 'ftp://x/y.wav' }, /^Audio URL starts with "ftp:"; Sync fetches only http:\/\/ and https:\/\/ URLs \(item 0\)$/],
			['a script over 5000 characters', { audioSource: 'text', voiceId: 'v', script: 'x'.repeat(5001) }, /^Script is 5001 characters long; Sync accepts at most 5000 \(item 0\)$/],
			['an empty voice ID', { audioSource: 'text', voiceId: ' ', script: 'hi' }, /^Voice ID is required, but holds only 1 blank character \(item 0\)$/],
			['a temperature above 1', { options: { temperature: 1.5 } }, /^Temperature is the number 1\.5; it must be a number from 0 to 1 \(item 0\)$/],
			['an image with a lipsync-2 model', { visualType: 'image' }, /^Visual Input Type is Image, which only the sync-3 models accept; the model is "lipsync-2" \(item 0\)$/],
			// A fixed other model hides Model Mode (test/actions/generation/createOptionsDisplay.test.cts); an expression shows it.
			['react-1 options on a model from an expression', { model: '={{ "lipsync-2" }}', options: { modelMode: 'head' } }, /^Model Mode only applies to the react-1 model, and the model is "lipsync-2" \(item 0\)$/],
			['segments that are not JSON', { options: { segments: '[{' } }, /^Segments \(JSON\) is not valid JSON \(2 characters; .+\) \(item 0\)$/],
			['a segment that ends before it starts', { options: { segments: '[{"startTime":2,"endTime":1,"audioInput":{"refId":"a"}}]' } }, /^Segments \(JSON\) has a problem in segment 1 \(endTime\): endTime must be after startTime \(item 0\)$/],
			['an output file name with a dot', { options: { outputFileName: 'out.mp4' } }, /^Output File Name is "out\.mp4" \(7 characters\); use at most 255 letters, digits, "_" and "-", without an extension \(item 0\)$/],
			['a malformed idempotency key', { options: { idempotencyKey: 'has space' } }, /^Idempotency Key is "has space" \(9 characters\); use 1-128 letters, digits/],
			['a missing binary property', { visualSource: 'binary', visualBinaryProperty: 'video' }, /^Visual Input Binary Field is "video", but the input item has no binary/],
		])('for %s', async (_name, parameters, message) => {
			const result = await create({ completion: 'immediately', ...parameters });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(message);
			expect(createRequests()).toHaveLength(0);
		});

		it('refuses a binary file of the wrong media type', async () => {
			const result = await create(
				{ completion: 'immediately', visualSource: 'binary', visualBinaryProperty: 'data' },
				{ items: [{ json: {}, binary: { data: { data: Buffer.from('hello'), fileName: 'notes.txt', mimeType: 'text/plain' } } }] },
			);
			expect(result.error?.message).toMatch(/^Visual Input Binary Field "data" holds text\/plain, but a video file is needed \(item 0\)$/);
		});

		it('refuses an empty binary file before any request, naming the field and the item', async () => {
			const result = await create(
				{ completion: 'immediately', visualSource: 'binary', visualBinaryProperty: 'data' },
				{ items: [{ json: {}, binary: { data: { data: Buffer.alloc(0), fileName: 'empty.mp4', mimeType: 'video/mp4' } } }] },
			);
			expect(result.error?.message).toMatch(/^Visual Input Binary Field "data" holds "empty\.mp4", which is empty \(0 bytes\) \(item 0\)$/);
			expect(emulator.requests.length).toBe(0);
		});

		it('outputs the error on the failing item only, with continueOnFail', async () => {
			const result = await runNode({
				parameters: {
					resource: 'generation',
					operation: 'create',
					model: 'lipsync-2',
					visualUrl: '={{ $json.url }}',
					audioUrl: AUDIO,
					completion: 'immediately',
				},
				items: [{ json: { url: SLOW_VIDEO } }, { json: { url: 'nope' } }, { json: { url: SLOW_VIDEO } }],
				credentials: credentials(),
				continueOnFail: true,
			});
			expect(result.status).toBe('success');
			expect(result.items).toHaveLength(3);
			expect(result.items[0].json.status).toBe('PENDING');
			expect(result.items[1]).toMatchObject({ json: { error: expect.stringMatching(/^Visual URL .*\(item 1\)$/) }, pairedItem: { item: 1 } });
			expect(result.items[2].json.status).toBe('PENDING');
			expect(emulator.counters.generationsCreated).toBe(2);
		});
	});

	describe('binary inputs', () => {
		const binaryItems = (videoBytes: Buffer) => [
			{
				json: {},
				binary: {
					data: { data: videoBytes, fileName: 'speaker.mp4', mimeType: 'video/mp4' },
					audio: { data: Buffer.alloc(2048, 1), fileName: 'voice.wav', mimeType: 'audio/wav' },
				},
			},
		];

		it('sends small files in the create request as multipart parts with file names', async () => {
			const result = await create(
				{ completion: 'poll', visualSource: 'binary', audioSource: 'binary' },
				{ items: binaryItems(Buffer.from(TINY_MP4)) },
			);
			expect(result.status).toBe('success');
			expect(result.items[0].json.status).toBe('COMPLETED');
			const form = createRequests()[0].form ?? [];
			expect(form.find((p) => p.name === 'video')).toMatchObject({ filename: 'speaker.mp4', bytes: TINY_MP4.length });
			expect(form.find((p) => p.name === 'audio')).toMatchObject({ filename: 'voice.wav', bytes: 2048 });
			expect(form.find((p) => p.name === 'model')?.value).toBe('lipsync-2');
			expect(emulator.counters.uploadsReceivedBytes).toBe(0);
		});

		it('streams files above the threshold to asset storage and creates by asset ID', async () => {
			const video = Buffer.alloc(3 * 1024 * 1024, 7);
			const result = await create(
				{ completion: 'immediately', visualSource: 'binary', audioSource: 'url', options: { uploadThresholdMb: 1 } },
				{ items: binaryItems(video), binaryMode: 'filesystem' },
			);
			expect(result.status).toBe('success');
			expect(emulator.counters.uploadsReceivedBytes).toBe(video.length);
			const put = emulator.requests.find((r) => r.method === 'PUT');
			expect(put?.headers['x-api-key']).toBeUndefined();
			const input = (createRequests()[0].json as { input: Array<Record<string, string>> }).input;
			expect(input[0]).toEqual({ type: 'video', assetId: expect.any(String) });
			expect(input[1]).toEqual({ type: 'audio', url: AUDIO });
		});

		// Registering an asset has no idempotency key: one made with an answer the node cannot read, or maybe made
		// before a 5xx, is named or said to exist (actions/common/assetUpload.ts).
		const createAboveThreshold = (onError: NonNullable<RunNodeOptions['onError']>) =>
			create(
				{ completion: 'immediately', visualSource: 'binary', audioSource: 'url', options: { uploadThresholdMb: 1 } },
				{ items: binaryItems(Buffer.alloc(3 * 1024 * 1024, 7)), binaryMode: 'filesystem', onError },
			);
		const registeredIds = () =>
			emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets' && r.status === 201).map((r) => (r.response as { id: string }).id);

		it('with Stop Workflow, names the asset Sync registered although the register answer lacked its type', async () => {
			emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['type'], times: 1 });
			const result = await createAboveThreshold('stopWorkflow');
			expect(emulator.counters.assetsCreated).toBe(1);
			const [id] = registeredIds();
			expect(result.status).toBe('error');
			expect(result.error?.description).toContain(`Sync Labs registered asset ${id} for item 0 all the same`);
			expect(createRequests()).toHaveLength(0);
		});

		it('with Continue (regular output), the error item carries the assetId Sync registered although the register answer lacked its type', async () => {
			emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['type'], times: 1 });
			const result = await createAboveThreshold('continueRegularOutput');
			const [id] = registeredIds();
			expect(result.items[0].json).toMatchObject({ assetId: id, errorDescription: expect.stringContaining(`asset ${id}`) });
		});

		it('with Stop Workflow, says the asset may exist when the register step answered 500 after registering', async () => {
			emulator.injectFault({ method: 'POST', path: '/v2/assets', status: 500, afterHandling: true, times: 1 });
			const result = await createAboveThreshold('stopWorkflow');
			expect(emulator.counters.assetsCreated).toBe(1);
			expect(result.status).toBe('error');
			expect(result.error?.description).toContain("Sync Labs may have registered item 0's asset before this failure");
			expect(result.error?.description).toContain('Asset → Get Many');
		});
	});

	describe('faults', () => {
		useQuickRetries();

		it('waits out a 429 with Retry-After and creates exactly one generation', async () => {
			emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 429, errorCode: 'rate_limit_exceeded', retryAfterSeconds: 1 });
			const started = Date.now();
			const result = await create({ completion: 'immediately' });
			expect(result.status).toBe('success');
			expect(Date.now() - started).toBeGreaterThanOrEqual(900);
			expect(createRequests()).toHaveLength(2);
			expect(emulator.counters.generationsCreated).toBe(1);
		});

		it('repeats a create whose answer was lost (500 after the work, a reset) with the same key, and Sync dedupes it', async () => {
			emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 500, afterHandling: true });
			emulator.injectFault({ method: 'POST', path: '/v2/generate', reset: true });
			const result = await create({ completion: 'immediately', options: {} });
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			const keys = createRequests().map((r) => r.headers['idempotency-key']);
			expect(keys.length).toBeGreaterThanOrEqual(3);
			expect(new Set(keys).size).toBe(1);
			expect(emulator.counters.generationsCreated).toBe(1);
		});

		it('reports a 4xx with Sync\'s errorCode and suggestion, without retrying', async () => {
			emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 402, errorCode: 'generation_plan_duration_exceeded', times: 5 });
			const result = await create({ completion: 'immediately' });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/^Sync Labs: .*\[generation_plan_duration_exceeded\]$/);
			expect(createRequests()).toHaveLength(1);
		});

		it('never puts the API key into an error', async () => {
			emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 401, times: 1 });
			const result = await create({ completion: 'immediately' });
			expect(JSON.stringify(result.error)).not.toContain('key-generation-tests');
			expect(JSON.stringify(result.run.data.resultData)).not.toContain('key-generation-tests');
		});
	});

	describe('wait for webhook', () => {
		it('pauses the execution after one create that carries the execution’s resume URL', async () => {
			const result = await create({ completion: 'webhook', visualUrl: SLOW_VIDEO });
			expect(result.status).toBe('waiting');
			const webhookUrl = (createRequests()[0].json as { webhookUrl: string }).webhookUrl;
			// $execution.resumeUrl: n8n resumes the last node executed; the signature is the resume token
			expect(webhookUrl).toBe(`http://127.0.0.1:5678/webhook-waiting/${result.executionId}?signature=${result.run.data.resumeToken}`);
			expect(emulator.counters.generationsCreated).toBe(1);
		});

		it('resumes with the generation on a verified callback, and stays waiting on a forged one', async () => {
			const waiting = await create({ completion: 'webhook', visualUrl: SLOW_VIDEO, options: { downloadOutput: true } });
			const request = createRequests()[0].json as { webhookUrl: string };
			const [delivery] = await emulator.waitForWebhooks(1);
			// The emulator tried the resume URL (nothing listens there in-process); replay its signed body.
			const body = Buffer.from(delivery.body);

			const forged = await resumeWaitingRun(waiting, {
				url: request.webhookUrl,
				headers: { 'content-type': 'application/json', 'sync-signature': signSyncPayload({ secret: 'whsec_not_the_secret', timestamp: Date.now() / 1000, body }) },
				body,
			});
			expect(forged.httpStatus).toBe(401);
			expect(forged.resumed).toBeNull();

			const resumed = await resumeWaitingRun(waiting, {
				url: request.webhookUrl,
				headers: { 'content-type': 'application/json', 'sync-signature': delivery.header },
				body,
			});
			expect(resumed.httpStatus).toBe(200);
			expect(resumed.resumed?.status).toBe('success');
			const [item] = resumed.resumed!.items;
			expect(item.json).toMatchObject({ status: 'COMPLETED', id: delivery.id });
			expect(item.json.downloadError).toBeUndefined();
			expect(await resumed.resumed!.readBinary(item, 'data')).toEqual(Buffer.from(TINY_MP4));
			// The create and one status check before the pause. No polling.
			expect(emulator.requests.filter((r) => r.path.startsWith('/v2/generate')).map((r) => r.method)).toEqual(['POST', 'GET']);
		});

		it('refuses several items, since an execution resumes only once', async () => {
			const result = await create({ completion: 'webhook' }, { items: [{ json: {} }, { json: {} }] });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/handles one item per execution, but this node received 2 items/);
			expect(createRequests()).toHaveLength(0);
		});
	});
});

// Get, Get Many, Delete, Estimate Cost and Wait for Completion run against the fake Sync: generationOperations.test.cts.
describe('Generation: other operations', () => {
	async function finishedGeneration(url = VIDEO): Promise<string> {
		const result = await create({ completion: 'poll', visualUrl: url });
		return result.items[0].json.id as string;
	}

	const run = (parameters: Record<string, unknown>, extra: Partial<RunNodeOptions> = {}) =>
		runNode({ parameters: { resource: 'generation', ...parameters }, credentials: credentials(), ...extra });

	it('downloads the output of a finished generation as binary', async () => {
		const id = await finishedGeneration();
		const result = await run({ operation: 'downloadOutput', generationId: id, binaryPropertyName: 'video' });
		expect(result.items[0].json.id).toBe(id);
		expect(await result.readBinary(result.items[0], 'video')).toEqual(Buffer.from(TINY_MP4));
	});
});

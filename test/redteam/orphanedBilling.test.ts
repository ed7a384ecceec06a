// Red-team probes for issue 9 point 6 ("Nothing billed is orphaned"): validate every item before the first
// create, and once an item fails at the API no new create starts. Each test here FAILS on current main.
import { startEmulator, type Emulator } from '../emulator';
import { runNode, type RunNodeOptions } from '../helpers/workflowRunner';

const API_KEY = 'key-redteam-orphaned';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => {
	emulator.config.concurrencyLimit = undefined;
	emulator.config.concurrencyRetryAfterSeconds = undefined;
	emulator.reset();
});
afterAll(async () => emulator.stop());

const createdAnswers = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate' && r.status === 201);

function createItems(urls: string[], options: Record<string, unknown>, extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualUrl: '={{ $json.url }}',
			audioUrl: AUDIO,
			completion: 'poll',
			options: { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 1200, ...options },
		},
		items: urls.map((url) => ({ json: { url } })),
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		...extra,
	});
}

describe('red team: nothing billed is orphaned', () => {
	test('a create still waiting for a free plan slot when another item is refused does not go on to create a generation', async () => {
		// Plan allows 1 generation in flight. Items 0 and 1 race for the slot: one is created (finishes in ~1.5 s),
		// the other is answered 429 concurrency_limit_reached and waits in the transport. Item 2 is refused (402)
		// at once, so the node has failed; the waiting create must not be sent again and succeed afterwards.
		emulator.config.concurrencyLimit = 1;
		emulator.config.concurrencyRetryAfterSeconds = 1;
		const slowish = `${VIDEO}?sync_processing_ms=1500`;
		const result = await createItems([slowish, `${slowish}&n=1`, `${VIDEO}?sync_duration_s=100000`], { concurrency: 3 });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/generation_plan_duration_exceeded/);
		// Only the generation created before the refusal exists.
		expect(emulator.counters.generationsCreated).toBe(1);
		expect(createdAnswers()).toHaveLength(1);
	}, 30_000);

	test('a running item whose status check is being retried (5xx) stops polling once another item is refused', async () => {
		// Item 0 (URL) is created and its status checks answer 503, which the transport retries with backoff
		// (1 s, 2 s, 4 s, 8 s). Item 1 (a binary file, uploaded first) is refused at its upload 0.7 s in.
		// Point 6: "the in-flight ones stop polling promptly": no status check should be sent after the refusal.
		emulator.injectFault({ method: 'GET', path: /^\/v2\/generate\/.+/, status: 503, times: 5 });
		emulator.injectFault({ method: 'POST', path: '/v2/assets/upload', status: 422, errorCode: 'project_not_found', delayMs: 700 });
		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: '={{ $json.source }}',
				visualUrl: `${VIDEO}?sync_processing_ms=600000`,
				visualBinaryProperty: 'data',
				visualAssetId: 'unused',
				audioUrl: AUDIO,
				completion: 'poll',
				options: { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 1200, concurrency: 2, uploadThresholdMb: 0 },
			},
			items: [
				{ json: { source: 'url' } },
				{ json: { source: 'binary' }, binary: { data: { data: Buffer.alloc(4096, 1), fileName: 'speaker.mp4', mimeType: 'video/mp4' } } },
			],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		const refusal = emulator.requests.find((r) => r.method === 'POST' && r.path === '/v2/assets/upload');
		expect(refusal?.status).toBe(422);
		// `at` is when the request arrived; the refusal was answered delayMs later.
		const refusedAt = refusal!.at + 700;
		const checksAfter = emulator.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/generate/') && r.at > refusedAt);
		expect(checksAfter).toHaveLength(0);
		expect(result.error?.message).toMatch(/project_not_found/);
	}, 40_000);

	test('an item still uploading its file when another item is refused does not go on to create its generation', async () => {
		// Item 0's file goes through the asset upload (threshold 0) and its PUT takes 1.5 s; item 1 is refused (402)
		// at once. submitGeneration (helpers/submitGeneration.ts) sends the create right after the upload without
		// looking at the stop signal, so a generation is billed after the node has already failed.
		emulator.injectFault({ method: 'PUT', path: '/uploads/*', delayMs: 1500 });
		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: '={{ $json.source }}',
				visualUrl: `${VIDEO}?sync_duration_s=100000`,
				visualBinaryProperty: 'data',
				visualAssetId: 'unused',
				audioUrl: AUDIO,
				completion: 'poll',
				options: { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 1200, concurrency: 2, uploadThresholdMb: 0 },
			},
			items: [
				{ json: { source: 'binary' }, binary: { data: { data: Buffer.alloc(4096, 1), fileName: 'speaker.mp4', mimeType: 'video/mp4' } } },
				{ json: { source: 'url' } },
			],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/generation_plan_duration_exceeded/);
		expect(emulator.counters.generationsCreated).toBe(0);
	}, 30_000);

	test.each([
		['a segment audio crop with startTime but no endTime (synclabs-api.md §3.4: both or neither)', [{ startTime: 0, endTime: 1, audioInput: { refId: 'a', startTime: 0 } }]],
		['overlapping segments (synclabs-api.md §3.4: generation_input_segments_invalid)', [
			{ startTime: 0, endTime: 2, audioInput: { refId: 'a' } },
			{ startTime: 1, endTime: 3, audioInput: { refId: 'a' } },
		]],
	])('one item with %s among valid ones, Stop Workflow: no generation is created at all', async (_name, badSegments) => {
		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualUrl: VIDEO,
				audioUrl: AUDIO,
				completion: 'immediately',
				options: { concurrency: 1, audioRefId: 'a', segments: '={{ JSON.stringify($json.segments) }}' },
			},
			items: [
				{ json: { segments: [{ startTime: 0, endTime: 1, audioInput: { refId: 'a' } }] } },
				{ json: { segments: badSegments } },
			],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		expect(result.error?.itemIndex).toBe(1);
		expect(result.error?.message).toMatch(/segment/i);
		// Issue 9 point 6: every item's input is validated before the first create.
		expect(emulator.counters.generationsCreated).toBe(0);
	});

	test('Batch → Create from JSONL files, Stop Workflow: an invalid file in item 1 stops the node before item 0\'s batch is created', async () => {
		const line = (i: number) => ({
			request_id: `line-${i}`,
			endpoint: '/v2/generate',
			payload: { model: 'lipsync-2', input: [{ type: 'video', url: `${VIDEO}?v=${i}` }, { type: 'audio', url: AUDIO }] },
		});
		const file = (lines: unknown[]) => Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
		const good = Array.from({ length: 20 }, (_, i) => line(i));
		const result = await runNode({
			parameters: { resource: 'batch', operation: 'create', source: 'binary', binaryPropertyName: 'data' },
			items: [
				{ binary: { data: { data: file(good), fileName: 'ok.jsonl', mimeType: 'application/jsonl' } } },
				{ binary: { data: { data: file(good.slice(0, 5)), fileName: 'short.jsonl', mimeType: 'application/jsonl' } } },
			],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/20 to 500 rows.*\(item 1\)/);
		// 20 generations billed by a batch the failed run never reports.
		expect(emulator.counters.batchesCreated).toBe(0);
	});
});

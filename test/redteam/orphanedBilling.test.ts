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
});

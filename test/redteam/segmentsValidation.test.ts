// Red-team probe (issue 10, point 3 + project rule "bad input: a clear error naming the field, before any request"):
// segments that pass the node's own validation (nodes/SyncLabs/helpers/generationRequest.ts segmentsSchema /
// checkSegmentReferences) but that Sync's documented rules refuse (synclabs-api.md §3.4: "The optional crop of the
// referenced audio needs both startTime and endTime, or neither"; "Overlapping or invalid segments return
// generation_input_segments_invalid"). Each must be refused by the node before any POST /v2/generate.
import { startEmulator, type Emulator } from '../emulator';
import { runNode } from '../helpers/workflowRunner';

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const two = { audioRefId: 'a', additionalAudioInputs: { input: [{ refId: 'b', source: 'url', url: AUDIO }] } };

describe('red team: segments the node accepts but Sync refuses', () => {
	it.each([
		['overlapping segments', [
			{ startTime: 0, endTime: 2, audioInput: { refId: 'a' } },
			{ startTime: 1, endTime: 3, audioInput: { refId: 'b' } },
		]],
		['a negative segment start', [
			{ startTime: -1, endTime: 2, audioInput: { refId: 'a' } },
			{ startTime: 2, endTime: 3, audioInput: { refId: 'b' } },
		]],
		['an audio crop with startTime but no endTime', [
			{ startTime: 0, endTime: 2, audioInput: { refId: 'a', startTime: 0.5 } },
			{ startTime: 2, endTime: 3, audioInput: { refId: 'b' } },
		]],
		['an audio crop whose endTime is before its startTime', [
			{ startTime: 0, endTime: 2, audioInput: { refId: 'a', startTime: 1, endTime: 0.5 } },
			{ startTime: 2, endTime: 3, audioInput: { refId: 'b' } },
		]],
	])('refuses %s before sending anything', async (_name, segments) => {
		const result = await runNode({
			parameters: {
				resource: 'generation', operation: 'create', model: 'lipsync-2',
				visualSource: 'url', visualUrl: VIDEO, audioSource: 'url', audioUrl: AUDIO, completion: 'immediately',
				options: { ...two, segments: JSON.stringify(segments) },
			},
			credentials: { apiKey: 'key-rt', baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		const sent = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate').map((r) => `${r.status} ${JSON.stringify(r.response)}`);
		expect(sent).toEqual([]);
	});
});

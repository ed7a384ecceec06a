// Red-team probes of the wire-fidelity check (issue 10, points 1-2), using its own checker (test/wire/wireCheck.ts).
// (1) Node option combinations the fidelity test never drives, whose requests the checker itself refuses.
// (2) Exceptions in test/wire/exceptions.ts broader than needed: they delete a whole path, so whatever sits
//     there (an unknown key in an image input, a wrong type) is never checked; "the test fails on anything
//     not listed" does not hold below a listed path.
import { startEmulator, TINY_MP4, TINY_WAV, type Emulator, type RecordedRequest } from '../emulator';
import type { INodeParameters } from 'n8n-workflow';
import { runNode, type RunnerInputItem } from '../helpers/workflowRunner';
import { checkRequests } from '../wire/wireCheck';

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const binaries = (): RunnerInputItem[] => [
	{
		json: {},
		binary: {
			data: { data: Buffer.from(TINY_MP4), fileName: 'speaker.mp4', mimeType: 'video/mp4' },
			audio: { data: Buffer.from(TINY_WAV), fileName: 'voice.wav', mimeType: 'audio/wav' },
		},
	},
];
const base = { resource: 'generation', operation: 'create', model: 'lipsync-2', visualSource: 'url', visualUrl: VIDEO, audioSource: 'url', audioUrl: AUDIO, completion: 'immediately' };

async function drive(parameters: INodeParameters, items?: RunnerInputItem[]) {
	const result = await runNode({ parameters, items, credentials: { apiKey: 'key-rt', baseUrl: emulator.url } });
	const creates = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate');
	return { result, creates, failures: checkRequests(structuredClone(emulator.requests)).failures };
}

describe('red team: node requests the fidelity test never captures, checked with its own checker', () => {
	it('a binary create with Reasoning sends a multipart form whose options the SDK form does not know', async () => {
		const { result, creates, failures } = await drive({ ...base, visualSource: 'binary', audioSource: 'binary', options: { reasoningEnabled: true } }, binaries());
		expect(result.status).toBe('success');
		expect(creates.map((c) => (c.form ? 'multipart' : 'json'))).toEqual(['multipart']);
		expect(failures).toEqual([]);
	});

	it('a sync-3 image URL with a binary audio file sends an image input inside the SDK multipart form', async () => {
		const { result, creates, failures } = await drive({ ...base, model: 'sync-3', visualType: 'image', visualUrl: 'https://media.example.com/face.png', audioSource: 'binary' }, binaries());
		expect(result.status).toBe('success');
		expect(creates.map((c) => (c.form ? 'multipart' : 'json'))).toEqual(['multipart']);
		expect(failures).toEqual([]);
	});

	it('a segment with a key the SDK GenerationSegment does not have (a typo of startTime) is refused before sending', async () => {
		const segments = [
			{ startTime: 0, endTime: 1, audioInput: { refId: 'a', start: 0 } },
			{ startTime: 1, endTime: 2, audioInput: { refId: 'b' } },
		];
		const { result, creates, failures } = await drive({
			...base,
			options: { audioRefId: 'a', additionalAudioInputs: { input: [{ refId: 'b', source: 'url', url: AUDIO }] }, segments: JSON.stringify(segments) },
		});
		// Either the node refuses it as bad input, or what it sends must pass the SDK check.
		expect({ status: result.status, sent: creates.length, failures }).toEqual({ status: 'error', sent: 0, failures: [] });
	});
});

const rec = (r: Partial<RecordedRequest>): RecordedRequest =>
	({ method: 'POST', path: '/v2/generate', query: {}, headers: {}, bodyBytes: 0, at: 0, url: r.path ?? '/v2/generate', status: 201, ...r }) as RecordedRequest;

describe('red team: listed exceptions hide mismatches below their path', () => {
	it('fails on an unknown key inside an image input of a JSON create', () => {
		const { failures } = checkRequests([
			rec({ json: { model: 'sync-3', input: [{ type: 'image', url: 'https://x/face.png', refId: 'oops', voiceId: 'v' }, { type: 'audio', url: AUDIO }] } }),
		]);
		expect(failures).toHaveLength(1);
	});

	it('fails on an image input without url or assetId, or with a misspelt assetID', () => {
		const { failures } = checkRequests([rec({ json: { model: 'sync-3', input: [{ type: 'image', assetID: 'abc' }, { type: 'audio', url: AUDIO }] } })]);
		expect(failures).toHaveLength(1);
	});

	it('fails on a reasoning_enabled that is not a boolean', () => {
		const { failures } = checkRequests([rec({ json: { model: 'sync-3', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }], options: { reasoning_enabled: 'yes' } } })]);
		expect(failures).toHaveLength(1);
	});

	it('fails on an include query other than progress', () => {
		const { failures } = checkRequests([rec({ method: 'GET', path: '/v2/generate/abc', query: { include: 'progresss' }, url: '/v2/generate/abc?include=progresss', status: 404 })]);
		expect(failures.filter((f) => f.includes('request'))).toHaveLength(1);
	});

	it('fails on a non-numeric list limit', () => {
		const { failures } = checkRequests([rec({ method: 'GET', path: '/v2/generations', query: { limit: 'ten' }, url: '/v2/generations?limit=ten', status: 200, response: [] })]);
		expect(failures).toHaveLength(1);
	});
});

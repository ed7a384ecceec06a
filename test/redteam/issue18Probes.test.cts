// Red-team probes of the localize-and-speak surfaces (Dub, Speech, Voice) against the emulator: each test states
// what the "What done looks like" or docs/sync-api-2026.md requires and fails where the node does not.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_WAV, type Emulator, type RecordedRequest } from '../emulator/index.cjs';
import { runNode, type RunNodeOptions, type RunnerInputItem } from '../runner/index.cjs';

const SECRET = 'whsec_rt18b';
const VIDEO = 'https://media.example.com/speaker.mp4';
const VOICE = 'EXAVITQu4vr4xnSDxMaL';
const FAST_POLL = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 30 };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20, webhookSecret: SECRET, ttsJobPendingMs: 20, ttsJobProcessingMs: 40 });
});
afterEach(() => {
	emulator.reset();
	Object.assign(emulator.config, { dubProviderName: 'optional', ttsJobsEnabled: true, dubLanguageCheck: 'list' });
});
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: 'key-rt18b', baseUrl: emulator.url, signingSecret: SECRET });
const posts = (path: string): RecordedRequest[] => emulator.requests.filter((r) => r.method === 'POST' && r.path === path);

function dub(parameters: INodeParameters, extra: Partial<RunNodeOptions> & { items?: RunnerInputItem[] } = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'dub',
			model: 'lipsync-2',
			visualSource: 'url',
			visualUrl: VIDEO,
			targetLanguages: ['es', 'de'],
			completion: 'poll',
			...parameters,
			options: { ...FAST_POLL, ...(parameters.options as INodeParameters | undefined) },
		},
		credentials: credentials(),
		...extra,
	});
}

const speech = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'speech',
	operation: 'generate',
	voiceId: VOICE,
	script: 'Welcome to the spring collection.',
	options: { pollInterval: 0.02, ...options },
});

describe('Dub tolerates each providerName variant the reference lists (docs/sync-api-2026.md#dubbing, item 2 of what a node must tolerate)', () => {
	it('where Sync requires dubParams.providerName (dubProviderName = required), the dub still completes: the 400 naming the field is answered by sending it', async () => {
		emulator.config.dubProviderName = 'required';
		const result = await dub({ targetLanguages: ['es'] });
		expect(result.error?.message).toBeUndefined();
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.status])).toEqual([['es', 'COMPLETED']]);
		expect(emulator.counters.generationsCreated).toBe(1);
	}, 20_000);

});

describe('Dub on a bad day', () => {


});

describe('Speech → Generate: a 503 on the job endpoint means "not enabled" (docs/sync-api-2026.md#text-to-speech)', () => {
	it('where jobs are not enabled and the first job request\'s connection is reset, the speech is still made synchronously', async () => {
		emulator.config.ttsJobsEnabled = false;
		emulator.injectFault({ method: 'POST', path: '/v2/tts/jobs', reset: true });
		const result = await runNode({ parameters: speech(), credentials: credentials() });
		expect(result.error?.message).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ synthesis: 'synchronous', voiceId: VOICE });
		expect(emulator.counters.ttsCreated).toBe(1);
	}, 20_000);

	it('the synchronous request is never repeated after a 5xx, also when n8n\'s Retry On Fail runs the node again', async () => {
		emulator.config.ttsJobsEnabled = false;
		emulator.injectFault({ method: 'POST', path: '/v2/tts', status: 502, afterHandling: true, times: Infinity });
		const result = await runNode({ parameters: speech(), credentials: credentials(), retryOnFail: { maxTries: 2 } });
		expect(result.status).toBe('error');
		// Sync made (and billed) the speech on the first request; a second one bills it again.
		expect(posts('/v2/tts')).toHaveLength(1);
		expect(emulator.counters.ttsCreated).toBe(1);
	}, 20_000);
});

describe('Voice → Clone: a name conflict said plainly is a real one', () => {
	it('clones a voice named like a built-in ElevenLabs voice, which is not the organization\'s (Sync refuses names only among the organization\'s voices)', async () => {
		const result = await runNode({
			parameters: { resource: 'voice', operation: 'clone', name: 'Rachel', sampleSource: 'binary', sampleBinaryProperty: 'data' },
			items: [{ binary: { data: { data: TINY_WAV, fileName: 'rachel.wav', mimeType: 'audio/wav' } } }],
			credentials: credentials(),
		});
		expect(result.error?.message).toBeUndefined();
		expect(emulator.counters.voicesCloned).toBe(1);
	}, 20_000);
});

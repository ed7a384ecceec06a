// A synchronous speech Sync made (200, billed) but answered without its `id`: still a speech made
// (api/madeAnswer.ts strictMadeObject), named by its audio URL and never made again by Retry On Fail.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const API_KEY = 'speech-without-id-key';
const VOICE = 'EXAVITQu4vr4xnSDxMaL';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
	emulator.config.ttsJobsEnabled = false;
});
afterEach(() => {
	emulator.reset();
	emulator.config.ttsJobsEnabled = false;
});
afterAll(async () => emulator.stop());
useQuickRetries();

const generate: INodeParameters = { resource: 'speech', operation: 'generate', voiceId: VOICE, script: 'Welcome to the spring collection.', options: { pollInterval: 0.02 } };
const posts = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/tts');

describe('Speech → Generate (synchronous) answered 200 without the speech id', () => {
	it('does not send the billed synchronous request again under Retry On Fail', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/tts', omitFields: ['id'], times: 1 });
		await runNode({ parameters: generate, credentials: { apiKey: API_KEY, baseUrl: emulator.url }, retryOnFail: { maxTries: 2 } });
		expect({ requests: posts().length, speechesMade: emulator.counters.ttsCreated }).toEqual({ requests: 1, speechesMade: 1 });
	});

	it('says in the Stop Workflow error that Sync made (and billed) the speech, with its audio URL', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/tts', omitFields: ['id'], times: 1 });
		const result = await runNode({ parameters: generate, credentials: { apiKey: API_KEY, baseUrl: emulator.url } });
		const { url } = posts()[0].response as { url: string };
		expect(emulator.counters.ttsCreated).toBe(1);
		expect(result.status).toBe('error');
		expect(`${result.error?.message} ${result.error?.description}`).toContain(url);
	});
});

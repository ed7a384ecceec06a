// A speech job Sync made on an attempt answered 500, whose repeats under the same Idempotency-Key are refused
// with 429 until the retries run out: the job exists and is billed by the character, so the node's error must
// name it or say it may exist (nothing billed left unnamed), as it does when every attempt answers 500.
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, ttsJobPendingMs: 20, ttsJobProcessingMs: 60 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

const saysSpeechMayExist = (text: string) => /may have been made|Speech already made|outcome unknown/i.test(text);

describe('Speech → Generate whose job request Sync carried out on a 500 attempt and whose repeats get 429', () => {
	it('says in its Stop Workflow error that a speech job may exist', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/tts/jobs', status: 500, afterHandling: true, times: 1 });
		emulator.injectFault({ method: 'POST', path: '/v2/tts/jobs', status: 429, times: Infinity });
		const result = await runNode({
			parameters: { resource: 'speech', operation: 'generate', voiceId: 'EXAVITQu4vr4xnSDxMaL', script: 'Welcome to the spring collection.', options: { pollInterval: 0.02 } },
			items: [{ json: {} }],
			credentials: { apiKey: 'rt-speech-500-429', baseUrl: emulator.url },
		});
		const said = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
		expect({ jobs: emulator.counters.ttsJobsCreated, status: result.status, saysSpeechMayExist: saysSpeechMayExist(said), said }).toEqual({
			jobs: 1,
			status: 'error',
			saysSpeechMayExist: true,
			said: expect.any(String),
		});
	});

});

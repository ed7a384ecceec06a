// Red-team probes: Sync made (and bills, or keeps) the object, but answered with a shape the node does not expect,
// or answered 5xx after doing the work. Generation → Create names such a generation in every On Error mode
// (test/actions/generation/createdOddAnswer.test.cts) and Batch → Create names such a batch; Speech → Generate and
// Asset → Upload leave theirs unnamed.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_MP4, type Emulator } from '../emulator/index.cjs';
import { runNode, type RunNodeOptions } from '../runner/index.cjs';
import { useQuickRetries } from '../transport/quickRetries.cjs';

const VOICE = 'EXAVITQu4vr4xnSDxMaL';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 5, ttsJobPendingMs: 20, ttsJobProcessingMs: 40 });
});
afterEach(() => {
	emulator.reset();
	emulator.config.ttsJobsEnabled = true;
});
afterAll(async () => emulator.stop());
useQuickRetries();

const credentials = () => ({ apiKey: 'redteam-made-key', baseUrl: emulator.url });
const okIds = (method: string, path: string) =>
	emulator.requests.filter((r) => r.method === method && r.path === path && r.status !== undefined && r.status < 300).map((r) => (r.response as { id: string }).id);

function speech(onError: NonNullable<RunNodeOptions['onError']>, options: INodeParameters = {}) {
	return runNode({
		parameters: { resource: 'speech', operation: 'generate', voiceId: VOICE, script: 'Hello there', options: { pollInterval: 0.02, ...options } },
		items: [{ json: {} }],
		credentials: credentials(),
		onError,
	});
}

function upload(onError: NonNullable<RunNodeOptions['onError']>) {
	return runNode({
		parameters: { resource: 'asset', operation: 'upload' },
		items: [{ binary: { data: { data: TINY_MP4, fileName: 'clip.mp4', mimeType: 'video/mp4' } } }],
		credentials: credentials(),
		onError,
	});
}

describe('Speech → Generate: a billed speech answered in an unexpected shape', () => {
	it('synchronous speech answered 200 without duration, Stop Workflow: the node error names the billed speech', async () => {
		emulator.config.ttsJobsEnabled = false;
		emulator.injectFault({ method: 'POST', path: '/v2/tts', omitFields: ['duration'], times: 1 });
		const result = await speech('stopWorkflow');
		expect(emulator.counters.ttsCreated).toBe(1);
		const [id] = okIds('POST', '/v2/tts');
		expect(result.status).toBe('error');
		expect(`${result.error?.message} ${result.error?.description ?? ''}`).toContain(id);
	});

	it('synchronous speech answered 200 without duration, Continue (regular output): the error item carries speechId', async () => {
		emulator.config.ttsJobsEnabled = false;
		emulator.injectFault({ method: 'POST', path: '/v2/tts', omitFields: ['duration'], times: 1 });
		const result = await speech('continueRegularOutput');
		expect(emulator.counters.ttsCreated).toBe(1);
		const [id] = okIds('POST', '/v2/tts');
		expect(result.items[0].json.error).toBeDefined();
		expect(result.items[0].json.speechId).toBe(id);
	});

	it('synchronous speech answered 200 without duration, Retry On Fail: the request is not sent (and billed) a second time', async () => {
		emulator.config.ttsJobsEnabled = false;
		emulator.injectFault({ method: 'POST', path: '/v2/tts', omitFields: ['duration'], times: 1 });
		await runNode({
			parameters: { resource: 'speech', operation: 'generate', voiceId: VOICE, script: 'Hello there', options: { pollInterval: 0.02 } },
			items: [{ json: {} }],
			credentials: credentials(),
			retryOnFail: { maxTries: 2 },
		});
		// The first request made (and billed) a speech; synchronousOncePerRun.ts refuses a repeat only after a 5xx/408/no answer.
		expect(emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/tts')).toHaveLength(1);
		expect(emulator.counters.ttsCreated).toBe(1);
	});

	it('speech job answered 202 without status, Stop Workflow: the node error names the job it made', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/tts/jobs', omitFields: ['status'], times: 1 });
		const result = await speech('stopWorkflow');
		expect(emulator.counters.ttsJobsCreated).toBe(1);
		const [id] = okIds('POST', '/v2/tts/jobs');
		expect(result.status).toBe('error');
		expect(`${result.error?.message} ${result.error?.description ?? ''}`).toContain(id);
	});
});

describe('Asset → Upload: an asset registered, its answer unreadable or lost', () => {
	it('register answered 201 without type, Stop Workflow: the node error names the asset that was registered', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['type'], times: 1 });
		const result = await upload('stopWorkflow');
		expect(emulator.counters.assetsCreated).toBe(1);
		const [id] = okIds('POST', '/v2/assets');
		expect(result.status).toBe('error');
		expect(`${result.error?.message} ${result.error?.description ?? ''}`).toContain(id);
	});

	it('register answered 500 after registering, Stop Workflow: the node error says item 0\'s asset may have been registered', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', status: 500, afterHandling: true, times: 1 });
		const result = await upload('stopWorkflow');
		expect(emulator.counters.assetsCreated).toBe(1);
		expect(result.status).toBe('error');
		// Anything that tells the user an asset may exist (as Batch → Create's "may have created the batch" does).
		expect(`${result.error?.message} ${result.error?.description ?? ''}`).toMatch(/may (have|exist)|registered/i);
	});
});

// Voice → Clone has no idempotency key: a clone is never sent twice (docs/voices-speech-projects.md), also not by
// n8n's Retry On Fail, which runs the node again in the same process (actions/common/oncePerRun.ts); and a clone
// Sync made with an answer the node cannot read is looked for by name and used.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_WAV, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunnerInputItem } from '../../runner/index.cjs';

const API_KEY = 'clone-once-per-run-key';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
});
afterEach(() => {
	emulator.config.onRequest = undefined;
	emulator.reset();
});
afterAll(async () => emulator.stop());

const audioSample: RunnerInputItem[] = [{ binary: { data: { data: TINY_WAV, fileName: 'anna.wav', mimeType: 'audio/wav' } } }];
const clone: INodeParameters = { resource: 'voice', operation: 'clone', name: 'Anna', sampleSource: 'binary', sampleBinaryProperty: 'data' };
const clonePosts = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/voices');

describe('Voice → Clone under Retry On Fail', () => {
	it('does not send the clone again after its connection was reset (outcome unknown), nor upload the sample again', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/voices', reset: true });
		const result = await runNode({ parameters: clone, items: audioSample, credentials: { apiKey: API_KEY, baseUrl: emulator.url }, retryOnFail: { maxTries: 2 } });
		expect(clonePosts()).toHaveLength(1);
		expect(emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets')).toHaveLength(1);
		expect(result.status).toBe('error');
	});
});

describe('Voice → Clone when the clone answer is unreadable', () => {
	it('finds the voice Sync made by its name and outputs it, cloning once', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/voices', omitFields: ['id', 'voiceId'], times: 1 });
		const result = await runNode({
			parameters: { resource: 'voice', operation: 'clone', name: 'Anna', sampleSource: 'binary', sampleBinaryProperty: 'data' },
			items: audioSample,
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		});
		expect(emulator.counters.voicesCloned).toBe(1);
		expect(result.status).toBe('success');
		const made = clonePosts()[0].response as { internalVoiceId?: string };
		expect(result.items.map((item) => item.json.name)).toEqual(['Anna']);
		expect(typeof result.items[0].json.id).toBe('string');
		expect(made).not.toHaveProperty('id');
	});

	it('under Retry On Fail, when a second item fails, outputs the first item\'s voice again instead of finding its name taken', async () => {
		// Sync refuses the second clone once (the first attempt of the run), so the node runs again.
		// (Items are cloned one at a time: the second clone request is Ben's.)
		let clones = 0;
		emulator.config.onRequest = (record) => {
			if (record.method === 'POST' && record.path === '/v2/voices' && ++clones === 2) emulator.injectFault({ method: 'POST', path: '/v2/voices', status: 400, times: 1 });
		};
		const result = await runNode({
			parameters: { resource: 'voice', operation: 'clone', name: '={{ $json.name }}', sampleSource: 'binary', sampleBinaryProperty: 'data' },
			items: [
				{ json: { name: 'Anna' }, binary: audioSample[0].binary },
				{ json: { name: 'Ben' }, binary: { data: { data: TINY_WAV, fileName: 'ben.wav', mimeType: 'audio/wav' } } },
			],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			retryOnFail: { maxTries: 2 },
		});
		expect(result.status).toBe('success');
		// Anna once, Ben refused once and then cloned: Anna's clone of the first attempt is the one output.
		expect(clonePosts().map((r) => [r.status, (r.response as { name?: string }).name])).toEqual([
			[201, 'Anna'],
			[400, undefined],
			[201, 'Ben'],
		]);
		expect(emulator.counters.voicesCloned).toBe(2);
		const anna = (clonePosts()[0].response as { id: string }).id;
		expect(result.items.map((item) => [item.json.name, item.json.id === anna])).toEqual([
			['Anna', true],
			['Ben', false],
		]);
	});
});

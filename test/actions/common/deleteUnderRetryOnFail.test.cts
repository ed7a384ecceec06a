// Voice → Delete and Generation → Delete under n8n's Retry On Fail, which runs the whole node again: a delete an
// earlier attempt made is output again instead of meeting "not found", and after an attempt whose outcome stayed
// unknown a later attempt's 404 means deleted (actions/common/alreadyDeleted.ts).
import { startEmulator, TINY_WAV, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const API_KEY = 'delete-under-retry-on-fail';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
});
afterEach(() => {
	emulator.config.onRequest = undefined;
	emulator.reset();
});
afterAll(async () => emulator.stop());
useQuickRetries();

const credentials = () => ({ apiKey: API_KEY, baseUrl: emulator.url });

async function cloneVoices(names: string[]): Promise<string[]> {
	const result = await runNode({
		parameters: { resource: 'voice', operation: 'clone', name: '={{ $json.name }}', sampleSource: 'binary', sampleBinaryProperty: 'data' },
		items: names.map((name) => ({ json: { name }, binary: { data: { data: TINY_WAV, fileName: `${name}.wav`, mimeType: 'audio/wav' } } })),
		credentials: credentials(),
	});
	expect(result.status).toBe('success');
	return result.items.map((item) => String(item.json.id));
}

describe('Voice → Delete of two voices under Retry On Fail, item 1 refused once', () => {
	it('does not report item 0\'s voice, deleted by the first attempt, as not found', async () => {
		const [anna, ben] = await cloneVoices(['Anna', 'Ben']);
		emulator.requests.length = 0;
		emulator.injectFault({ method: 'DELETE', path: `/v2/voices/${ben}`, status: 400, times: 1 });
		const result = await runNode({
			parameters: { resource: 'voice', operation: 'delete', voiceId: '={{ $json.id }}' },
			items: [{ json: { id: anna } }, { json: { id: ben } }],
			credentials: credentials(),
			retryOnFail: { maxTries: 2 },
		});
		const deletes = emulator.requests.filter((r) => r.method === 'DELETE').map((r) => [r.path.endsWith(anna) ? 'anna' : 'ben', r.status]);
		const said = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
		// The voice this node run deleted is not called "not found", and item 1 gets its delete again.
		expect({ annaNotFound: said.includes(`${anna} not found`), benDeleted: deletes.some(([who, status]) => who === 'ben' && Number(status) < 300) }).toEqual({
			annaNotFound: false,
			benDeleted: true,
		});
	});
});

describe('Generation → Delete of two generations under Retry On Fail, item 1 refused once', () => {
	it('does not report item 0\'s generation, deleted by the first attempt, as not found', async () => {
		const made = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualUrl: 'https://media.example.com/a.mp4',
				audioUrl: 'https://media.example.com/a.wav',
				completion: 'poll',
				options: { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 60 },
			},
			items: [{ json: {} }, { json: {} }],
			credentials: credentials(),
		});
		expect(made.status).toBe('success');
		const [first, second] = made.items.map((item) => String(item.json.id));
		emulator.injectFault({ method: 'DELETE', path: `/v2/generations/${second}`, status: 400, times: 1 });
		const result = await runNode({
			parameters: { resource: 'generation', operation: 'delete', generationId: '={{ $json.id }}' },
			items: [{ json: { id: first } }, { json: { id: second } }],
			credentials: credentials(),
			retryOnFail: { maxTries: 2 },
		});
		const said = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
		const secondDeleted = emulator.requests.some((r) => r.method === 'DELETE' && r.path.endsWith(second) && (r.status ?? 0) >= 200 && (r.status ?? 0) < 300);
		expect({ firstNotFound: said.includes(`${first} not found`), secondDeleted }).toEqual({ firstNotFound: false, secondDeleted: true });
	});
});

describe('Voice → Delete whose every attempt Sync carried out but answered 502, under Retry On Fail', () => {
	it('does not end with "not found" for the voice the first attempt deleted (a 404 after an attempt of unknown outcome means deleted)', async () => {
		const [anna] = await cloneVoices(['Anna']);
		emulator.requests.length = 0;
		// The first request deletes the voice; it and the 5 requests of its repeat (4 retries) are answered 502.
		emulator.injectFault({ method: 'DELETE', path: `/v2/voices/${anna}`, status: 502, afterHandling: true, times: 6 });
		const result = await runNode({
			parameters: { resource: 'voice', operation: 'delete', voiceId: anna },
			credentials: credentials(),
			retryOnFail: { maxTries: 2 },
		});
		const deletes = emulator.requests.filter((r) => r.method === 'DELETE').map((r) => r.status);
		const said = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
		expect({ deletes, annaNotFound: said.includes(`${anna} not found`) }).toEqual({ deletes: [502, 502, 502, 502, 502, 502, 404], annaNotFound: false });
	});
});

// A binary uploaded as an asset by Generation → Create or Voice → Clone, whose register step made an asset (answer
// unreadable) or may have (500), under n8n's Retry On Fail: registering has no idempotency key, so the file is
// registered once per item and node run (actions/common/assetUpload.ts, common/oncePerRun.ts).
import { startEmulator, TINY_WAV, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const API_KEY = 'key-upload-once-per-run';
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const registers = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets');

async function createWithBinary() {
	const video = Buffer.alloc(64 * 1024, 3);
	return await runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualSource: 'binary',
			visualBinaryProperty: 'data',
			audioUrl: AUDIO,
			completion: 'poll',
			options: { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 60, uploadThresholdMb: 0 },
		},
		items: [{ binary: { data: { data: video, fileName: 'speaker.mp4', mimeType: 'video/mp4' } } }],
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		retryOnFail: { maxTries: 2 },
	});
}

describe('Generation → Create above the Upload Threshold under Retry On Fail', () => {
	useQuickRetries();

	it('does not register the file a second time after a register answer it could not read (docs/operations.md: Retry On Fail does not upload that item again)', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['type'], times: 1 });
		const result = await createWithBinary();
		const firstId = (registers()[0].response as { id: string }).id;
		// Either the retry is refused naming the first asset, or (at the very least) the first asset is named somewhere.
		const everything = JSON.stringify({ error: result.error?.message, description: result.error?.description, items: result.items.map((i) => i.json) });
		expect({ registers: registers().length, assets: emulator.counters.assetsCreated, firstAssetNamed: everything.includes(firstId) }).toEqual({
			registers: 1,
			assets: 1,
			firstAssetNamed: true,
		});
	});

	it('does not register the file a second time after a register step answered 500 (asset made all the same)', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', status: 500, afterHandling: true, times: 1 });
		const result = await createWithBinary();
		const everything = JSON.stringify({ error: result.error?.message, description: result.error?.description, items: result.items.map((i) => i.json) });
		expect({ registers: registers().length, assets: emulator.counters.assetsCreated, saysMayExist: /may have registered/.test(everything) }).toEqual({
			registers: 1,
			assets: 1,
			saysMayExist: true,
		});
	});
});

describe('Voice → Clone of a binary sample under Retry On Fail', () => {
	useQuickRetries();

	it('does not register the sample a second time after a register answer it could not read, or names the first asset', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['type'], times: 1 });
		const result = await runNode({
			parameters: { resource: 'voice', operation: 'clone', name: 'Anna', sampleSource: 'binary', sampleBinaryProperty: 'data' },
			items: [{ binary: { data: { data: TINY_WAV, fileName: 'anna.wav', mimeType: 'audio/wav' } } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			retryOnFail: { maxTries: 2 },
		});
		const firstId = (registers()[0].response as { id: string }).id;
		const everything = JSON.stringify({ error: result.error?.message, description: result.error?.description, items: result.items.map((i) => i.json) });
		expect({ registers: registers().length, assets: emulator.counters.assetsCreated, firstAssetNamed: everything.includes(firstId) }).toEqual({
			registers: 1,
			assets: 1,
			firstAssetNamed: true,
		});
	});
});

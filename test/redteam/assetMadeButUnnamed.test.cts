// Red-team probes: the register step of an asset upload (POST /v2/assets, no idempotency key) made an asset that
// the node cannot read or whose answer was lost. Asset → Upload names it in one attempt (uploadedAssets.ts), but
// n8n's Retry On Fail registers it again, and the other operations that upload a binary (Generation → Create above
// the Upload Threshold) do not name it in the node's error.
import { runNode, type RunNodeOptions } from '../runner/index.cjs';
import { startEmulator, TINY_MP4, type Emulator } from '../emulator/index.cjs';
import { useQuickRetries } from '../transport/quickRetries.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 5 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

const credentials = () => ({ apiKey: 'redteam-asset-key', baseUrl: emulator.url });
const registered = () =>
	emulator.requests
		.filter((r) => r.method === 'POST' && r.path === '/v2/assets' && (r.response as { id?: unknown } | undefined)?.id !== undefined)
		.map((r) => (r.response as { id: string }).id);
const registers = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets');

function upload(extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		parameters: { resource: 'asset', operation: 'upload' },
		items: [{ binary: { data: { data: TINY_MP4, fileName: 'clip.mp4', mimeType: 'video/mp4' } } }],
		credentials: credentials(),
		...extra,
	});
}

describe('Asset → Upload with Retry On Fail', () => {
	it('an asset registered with an answer lacking its type is named in what the node finally outputs, not silently registered a second time', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['type'], times: 1 });
		const result = await upload({ retryOnFail: { maxTries: 2 } });
		const text = JSON.stringify({ items: result.items.map((i) => i.json), error: result.error?.message, description: result.error?.description });
		const ids = registered();
		expect(ids.length).toBeGreaterThan(0);
		// Every asset Sync registered is named somewhere the user can see (as Speech → Generate's Retry On Fail does).
		for (const id of ids) expect(text).toContain(id);
	});

	it('a register step answered 500 (asset made all the same) is not sent again by Retry On Fail', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', status: 500, afterHandling: true, times: 1 });
		await upload({ retryOnFail: { maxTries: 2 } });
		// The node's own error says registering "cannot be repeated safely"; Speech → Generate's synchronous request is
		// refused on a second attempt after the same outcome (speech/synchronousOncePerRun.ts).
		expect(registers()).toHaveLength(1);
		expect(emulator.counters.assetsCreated).toBe(1);
	});
});

describe('Generation → Create uploading a binary above the Upload Threshold', () => {
	const create = (onError: NonNullable<RunNodeOptions['onError']>) =>
		runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: 'binary',
				audioSource: 'url',
				audioUrl: 'https://media.example.com/voice.wav',
				completion: 'immediately',
				options: { uploadThresholdMb: 1 },
			},
			items: [{ json: {}, binary: { data: { data: Buffer.alloc(3 * 1024 * 1024, 7), fileName: 'speaker.mp4', mimeType: 'video/mp4' } } }],
			binaryMode: 'filesystem',
			credentials: credentials(),
			onError,
		});

	it('with Stop Workflow, the node error names the asset Sync registered although its answer lacked the type', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['type'], times: 1 });
		const result = await create('stopWorkflow');
		expect(emulator.counters.assetsCreated).toBe(1);
		const [id] = registered();
		expect(result.status).toBe('error');
		expect(`${result.error?.message} ${result.error?.description ?? ''}`).toContain(id);
	});

	it('with Continue (regular output), the error item carries the assetId Sync registered although its answer lacked the type', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['type'], times: 1 });
		const result = await create('continueRegularOutput');
		expect(emulator.counters.assetsCreated).toBe(1);
		const [id] = registered();
		expect(result.items[0].json.error).toBeDefined();
		expect(JSON.stringify(result.items[0].json)).toContain(id);
	});

	it('with Stop Workflow, the node error says the asset may exist when the register step answered 500 after registering', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', status: 500, afterHandling: true, times: 1 });
		const result = await create('stopWorkflow');
		expect(emulator.counters.assetsCreated).toBe(1);
		expect(result.status).toBe('error');
		expect(`${result.error?.message} ${result.error?.description ?? ''}`).toMatch(/may have (been )?regist/i);
	});
});

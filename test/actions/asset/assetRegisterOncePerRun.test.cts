// Registering an asset (`POST /v2/assets`) has no idempotency key (docs/sync-api.md#asset-upload). Asset → Upload
// registers each item's file once per node run, also under n8n's Retry On Fail (actions/common/assetUpload.ts,
// common/oncePerRun.ts), and names every asset its register step made or may have made: one answered without its
// id (by its url), one behind a 500 while another item stopped the node.
import { startEmulator, TINY_MP4, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const API_KEY = 'key-asset-register-once';
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

const registers = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets');
const upload = { resource: 'asset', operation: 'upload' };
const file = (fileName: string) => ({ binary: { data: { data: TINY_MP4, fileName, mimeType: 'video/mp4' } } });
const said = (result: { error?: { message?: string; description?: string | null } }) => `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;

describe('Asset → Upload whose register step Sync answered 201 without the asset id', () => {
	it('under Retry On Fail registers the file once, and the error names the asset made by its url', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['id'], times: Infinity });
		const result = await runNode({ parameters: upload, items: [file('clip.mp4')], credentials: { apiKey: API_KEY, baseUrl: emulator.url }, retryOnFail: { maxTries: 2 } });
		expect(result.status).toBe('error');
		expect(registers()).toHaveLength(1);
		expect(emulator.counters.assetsCreated).toBe(1);
		const { url } = registers()[0].response as { url: string };
		expect(said(result)).toContain(`registered an asset at ${url} (no ID given)`);
	});

	it.each(['continueRegularOutput', 'continueErrorOutput'] as const)('with On Error = %s puts that url on the item\'s error item', async (onError) => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['id'], times: 1 });
		const result = await runNode({ parameters: upload, items: [file('clip.mp4')], credentials: { apiKey: API_KEY, baseUrl: emulator.url }, onError });
		const { url } = registers()[0].response as { url: string };
		const json = onError === 'continueErrorOutput' ? (result.errorItems[0].json.error as Record<string, unknown>) : result.items[0].json;
		expect(json).toMatchObject({ assetUrl: url });
	});
});

describe('Asset → Upload of two items under Retry On Fail, item 1 refused once by Sync', () => {
	it('outputs item 0\'s asset of the first attempt instead of registering its file again', async () => {
		let seen = 0;
		emulator.config.onRequest = (record) => {
			if (record.method === 'POST' && record.path === '/v2/assets' && ++seen === 2) emulator.injectFault({ method: 'POST', path: '/v2/assets', status: 400, times: 1 });
		};
		const result = await runNode({
			parameters: upload,
			items: [file('first.mp4'), file('second.mp4')],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			retryOnFail: { maxTries: 2 },
		});
		expect(result.status).toBe('success');
		expect(emulator.counters.assetsCreated).toBe(2);
		const made = registers()
			.filter((r) => r.status === 201)
			.map((r) => (r.response as { id: string }).id);
		expect(result.items.map((item) => item.json.id)).toEqual(made);
	});
});

describe('Asset → Upload of two items at a time, Stop Workflow', () => {
	it('says that the other item\'s asset may exist when its register step answered 500 after the first item was refused', async () => {
		// The first register to arrive is held 400 ms, carried out, and answered 500; the second is refused (400) at once.
		emulator.injectFault({ method: 'POST', path: '/v2/assets', delayMs: 400, status: 500, afterHandling: true, times: 1 });
		emulator.injectFault({ method: 'POST', path: '/v2/assets', status: 400, times: 1 });
		const result = await runNode({ parameters: upload, items: [file('first.mp4'), file('second.mp4')], credentials: { apiKey: API_KEY, baseUrl: emulator.url } });
		expect(emulator.counters.assetsCreated).toBe(1);
		expect(result.status).toBe('error');
		expect(said(result)).toMatch(/Assets already uploaded by this node: item [01]'s asset \(may have been registered\)/);
	});
});

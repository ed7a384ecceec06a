// Red-team probe: Asset → Upload with several items, the last one's input bad. The project's rule: bad input is
// refused before any request and loses nothing; Project → Create already checks every item before the first project
// is created. Here items 0 and 1 are uploaded (presign, PUT, register) before item 2 is refused, and the node's
// error with Stop Workflow names neither asset, so their ids are lost.
import { runNode } from '../runner/index.cjs';
import { startEmulator, TINY_MP4, type Emulator } from '../emulator/index.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 5 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const good = () => ({ binary: { data: { data: TINY_MP4, fileName: 'ok.mp4', mimeType: 'video/mp4' } } });

describe('Asset → Upload, three items, item 2 bad, Stop Workflow', () => {
	it('an unknown Visibility given by item 2\'s expression is refused before any upload of items 0 and 1', async () => {
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload', binaryPropertyName: 'data', options: { visibility: '={{ $json.visibility }}' } },
			items: [
				{ ...good(), json: { visibility: 'USER' } },
				{ ...good(), json: { visibility: 'USER' } },
				{ ...good(), json: { visibility: 'PUBLIC' } },
			],
			credentials: { apiKey: 'rt-asset-key', baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Visibility is the text "PUBLIC".*\(item 2\)$/);
		// What the rule requires: nothing uploaded, or every uploaded asset named in the error.
		const registered = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets');
		const named = registered.length === 0 || /asset/i.test(`${result.error?.message} ${result.error?.description ?? ''}`);
		expect({ requests: emulator.requests.map((r) => `${r.method} ${r.path.replace(/\/uploads\/.*/, '/uploads/…')}`), named }).toEqual({ requests: [], named: true });
	});

	it('item 2 without its binary field is refused before any upload of items 0 and 1', async () => {
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload', binaryPropertyName: 'data' },
			items: [good(), good(), { json: { n: 2 } }],
			credentials: { apiKey: 'rt-asset-key', baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Input Binary Field.*\(item 2\)$/);
		expect(emulator.requests.map((r) => `${r.method} ${r.path.replace(/\/uploads\/.*/, '/uploads/…')}`)).toEqual([]);
	});
});

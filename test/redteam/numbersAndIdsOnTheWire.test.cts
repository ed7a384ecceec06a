// Red-team probes: values the reader accepts that the operation then cannot honour, found only after a request.
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { runNode } from '../runner/index.cjs';

const KEY = 'redteam-key';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
});
afterAll(async () => emulator.stop());
beforeEach(() => {
	emulator.requests.length = 0;
});

describe('Generation → Create, Wait for Webhook, Max Wait Time given as the text "1e13"', () => {
	it('is refused before the create, or waits until a real date: never a billed generation waiting until "Invalid Date"', async () => {
		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: 'url',
				visualUrl: 'https://media.example.com/a.mp4',
				audioSource: 'url',
				audioUrl: 'https://media.example.com/a.wav',
				completion: 'webhook',
				options: { maxWaitTime: '={{ "1e13" }}' },
			},
			credentials: { apiKey: KEY, baseUrl: emulator.url, signingSecret: 'whsec_redteam' },
		});
		const created = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate' && r.status === 201);
		if (created.length > 0) {
			expect(result.status).toBe('waiting');
			expect(Number.isNaN(result.waitTill?.getTime() ?? Number.NaN)).toBe(false);
		} else {
			expect(result.error?.message).toMatch(/^Max Wait Time \(Seconds\) is the text "1e13".*\(item 0\)$/);
		}
	});
});

describe('Generation → Get with the Generation ID "."', () => {
	it('asks for that ID, or refuses it: the request path is not turned into another endpoint', async () => {
		const result = await runNode({
			parameters: { resource: 'generation', operation: 'get', generationId: '={{ "." }}' },
			credentials: { apiKey: KEY, baseUrl: emulator.url },
		});
		const paths = emulator.requests.map((r) => r.path);
		// URL parsers remove "." and ".." path segments (encoded or not: WHATWG URL), so such an ID reaches another path.
		expect(paths.filter((p) => !/^\/v2\/generate\/[^/]+$/.test(p))).toEqual([]);
		if (paths.length === 0) expect(result.error?.message).toMatch(/^Generation ID .*\(item 0\)$/);
	});
});

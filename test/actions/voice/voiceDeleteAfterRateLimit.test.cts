// api/deleteOnce.ts reads a repeat's 404 as "deleted by an earlier attempt" when any attempt before it had an unknown
// outcome: after a 429 the repeat goes through the transport's retries, and one of those can end with a 5xx after
// Sync carried out the delete.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_WAV, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const API_KEY = 'voice-delete-after-429';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

const credentials = () => ({ apiKey: API_KEY, baseUrl: emulator.url });

describe('Voice → Delete after a 429, then a 5xx the delete was carried out behind', () => {
	it('outputs the voice as deleted instead of failing with "not found"', async () => {
		const cloned = await runNode({
			parameters: { resource: 'voice', operation: 'clone', name: 'Anna', sampleSource: 'binary', sampleBinaryProperty: 'data' },
			items: [{ binary: { data: { data: TINY_WAV, fileName: 'anna.wav', mimeType: 'audio/wav' } } }],
			credentials: credentials(),
		});
		const id = String(cloned.items[0].json.id);
		emulator.injectFault({ method: 'DELETE', path: '/v2/voices/*', status: 429, retryAfterSeconds: 0 });
		emulator.injectFault({ method: 'DELETE', path: '/v2/voices/*', status: 502, afterHandling: true });
		const parameters: INodeParameters = { resource: 'voice', operation: 'delete', voiceId: id };
		const result = await runNode({ parameters, credentials: credentials() });
		const deletes = emulator.requests.filter((r) => r.method === 'DELETE').map((r) => r.status);
		expect(deletes).toEqual([429, 502, 404]);
		expect(result.error?.message).toBeUndefined();
		expect(result.items[0]?.json).toEqual({ deleted: true, id });
	});
});

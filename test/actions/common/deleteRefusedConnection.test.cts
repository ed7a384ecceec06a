// A delete whose connection is refused sent nothing (transport/retryPolicy.ts not_sent): it is sent again
// (api/deleteOnce.ts), and when an earlier attempt may have deleted it, a later Retry On Fail attempt's 404 means
// deleted. test/transport/flakyHost.cts refuses the connections a test picks.
import { startEmulator, TINY_WAV, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';
import { FLAKY_HOST, useFlakyHost } from '../../transport/flakyHost.cjs';

const API_KEY = 'refused-delete';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

const flakyUrl = () => `http://${FLAKY_HOST}:${new URL(emulator.url).port}`;

async function cloneVoice(name: string): Promise<string> {
	const result = await runNode({
		parameters: { resource: 'voice', operation: 'clone', name, sampleSource: 'binary', sampleBinaryProperty: 'data' },
		items: [{ binary: { data: { data: TINY_WAV, fileName: `${name}.wav`, mimeType: 'audio/wav' } } }],
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
	});
	expect(result.status).toBe('success');
	emulator.requests.length = 0;
	return String(result.items[0].json.id);
}

describe('Voice → Delete whose first connection is refused (Sync briefly unreachable)', () => {
	it('sends the delete again and outputs the voice as deleted (a refused connection sent nothing)', async () => {
		const id = await cloneVoice('Anna');
		const host = useFlakyHost((lookup) => lookup === 1);
		try {
			const result = await runNode({ parameters: { resource: 'voice', operation: 'delete', voiceId: id }, credentials: { apiKey: API_KEY, baseUrl: flakyUrl() } });
			expect({ error: result.error?.message, item: result.items[0]?.json, lookups: host.lookups() >= 2 }).toEqual({ error: undefined, item: { deleted: true, id }, lookups: true });
		} finally {
			host.restore();
		}
	});
});

describe('Voice → Delete under Retry On Fail: the first request deleted the voice and lost its answer, its repeats were refused', () => {
	it('outputs the voice as deleted on the next attempt instead of "not found"', async () => {
		const id = await cloneVoice('Ben');
		// The delete is carried out and its connection reset (outcome unknown); the repeat's 5 connections (4 retries)
		// are refused; n8n's second attempt then reaches Sync, which answers 404 for the voice the first one deleted.
		emulator.injectFault({ method: 'DELETE', path: `/v2/voices/${id}`, reset: true, afterHandling: true, times: 1 });
		const host = useFlakyHost((lookup) => lookup >= 2 && lookup <= 6);
		try {
			const result = await runNode({
				parameters: { resource: 'voice', operation: 'delete', voiceId: id },
				credentials: { apiKey: API_KEY, baseUrl: flakyUrl() },
				retryOnFail: { maxTries: 2 },
			});
			const deletes = emulator.requests.filter((r) => r.method === 'DELETE').map((r) => r.status || 'reset');
			expect({ deletes, lookups: host.lookups(), error: result.error?.message, item: result.items[0]?.json }).toEqual({ deletes: ['reset', 404], lookups: 7, error: undefined, item: { deleted: true, id } });
		} finally {
			host.restore();
		}
	});
});

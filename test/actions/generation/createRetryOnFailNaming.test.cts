// n8n's Retry On Fail runs the node again in the same node run. A later attempt can refuse one item before any request
// (common/oncePerRun.ts: "The file was not uploaded again") and stop the other items before they send their create
// again; its error still names the generations an earlier attempt created (createdGenerations.ts
// createdGenerationsOfRun).
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

const video = (n: number) => ({ binary: { data: { data: Buffer.alloc(4096, n), fileName: `speaker-${n}.mp4`, mimeType: 'video/mp4' } } });

describe('Generation → Create of two binary items (default concurrency) under Retry On Fail', () => {
	it('names, in the error the node finally stops with, the generation the first attempt created for the other item', async () => {
		// The first register to arrive is held 400 ms, carried out and answered 500 (asset may exist): the other item
		// meanwhile registers its file and creates its generation (billed).
		emulator.injectFault({ method: 'POST', path: '/v2/assets', delayMs: 400, status: 500, afterHandling: true, times: 1 });
		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: 'binary',
				visualBinaryProperty: 'data',
				audioUrl: 'https://example.com/a.wav',
				completion: 'immediately',
				options: { uploadThresholdMb: 0 },
			},
			items: [video(1), video(2)],
			credentials: { apiKey: 'rt-retry-names', baseUrl: emulator.url },
			retryOnFail: { maxTries: 2 },
		});
		const creates = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate' && r.status === 201);
		expect(emulator.counters.generationsCreated).toBe(1);
		const generationId = (creates[0].response as { id: string }).id;
		expect(result.status).toBe('error');
		expect(`${result.error?.message} ${result.error?.description}`).toContain(generationId);
	});
});

// The per-run memory behind Retry On Fail (actions/common/nodeRunMemory.ts) lives as long as the execution: a run that
// polls a long generation while more than 100 other executions run the node still finds, on its next attempt, the
// asset its first attempt registered and the generation it created.
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

let emulator: Emulator;
beforeAll(async () => {
	// Generations take 10 minutes, as a long real one does; a key per execution so none waits for a free slot.
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 600_000, concurrencyLimit: 10_000 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

const video = (n: number) => ({ binary: { data: { data: Buffer.alloc(2048, n % 256), fileName: `speaker-${n}.mp4`, mimeType: 'video/mp4' } } });
const createParameters = (completion: string) => ({
	resource: 'generation',
	operation: 'create',
	model: 'lipsync-2',
	visualSource: 'binary',
	visualBinaryProperty: 'data',
	audioUrl: 'https://example.com/a.wav',
	completion,
	options: { uploadThresholdMb: 0, firstPollInterval: 0.05, maxPollInterval: 0.1, maxWaitTime: 3600 },
});

const N = 101;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Generation → Create polling a long generation under Retry On Fail while other executions run the node', () => {
	it('does not register its file a second time on its next attempt, and names the generation its first attempt created', async () => {
		const waiting = runNode({
			parameters: createParameters('poll'),
			items: [video(0)],
			credentials: { apiKey: 'long-run', baseUrl: emulator.url },
			retryOnFail: { maxTries: 2 },
		});
		const created = () => emulator.requests.find((r) => r.method === 'POST' && r.path === '/v2/generate' && r.status === 201);
		for (let i = 0; i < 200 && !created(); i++) await sleep(25);
		const generationId = (created()!.response as { id: string }).id;

		// Meanwhile, 101 other executions run a Sync Labs Create (each one item, its own binary).
		for (let batch = 0; batch < N; batch += 10) {
			await Promise.all(
				Array.from({ length: Math.min(10, N - batch) }, async (_, i) => {
					const other = await runNode({ parameters: createParameters('immediately'), items: [video(batch + i + 1)], credentials: { apiKey: `rt-other-${batch + i}`, baseUrl: emulator.url } });
					expect(other.status).toBe('success');
				}),
			);
		}
		const registersBefore = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets').length;

		// Then the long run's status check fails for good (the node stops; n8n tries again).
		emulator.injectFault({ method: 'GET', path: `/v2/generate/${generationId}`, status: 403, times: Infinity });
		const result = await waiting;
		const registersAfter = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets').length;
		const said = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
		expect({ registeredAgain: registersAfter - registersBefore, namesGeneration: said.includes(generationId), said }).toEqual({
			registeredAgain: 0,
			namesGeneration: true,
			said: expect.any(String),
		});
	}, 180_000);
});

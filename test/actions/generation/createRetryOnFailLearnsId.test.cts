// Generation → Create under Retry On Fail: the first attempt's create got no usable answer (500 on every transport
// attempt) and is noted as "a generation that may exist (no ID known)"; the second repeats it under the same
// Idempotency-Key and Sync answers with the one generation G. The error then names G alone (createdGenerations.ts).
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 0, processingMs: 0 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

describe('Generation → Create under Retry On Fail: attempt 1 lost every answer, attempt 2 got generation G (same key), which ended FAILED', () => {
	it('names G once for item 0 and does not also report a phantom "generation that may exist (no ID known)"', async () => {
		// Attempt 1: Sync creates G and every one of the 5 transport attempts answers 500.
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 500, afterHandling: true, times: 5 });
		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualUrl: 'https://e.com/v.mp4?sync_outcome=failed',
				audioUrl: 'https://e.com/a.wav',
				completion: 'poll',
			},
			credentials: { apiKey: 'stale-uncertain', baseUrl: emulator.url },
			retryOnFail: { maxTries: 2 },
		});
		const said = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
		expect({
			generationsCreated: emulator.counters.generationsCreated,
			status: result.status,
			phantom: /may exist \(no ID known\)|could not say whether these were created/.test(said),
			said,
		}).toEqual({ generationsCreated: 1, status: 'error', phantom: false, said: expect.any(String) });
	});
});

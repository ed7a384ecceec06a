// Many items through a flaky API. Every item must end as a success or a clear
// per-item error, and Sync must never be asked to create the same item twice.
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 30 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

function createMany(count: number, extra: { continueOnFail?: boolean } = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualUrl: `={{ "${VIDEO}?n=" + $json.n }}`,
			audioUrl: AUDIO,
			completion: 'poll',
			options: { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 60, concurrency: 4 },
		},
		items: Array.from({ length: count }, (_, n) => ({ json: { n } })),
		credentials: { apiKey: 'faults-key', baseUrl: emulator.url },
		...extra,
	});
}

describe('the action node under injected faults', () => {
	it('finishes every item once through rate limits, 5xx, lost answers, resets and slow responses', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 429, errorCode: 'rate_limit_exceeded', retryAfterSeconds: 0, times: 4 });
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 429, errorCode: 'rate_limit_exceeded', times: 2 });
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 500, afterHandling: true, times: 3 });
		emulator.injectFault({ method: 'POST', path: '/v2/generate', reset: true, times: 2 });
		emulator.injectFault({ method: 'GET', path: /^\/v2\/generate\/.+/, status: 503, times: 4 });
		emulator.injectFault({ method: 'GET', path: /^\/v2\/generate\/.+/, reset: true, times: 2 });
		emulator.injectFault({ path: /^\/v2\//, delayMs: 400, times: 6 });

		const result = await createMany(16);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(16);
		expect(result.items.every((i) => i.json.status === 'COMPLETED')).toBe(true);
		expect(result.items.map((i) => i.pairedItem)).toEqual(Array.from({ length: 16 }, (_, i) => ({ item: i })));
		const ids = result.items.map((i) => i.json.id);
		expect(new Set(ids).size).toBe(16);
		expect(emulator.counters.generationsCreated).toBe(16);
	});

	it('waits for a free slot when the plan\'s concurrency limit is reached, creating each item once', async () => {
		emulator.config.concurrencyLimit = 2;
		emulator.config.concurrencyRetryAfterSeconds = 0;
		try {
			const result = await createMany(6);
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.json.status)).toEqual(Array(6).fill('COMPLETED'));
			expect(emulator.counters.generationsCreated).toBe(6);
			expect(emulator.requests.some((r) => r.path === '/v2/generate' && r.status === 429)).toBe(true);
		} finally {
			emulator.config.concurrencyLimit = undefined;
		}
	});

	it('turns an item whose request keeps failing into a clear per-item error, and finishes the others', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, times: Infinity });
		const failing = await createMany(1, { continueOnFail: true });
		expect(failing.items[0].json.error).toMatch(/^Sync Labs: /);
		emulator.clearFaults();

		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualUrl: '={{ $json.url }}',
				audioUrl: AUDIO,
				completion: 'poll',
				options: { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 60, outputFailedAsItems: false },
			},
			items: [{ json: { url: VIDEO } }, { json: { url: `${VIDEO}?sync_outcome=failed` } }, { json: { url: VIDEO } }],
			credentials: { apiKey: 'faults-key', baseUrl: emulator.url },
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.json.status ?? 'error')).toEqual(['COMPLETED', 'error', 'COMPLETED']);
		expect(result.items[1].json.error).toMatch(/ended FAILED: .*\[generation_pipeline_failed\]/);
		expect(emulator.counters.generationsCreated).toBe(3);
	});
});

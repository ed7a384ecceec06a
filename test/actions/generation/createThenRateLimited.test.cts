// A create whose first attempt Sync carried out but answered 500, and whose repeats under the same
// Idempotency-Key are refused with 429 until the retries run out: the generation exists and is billed,
// so the error must name it or say it may exist (nothing billed left unnamed).
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

const saysGenerationMayExist = (text: string) => /may have created|could not say whether|may exist|created a generation|Generations already created/i.test(text);

describe('Create whose first attempt made the generation (500 after handling) and whose repeats get 429', () => {
	it('says in its Stop Workflow error that a generation may exist', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 500, afterHandling: true, times: 1 });
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 429, times: Infinity });
		const result = await runNode({
			parameters: { resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: 'https://e.com/v.mp4', audioUrl: 'https://e.com/a.wav', completion: 'immediately' },
			items: [{ json: {} }],
			credentials: { apiKey: 'rt-create-500-429', baseUrl: emulator.url },
		});
		const said = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
		expect({ created: emulator.counters.generationsCreated, status: result.status, saysGenerationMayExist: saysGenerationMayExist(said), said }).toEqual({
			created: 1,
			status: 'error',
			saysGenerationMayExist: true,
			said: expect.any(String),
		});
	});
});

describe('Dub whose first create attempt made the generation (500 after handling) and whose repeats get 429', () => {
	it('says in its Stop Workflow error that a generation may exist', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 500, afterHandling: true, times: 1 });
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 429, times: Infinity });
		const result = await runNode({
			parameters: { resource: 'generation', operation: 'dub', model: 'lipsync-2', visualSource: 'url', visualUrl: 'https://e.com/v.mp4', targetLanguages: ['es'], completion: 'immediately' },
			items: [{ json: {} }],
			credentials: { apiKey: 'rt-dub-500-429', baseUrl: emulator.url },
		});
		const said = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
		expect({ created: emulator.counters.generationsCreated, status: result.status, saysGenerationMayExist: saysGenerationMayExist(said), said }).toEqual({
			created: 1,
			status: 'error',
			saysGenerationMayExist: true,
			said: expect.any(String),
		});
	});
});

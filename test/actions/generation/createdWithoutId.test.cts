// A 2xx create answer without the generation's id still counts as a generation made (api/generations.ts, as for a
// batch, an asset or a speech: api/madeAnswer.ts strictMadeObject): the error says Sync created one and how to find it.
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

describe('Generation → Create answered 201 without the generation id', () => {
	it('says in the Stop Workflow error that Sync Labs created (and bills) a generation, as it says of a batch or an asset', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', omitFields: ['id'], times: Infinity });
		const result = await runNode({
			parameters: { resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: 'https://example.com/v.mp4', audioUrl: 'https://example.com/a.wav', completion: 'immediately' },
			credentials: { apiKey: 'created-without-id', baseUrl: emulator.url },
		});
		expect(emulator.counters.generationsCreated).toBe(1);
		expect(result.status).toBe('error');
		// Batch: "Sync Labs created a batch (no ID given) all the same"; asset: "registered an asset at <url> (no ID given)".
		expect(`${result.error?.message} ${result.error?.description ?? ''}`).toMatch(/created a generation|generation .*created|made a generation/i);
	});

	it.each(['continueRegularOutput', 'continueErrorOutput'] as const)('with On Error = %s says so in the item\'s error item', async (onError) => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', omitFields: ['id'], times: 1 });
		const result = await runNode({
			parameters: { resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: 'https://example.com/v.mp4', audioUrl: 'https://example.com/a.wav', completion: 'immediately' },
			credentials: { apiKey: 'created-without-id', baseUrl: emulator.url },
			onError,
		});
		const errorItems = onError === 'continueErrorOutput' ? result.errorItems : result.items;
		expect(errorItems).toHaveLength(1);
		expect(JSON.stringify(errorItems[0].json)).toContain('Sync Labs created a generation for item 0 all the same, but its answer gave no ID');
	});
});

// Downstream nodes can still find the generation in the execution's custom data.
// reserveGenerationKey() (actions/generation/waitForWebhook.ts) writes 'reserved-before-create' under
// syncLabsGenerationId before the create; when the create is refused and the node continues on fail, the
// placeholder stays, and the Code node of docs/finishing-long-jobs.md (`$execution.customData.get('syncLabsGenerationId')`)
// hands it to Get / Wait for Completion as if it were a generation ID.
import type { IExecuteFunctions } from 'n8n-workflow';
import { GENERATION_ID_KEY, rememberGeneration, reserveGenerationKey } from '../../../nodes/SyncLabs/actions/generation/waitForWebhook';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 100, webhookSecret: 'whsec_test_placeholder' });
});
afterAll(async () => emulator.stop());

describe('the custom data key after a refused create', () => {
	it('a refused create (continue on fail) leaves no made-up generation ID in execution custom data', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 400, times: 1 });
		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: 'url',
				visualUrl: 'https://media.example.com/speaker.mp4',
				audioSource: 'url',
				audioUrl: 'https://media.example.com/voice.wav',
				completion: 'webhook',
				options: {},
			},
			credentials: { apiKey: 'key-test', baseUrl: emulator.url, signingSecret: 'whsec_test_placeholder' },
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(emulator.counters.generationsCreated).toBe(0);
		
		// n8n's custom data has no delete: "" (read as no generation) where there was no earlier value
		expect([undefined, '']).toContain(result.run.data.resultData.metadata?.[GENERATION_ID_KEY]);
	});
});

describe('the reservation of the custom data key', () => {
	/**
	 * Execution custom data as n8n-core keeps it (get/set/getAll, no delete:
	 * https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/node-execution-context/utils/execution-metadata.ts).
	 */
	function contextWith(initial: Record<string, string>) {
		const store: Record<string, string> = { ...initial };
		const customData = { get: (k: string) => store[k], set: (k: string, v: string) => (store[k] = v), getAll: () => ({ ...store }) };
		return { ctx: { customData } as unknown as IExecuteFunctions, store };
	}

	it('a failed create in a later Loop Over Items iteration gives back the previous iteration\'s real generation ID', () => {
		const { ctx, store } = contextWith({ [GENERATION_ID_KEY]: 'gen-of-iteration-1', other: 'x' });
		const reservation = reserveGenerationKey(ctx);
		expect(store[GENERATION_ID_KEY]).not.toBe('gen-of-iteration-1');
		reservation.restore();
		expect(store).toEqual({ [GENERATION_ID_KEY]: 'gen-of-iteration-1', other: 'x' });
	});

	it('restoring after the real ID was stored leaves the real ID', () => {
		const { ctx, store } = contextWith({});
		const reservation = reserveGenerationKey(ctx);
		rememberGeneration({ ...ctx, logger: { warn: () => undefined } } as unknown as IExecuteFunctions, 'gen-new');
		reservation.restore();
		expect(store[GENERATION_ID_KEY]).toBe('gen-new');
	});
});

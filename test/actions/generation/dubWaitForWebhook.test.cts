// Generation → Dub with "Wait for Webhook", in the in-process runner that plays n8n's waiting-webhook route (as
// test/actions/generation/waitForWebhook.test.cts does for Create): one item and one language per execution, the
// resume bound to the dubbed generation, its item saying the language, a lost webhook and a duplicate one as for
// Create, and more than one language refused before any request (docs/dubbing.md#wait-for-webhook).
import type { INodeParameters } from 'n8n-workflow';
import { GENERATION_ID_KEY } from '../../../nodes/SyncLabs/actions/generation/waitForWebhook';
import { startEmulator, TINY_MP4, type Emulator } from '../../emulator/index.cjs';
import { expireWaitingRun, requestFromDelivery, resumeWaitingRun, runNode, type RunNodeOptions, type RunNodeResult } from '../../runner/index.cjs';

const SECRET = 'whsec_dub_wait_for_webhook_tests';
const VIDEO = 'https://media.example.com/speaker.mp4';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 30, webhookSecret: SECRET });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

function dubAndWait(parameters: INodeParameters = {}, extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'dub',
			model: 'lipsync-2',
			visualSource: 'url',
			// Long enough that the generation is still running when the execution is put to wait, on a busy machine too.
			visualUrl: `${VIDEO}?sync_processing_ms=600`,
			targetLanguages: ['es'],
			completion: 'webhook',
			...parameters,
		},
		credentials: { apiKey: 'key-dub-wait', baseUrl: emulator.url, signingSecret: SECRET },
		...extra,
	});
}

async function deliveryFor(waiting: RunNodeResult) {
	const id = String(waiting.items[0]?.json.id);
	for (;;) {
		const delivery = emulator.webhookDeliveries.find((d) => d.id === id);
		if (delivery) return delivery;
		await emulator.waitForWebhooks(emulator.webhookDeliveries.length + 1, 5000);
	}
}

const creates = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate');

describe('Dub with Wait for Webhook', () => {
	it('creates one dubbed generation with this execution\'s resume URL, binds the wait to it and resumes on its callback, saying the language', async () => {
		const waiting = await dubAndWait({ targetLanguages: ['de'], options: { downloadOutput: true } as INodeParameters });
		expect(waiting.status).toBe('waiting');
		const [create] = creates();
		expect(create.json).toEqual({
			model: 'lipsync-2',
			input: [{ type: 'video', url: `${VIDEO}?sync_processing_ms=600` }],
			webhookUrl: expect.stringMatching(new RegExp(`/webhook-waiting/${waiting.executionId}`)),
			dubParams: { targetLang: 'de' },
		});
		const id = String(waiting.items[0].json.id);
		expect(waiting.run.data.resultData.metadata).toMatchObject({ [GENERATION_ID_KEY]: id });

		const outcome = await resumeWaitingRun(waiting, requestFromDelivery(await deliveryFor(waiting)));
		expect(outcome.httpStatus).toBe(200);
		const [item] = outcome.resumed!.items;
		expect(item.json).toMatchObject({ id, status: 'COMPLETED', targetLanguage: 'de' });
		expect(await outcome.resumed!.readBinary(item, 'data')).toEqual(Buffer.from(TINY_MP4));
		expect(emulator.counters.generationsCreated).toBe(1);
	});

	it('says the language on the resumed item also when it came from an expression', async () => {
		const waiting = await dubAndWait({ targetLanguages: '={{ $json.language }}' }, { items: [{ json: { language: 'ja' } }] });
		const outcome = await resumeWaitingRun(waiting, requestFromDelivery(await deliveryFor(waiting)));
		expect(outcome.resumed!.items[0].json).toMatchObject({ status: 'COMPLETED', targetLanguage: 'ja' });
	});

	it('refuses more than one language before any request, saying why and what to use instead', async () => {
		const result = await dubAndWait({ targetLanguages: ['es', 'de'] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Target Languages has 2 languages (es, de), but Completion "Wait for Webhook" dubs into one per execution: Sync\'s callback resumes it once. Use "Poll Until Done" for several languages, or Loop Over Items with one language each (item 0)',
		);
		expect(emulator.requests).toEqual([]);
	});

	it('refuses more than one item before any request, as Create does', async () => {
		const result = await dubAndWait({}, { items: [{ json: {} }, { json: {} }] });
		expect(result.error?.message).toBe('Completion "Wait for Webhook" handles one item per execution, but this node received 2 items');
		expect(emulator.requests).toEqual([]);
	});

	it('outputs a dub that finished before the pause at once, with its language', async () => {
		const result = await dubAndWait({ visualUrl: `${VIDEO}?sync_pending_ms=0&sync_processing_ms=0` });
		expect(result.status).toBe('success');
		expect(result.waitTill).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 'COMPLETED', targetLanguage: 'es' });
	});

	it('503 IDEMPOTENCY_OUTCOME_UNKNOWN, Continue (regular output): the error item carries the generation and the language', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', body: { generationId: 'gen-maybe-1' }, retryAfterSeconds: 0, times: Infinity });
		const result = await dubAndWait({ targetLanguages: ['fr'] }, { onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ error: expect.stringMatching(/\(dubbing into fr\)$/), generationId: 'gen-maybe-1', targetLanguage: 'fr' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('503 IDEMPOTENCY_OUTCOME_UNKNOWN: the error names the generation Sync may have made, with its language, and no wait is bound to it', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', body: { generationId: 'gen-maybe-1' }, retryAfterSeconds: 0, times: Infinity });
		const result = await dubAndWait({ targetLanguages: ['fr'] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('(dubbing into fr). Generations already created by this node: gen-maybe-1 (item 0, fr, outcome unknown: check it with "Get")');
		expect(result.run.data.resultData.metadata?.[GENERATION_ID_KEY] ?? '').toBe('');
	});

	it('a lost webhook then an expired Max Wait Time passes the input on, and Wait for Completion recovers the dub from custom data', async () => {
		emulator.setWebhookBehaviour({ drop: true });
		const waiting = await dubAndWait({ options: { maxWaitTime: 1 } as INodeParameters }, { items: [{ json: { clip: 'a' } }] });
		expect(waiting.status).toBe('waiting');
		const expired = await expireWaitingRun(waiting);
		expect(expired.items.map((i) => i.json)).toEqual([{ clip: 'a' }]);
		const id = expired.run.data.resultData.metadata?.[GENERATION_ID_KEY];
		expect(id).toBe(String(waiting.items[0].json.id));
		const followUp = await runNode({
			parameters: { resource: 'generation', operation: 'waitForCompletion', generationId: id, options: { firstPollInterval: 0.02, maxPollInterval: 0.05 } },
			credentials: { apiKey: 'key-dub-wait', baseUrl: emulator.url, signingSecret: SECRET },
		});
		expect(followUp.items[0].json).toMatchObject({ id, status: 'COMPLETED' });
		expect(emulator.counters.generationsCreated).toBe(1);
	});

	it('a webhook Sync delivers twice carries the same generation, and the first resumes the dub saying the language', async () => {
		emulator.setWebhookBehaviour({ duplicate: true });
		const waiting = await dubAndWait();
		expect(waiting.status).toBe('waiting');
		const [first, second] = await emulator.waitForWebhooks(2, 5000);
		expect(second.id).toBe(first.id);
		const outcome = await resumeWaitingRun(waiting, requestFromDelivery(first));
		expect(outcome.httpStatus).toBe(200);
		expect(outcome.resumed!.items.map((i) => i.json)).toEqual([expect.objectContaining({ id: waiting.items[0].json.id, status: 'COMPLETED', targetLanguage: 'es' })]);
		expect(emulator.counters.generationsCreated).toBe(1);
	});
});

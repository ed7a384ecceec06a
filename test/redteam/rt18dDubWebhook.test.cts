// Red-team probes: Generation → Dub with Wait for Webhook when the webhook is lost and Max Wait Time expires, and
// when Sync delivers it twice: exactly as Create (docs/dubbing.md#wait-for-webhook). Both HELD on main; kept as
// evidence. (A second resume of the same run is n8n's to refuse: the in-process runner does not model that.)
import type { INodeParameters } from 'n8n-workflow';
import { GENERATION_ID_KEY } from '../../nodes/SyncLabs/actions/generation/waitForWebhook';
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { expireWaitingRun, requestFromDelivery, resumeWaitingRun, runNode } from '../runner/index.cjs';

const SECRET = 'whsec_rt18d_dub_webhook';
const VIDEO = 'https://media.example.com/speaker.mp4';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 30, webhookSecret: SECRET });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: 'key-rt18d-dub', baseUrl: emulator.url, signingSecret: SECRET });
const dub = (options: INodeParameters = {}) =>
	runNode({
		parameters: { resource: 'generation', operation: 'dub', model: 'lipsync-2', visualSource: 'url', visualUrl: `${VIDEO}?sync_processing_ms=150`, targetLanguages: ['es'], completion: 'webhook', options },
		items: [{ json: { clip: 'a' } }],
		credentials: credentials(),
	});

it('a lost webhook then an expired Max Wait Time passes the input on, and Wait for Completion recovers the dub from custom data', async () => {
	emulator.setWebhookBehaviour({ drop: true });
	const waiting = await dub({ maxWaitTime: 1 });
	expect(waiting.status).toBe('waiting');
	const expired = await expireWaitingRun(waiting);
	expect(expired.items.map((i) => i.json)).toEqual([{ clip: 'a' }]);
	const id = expired.run.data.resultData.metadata?.[GENERATION_ID_KEY];
	expect(id).toBe(String(waiting.items[0].json.id));
	const followUp = await runNode({
		parameters: { resource: 'generation', operation: 'waitForCompletion', generationId: id, options: { firstPollInterval: 0.02, maxPollInterval: 0.05 } },
		credentials: credentials(),
	});
	expect(followUp.items[0].json).toMatchObject({ id, status: 'COMPLETED' });
});

it('a webhook delivered twice carries the same generation, and the first resumes the dub saying the language', async () => {
	emulator.setWebhookBehaviour({ duplicate: true });
	const waiting = await dub();
	expect(waiting.status).toBe('waiting');
	const [first, second] = await emulator.waitForWebhooks(2, 5000);
	expect(second.id).toBe(first.id);
	const outcome = await resumeWaitingRun(waiting, requestFromDelivery(first));
	expect(outcome.httpStatus).toBe(200);
	expect(outcome.resumed!.items.map((i) => i.json)).toEqual([expect.objectContaining({ id: waiting.items[0].json.id, status: 'COMPLETED', targetLanguage: 'es' })]);
	expect(emulator.counters.generationsCreated).toBe(1);
});

// Generation → Create with "Wait for Webhook", in the in-process runner that plays n8n 2.41's waiting-webhook
// route (test/runner/src/workflowRunner.cts, each behaviour checked in test/e2e/resume.e2e.test.cts): the resume
// is bound to the generation this run created, a verified callback is never lost, and waits end.
import type { IExecuteFunctions, INodeExecutionData, INodeParameters, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { SyncLabsVersionNode } from '../../../nodes/SyncLabs/SyncLabs.node';
import { GENERATION_ID_KEY } from '../../../nodes/SyncLabs/actions/generation/waitForWebhook';
import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';
import { startEmulator, TINY_MP4, type Emulator } from '../../emulator/index.cjs';
import {
	expireWaitingRun,
	requestFromDelivery,
	resumeWaitingRun,
	runNode,
	type RunNodeOptions,
	type RunNodeResult,
	type WaitingWebhookRequest,
} from '../../runner/index.cjs';

const SECRET = 'whsec_wait_for_webhook_tests';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 30, webhookSecret: SECRET });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: 'key-wait-tests', baseUrl: emulator.url, signingSecret: SECRET });

function waitForWebhook(options: Record<string, unknown> = {}, visualUrl = VIDEO, extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualSource: 'url',
			visualUrl,
			audioSource: 'url',
			audioUrl: AUDIO,
			completion: 'webhook',
			options: options as INodeParameters,
		},
		credentials: credentials(),
		...extra,
	});
}

/** The generation the waiting run created: its output before the pause (what n8n pops on resume). */
const ownId = (waiting: RunNodeResult) => String(waiting.items[0]?.json.id);

/** The signed delivery Sync sent for the run's generation (nothing listens at the runner's resume URL). */
async function deliveryFor(waiting: RunNodeResult) {
	const id = ownId(waiting);
	for (;;) {
		const delivery = emulator.webhookDeliveries.find((d) => d.id === id);
		if (delivery) return delivery;
		await emulator.waitForWebhooks(emulator.webhookDeliveries.length + 1, 5000);
	}
}

/** A correctly signed delivery of `body` with some fields changed, to the same resume URL. */
function resigned(delivery: { url: string; body: string }, changes: Record<string, unknown>): WaitingWebhookRequest {
	const body = Buffer.from(JSON.stringify({ ...JSON.parse(delivery.body), ...changes }));
	return {
		url: delivery.url,
		headers: { 'content-type': 'application/json', 'sync-signature': signSyncPayload({ secret: SECRET, timestamp: Date.now() / 1000, body }) },
		body,
	};
}

/** Small seeded PRNG (mulberry32), so a failing sequence can be replayed from its seed. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('the in-process runner plays n8n’s waiting-webhook route', () => {
	/** The real node, whose webhook() first reports how many runs of itself it can see. */
	class RunDataProbe extends SyncLabsVersionNode {
		seenRuns: number | undefined;
		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			const data = (this as unknown as { runExecutionData: { resultData: { runData: Record<string, unknown[]> } } }).runExecutionData;
			probe.seenRuns = data.resultData.runData['Sync Labs']?.length ?? 0;
			return await SyncLabsVersionNode.prototype.webhook.call(this);
		}
	}
	const probe = new RunDataProbe(2);

	it('pops the waiting run of the node before webhook() runs, as waiting-webhooks.js does', async () => {
		const waiting = await waitForWebhook({}, `${VIDEO}?sync_processing_ms=200`, { nodeTypeOverride: probe });
		expect(waiting.status).toBe('waiting');
		expect(waiting.run.data.resultData.runData['Sync Labs']).toHaveLength(1);

		const outcome = await resumeWaitingRun(waiting, requestFromDelivery(await deliveryFor(waiting)));
		expect(probe.seenRuns).toBe(0);
		expect(outcome.resumed?.run.data.resultData.runData['Sync Labs']).toHaveLength(1);
	});

	it('passes the input through when the wait expires, without calling the node', async () => {
		const waiting = await waitForWebhook({}, `${VIDEO}?sync_processing_ms=200`, { items: [{ json: { clip: 7 } }] });
		const expired = await expireWaitingRun(waiting);
		expect(expired.status).toBe('success');
		expect(expired.items.map((i) => i.json)).toEqual([{ clip: 7 }]);
	});
});

describe('Wait for Webhook: the resume is bound to the generation this run created', () => {
	it('stores the created generation in execution custom data', async () => {
		const waiting = await waitForWebhook({}, `${VIDEO}?sync_processing_ms=200`);
		expect(waiting.status).toBe('waiting');
		expect(waiting.run.data.resultData.metadata).toMatchObject({ [GENERATION_ID_KEY]: ownId(waiting) });
	});

	it('refuses with 409 every signed delivery for another generation or a batch, keeps waiting, and resumes on its own (random sequences)', async () => {
		for (const seed of [1, 2, 3, 4, 5, 6]) {
			emulator.reset();
			const random = prng(seed);
			const waiting = await waitForWebhook({}, `${VIDEO}?sync_processing_ms=100&seed=${seed}`);
			const own = await deliveryFor(waiting);
			const foreign = 1 + Math.floor(random() * 4);
			for (let i = 0; i < foreign; i++) {
				const status = ['COMPLETED', 'FAILED', 'REJECTED', 'PROCESSING'][Math.floor(random() * 4)];
				const otherId = `${Math.floor(random() * 1e9).toString(16)}-0000-4000-8000-${String(seed).padStart(12, '0')}`;
				const request =
					random() < 0.2
						? resigned(own, { id: otherId, status: 'COMPLETED', metrics: { total: 1, completed: 1, failed: 0 }, input: undefined })
						: resigned(own, { id: otherId, status, outputUrl: `https://evil.example/${otherId}.mp4` });
				const refused = await resumeWaitingRun(waiting, request);
				expect({ seed, i, status: refused.httpStatus, resumed: refused.resumed }).toEqual({ seed, i, status: 409, resumed: null });
			}
			const resumed = await resumeWaitingRun(waiting, requestFromDelivery(own));
			expect(resumed.httpStatus).toBe(200);
			expect(resumed.resumed?.items.map((i) => i.json.id)).toEqual([own.id]);
		}
	});
});

describe('Wait for Webhook: a verified callback is never lost', () => {
	// What is retried and what it leads to, not how long the backoff is (test/transport/quickRetries.cts).
	useQuickRetries();
	it('acknowledges at once and retries a failing output download until it succeeds', async () => {
		const waiting = await waitForWebhook({ downloadOutput: true }, `${VIDEO}?sync_processing_ms=100`);
		const delivery = await deliveryFor(waiting);
		emulator.injectFault({ method: 'GET', path: '/files/*', status: 503, times: 2 });

		const outcome = await resumeWaitingRun(waiting, requestFromDelivery(delivery));
		expect(outcome.httpStatus).toBe(200);
		expect(outcome.responseBody).toEqual({ message: 'Workflow was started' });
		const [item] = outcome.resumed!.items;
		expect(item.json).toMatchObject({ id: delivery.id, status: 'COMPLETED' });
		expect(item.json.downloadError).toBeUndefined();
		expect(await outcome.resumed!.readBinary(item, 'data')).toEqual(Buffer.from(TINY_MP4));
		expect(emulator.requests.filter((r) => r.method === 'GET' && r.path === `/files/${delivery.id}.mp4`).map((r) => r.status)).toEqual([503, 503, 200]);
	}, 20_000);

	it('resumes with the generation and a downloadError when the download cannot succeed: no 500, no run on {}', async () => {
		const waiting = await waitForWebhook({ downloadOutput: true }, `${VIDEO}?sync_processing_ms=100`, { items: [{ json: { upstream: 'kept' } }] });
		const delivery = await deliveryFor(waiting);
		emulator.injectFault({ method: 'GET', path: '/files/*', status: 403, times: 1 });

		const outcome = await resumeWaitingRun(waiting, requestFromDelivery(delivery));
		expect(outcome.httpStatus).toBe(200);
		expect(outcome.resumed?.status).toBe('success');
		const [item] = outcome.resumed!.items;
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({
			id: delivery.id,
			status: 'COMPLETED',
			outputUrl: `${emulator.url}/files/${delivery.id}.mp4`,
			downloadError: expect.stringMatching(/HTTP 403/),
		});
		// the earlier node's output survives (a throwing webhook() would have replaced runData)
		expect(outcome.resumed!.run.data.resultData.runData.Input?.[0].data?.main[0]?.[0].json).toEqual({ upstream: 'kept' });
	});

	it('outputs FAILED and REJECTED generations after a resume as items on the main output with status, error and errorCode', async () => {
		for (const outcome of ['failed', 'rejected'] as const) {
			emulator.reset();
			emulator.config.webhookOnRejected = true;
			const waiting = await waitForWebhook({}, `${VIDEO}?sync_outcome=${outcome}&sync_pending_ms=150&sync_processing_ms=100`);
			expect(waiting.status).toBe('waiting');
			const resumed = await resumeWaitingRun(waiting, requestFromDelivery(await deliveryFor(waiting)));
			expect(resumed.httpStatus).toBe(200);
			expect(resumed.resumed?.status).toBe('success');
			expect(resumed.resumed?.items[0].json).toMatchObject({
				status: outcome.toUpperCase(),
				error: expect.any(String),
				errorCode: expect.any(String),
			});
		}
		emulator.config.webhookOnRejected = false;
	});

	it('resumes a COMPLETED generation sent with Sync\'s docs-example empty strings with error and errorCode null, as the trigger does', async () => {
		const waiting = await waitForWebhook({}, `${VIDEO}?sync_processing_ms=200`);
		expect(waiting.status).toBe('waiting');
		// https://sync.so/docs/api-reference/api/webhooks-payload-reference/webhooks/generation-status-update (test/fixtures/syncDocsWebhooks.cts)
		const resumed = await resumeWaitingRun(waiting, resigned(await deliveryFor(waiting), { error: '', error_code: '', errorCode: '' }));
		expect(resumed.httpStatus).toBe(200);
		const json = resumed.resumed!.items[0].json;
		expect({ id: json.id, status: json.status, error: json.error, errorCode: json.errorCode }).toEqual({ id: ownId(waiting), status: 'COMPLETED', error: null, errorCode: null });
	});
});

describe('Wait for Webhook: waits end and say what happened', () => {
	it('waits the Max Wait Time the UI shows (1800 s) when the option was never added', async () => {
		const before = Date.now();
		const waiting = await waitForWebhook({}, `${VIDEO}?sync_processing_ms=200`);
		expect(waiting.status).toBe('waiting');
		const waitMs = waiting.waitTill!.getTime() - before;
		expect(waitMs).toBeGreaterThan(1799_000);
		expect(waitMs).toBeLessThan(1801_000 + 5_000);
	});

	it('after an expired wait, a follow-up Wait for Completion recovers the generation from custom data', async () => {
		const waiting = await waitForWebhook({ maxWaitTime: 1 }, `${VIDEO}?sync_processing_ms=150`, { items: [{ json: { clip: 'a' } }] });
		const expired = await expireWaitingRun(waiting);
		expect(expired.items.map((i) => i.json)).toEqual([{ clip: 'a' }]);
		const id = expired.run.data.resultData.metadata?.[GENERATION_ID_KEY];
		expect(id).toBe(ownId(waiting));

		const followUp = await runNode({
			parameters: { resource: 'generation', operation: 'waitForCompletion', generationId: id, options: { firstPollInterval: 0.02, maxPollInterval: 0.05 } },
			credentials: credentials(),
		});
		expect(followUp.status).toBe('success');
		expect(followUp.items[0].json).toMatchObject({ id, status: 'COMPLETED' });
	});

	it('outputs a generation that finished before the pause at once, without waiting', async () => {
		for (const [marker, status] of [
			['sync_pending_ms=0&sync_processing_ms=0', 'COMPLETED'],
			['sync_outcome=failed&sync_pending_ms=0&sync_processing_ms=0', 'FAILED'],
		] as const) {
			emulator.reset();
			const result = await waitForWebhook({ downloadOutput: true }, `${VIDEO}?${marker}`);
			expect(result.status).toBe('success');
			expect(result.waitTill).toBeUndefined();
			const [item] = result.items as INodeExecutionData[];
			expect(item.json).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status });
			if (status === 'COMPLETED') expect(await result.readBinary(item, 'data')).toEqual(Buffer.from(TINY_MP4));
			else expect(item.json).toMatchObject({ error: expect.any(String), errorCode: 'generation_pipeline_failed' });
		}
	});

	it('refuses to create when execution custom data is full, before any request', async () => {
		class FullCustomData extends SyncLabsVersionNode {
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				for (let i = 0; i < 10; i++) this.customData.set(`upstream_${i}`, String(i));
				return await SyncLabsVersionNode.prototype.execute.call(this);
			}
		}
		const result = await waitForWebhook({}, VIDEO, { nodeTypeOverride: new FullCustomData(2) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/custom data is full/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('keeps the last free custom data key for its generation ID, so the idempotency salt cannot take it', async () => {
		class NineKeysUsed extends SyncLabsVersionNode {
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				for (let i = 0; i < 9; i++) this.customData.set(`upstream_${i}`, String(i));
				return await SyncLabsVersionNode.prototype.execute.call(this);
			}
		}
		const result = await waitForWebhook({}, VIDEO, { nodeTypeOverride: new NineKeysUsed(2) });
		expect(result.status).toBe('waiting');
		const customData = result.run.data.resultData.metadata ?? {};
		expect(customData[GENERATION_ID_KEY]).toBe(result.items[0].json.id);
	});
});

// Bursts and queue mode on a real n8n 2.41.1 (runs once: skipped when N8N_E2E_VERSION is 2.8.4). The
// create+wait scenario needs the node to hand Sync `$execution.resumeUrl` (2.41 checks the resume token).
//  - single process (sqlite, the default harness): 1000 signed deliveries at concurrency 50 → exactly 1000
//    successful executions, each delivery id once.
//  - queue mode (Redis + PostgreSQL from Debian's packages, main + `n8n webhook` + 2 × `n8n worker`): the same
//    burst against the webhook process's production URL, and a Sync Labs Create with "Wait for Webhook" whose
//    execution waits and is resumed through the webhook process by the emulator's signed callback.
// Env: SYNCLABS_E2E_BURST (default 1000), SYNCLABS_E2E_BURST_CONCURRENCY (default 50),
//      SYNCLABS_E2E_EXPRESSION_ENGINE (n8n's N8N_EXPRESSION_ENGINE for these servers; default: n8n's own, 'vm').
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { N8nInstance, nodeOutput, startN8n } from './harness/index.cjs';
import { compareIds, generationPayload, runLoad, signedDelivery, triggerItemIds, waitForExecutionCount } from './harness/load.cjs';
import { QueueCluster, startQueueCluster } from './harness/queue.cjs';
import { CREATE_NODE_NAME, createAndWaitWorkflow, syncTriggerWorkflow } from './fixtures/load.cjs';
import { CREDENTIAL, SIGNING_SECRET, TRIGGER_NAME } from './fixtures/trigger.cjs';

const version = process.env.N8N_E2E_VERSION ?? '2.41.1';
const runHere = version === '2.41.1';
const describeHere = runHere ? describe : describe.skip;

const BURST = Number(process.env.SYNCLABS_E2E_BURST ?? 1000);
const CONCURRENCY = Number(process.env.SYNCLABS_E2E_BURST_CONCURRENCY ?? 50);
const engineEnv: Record<string, string> = process.env.SYNCLABS_E2E_EXPRESSION_ENGINE
	? { N8N_EXPRESSION_ENGINE: process.env.SYNCLABS_E2E_EXPRESSION_ENGINE }
	: {};

const BURST_WF = { id: 'SyncLabsBurst001', webhookId: '5e1d0a11-7a11-4e7e-8a11-0000000000d1' };
const CREATE_WF = { id: 'SyncLabsQCreate1', webhookId: '5e1d0a11-7a11-4e7e-8a11-0000000000d2', path: 'synclabs-queue-create' };
const burstPath = `${BURST_WF.webhookId}/syncLabs`;

const report = (msg: string) => process.stderr.write(`[e2e burst] ${msg}\n`);

/** Sends BURST signed deliveries with unique ids and checks the executions hold exactly that set. */
async function burst(label: string, n8n: N8nInstance, url: string): Promise<void> {
	const tag = `${label}_${Date.now().toString(36)}`;
	const ids: string[] = [];
	const sent = await runLoad(BURST, CONCURRENCY, (i) => {
		const id = `burst_${tag}_${i}`;
		ids.push(id);
		return signedDelivery(url, generationPayload(id, 2048), SIGNING_SECRET);
	});
	report(`${label}: ${BURST} deliveries at concurrency ${CONCURRENCY} answered in ${(sent.ms / 1000).toFixed(1)} s ` +
		`(${sent.perSecond.toFixed(1)}/s): ${JSON.stringify(sent.byStatus)}`);
	expect(sent.byStatus).toEqual({ 200: BURST });

	const t0 = Date.now();
	const counts = await waitForExecutionCount(n8n, BURST_WF.id, BURST, { timeoutMs: 600_000, settleMs: 3000 });
	report(`${label}: executions ${JSON.stringify(counts)} ${((Date.now() - t0) / 1000).toFixed(1)} s after the last answer`);
	const found = await triggerItemIds(n8n, BURST_WF.id, TRIGGER_NAME);
	const cmp = compareIds(ids, found);
	report(`${label}: expected ${cmp.expected}, executions ${cmp.executed}, missing ${cmp.missing.length}, ` +
		`twice ${cmp.duplicated.length}, unexpected ${cmp.unexpected.length}, not success ${cmp.notSuccess}`);
	expect(cmp.missing).toEqual([]);
	expect(cmp.duplicated).toEqual([]);
	expect(cmp.unexpected).toEqual([]);
	expect(cmp.notSuccess).toBe(0);
	expect(cmp.executed).toBe(BURST);
	expect(found.every((e) => e.ids.length === 1)).toBe(true);
}

describeHere(`burst on one n8n ${version} process (sqlite)`, () => {
	let n8n: N8nInstance;
	beforeAll(async () => {
		n8n = await startN8n({
			version: '2.41.1',
			credentials: [CREDENTIAL],
			workflows: [syncTriggerWorkflow(BURST_WF.id, BURST_WF.webhookId, 'E2E burst (single process)')],
			vars: { SYNC_BASE_URL: 'http://127.0.0.1:9' },
			env: engineEnv,
			waitForWebhooks: [burstPath],
		});
	}, 300_000);
	afterAll(async () => {
		await n8n?.stop();
	});

	it(`${BURST} signed deliveries at concurrency ${CONCURRENCY}: ${BURST} executions, none lost, none twice`, async () => {
		await burst('single', n8n, n8n.webhookUrl(burstPath));
	}, 900_000);
});

describeHere(`queue mode on n8n ${version}: main + webhook process + 2 workers, Redis, PostgreSQL`, () => {
	let cluster: QueueCluster;
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ port: 0, webhookSecret: SIGNING_SECRET, pendingMs: 300, processingMs: 1500 });
		const t0 = Date.now();
		cluster = await startQueueCluster({
			credentials: [CREDENTIAL],
			workflows: [
				syncTriggerWorkflow(BURST_WF.id, BURST_WF.webhookId, 'E2E burst (queue mode)'),
				createAndWaitWorkflow(CREATE_WF.id, CREATE_WF.webhookId, CREATE_WF.path),
			],
			vars: { SYNC_BASE_URL: emulator.url },
			env: engineEnv,
			waitForWebhooks: [burstPath, CREATE_WF.path],
		});
		report(`queue cluster up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	}, 600_000);
	afterAll(async () => {
		await cluster?.stop();
		await emulator?.stop();
	});

	it('every process is up and production traffic goes to the webhook process', async () => {
		expect(cluster.allAlive()).toBe(true);
		expect(cluster.webhook.log()).toMatch(/Webhook listener waiting for requests/);
		for (const w of cluster.workers) expect(w.log()).toMatch(/n8n worker is now ready/);
		// the main process serves no production webhooks in this topology
		const onMain = await fetch(cluster.main.webhookUrl(burstPath), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
		await onMain.arrayBuffer();
		expect(onMain.status).toBe(404);
	});

	it(`${BURST} signed deliveries at concurrency ${CONCURRENCY} to the webhook process: ${BURST} executions, none lost, none twice`, async () => {
		await burst('queue', cluster.main, cluster.webhookUrl(burstPath));
		// both workers took jobs
		const startedPerWorker = cluster.workers.map((w) => (w.log().match(/Worker started execution \d+/g) ?? []).length);
		report(`queue: executions started per worker ${JSON.stringify(startedPerWorker)}`);
		expect(startedPerWorker.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(BURST);
		expect(startedPerWorker.every((n) => n > 0)).toBe(true);
		expect(cluster.allAlive()).toBe(true);
	}, 900_000);

	it('Create with "Wait for Webhook": waits, Sync calls the signed resume URL on the webhook process, a worker finishes it with the COMPLETED generation', async () => {
		const visualUrl = 'https://media.example.com/speaker.mp4?sync_outcome=completed';
		const start = await fetch(cluster.webhookUrl(CREATE_WF.path), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ visualUrl }),
		});
		await start.arrayBuffer();
		expect(start.status).toBe(200);

		// the create reached the emulator with this execution's signed resume URL on the webhook process
		const deadline = Date.now() + 60_000;
		let create = emulator.requests.find((r) => r.method === 'POST' && r.path === '/v2/generate');
		while (!create && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 200));
			create = emulator.requests.find((r) => r.method === 'POST' && r.path === '/v2/generate');
		}
		expect(create).toBeDefined();
		const resumeUrl = (create!.json as { webhookUrl: string }).webhookUrl;
		expect(resumeUrl.startsWith(`${cluster.webhookBaseUrl}/webhook-waiting/`)).toBe(true);
		expect(resumeUrl).toContain('signature=');

		// Sync's callback went to the resume URL and was accepted
		const [delivery] = await emulator.waitForWebhooks(1, 60_000);
		expect(delivery.url).toBe(resumeUrl);
		report(`resume callback: HTTP ${delivery.status} ${JSON.stringify(delivery.response).slice(0, 300)}`);
		expect({ status: delivery.status, response: delivery.response }).toEqual({ status: 200, response: expect.anything() });

		const [execution] = await cluster.main.waitForExecutions(CREATE_WF.id, { count: 1, timeoutMs: 120_000, statuses: ['success', 'error', 'crashed', 'canceled'] });
		expect(execution.status).toBe('success');
		const [item] = nodeOutput(execution, CREATE_NODE_NAME);
		expect(item).toMatchObject({ id: delivery.id, status: 'COMPLETED' });
		expect(String(item.outputUrl)).toContain(delivery.id);
		// no polling: one create and the one status check before the pause, nothing else on /v2/generate
		expect(emulator.requests.filter((r) => r.path.startsWith('/v2/generate')).map((r) => r.method)).toEqual(['POST', 'GET']);

		// who did what, from the process logs (n8n logs enqueue/start/finish per execution at info level)
		const who = cluster.whoRan(execution.id);
		report(`create+wait execution ${execution.id}: ${JSON.stringify(who)}`);
		expect(who.enqueuedBy.length).toBeGreaterThanOrEqual(1);
		expect(who.enqueuedBy.every((p) => p === 'webhook')).toBe(true); // start and resume both came in there
		// the first part (up to the wait) and the resumed part each ran on a worker, never on main/webhook
		expect(who.startedBy.length).toBeGreaterThanOrEqual(1);
		expect(who.startedBy.every((p) => p.startsWith('worker'))).toBe(true);
		const startsInLogs = cluster.workers
			.map((w) => (w.log().match(new RegExp(`Worker started execution ${execution.id} \\(`, 'g')) ?? []).length)
			.reduce((a, b) => a + b, 0);
		expect(startsInLogs).toBe(2); // once for the create, once for the resume
	}, 300_000);
});

if (!runHere) {
	it.skip(`queue mode and bursts run on n8n 2.41.1 only (this run: ${version})`, () => undefined);
}

// Real-n8n throughput: signed Sync deliveries through the Sync Labs Trigger vs the same-size POSTs through
// n8n's own Webhook node (POST, respond immediately), on the same n8n, same ~2 KB payload, same concurrency,
// alternating rounds; first on one n8n process (sqlite), then in queue mode (main + webhook process + 2 workers,
// Redis + PostgreSQL). A round = N requests at concurrency C; its time runs from the first request to the
// moment all N executions have finished (read back through the public API), and the queue is drained before
// the next round. Reported: median ratio trigger/webhook of deliveries per second (goal >= 0.95).
//
//   npx tsx scripts/bench/n8n.bench.ts            # both setups
//   N8N_BENCH_SETUPS=single npx tsx scripts/bench/n8n.bench.ts
//   npx tsx -e "require('./scripts/bench/n8n.bench').n8nBench()"
// Env: N8N_BENCH_ROUNDS (default 5 per side), N8N_BENCH_REQUESTS (per round, default 200),
//      N8N_BENCH_CONCURRENCY (default 20), N8N_BENCH_SETUPS (single,queue).
// Needs the cached n8n 2.41.1 (test/e2e/install-n8n.sh) and, for queue mode, Redis/PostgreSQL
// (test/e2e/services/ensure-services.sh installs them through apt as root).
import { line, median } from './measure';
import { N8nInstance, startN8n } from '../../test/e2e/harness/n8n';
import { startQueueCluster } from '../../test/e2e/harness/queue';
import { executionStatusCounts, generationPayload, runLoad, signedDelivery, type LoadRequest } from '../../test/e2e/harness/load';
import { CREDENTIAL, SIGNING_SECRET } from '../../test/e2e/fixtures/trigger';
import { plainWebhookWorkflow, syncTriggerWorkflow } from '../../test/e2e/fixtures/load';

const TRIGGER_WF = { id: 'SyncLabsBenchTrg', webhookId: '5e1d0a11-7a11-4e7e-8a11-0000000000b1' };
const PLAIN_WF = { id: 'SyncLabsBenchWhk', webhookId: '5e1d0a11-7a11-4e7e-8a11-0000000000b2', path: 'synclabs-bench-webhook' };
const PAYLOAD_BYTES = 2048;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface SideResult {
	perSecond: number;
	httpPerSecond: number;
}

async function ended(n8n: N8nInstance, workflowId: string): Promise<number> {
	const c = await executionStatusCounts(n8n, workflowId);
	return (c.success ?? 0) + (c.error ?? 0) + (c.crashed ?? 0) + (c.canceled ?? 0);
}

async function round(
	n8n: N8nInstance,
	workflowId: string,
	already: number,
	count: number,
	concurrency: number,
	make: (i: number) => LoadRequest,
): Promise<SideResult> {
	const start = process.hrtime.bigint();
	const load = await runLoad(count, concurrency, make);
	const bad = Object.entries(load.byStatus).filter(([s]) => s !== '200');
	if (bad.length) throw new Error(`non-200 answers in a bench round: ${JSON.stringify(load.byStatus)}`);
	const deadline = Date.now() + 300_000;
	for (;;) {
		const n = await ended(n8n, workflowId);
		if (n >= already + count) break;
		if (Date.now() > deadline) throw new Error(`only ${n - already}/${count} executions of ${workflowId} ended after 300 s`);
		await sleep(100);
	}
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	return { perSecond: (count * 1000) / ms, httpPerSecond: load.perSecond };
}

async function benchSetup(
	label: string,
	n8n: N8nInstance,
	triggerUrl: string,
	webhookUrl: string,
	opts: { rounds: number; requests: number; concurrency: number },
): Promise<{ ratio: number; trigger: number; webhook: number }> {
	let seq = 0;
	const tag = Date.now().toString(36);
	const makeTrigger = (i: number) =>
		signedDelivery(triggerUrl, generationPayload(`bench_${tag}_${seq}_${i}`, PAYLOAD_BYTES), SIGNING_SECRET);
	const makePlain = (i: number): LoadRequest => {
		const body = Buffer.from(JSON.stringify(generationPayload(`bench_${tag}_${seq}_${i}`, PAYLOAD_BYTES)));
		// same headers as a Sync delivery (the Webhook node ignores the signature)
		return { ...signedDelivery(webhookUrl, {}, SIGNING_SECRET), body, url: webhookUrl, kind: 'plain' };
	};
	const done = { trigger: 0, plain: 0 };
	// warm-up (JIT, connection pools, DB caches), not counted
	const warm = Math.min(50, opts.requests);
	await round(n8n, TRIGGER_WF.id, done.trigger, warm, opts.concurrency, makeTrigger);
	done.trigger += warm;
	await round(n8n, PLAIN_WF.id, done.plain, warm, opts.concurrency, makePlain);
	done.plain += warm;

	const ratios: number[] = [];
	const t: number[] = [];
	const w: number[] = [];
	const th: number[] = [];
	const wh: number[] = [];
	for (let r = 0; r < opts.rounds; r++) {
		seq = r + 1;
		// alternate which side goes first
		const order: Array<'trigger' | 'plain'> = r % 2 === 0 ? ['trigger', 'plain'] : ['plain', 'trigger'];
		const res: Record<string, SideResult> = {};
		for (const side of order) {
			if (side === 'trigger') {
				res.trigger = await round(n8n, TRIGGER_WF.id, done.trigger, opts.requests, opts.concurrency, makeTrigger);
				done.trigger += opts.requests;
			} else {
				res.plain = await round(n8n, PLAIN_WF.id, done.plain, opts.requests, opts.concurrency, makePlain);
				done.plain += opts.requests;
			}
		}
		t.push(res.trigger.perSecond);
		w.push(res.plain.perSecond);
		th.push(res.trigger.httpPerSecond);
		wh.push(res.plain.httpPerSecond);
		ratios.push(res.trigger.perSecond / res.plain.perSecond);
	}
	const ratio = median(ratios);
	line(`n8n ${label}: Sync Labs Trigger deliveries/s (end to end)`, `${median(t).toFixed(1)} /s  (HTTP ack ${median(th).toFixed(1)} /s)`);
	line(`n8n ${label}: Webhook node deliveries/s (end to end)`, `${median(w).toFixed(1)} /s  (HTTP ack ${median(wh).toFixed(1)} /s)`);
	line(
		`n8n ${label}: trigger/webhook ratio (goal >= 0.95)`,
		`${ratio.toFixed(3)}  rounds ${ratios.map((x) => x.toFixed(2)).join(' ')}  ${ratio >= 0.95 ? 'OK' : 'BELOW GOAL'}`,
	);
	return { ratio, trigger: median(t), webhook: median(w) };
}

export async function n8nBench(): Promise<void> {
	const rounds = Number(process.env.N8N_BENCH_ROUNDS ?? 5);
	const requests = Number(process.env.N8N_BENCH_REQUESTS ?? 200);
	const concurrency = Number(process.env.N8N_BENCH_CONCURRENCY ?? 20);
	const setups = (process.env.N8N_BENCH_SETUPS ?? 'single,queue').split(',').map((s) => s.trim());
	const opts = { rounds, requests, concurrency };
	const workflows = [
		syncTriggerWorkflow(TRIGGER_WF.id, TRIGGER_WF.webhookId, 'Bench: Sync Labs Trigger'),
		plainWebhookWorkflow(PLAIN_WF.id, PLAIN_WF.webhookId, PLAIN_WF.path),
	];
	const vars = { SYNC_BASE_URL: 'http://127.0.0.1:9' };
	const triggerPath = `${TRIGGER_WF.webhookId}/syncLabs`;
	line('n8n bench setup', `${rounds} rounds x ${requests} requests per side, concurrency ${concurrency}, ${PAYLOAD_BYTES} B payload`);

	if (setups.includes('single')) {
		const n8n = await startN8n({
			version: '2.41.1',
			credentials: [CREDENTIAL],
			workflows,
			vars,
			keepRunDir: false,
			waitForWebhooks: [triggerPath, PLAIN_WF.path],
		});
		try {
			await benchSetup('2.41.1 single process (sqlite)', n8n, n8n.webhookUrl(triggerPath), n8n.webhookUrl(PLAIN_WF.path), opts);
		} finally {
			await n8n.stop();
		}
	}
	if (setups.includes('queue')) {
		const cluster = await startQueueCluster({
			credentials: [CREDENTIAL],
			workflows,
			vars,
			waitForWebhooks: [triggerPath, PLAIN_WF.path],
		});
		try {
			await benchSetup(
				'2.41.1 queue mode (webhook proc + 2 workers, pg)',
				cluster.main,
				cluster.webhookUrl(triggerPath),
				cluster.webhookUrl(PLAIN_WF.path),
				opts,
			);
		} finally {
			await cluster.stop();
		}
	}
}

if (require.main === module) {
	n8nBench().then(
		() => process.exit(0),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}

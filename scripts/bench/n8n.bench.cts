// Real-n8n throughput: signed Sync deliveries through the Sync Labs Trigger vs the same-size POSTs through
// n8n's own Webhook node (POST, respond immediately), on the same n8n, same ~2 KB payload, same concurrency,
// rotating rounds; first on one n8n process (sqlite), then in queue mode (main + webhook process + 2 workers,
// Redis + PostgreSQL), each under both of n8n's server-side expression engines. A round = N requests at
// concurrency C; its time runs from the first request to the moment all N executions have finished (read back
// through the public API), and the queue is drained before the next round. Reported: median ratio
// trigger/webhook of deliveries per second (goal >= 0.95), and trigger/control, where the control is n8n's own
// Webhook node v1 with Header Auth: the same per-request work in n8n core as any credentialed trigger.
//
//   npx tsx scripts/bench/n8n.bench.cts            # both setups
//   N8N_BENCH_SETUPS=single npx tsx scripts/bench/n8n.bench.cts
//   npx tsx -e "require('./scripts/bench/n8n.bench').n8nBench()"
// Env: N8N_BENCH_ROUNDS (default 5 per side), N8N_BENCH_REQUESTS (per round, default 200),
//      N8N_BENCH_CONCURRENCY (default 20), N8N_BENCH_SETUPS (single,queue),
//      N8N_BENCH_ENGINES (N8N_EXPRESSION_ENGINE values, each measured for every setup; default vm,legacy).
// Needs the cached n8n 2.41.1 (test/e2e/install-n8n.sh) and, for queue mode, Redis/PostgreSQL
// (test/e2e/services/ensure-services.sh installs them through apt as root).
import { line, median } from './measure.cjs';
import {
	executionStatusCounts,
	generationPayload,
	runLoad,
	signedDelivery,
	startN8n,
	startQueueCluster,
	type LoadRequest,
	type N8nInstance,
} from '../../test/e2e/harness/index.cjs';
import { CREDENTIAL, SIGNING_SECRET } from '../../test/e2e/fixtures/trigger.cjs';
import { HEADER_AUTH_CREDENTIAL, headerAuthWebhookV1Workflow, plainWebhookWorkflow, syncTriggerWorkflow } from '../../test/e2e/fixtures/load.cjs';

const TRIGGER_WF = { id: 'SyncLabsBenchTrg', webhookId: '5e1d0a11-7a11-4e7e-8a11-0000000000b1' };
const PLAIN_WF = { id: 'SyncLabsBenchWhk', webhookId: '5e1d0a11-7a11-4e7e-8a11-0000000000b2', path: 'synclabs-bench-webhook' };
const CONTROL_WF = { id: 'SyncLabsBenchCtl', webhookId: '5e1d0a11-7a11-4e7e-8a11-0000000000b3', path: 'synclabs-bench-header-auth' };
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

type SideName = 'trigger' | 'plain' | 'control';

interface Side {
	name: SideName;
	workflowId: string;
	make: (i: number) => LoadRequest;
}

async function benchSetup(
	label: string,
	n8n: N8nInstance,
	urls: Record<SideName, string>,
	opts: { rounds: number; requests: number; concurrency: number },
): Promise<{ ratio: number; controlRatio: number }> {
	let seq = 0;
	const tag = Date.now().toString(36);
	const body = (i: number) => Buffer.from(JSON.stringify(generationPayload(`bench_${tag}_${seq}_${i}`, PAYLOAD_BYTES)));
	// Every side sends the same bytes with the same headers as a Sync delivery (the Webhook nodes ignore the signature).
	const unsigned = (url: string, i: number, extra: Record<string, string> = {}): LoadRequest => {
		const delivery = signedDelivery(url, {}, SIGNING_SECRET);
		return { ...delivery, headers: { ...delivery.headers, ...extra }, body: body(i), url };
	};
	const sides: Side[] = [
		{ name: 'trigger', workflowId: TRIGGER_WF.id, make: (i) => signedDelivery(urls.trigger, generationPayload(`bench_${tag}_${seq}_${i}`, PAYLOAD_BYTES), SIGNING_SECRET) },
		{ name: 'plain', workflowId: PLAIN_WF.id, make: (i) => unsigned(urls.plain, i) },
		{
			name: 'control',
			workflowId: CONTROL_WF.id,
			make: (i) => unsigned(urls.control, i, { [HEADER_AUTH_CREDENTIAL.data.name]: HEADER_AUTH_CREDENTIAL.data.value }),
		},
	];
	const done: Record<SideName, number> = { trigger: 0, plain: 0, control: 0 };
	// warm-up (JIT, connection pools, DB caches), not counted
	const warm = Math.min(50, opts.requests);
	for (const side of sides) {
		await round(n8n, side.workflowId, done[side.name], warm, opts.concurrency, side.make);
		done[side.name] += warm;
	}

	const measured: Record<SideName, SideResult[]> = { trigger: [], plain: [], control: [] };
	for (let r = 0; r < opts.rounds; r++) {
		seq = r + 1;
		// rotate which side goes first
		const order = sides.map((_, k) => sides[(k + r) % sides.length]);
		for (const side of order) {
			measured[side.name].push(await round(n8n, side.workflowId, done[side.name], opts.requests, opts.concurrency, side.make));
			done[side.name] += opts.requests;
		}
	}
	const perRound = (a: SideName, b: SideName) => measured[a].map((x, k) => x.perSecond / measured[b][k].perSecond);
	const ratios = perRound('trigger', 'plain');
	const controlRatios = perRound('trigger', 'control');
	const ratio = median(ratios);
	const controlRatio = median(controlRatios);
	const rate = (name: SideName) =>
		`${median(measured[name].map((x) => x.perSecond)).toFixed(1)} /s  (HTTP ack ${median(measured[name].map((x) => x.httpPerSecond)).toFixed(1)} /s)`;
	line(`n8n ${label}: Sync Labs Trigger deliveries/s (end to end)`, rate('trigger'));
	line(`n8n ${label}: Webhook node deliveries/s (end to end)`, rate('plain'));
	line(`n8n ${label}: Webhook node v1 + Header Auth deliveries/s`, rate('control'));
	line(
		`n8n ${label}: trigger/webhook ratio (goal >= 0.95)`,
		`${ratio.toFixed(3)}  rounds ${ratios.map((x) => x.toFixed(2)).join(' ')}  ${ratio >= 0.95 ? 'OK' : 'BELOW GOAL'}`,
	);
	line(
		`n8n ${label}: trigger/(Webhook v1 + Header Auth) ratio`,
		`${controlRatio.toFixed(3)}  rounds ${controlRatios.map((x) => x.toFixed(2)).join(' ')}  (same per-request work in n8n core)`,
	);
	return { ratio, controlRatio };
}

export async function n8nBench(): Promise<void> {
	const rounds = Number(process.env.N8N_BENCH_ROUNDS ?? 5);
	const requests = Number(process.env.N8N_BENCH_REQUESTS ?? 200);
	const concurrency = Number(process.env.N8N_BENCH_CONCURRENCY ?? 20);
	const setups = (process.env.N8N_BENCH_SETUPS ?? 'single,queue').split(',').map((s) => s.trim());
	const engines = (process.env.N8N_BENCH_ENGINES ?? 'vm,legacy').split(',').map((s) => s.trim());
	const opts = { rounds, requests, concurrency };
	const triggerPath = `${TRIGGER_WF.webhookId}/syncLabs`;
	const workflows = [
		syncTriggerWorkflow(TRIGGER_WF.id, TRIGGER_WF.webhookId, 'Bench: Sync Labs Trigger'),
		plainWebhookWorkflow(PLAIN_WF.id, PLAIN_WF.webhookId, PLAIN_WF.path),
		headerAuthWebhookV1Workflow(CONTROL_WF.id, CONTROL_WF.webhookId, CONTROL_WF.path),
	];
	const credentials = [CREDENTIAL, HEADER_AUTH_CREDENTIAL];
	const webhookPaths = [triggerPath, PLAIN_WF.path, CONTROL_WF.path];
	const urlsOf = (webhookUrl: (path: string) => string): Record<SideName, string> => ({
		trigger: webhookUrl(triggerPath),
		plain: webhookUrl(PLAIN_WF.path),
		control: webhookUrl(CONTROL_WF.path),
	});
	const vars = { SYNC_BASE_URL: 'http://127.0.0.1:9' };
	line('n8n bench setup', `${rounds} rounds x ${requests} requests per side, concurrency ${concurrency}, ${PAYLOAD_BYTES} B payload`);

	for (const engine of engines) {
		// n8n 2.41's default engine ('vm') acquires an isolate for every request to a trigger that is not its own
		// Webhook node (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/webhooks/live-webhooks.ts, webhookPhaseNeedsIsolate) and another for every credential read in a
		// webhook (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/credentials-helper.ts, applyDefaultsAndOverwrites); 'legacy' evaluates in-process. Measuring
		// both shows how much of the gap is that per-request isolate work rather than the trigger's own code.
		const env = { N8N_EXPRESSION_ENGINE: engine };
		if (setups.includes('single')) {
			const n8n = await startN8n({
				version: '2.41.1',
				credentials,
				workflows,
				vars,
				env,
				keepRunDir: false,
				waitForWebhooks: webhookPaths,
			});
			try {
				await benchSetup(`2.41.1 single process (sqlite), ${engine} engine`, n8n, urlsOf((p) => n8n.webhookUrl(p)), opts);
			} finally {
				await n8n.stop();
			}
		}
		if (setups.includes('queue')) {
			const cluster = await startQueueCluster({
				credentials,
				workflows,
				vars,
				env,
				waitForWebhooks: webhookPaths,
			});
			try {
				await benchSetup(`2.41.1 queue mode (webhook proc + 2 workers, pg), ${engine} engine`, cluster.main, urlsOf((p) => cluster.webhookUrl(p)), opts);
			} finally {
				await cluster.stop();
			}
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

// n8n in queue mode (2.41.1): throwaway Redis + PostgreSQL on 127.0.0.1 (services.cts), one main process
// (started through harness/n8n.ts startN8n, which also sets up owner/API key/credentials/workflows), one
// webhook process (`n8n webhook`) and N workers (`n8n worker`). Every process has its own user folder with the
// packed community package installed, its own ports (HTTP, task broker, worker health), and the same
// encryption key, Redis and Postgres. Production webhooks and resume URLs point at the webhook process; the
// main process does not serve production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true), as in a typical
// scaled deployment.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { CredentialFixture, N8nInstance, probeWebhookUntilServed, startN8n, substitute, WorkflowFixture } from './n8n.cjs';
import { scratchDirEnv, scratchDirOf } from './n8nEnv.cjs';
import { installPackage, packPackage } from './pack.cjs';
import { ensureInstalled } from './paths.cjs';
import { freePorts } from './ports.cjs';
import { spawnGroup } from './processGroup.cjs';
import { PostgresService, Service, startPostgres, startRedis } from './services.cjs';

export const QUEUE_VERSION = '2.41.1';
const ENCRYPTION_KEY = 'e2e-queue-encryption-key-0123456789';

export interface N8nProcess {
	role: 'webhook' | 'worker';
	name: string;
	port: number;
	runDir: string;
	logFile: string;
	log(): string;
	alive(): boolean;
	stop(): Promise<void>;
}

export interface QueueCluster {
	main: N8nInstance;
	webhook: N8nProcess;
	workers: N8nProcess[];
	redis: Service;
	postgres: PostgresService;
	/** Base of the webhook process, http://127.0.0.1:<port>. */
	webhookBaseUrl: string;
	/** Production URL on the webhook process. */
	webhookUrl(path: string): string;
	/** Waits until the webhook process answers OPTIONS with 204 for this production path. */
	waitForWebhook(path: string, timeoutMs?: number): Promise<void>;
	/** Name of every process whose log says it ran (worker) / enqueued (main, webhook) the execution. */
	whoRan(executionId: string): { enqueuedBy: string[]; startedBy: string[]; finishedBy: string[] };
	allAlive(): boolean;
	stop(): Promise<void>;
}

export interface QueueOptions {
	workflows?: WorkflowFixture[];
	credentials?: CredentialFixture[];
	vars?: Record<string, string>;
	env?: Record<string, string>;
	/** Production paths that must answer OPTIONS 204 on the webhook process before returning. */
	waitForWebhooks?: string[];
	workers?: number;
	/** `n8n worker --concurrency` (n8n's minimum is 5). Default 10. */
	workerConcurrency?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');

export async function startQueueCluster(options: QueueOptions = {}): Promise<QueueCluster> {
	const install = ensureInstalled(QUEUE_VERSION);
	const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
	const workerCount = options.workers ?? 2;
	const ports = await freePorts(2 + workerCount * 3);
	const [webhookPort, webhookBrokerPort] = ports;
	const webhookBaseUrl = `http://127.0.0.1:${webhookPort}`;

	const shared: Record<string, string> = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// n8n's default pool (2) starves under a 50-wide burst: the DB health ping times out and the webhook
		// process answers 503 "Database is not ready!" (seen with 4: 664 of 1000 deliveries refused)
		DB_POSTGRESDB_POOL_SIZE: '20',
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		// resume URLs ($execution.resumeUrl, signed resume URLs) and production URLs point at the webhook process
		WEBHOOK_URL: `${webhookBaseUrl}/`,
		N8N_WEBHOOK_URL: `${webhookBaseUrl}/`,
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		...(options.env ?? {}),
	};

	const stopServices = async () => {
		await Promise.allSettled([redis.stop(), postgres.stop()]);
	};

	let main: N8nInstance;
	try {
		main = await startN8n({
			version: QUEUE_VERSION,
			workflows: options.workflows,
			credentials: options.credentials,
			vars: { QUEUE_WEBHOOK_BASE: `${webhookBaseUrl}/webhook`, ...(options.vars ?? {}) },
			env: shared,
			useDbTemplate: false, // the template is sqlite; Postgres is migrated by the main process at start
		});
	} catch (error) {
		await stopServices();
		throw error;
	}

	// the environment of the other processes: the main's, minus what is per process
	const base: Record<string, string> = {
		PATH: `${dirname(install.nodeBin)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
		HOME: process.env.HOME ?? '/tmp',
		LANG: process.env.LANG ?? 'C.UTF-8',
		TZ: 'UTC',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${main.baseUrl}/`,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_DISABLED_MODULES: 'mcp-registry',
		...shared,
	};

	const tgz = packPackage();
	const spawnProcess = (role: 'webhook' | 'worker', name: string, port: number, brokerPort: number, healthPort?: number): N8nProcess => {
		const runDir = mkdtempSync(join(tmpdir(), `synclabs-e2e-n8n-queue-${name}-`));
		installPackage(runDir, tgz);
		mkdirSync(scratchDirOf(runDir), { recursive: true });
		const logFile = join(runDir, 'n8n.log');
		const env: Record<string, string> = {
			...base,
			N8N_USER_FOLDER: runDir,
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_RESTRICT_FILE_ACCESS_TO: join(runDir, 'files'),
			...scratchDirEnv(runDir),
			...(healthPort ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) } : {}),
		};
		const args = role === 'worker' ? ['worker', `--concurrency=${options.workerConcurrency ?? 10}`] : ['webhook'];
		const proc = spawnGroup(install.nodeBin, [install.n8nBin, ...args], { cwd: runDir, env, logFile });
		let stopped = false;
		return {
			role,
			name,
			port: healthPort ?? port,
			runDir,
			logFile,
			log: () => read(logFile),
			alive: () => !proc.isExited(),
			async stop() {
				if (stopped) return;
				stopped = true;
				await proc.stop({ signal: 'SIGTERM', graceMs: 30_000 });
				const keep = process.env.SYNCLABS_E2E_KEEP === '1' || Boolean((globalThis as { __SYNCLABS_E2E_FAILED__?: boolean }).__SYNCLABS_E2E_FAILED__);
				if (keep) process.stderr.write(`[e2e] queue ${name} run dir kept: ${runDir}\n`);
				else rmSync(runDir, { recursive: true, force: true });
			},
		};
	};

	const webhook = spawnProcess('webhook', 'webhook', webhookPort, webhookBrokerPort);
	const workers: N8nProcess[] = [];
	for (let i = 0; i < workerCount; i++) {
		workers.push(spawnProcess('worker', `worker${i + 1}`, ports[2 + i * 3], ports[3 + i * 3], ports[4 + i * 3]));
	}
	const all = [webhook, ...workers];

	const stopAll = async () => {
		await Promise.allSettled(all.map((p) => p.stop()));
		await main.stop().catch(() => undefined);
		await stopServices();
	};

	const fail = (message: string, p?: N8nProcess): never => {
		const tail = (p ?? webhook).log().split('\n').slice(-60).join('\n');
		throw new Error(`${message}\n--- ${(p ?? webhook).name} log ---\n${tail}`);
	};

	const webhookUrl = (path: string) => `${webhookBaseUrl}/webhook/${path.replace(/^\/+/, '')}`;
	async function waitForWebhook(path: string, timeoutMs = 90_000): Promise<void> {
		const last = await probeWebhookUntilServed(webhookUrl(path), timeoutMs, () => {
			if (!webhook.alive()) fail('the webhook process exited');
		});
		if (last !== 204) fail(`webhook ${path} not served by the webhook process after ${timeoutMs} ms (last OPTIONS ${last})`);
	}

	try {
		// workers: health readiness (DB + Redis connected)
		const deadline = Date.now() + 120_000;
		for (const w of workers) {
			for (;;) {
				if (!w.alive()) fail(`${w.name} exited during start-up`, w);
				if (Date.now() > deadline) fail(`${w.name} not ready after 120 s`, w);
				try {
					const res = await fetch(`http://127.0.0.1:${w.port}/healthz/readiness`);
					await res.arrayBuffer();
					if (res.status === 200 && /n8n worker is now ready/.test(w.log())) break;
				} catch {
					// not yet
				}
				await sleep(250);
			}
		}
		for (const path of options.waitForWebhooks ?? []) await waitForWebhook(substitute(path, options.vars ?? {}));
	} catch (error) {
		(globalThis as { __SYNCLABS_E2E_FAILED__?: boolean }).__SYNCLABS_E2E_FAILED__ = true;
		await stopAll();
		throw error;
	}

	const logs = (): Array<[string, string]> => [['main', main.log()], ...all.map((p): [string, string] => [p.name, p.log()])];
	return {
		main,
		webhook,
		workers,
		redis,
		postgres,
		webhookBaseUrl,
		webhookUrl,
		waitForWebhook,
		whoRan(executionId: string) {
			const has = (text: string, re: RegExp) => re.test(text);
			const enqueued = new RegExp(`Enqueued execution ${executionId} \\(`);
			const started = new RegExp(`Worker started execution ${executionId} \\(`);
			const finished = new RegExp(`Worker finished execution ${executionId} \\(`);
			const l = logs();
			return {
				enqueuedBy: l.filter(([, t]) => has(t, enqueued)).map(([n]) => n),
				startedBy: l.filter(([, t]) => has(t, started)).map(([n]) => n),
				finishedBy: l.filter(([, t]) => has(t, finished)).map(([n]) => n),
			};
		},
		allAlive: () => all.every((p) => p.alive()),
		stop: stopAll,
	};
}

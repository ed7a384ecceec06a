// Starts a real n8n (cached install, see install-n8n.sh) with the packed n8n-nodes-synclabs loaded as a
// community package, imports credentials and workflows, activates them, and reads executions back through
// n8n's public REST API. Everything listens on 127.0.0.1 only; only the processes started here are stopped.
import { execFile } from 'child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import type { IDataObject, IRunData } from 'n8n-workflow';
import { installPackage, packPackage } from './pack.cjs';
import { ensureInstalled, N8nInstall, N8nVersion, PACKAGE_NAME, REPO_ROOT, selectedVersion } from './paths.cjs';
import { canListen, freePorts } from './ports.cjs';
import { spawnGroup } from './processGroup.cjs';


/** A node as workflow JSON carries it; n8n fills in what is left out (n8n-workflow's INode). */
export interface WorkflowNodeFixture {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
	position?: number[];
	[key: string]: unknown;
}

export interface WorkflowFixture {
	/** Fixed 16-character id; import keeps it. */
	id: string;
	name: string;
	nodes: WorkflowNodeFixture[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	/** Default true: the workflow is activated (published) once the server is up. */
	active?: boolean;
	pinData?: Record<string, unknown>;
	staticData?: unknown;
	meta?: Record<string, unknown>;
	// (no index signature on purpose: it would make Omit<WorkflowFixture, ...> lose every known key)
}

export interface CredentialFixture {
	/** Fixed id, referenced by nodes as `credentials: { syncLabsApi: { id, name } }`. */
	id: string;
	name: string;
	type: string;
	/** Plain field values; n8n encrypts them on import. */
	data: Record<string, unknown>;
}

export interface StartOptions {
	version?: N8nVersion;
	workflows?: WorkflowFixture[];
	credentials?: CredentialFixture[];
	/**
	 * Extra `__NAME__` substitutions applied to every string in the fixtures, on top of the built-ins
	 * `__BASE_URL__` (http://127.0.0.1:<port>), `__PORT__` and `__WEBHOOK_BASE__` (<base>/webhook).
	 */
	vars?: Record<string, string>;
	/** Extra environment variables for every n8n command (override the defaults). */
	env?: Record<string, string>;
	/**
	 * Webhook paths (after `/webhook/`, e.g. `<webhookId>/syncLabs`) that must answer the OPTIONS probe with
	 * 204 before startN8n returns.
	 */
	waitForWebhooks?: string[];
	/** Keep the run dir even when all tests passed (also SYNCLABS_E2E_KEEP=1). */
	keepRunDir?: boolean;
	/**
	 * How fixtures get into n8n. `rest` (default, fastest): after start, through the editor's own endpoints
	 * (`POST /rest/credentials`, `POST /rest/workflows` keeping the fixed workflow id); credential ids are
	 * assigned by n8n and substituted into the workflows' node credential references. `cli`: `n8n
	 * import:credentials` / `import:workflow` before start (keeps credential ids too; two extra CLI runs).
	 */
	importVia?: 'rest' | 'cli';
	/** Start from a migrated empty database cached per n8n version (default true; saves the migrations). */
	useDbTemplate?: boolean;
	/**
	 * A persistent user folder (created when missing) instead of a fresh temp dir: its database is kept (the
	 * DB template is only copied when there is none), the package is reinstalled from the tarball, and stop()
	 * never removes it. Must be outside the repository like every run dir. Used by `npm start`.
	 */
	runDir?: string;
	/** Listen on this port instead of a random free one; start fails at once, saying so, when it is taken. */
	port?: number;
	/** The owner account to set up or log in with (default OWNER, the e2e suite's). */
	owner?: OwnerAccount;
	/** Label of the API key created at start; keys of the owner with this label are deleted first. */
	apiKeyLabel?: string;
	/** How long stop() waits after SIGTERM before SIGKILL to n8n's process group (default 30 s). */
	stopGraceMs?: number;
}

export interface OwnerAccount {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	finished: boolean;
	workflowId: string;
	startedAt: string | null;
	stoppedAt: string | null;
	waitTill: string | null;
	/** n8n's run-execution data (`resultData.runData[<node>][<run>].data.main[<output>][<item>].json`). */
	data?: ExecutionData;
}

/**
 * The run-execution data as the public API returns it: JSON of n8n-workflow's IRunExecutionDataV1
 * (node_modules/n8n-workflow/dist/cjs/run-execution-data/run-execution-data.v1.d.ts), errors as plain objects.
 */
export interface ExecutionData {
	resultData: {
		error?: { message: string; name?: string; description?: string | null; [key: string]: unknown };
		runData: IRunData;
		lastNodeExecuted?: string;
		metadata?: Record<string, string>;
	};
}

/** One execution as `GET /api/v1/executions?includeData=true` lists it. */
interface ApiExecution {
	id: string | number;
	status: string;
	mode: string;
	finished: boolean;
	workflowId: string | number;
	startedAt?: string | null;
	stoppedAt?: string | null;
	waitTill?: string | null;
	data?: string | ExecutionData;
}

export interface N8nInstance {
	version: string;
	install: N8nInstall;
	runDir: string;
	logFile: string;
	port: number;
	baseUrl: string;
	/** Public API key of the owner (header X-N8N-API-KEY). */
	apiKey: string;
	/** Package dir inside `.n8n/nodes/node_modules`. */
	packageDir: string;
	/** Fixture credential id → the id the credential has in this n8n. */
	credentialIds: Record<string, string>;
	webhookUrl(path: string): string;
	/**
	 * Executions of a workflow, newest first, with their data (public API `GET /executions`). Without
	 * `status` n8n leaves out running ones (new, success, error, waiting, canceled, crashed are listed);
	 * pass `status: 'running'` or `'waiting'` to ask for exactly those.
	 */
	executions(workflowId: string, opts?: { status?: string }): Promise<ExecutionSummary[]>;
	/** Poll until at least `count` executions of the workflow are finished (not new/running), newest first. */
	waitForExecutions(
		workflowId: string,
		opts?: { count?: number; timeoutMs?: number; statuses?: string[] },
	): Promise<ExecutionSummary[]>;
	/** `fetch` against n8n's public API (`/api/v1` + path) with the API key; JSON in and out. */
	api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
	/** `fetch` against any path of the server (e.g. `/types/nodes.json`) with the owner's login cookie. */
	authed<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
	/** `fetch` against `/rest` + path with the owner's login cookie. */
	rest<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
	activate(workflowId: string): Promise<void>;
	deactivate(workflowId: string): Promise<void>;
	waitForWebhook(path: string, timeoutMs?: number): Promise<void>;
	/** Runs an n8n CLI command (own broker port) against this instance's user folder; returns stdout. */
	cli(args: string[]): Promise<string>;
	/** The n8n log so far. */
	log(): string;
	stop(): Promise<void>;
}

export const OWNER: OwnerAccount = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2ePassw0rd!',
};
const BROWSER_ID = 'synclabs-e2e-browser';
const ENCRYPTION_KEY = 'e2e-test-encryption-key-0123456789';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * CORS-preflights a webhook URL every 250 ms until n8n answers 204 (the webhook is registered and served) or
 * `timeoutMs` passes; `checkAlive` runs before each try and throws when the serving process is gone.
 * Returns the last status seen (204 on success, 0 if nothing answered).
 */
export async function probeWebhookUntilServed(url: string, timeoutMs: number, checkAlive: () => void): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	let last = 0;
	while (Date.now() < deadline) {
		checkAlive();
		try {
			const res = await fetch(url, {
				method: 'OPTIONS',
				headers: { Origin: 'http://127.0.0.1', 'Access-Control-Request-Method': 'POST' },
			});
			await res.arrayBuffer();
			last = res.status;
			if (res.status === 204) return last;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	return last;
}

/** Replaces `__NAME__` tokens in every string of a JSON value. */
export function substitute<T>(value: T, vars: Record<string, string>): T {
	const text = JSON.stringify(value).replace(/__([A-Z][A-Z0-9_]*)__/g, (m, name: string) =>
		name in vars ? JSON.stringify(vars[name]).slice(1, -1) : m,
	);
	return JSON.parse(text) as T;
}

function testsFailed(): boolean {
	return Boolean((globalThis as { __SYNCLABS_E2E_FAILED__?: boolean }).__SYNCLABS_E2E_FAILED__);
}

function tail(file: string, lines = 60): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

export async function startN8n(options: StartOptions = {}): Promise<N8nInstance> {
	const version = options.version ?? selectedVersion();
	const install = ensureInstalled(version);
	const timings: Record<string, number> = {};
	let t0 = Date.now();
	const lap = (name: string) => {
		timings[name] = Date.now() - t0;
		t0 = Date.now();
	};

	const owner = options.owner ?? OWNER;
	const persistent = options.runDir !== undefined;
	// Outside the repository, so the repo's node_modules is not on the package's module lookup chain.
	const runDir = persistent
		? resolve(options.runDir as string)
		: mkdtempSync(join(tmpdir(), `synclabs-e2e-n8n-${version}-`));
	if (runDir.startsWith(REPO_ROOT)) throw new Error(`run dir ${runDir} must be outside the repository`);
	if (persistent) mkdirSync(runDir, { recursive: true });
	if (options.port !== undefined && !(await canListen(options.port))) {
		throw new Error(`port ${options.port} on 127.0.0.1 is in use (another n8n?); choose another port`);
	}
	const logFile = join(runDir, 'n8n.log');
	mkdirSync(join(runDir, 'files'), { recursive: true }); // default N8N_RESTRICT_FILE_ACCESS_TO (Read/Write Files node)
	// a kept user folder gets the current build, not a merge of it with the previous one
	if (persistent) rmSync(join(runDir, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME), { recursive: true, force: true });
	const packageDir = installPackage(runDir, packPackage());
	lap('package');

	const [brokerPort, cliBrokerPort, randomPort] = await freePorts(options.port !== undefined ? 2 : 3);
	const port = options.port ?? randomPort;
	const baseUrl = `http://127.0.0.1:${port}`;
	const vars: Record<string, string> = {
		BASE_URL: baseUrl,
		PORT: String(port),
		WEBHOOK_BASE: `${baseUrl}/webhook`,
		...(options.vars ?? {}),
	};

	const env: Record<string, string> = {
		PATH: `${dirname(install.nodeBin)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
		HOME: process.env.HOME ?? runDir,
		LANG: process.env.LANG ?? 'C.UTF-8',
		TZ: 'UTC',
		N8N_USER_FOLDER: runDir,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `${baseUrl}/`,
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		DB_TYPE: 'sqlite',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_RESTRICT_FILE_ACCESS_TO: join(runDir, 'files'),
		...(version.startsWith('2.4') ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		...(options.env ?? {}),
	};

	const cli = (args: string[]): Promise<string> =>
		new Promise((resolveCli, reject) => {
			execFile(
				install.nodeBin,
				[install.n8nBin, ...args],
				{
					cwd: runDir,
					env: { ...env, N8N_RUNNERS_BROKER_PORT: String(cliBrokerPort) },
					timeout: 120_000,
					maxBuffer: 64 * 1024 * 1024,
				},
				(error, stdout, stderr) => {
					if (error) {
						reject(new Error(`n8n ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
					} else resolveCli(stdout);
				},
			);
		});

	// --- database: a migrated empty DB (cached per version) instead of ~10-30 s of migrations ----------
	const hasDb = persistent && existsSync(join(runDir, '.n8n', 'database.sqlite'));
	if (!hasDb && options.useDbTemplate !== false && process.env.SYNCLABS_E2E_DB_TEMPLATE !== '0') {
		const template = await ensureDbTemplate(install, env);
		mkdirSync(join(runDir, '.n8n'), { recursive: true });
		copyFileSync(template, join(runDir, '.n8n', 'database.sqlite'));
		if (existsSync(`${template}-wal`)) copyFileSync(`${template}-wal`, join(runDir, '.n8n', 'database.sqlite-wal'));
		lap('db-template');
	}

	// --- import via CLI (server stopped) -------------------------------------------------------------
	const importVia = options.importVia ?? 'rest';
	const credentials = substitute(options.credentials ?? [], vars);
	let workflows = substitute(options.workflows ?? [], vars);
	const credentialIds: Record<string, string> = {};
	if (importVia === 'cli' && credentials.length > 0) {
		for (const c of credentials) credentialIds[c.id] = c.id;
		const file = join(runDir, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		await cli(['import:credentials', `--input=${file}`]);
		lap('import:credentials');
	}
	if (importVia === 'cli' && workflows.length > 0) {
		const file = join(runDir, 'workflows.json');
		writeFileSync(
			file,
			JSON.stringify(
				workflows.map((wf) => ({
					settings: { executionOrder: 'v1' },
					pinData: {},
					...wf,
					active: false,
				})),
				null,
				2,
			),
		);
		await cli(['import:workflow', `--input=${file}`]);
		lap('import:workflow');
	}

	// --- start -----------------------------------------------------------------------------------------
	// own process group, so stop() ends n8n and its task runner together
	const server = spawnGroup(install.nodeBin, [install.n8nBin, 'start'], { cwd: runDir, env, logFile });

	const fail = (message: string): never => {
		throw new Error(`${message}\n--- n8n ${version} log (${logFile}) ---\n${tail(logFile)}`);
	};

	let cookie = '';
	let apiKey = '';

	async function request<T>(
		url: string,
		method: string,
		body: unknown,
		headers: Record<string, string>,
	): Promise<{ status: number; body: T; res: Response }> {
		const res = await fetch(url, {
			method,
			headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
			body: body !== undefined ? JSON.stringify(body) : undefined,
		});
		const text = await res.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON
		}
		return { status: res.status, body: parsed as T, res };
	}

	const authed = async <T = unknown,>(method: string, path: string, body?: unknown) => {
		const r = await request<T>(`${baseUrl}${path}`, method, body, {
			'browser-id': BROWSER_ID,
			...(cookie ? { cookie } : {}),
		});
		const setCookie = r.res.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) cookie = auth.split(';')[0];
		return { status: r.status, body: r.body };
	};

	const rest = <T = unknown,>(method: string, path: string, body?: unknown) => authed<T>(method, `/rest${path}`, body);

	const api = async <T = unknown,>(method: string, path: string, body?: unknown) => {
		const r = await request<T>(`${baseUrl}/api/v1${path}`, method, body, { 'X-N8N-API-KEY': apiKey });
		return { status: r.status, body: r.body };
	};

	const webhookUrl = (path: string) => `${baseUrl}/webhook/${path.replace(/^\/+/, '')}`;

	async function waitForWebhook(path: string, timeoutMs = 60_000): Promise<void> {
		const last = await probeWebhookUntilServed(webhookUrl(path), timeoutMs, () => {
			if (server.isExited()) fail(`n8n exited while waiting for webhook ${path}`);
		});
		if (last !== 204) fail(`webhook ${path} not registered after ${timeoutMs} ms (last OPTIONS status ${last})`);
	}

	async function activate(workflowId: string): Promise<void> {
		const r = await api('POST', `/workflows/${workflowId}/activate`);
		if (r.status !== 200) fail(`activating workflow ${workflowId}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
	}

	async function deactivate(workflowId: string): Promise<void> {
		const r = await api('POST', `/workflows/${workflowId}/deactivate`);
		if (r.status !== 200) fail(`deactivating workflow ${workflowId}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
	}

	async function executions(workflowId: string, opts: { status?: string } = {}): Promise<ExecutionSummary[]> {
		const all: ExecutionSummary[] = [];
		let cursor: string | undefined;
		do {
			const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '100' });
			if (opts.status) query.set('status', opts.status);
			if (cursor) query.set('cursor', cursor);
			const r = await api<{ data: ApiExecution[]; nextCursor?: string | null }>('GET', `/executions?${query}`);
			if (r.status !== 200) fail(`listing executions: HTTP ${r.status} ${JSON.stringify(r.body)}`);
			for (const e of r.body.data) {
				all.push({
					id: String(e.id),
					status: e.status,
					mode: e.mode,
					finished: e.finished,
					workflowId: String(e.workflowId),
					startedAt: e.startedAt ?? null,
					stoppedAt: e.stoppedAt ?? null,
					waitTill: e.waitTill ?? null,
					data: typeof e.data === 'string' ? await decodeFlatted(install, e.data) : e.data,
				});
			}
			cursor = r.body.nextCursor ?? undefined;
		} while (cursor);
		return all.sort((a, b) => Number(b.id) - Number(a.id));
	}

	async function waitForExecutions(
		workflowId: string,
		opts: { count?: number; timeoutMs?: number; statuses?: string[] } = {},
	): Promise<ExecutionSummary[]> {
		const count = opts.count ?? 1;
		const statuses = opts.statuses ?? ['success', 'error', 'crashed', 'canceled', 'waiting'];
		const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
		let seen: ExecutionSummary[] = [];
		while (Date.now() < deadline) {
			seen = await executions(workflowId);
			const done = seen.filter((e) => statuses.includes(e.status));
			if (done.length >= count) return seen;
			await sleep(250);
		}
		return fail(
			`expected ${count} execution(s) of ${workflowId} with status ${statuses.join('/')}, saw ` +
				JSON.stringify(seen.map((e) => ({ id: e.id, status: e.status }))),
		);
	}

	let stopped = false;
	async function stop(): Promise<void> {
		if (stopped) return;
		stopped = true;
		const stopStart = Date.now();
		// ends with SIGKILL to the group: the task runner shares it, so nothing of ours is left behind
		await server.stop({ signal: 'SIGTERM', graceMs: options.stopGraceMs ?? 30_000 });
		if (process.env.SYNCLABS_E2E_VERBOSE === '1') {
			process.stderr.write(`[e2e] n8n ${version} stopped in ${Date.now() - stopStart} ms\n`);
		}
		const keep = options.keepRunDir || process.env.SYNCLABS_E2E_KEEP === '1' || testsFailed();
		if (persistent) {
			// the caller's folder: never removed here
		} else if (keep) {
			process.stderr.write(`[e2e] n8n ${version} run dir kept for inspection: ${runDir} (log: ${logFile})\n`);
		} else {
			rmSync(runDir, { recursive: true, force: true });
		}
	}

	try {
		// --- readiness ---------------------------------------------------------------------------------
		const deadline = Date.now() + 120_000;
		for (;;) {
			if (server.isExited()) fail(`n8n ${version} exited during start-up (code ${server.child.exitCode})`);
			if (Date.now() > deadline) fail(`n8n ${version} not ready after 120 s`);
			try {
				const res = await fetch(`${baseUrl}/healthz/readiness`);
				await res.arrayBuffer();
				if (res.status === 200) {
					// Readiness can be 200 while migrations still run and before /rest is mounted (2.8.4 with
					// a fresh DB): also wait for the public settings endpoint the editor loads first.
					const settings = await fetch(`${baseUrl}/rest/settings`);
					await settings.arrayBuffer();
					if (settings.status === 200) break;
				}
			} catch {
				// not listening yet
			}
			await sleep(250);
		}
		lap('start→ready');

		// --- owner, login, API key ---------------------------------------------------------------------
		const setup = await rest('POST', '/owner/setup', owner);
		if (setup.status !== 200) {
			const login = await rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
			if (login.status !== 200) fail(`owner setup (${setup.status}) and login (${login.status}) failed`);
		}
		const login = await rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		if (login.status !== 200) fail(`login failed: HTTP ${login.status} ${JSON.stringify(login.body)}`);
		const scopes = await rest<{ data: string[] }>('GET', '/api-keys/scopes');
		if (scopes.status !== 200) fail(`api-key scopes: HTTP ${scopes.status}`);
		if (options.apiKeyLabel !== undefined) {
			// one key per label, not one more per start of a kept user folder
			// n8n 2.8 answers { data: [...] }; 2.41 pages it, { data: { items: [...] } }
			// (n8n/dist/services/public-api-key.service.js getRedactedApiKeys)
			type Key = { id: string; label: string };
			const existing = await rest<{ data: Key[] | { items: Key[] } }>('GET', '/api-keys');
			const data = existing.status === 200 ? existing.body.data : [];
			for (const k of Array.isArray(data) ? data : (data?.items ?? [])) {
				if (k.label === options.apiKeyLabel) await rest('DELETE', `/api-keys/${k.id}`);
			}
		}
		const key = await rest<{ data: { rawApiKey: string } }>('POST', '/api-keys', {
			label: options.apiKeyLabel ?? `e2e-${Date.now()}`,
			scopes: scopes.body.data,
			expiresAt: null,
		});
		if (key.status !== 200 || !key.body?.data?.rawApiKey) {
			fail(`creating API key: HTTP ${key.status} ${JSON.stringify(key.body)}`);
		}
		apiKey = key.body.data.rawApiKey;
		lap('owner+apiKey');

		// --- import via the editor's REST endpoints ----------------------------------------------------
		if (importVia === 'rest') {
			for (const c of credentials) {
				const r = await rest<{ data: { id: string } }>('POST', '/credentials', {
					name: c.name,
					type: c.type,
					data: c.data,
				});
				if (r.status !== 200) fail(`creating credential ${c.name}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
				credentialIds[c.id] = r.body.data.id;
			}
			workflows = workflows.map((wf) => ({
				...wf,
				nodes: wf.nodes.map((node) => ({
					...node,
					...(node.credentials
						? {
								credentials: Object.fromEntries(
									Object.entries(node.credentials as Record<string, { id?: string; name?: string }>).map(
										([type, ref]) => [type, { ...ref, id: (ref.id && credentialIds[ref.id]) || ref.id }],
									),
								),
							}
						: {}),
				})),
			}));
			for (const { ...wf } of workflows) {
				delete wf.active; // activation is its own call below; the create body carries none
				const r = await rest('POST', '/workflows', {
					settings: { executionOrder: 'v1' },
					pinData: {},
					...wf,
				});
				if (r.status !== 200) fail(`creating workflow ${wf.id}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
			}
			lap('import(rest)');
		}

		// --- activate (takes effect at once on the running server) -------------------------------------
		for (const wf of workflows) if (wf.active !== false) await activate(wf.id);
		for (const path of options.waitForWebhooks ?? []) await waitForWebhook(substitute(path, vars));
		lap('activate+webhooks');
	} catch (error) {
		(globalThis as { __SYNCLABS_E2E_FAILED__?: boolean }).__SYNCLABS_E2E_FAILED__ = true;
		await stop();
		throw error;
	}

	if (process.env.SYNCLABS_E2E_VERBOSE === '1') {
		process.stderr.write(`[e2e] n8n ${version} up at ${baseUrl}: ${JSON.stringify(timings)}\n`);
	}

	return {
		version,
		install,
		runDir,
		logFile,
		port,
		baseUrl,
		get apiKey() {
			return apiKey;
		},
		packageDir,
		credentialIds,
		webhookUrl,
		executions,
		waitForExecutions,
		api,
		rest,
		authed,
		activate,
		deactivate,
		waitForWebhook,
		cli,
		log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
		stop,
	};
}

/**
 * A migrated, empty n8n database for this install, made once by running `n8n import:credentials` with an
 * empty list against a scratch user folder, and kept next to the install
 * (`<install>/e2e-db-template/database.sqlite`). Copied into each run dir.
 */
async function ensureDbTemplate(install: N8nInstall, env: Record<string, string>): Promise<string> {
	const dir = join(install.dir, 'e2e-db-template');
	const template = join(dir, 'database.sqlite');
	if (existsSync(template)) return template;
	mkdirSync(dir, { recursive: true });
	const scratch = mkdtempSync(join(tmpdir(), `synclabs-e2e-dbtemplate-${install.version}-`));
	try {
		const empty = join(scratch, 'empty.json');
		writeFileSync(empty, '[]');
		const [brokerPort] = await freePorts(1);
		await new Promise<void>((resolveRun, reject) =>
			execFile(
				install.nodeBin,
				[install.n8nBin, 'import:credentials', `--input=${empty}`],
				{
					cwd: scratch,
					env: { ...env, N8N_USER_FOLDER: scratch, N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
					timeout: 180_000,
					maxBuffer: 64 * 1024 * 1024,
				},
				(error, stdout, stderr) =>
					error ? reject(new Error(`making the DB template failed: ${error.message}\n${stdout}\n${stderr}`)) : resolveRun(),
			),
		);
		const db = join(scratch, '.n8n', 'database.sqlite');
		if (!existsSync(db)) throw new Error(`making the DB template produced no ${db}`);
		// n8n leaves its WAL un-checkpointed at exit: the DB file and its WAL together are the state (sqlite
		// replays the WAL on open). The WAL goes in first; the main file's rename marks the template complete.
		if (existsSync(`${db}-wal`)) {
			copyFileSync(`${db}-wal`, `${template}-wal.${process.pid}.partial`);
			renameSync(`${template}-wal.${process.pid}.partial`, `${template}-wal`);
		} else rmSync(`${template}-wal`, { force: true });
		const partial = `${template}.${process.pid}.partial`;
		copyFileSync(db, partial);
		renameSync(partial, template);
		return template;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

/** n8n stores execution data flatted-encoded; the public API returns plain JSON, but decode if needed. */
async function decodeFlatted(install: N8nInstall, text: string): Promise<ExecutionData> {
	// flatted is pure JS and ships with n8n.
	const flatted = (await import(join(install.dir, 'node_modules', 'flatted'))) as { parse(t: string): ExecutionData };
	return flatted.parse(text);
}

/** Output items (json) of a node's last run, output 0, in an execution's data. */
export function nodeOutput(execution: ExecutionSummary, nodeName: string, outputIndex = 0): IDataObject[] {
	const runs = execution.data?.resultData?.runData?.[nodeName];
	if (!runs || runs.length === 0) return [];
	const items = runs[runs.length - 1]?.data?.main?.[outputIndex] ?? [];
	return items.map((i) => i.json);
}

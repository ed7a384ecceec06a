// The types of the harness's n8n: fixtures given to startN8n, its options, the instance it returns, and
// executions as n8n's public API lists them.
import type { IRunData } from 'n8n-workflow';
import type { N8nInstall, N8nVersion } from './paths.cjs';

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
 * (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/run-execution-data/run-execution-data.v1.ts), errors as plain objects.
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
export interface ApiExecution {
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

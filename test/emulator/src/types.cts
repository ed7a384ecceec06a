// Public types of the emulator (re-exported by index.ts).
import type { ResolvedSurfaceOptions, SurfaceOptions } from './switches.cjs';

export type Plan = 'free' | 'hobbyist' | 'creator' | 'growth' | 'scale' | 'enterprise';

/** The 2026 surfaces' switches and limits are in SurfaceOptions (switches.cts). */
export interface EmulatorOptions extends SurfaceOptions {
	/** Port on 127.0.0.1; default 0 (any free port). */
	port?: number;
	/** Secret used to sign webhooks; default 'whsec_emulator_secret'. */
	webhookSecret?: string;
	/** If set, only these keys are accepted (others → 401). */
	apiKeys?: string[];
	/** Time a generation spends in PENDING; default 50. */
	pendingMs?: number;
	/** Time a generation spends in PROCESSING; default 200. */
	processingMs?: number;
	/** Max generations PENDING/PROCESSING per API key; beyond → 429 concurrency_limit_reached. Default unlimited. */
	concurrencyLimit?: number;
	/** Added to every API response; default 0. */
	latencyMs?: number;

	// ---- additions ----
	/** Plan of the organization: batch needs scale/enterprise (402 below); caps output length (402). Default 'scale'. */
	plan?: Plan;
	/** Max batches running at once per organization; beyond → 429 concurrency_limit_reached. Default unlimited. */
	batchConcurrencyLimit?: number;
	/** Shape of POST /v2/analyze/cost: documented 'array' (default) or the observed bare 'object' (docs/sync-api.md#quirks item 3). */
	costEstimateShape?: 'array' | 'object';
	/** Which error-code key a FAILED generation carries in GET responses: 'camel' (errorCode, default), 'snake' (error_code) or 'both'. Webhooks always carry both. */
	generationErrorCodeKeys?: 'camel' | 'snake' | 'both';
	/** Project ids that exist (UUIDs). Any other projectId → 422 project_not_found. Default none. */
	projectIds?: string[];
	/** Send a webhook for REJECTED generations too (undocumented; default false). */
	webhookOnRejected?: boolean;
	/** Timeout of one webhook POST; default 5000. */
	webhookTimeoutMs?: number;
	/** Retry-After (seconds) on concurrency 429s; default none. */
	concurrencyRetryAfterSeconds?: number;
	/** Multipart parser limit per file (413 beyond); default 5 GiB. */
	multipartFileLimitBytes?: number;
	/** Plan limit per file (422 file_size_exceeds_plan_limit beyond), for multipart files and registered uploads; default unlimited. */
	planFileLimitBytes?: number;
	/** Uploads up to this size are kept in memory and served back byte for byte; larger ones are discarded after counting. Default 8 MiB. */
	keepUploadBytes?: number;
	/** Default input duration (seconds) when no sync_duration_s marker is given; default 1. */
	defaultInputDurationS?: number;
	/**
	 * Sync's clock: createdAt, status progress, concurrency and scheduled webhooks all read it. Default Date.now.
	 * A test that injects its own clock moves it and calls `runDueTimers()`; nothing sleeps for real.
	 */
	now?: () => number;
	/** Whether `GET /v2/batch?created_after=` includes a batch created exactly at that instant; default false (strictly after). */
	batchCreatedAfterInclusive?: boolean;
	/** Answer `GET /v2/generations?ids=` as if the API ignored `ids` (documented, but a client must not rely on it blindly). */
	listIgnoresIds?: boolean;
	/** Called as each request arrives, before it is handled (a simulation advances its clock here). */
	onRequest?: (request: RecordedRequest) => void;
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, 'apiKeys' | 'concurrencyLimit' | 'batchConcurrencyLimit' | 'concurrencyRetryAfterSeconds' | 'now' | 'onRequest' | keyof SurfaceOptions>> & ResolvedSurfaceOptions & {
	now: () => number;
	onRequest?: (request: RecordedRequest) => void;
	apiKeys?: string[];
	concurrencyLimit?: number;
	batchConcurrencyLimit?: number;
	concurrencyRetryAfterSeconds?: number;
};

export interface RecordedFormPart {
	name: string;
	filename?: string;
	contentType?: string;
	bytes: number;
	/** Field value (text parts only). */
	value?: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	bodyBytes: number;
	json?: unknown;
	at: number;
	// ---- additions ----
	/** Path plus raw query string, as received. */
	url: string;
	/** Multipart parts (files by size, fields by value). */
	form?: RecordedFormPart[];
	/** Status code sent back (set when the response is written; 0 for a reset connection). */
	status?: number;
	/** The JSON body sent back, when the answer was JSON (the wire-fidelity test checks it against the SDK types). */
	response?: unknown;
}

export interface FaultRule {
	method?: string;
	/** Exact pathname, a prefix when it ends with '*', or a RegExp tested against the pathname. Omitted = every path. */
	path?: string | RegExp;
	status?: number;
	errorCode?: string;
	retryAfterSeconds?: number;
	delayMs?: number;
	reset?: boolean;
	/** Default 1; Infinity for always. */
	times?: number;
	// ---- additions ----
	/** Extra fields merged into the error body (e.g. { generationId }). */
	body?: Record<string, unknown>;
	/**
	 * Handle the request normally first, then answer with the fault (the work happened, the client saw an error);
	 * with `reset`, the connection is closed instead of answering (the work happened, the answer was lost).
	 */
	afterHandling?: boolean;
	/**
	 * Answer normally, then drop these fields from each object of a 2xx JSON answer (a list's items, or the one
	 * object) that `where` accepts: objects Sync lists lacking fields. Such a rule fails nothing and applies
	 * alongside the other rules.
	 */
	omitFields?: string[];
	where?: (object: Record<string, unknown>) => boolean;
}

export interface WebhookBehaviour {
	duplicate?: boolean;
	delayMs?: number;
	drop?: boolean;
	wrongSecret?: boolean;
}

export interface WebhookDelivery {
	url: string;
	status: number | 'error';
	body: string;
	header: string;
	// ---- additions ----
	kind: 'generation' | 'batch';
	/** Generation or batch id. */
	id: string;
	at: number;
	/** Response body from the receiver (or the error message). */
	response: string;
}

export interface Counters {
	generationsCreated: number;
	webhooksSent: number;
	webhooksFailed: number;
	batchesCreated: number;
	assetsCreated: number;
	uploadsReceivedBytes: number;
	// ---- additions ----
	/** Generations created by batches (not included in generationsCreated). */
	batchGenerationsCreated: number;
	/** Webhooks not sent because of setWebhookBehaviour({ drop: true }). */
	webhooksDropped: number;
	/** Voices cloned (POST /v2/voices answered 2xx) and deleted. */
	voicesCloned: number;
	voicesDeleted: number;
	/** Synchronous TTS answered 200; TTS jobs created (idempotent replays not counted). */
	ttsCreated: number;
	ttsJobsCreated: number;
	/** Projects created (a reused client id not counted). */
	projectsCreated: number;
}

export interface Emulator {
	url: string;
	port: number;
	requests: RecordedRequest[];
	counters: Counters;
	injectFault(rule: FaultRule): void;
	clearFaults(): void;
	setWebhookBehaviour(b: WebhookBehaviour): void;
	webhookDeliveries: WebhookDelivery[];
	/** Sign and POST an arbitrary payload to a URL the way Sync does (used by trigger tests). Not recorded in webhookDeliveries/counters. */
	deliverWebhook(url: string, payload: unknown, opts?: { secret?: string; timestamp?: number }): Promise<{ status: number; body: string }>;
	/** The generation as GET /v2/generate/{id} would return it. */
	getGeneration(id: string): unknown | undefined;
	/** Clears state, faults, log, counters, webhook behaviour and deliveries. */
	reset(): void;
	stop(): Promise<void>;
	// ---- additions ----
	/** The live, mutable configuration (change e.g. costEstimateShape or concurrencyLimit between tests). */
	config: ResolvedOptions;
	/** The batch as GET /v2/batch/{id} would return it. */
	getBatch(id: string): unknown | undefined;
	/** The asset as GET /v2/assets/{id} would return it. */
	getAsset(id: string): unknown | undefined;
	/** Resolves once at least `count` webhook deliveries were recorded (default timeout 5000 ms). */
	waitForWebhooks(count: number, timeoutMs?: number): Promise<WebhookDelivery[]>;
	/** Sync's clock (the `now` option, or Date.now). */
	now(): number;
	/** With an injected clock: runs the scheduled work (webhooks) that is due by now(); returns how many ran. */
	runDueTimers(): number;
}

// Turns the emulator's request log into SDK type checks: which SDK type each request (JSON body, query or
// multipart form) and each JSON response must satisfy, with the listed exceptions removed first.
import type { RecordedRequest } from '../emulator/index.cjs';
import { withoutNulls } from '../emulator/reference/sdk-shapes.cjs';
import { ENDPOINT_EXCEPTIONS, REFERENCE_REQUESTS, referenceProblems, WIRE_EXCEPTIONS, type WireException } from './exceptions.cjs';
import { compilerMessages, type TypeCase } from './sdkTypeCheck.cjs';

/** A value inside a request that is a whole request of another kind, checked as that kind (exceptions.cts ReferenceRequest.nested). */
interface NestedRequest {
	/** Where it is, e.g. `rows.3.payload`: the report names it. */
	at: string;
	/** The kind whose listed exceptions apply, e.g. `POST /v2/generate (json)`. */
	kind: string;
	type: string;
	value: unknown;
}

interface RequestCheck {
	type: string;
	value: unknown;
	problems?: string[];
	nested?: NestedRequest[];
}

interface Endpoint {
	method: string;
	pattern: RegExp;
	name: string;
	/** The SDK type of the request, from the recorded request; undefined = listed in ENDPOINT_EXCEPTIONS. */
	request?: (r: RecordedRequest) => RequestCheck;
	response?: string;
}

const NO_QUERY = 'Record<string, never>';
const commaList = (v: string | undefined) => (v === undefined ? undefined : v.split(','));
function defined(o: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The SDK's multipart create form (__createWithFiles, https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/generations/client/Client.ts) as its CreateGenerationRequest. */
function generationForm(r: RecordedRequest) {
	const problems: string[] = [];
	const parts = r.form ?? [];
	const value: Record<string, unknown> = {};
	const input: unknown[] = [];
	// __createWithFiles appends each of these at most once; only `input` repeats (one part per item).
	const once = ['video', 'audio', 'model', 'options', 'webhookUrl'];
	for (const name of once) if (parts.filter((p) => p.name === name).length > 1) problems.push(`${name}: the SDK's form sends this part once`);
	for (const part of parts) {
		if (part.name === 'video' || part.name === 'audio') {
			if (part.filename === undefined) problems.push(`${part.name}: must be a file part`);
		} else if (part.filename !== undefined) problems.push(`${part.name}: file part the SDK's form does not have`);
		else if (part.name === 'input') input.push(parseJson(part.value, 'input', problems));
		else if (part.name === 'options') value.options = parseJson(part.value, 'options', problems);
		else if (part.name === 'model' || part.name === 'webhookUrl') value[part.name] = part.value;
		else problems.push(`${part.name}: form field the SDK's form does not have`);
	}
	if (input.length > 0) value.input = input;
	return { type: 'Sync.CreateGenerationRequest', value, problems };
}

/** The SDK's batch form (__create, https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/batch/client/Client.ts): an `input` file, `webhook_url`, `dry_run` as "true"/"false". */
function batchForm(r: RecordedRequest) {
	const problems: string[] = [];
	const value: Record<string, unknown> = {};
	for (const part of r.form ?? []) {
		if (part.name === 'input') {
			if (part.filename === undefined) problems.push('input: must be a file part');
		} else if (part.name === 'webhook_url') value.webhook_url = part.value;
		else if (part.name === 'dry_run') {
			if (part.value !== 'true' && part.value !== 'false') problems.push(`dry_run: "${part.value}" is not true or false`);
			value.dry_run = part.value === 'true';
		} else problems.push(`${part.name}: form field the SDK's form does not have`);
	}
	if (!(r.form ?? []).some((p) => p.name === 'input')) problems.push('input: the JSONL file is missing');
	return { type: 'Sync.CreateBatchRequest', value, problems };
}

function parseJson(text: string | undefined, field: string, problems: string[]): unknown {
	try {
		return JSON.parse(text ?? '');
	} catch {
		problems.push(`${field}: part is not JSON`);
		return undefined;
	}
}

/**
 * A request of an endpoint newer than the SDK (exceptions.cts REFERENCE_REQUESTS): its listed fields are checked and
 * removed as exceptions, the rest must be an empty object, and the reference's required fields and headers are there.
 */
function referenceRequest(value: (r: RecordedRequest) => Record<string, unknown>) {
	return (r: RecordedRequest): RequestCheck => {
		const body = value(r);
		const kind = kindOf(r).kind;
		const nested = REFERENCE_REQUESTS[kind]?.nested;
		return {
			type: NO_QUERY,
			value: body,
			problems: referenceProblems(kind, body, r.headers),
			nested: nested && valuesAt(body, nested.path.split('.')).map(({ at, value }) => ({ at, kind: nested.kind, type: nested.type, value })),
		};
	};
}

/** The values at a dot path (`*` = every array index or key), each with its concrete path (`rows.3.payload`). */
export function valuesAt(value: unknown, path: string[], at: string[] = []): Array<{ at: string; value: unknown }> {
	if (path.length === 0) return [{ at: at.join('.'), value }];
	if (value === null || typeof value !== 'object') return [];
	const [head, ...rest] = path;
	const keys = head === '*' ? Object.keys(value) : Object.prototype.hasOwnProperty.call(value, head) ? [head] : [];
	return keys.flatMap((key) => valuesAt((value as Record<string, unknown>)[key], rest, [...at, key]));
}

const ID = '[^/]+';
export const ENDPOINTS: Endpoint[] = [
	{ method: 'POST', pattern: /^\/v2\/generate$/, name: 'POST /v2/generate', request: (r) => (r.form ? generationForm(r) : { type: 'Sync.CreateGenerationDto', value: r.json }), response: 'Sync.Generation' },
	{ method: 'GET', pattern: new RegExp(`^/v2/generate/${ID}$`), name: 'GET /v2/generate/{id}', request: (r) => ({ type: NO_QUERY, value: r.query }), response: 'Sync.Generation' },
	{
		method: 'GET',
		pattern: /^\/v2\/generations$/,
		name: 'GET /v2/generations',
		// Comma-separated lists back to arrays (WIRE_DECISIONS), numbers from the query string.
		request: (r) => ({
			type: 'Sync.ListGenerationsRequest',
			value: defined({ ...r.query, status: commaList(r.query.status), ids: commaList(r.query.ids), limit: r.query.limit === undefined ? undefined : Number(r.query.limit) }),
		}),
		response: 'Sync.Generation[]',
	},
	{ method: 'DELETE', pattern: new RegExp(`^/v2/generations/${ID}$`), name: 'DELETE /v2/generations/{id}', response: 'Sync.Generation' },
	{ method: 'GET', pattern: new RegExp(`^/v2/generations/${ID}/download$`), name: 'GET /v2/generations/{id}/download' },
	{ method: 'POST', pattern: /^\/v2\/generations\/estimate$/, name: 'POST /v2/generations/estimate', response: 'Sync.EstimatedGenerationCost' },
	{ method: 'POST', pattern: /^\/v2\/analyze\/cost$/, name: 'POST /v2/analyze/cost', request: (r) => ({ type: 'Sync.CreateGenerationDto', value: r.json }), response: 'Sync.EstimatedGenerationCost[]' },
	{
		method: 'POST',
		pattern: /^\/v2\/batch$/,
		name: 'POST /v2/batch',
		// The JSON rows form is newer than SDK 0.3.0: its keys against the reference, each row's payload as a create body.
		request: (r) => (r.form ? batchForm(r) : referenceRequest((x) => x.json as Record<string, unknown>)(r)),
		response: 'Sync.CreateBatchResponse',
	},
	{ method: 'GET', pattern: new RegExp(`^/v2/batch/${ID}$`), name: 'GET /v2/batch/{id}', request: (r) => ({ type: NO_QUERY, value: r.query }), response: 'Sync.BatchResponse' },
	{ method: 'GET', pattern: /^\/v2\/batch$/, name: 'GET /v2/batch', request: (r) => ({ type: 'Sync.ListBatchesRequest', value: r.query }), response: 'Sync.BatchResponse[]' },
	// The asset upload's steps 1 and 3 are newer than SDK 0.3.0: checked against the reference; the registered Asset is the SDK's.
	{ method: 'POST', pattern: /^\/v2\/assets\/upload$/, name: 'POST /v2/assets/upload', request: referenceRequest((r) => r.json as Record<string, unknown>) },
	{ method: 'POST', pattern: /^\/v2\/assets$/, name: 'POST /v2/assets', request: referenceRequest((r) => r.json as Record<string, unknown>), response: 'Sync.Asset' },
	{ method: 'GET', pattern: new RegExp(`^/v2/assets/${ID}$`), name: 'GET /v2/assets/{id}', request: (r) => ({ type: NO_QUERY, value: r.query }), response: 'Sync.Asset' },
	{
		method: 'GET',
		pattern: /^\/v2\/assets$/,
		name: 'GET /v2/assets',
		request: (r) => ({
			type: 'Sync.ListAssetsRequest',
			value: defined({ ...r.query, types: commaList(r.query.types), limit: r.query.limit === undefined ? undefined : Number(r.query.limit) }),
		}),
		response: 'Sync.PaginatedAssetsResponse',
	},
	{ method: 'GET', pattern: /^\/v2\/models$/, name: 'GET /v2/models', request: (r) => ({ type: NO_QUERY, value: r.query }), response: 'Sync.ModelInfo[]' },
	{ method: 'PUT', pattern: /^\/uploads\//, name: 'PUT <presigned upload URL>' },
	{ method: 'GET', pattern: /^\/(files|media|batch-results|tts-audio)\//, name: 'GET <output or batch-result file>' },
	// Newer than SDK 0.3.0: checked against the reference (exceptions.cts REFERENCE_REQUESTS); their answers have no SDK type.
	{ method: 'GET', pattern: /^\/v2\/voices$/, name: 'GET /v2/voices', request: referenceRequest((r) => r.query) },
	{ method: 'GET', pattern: new RegExp(`^/v2/voices/${ID}$`), name: 'GET /v2/voices/{id}', request: referenceRequest((r) => r.query) },
	{ method: 'POST', pattern: /^\/v2\/voices$/, name: 'POST /v2/voices', request: referenceRequest((r) => r.json as Record<string, unknown>) },
	{ method: 'DELETE', pattern: new RegExp(`^/v2/voices/${ID}$`), name: 'DELETE /v2/voices/{id}', request: referenceRequest((r) => r.query) },
	{ method: 'POST', pattern: /^\/v2\/tts$/, name: 'POST /v2/tts', request: referenceRequest((r) => r.json as Record<string, unknown>) },
	{ method: 'POST', pattern: /^\/v2\/tts\/jobs$/, name: 'POST /v2/tts/jobs', request: referenceRequest((r) => r.json as Record<string, unknown>) },
	{ method: 'GET', pattern: new RegExp(`^/v2/tts/jobs/${ID}$`), name: 'GET /v2/tts/jobs/{id}', request: referenceRequest((r) => r.query) },
	{ method: 'POST', pattern: /^\/v2\/projects$/, name: 'POST /v2/projects', request: referenceRequest((r) => r.json as Record<string, unknown>) },
	{
		method: 'GET',
		pattern: /^\/v2\/projects$/,
		name: 'GET /v2/projects',
		request: referenceRequest((r) => defined({ ...r.query, limit: r.query.limit === undefined ? undefined : Number(r.query.limit) })),
	},
	{ method: 'GET', pattern: new RegExp(`^/v2/projects/${ID}$`), name: 'GET /v2/projects/{id}', request: referenceRequest((r) => r.query) },
	{ method: 'GET', pattern: new RegExp(`^/v2/generate/${ID}/costs$`), name: 'GET /v2/generate/{id}/costs', request: referenceRequest((r) => r.query) },
	{
		method: 'GET',
		pattern: /^\/v2\/usage\/generations$/,
		name: 'GET /v2/usage/generations',
		request: referenceRequest((r) => defined({ ...r.query, limit: r.query.limit === undefined ? undefined : Number(r.query.limit) })),
	},
	{ method: 'GET', pattern: /^\/v2\/account$/, name: 'GET /v2/account', request: referenceRequest((r) => r.query) },
];

/** The kind of a request as the report and the exception list name it. */
export function kindOf(r: RecordedRequest): { kind: string; endpoint?: Endpoint } {
	const endpoint = ENDPOINTS.find((e) => e.method === r.method && e.pattern.test(r.path));
	if (!endpoint) return { kind: `${r.method} ${r.path} (unknown endpoint)` };
	if (endpoint.name.includes('<') || endpoint.name.endsWith('/download')) return { kind: endpoint.name, endpoint };
	const variant = r.form ? 'multipart' : r.json !== undefined ? 'json' : Object.keys(r.query).length > 0 || endpoint.request ? 'query' : '';
	return { kind: variant && !(r.method === 'DELETE') ? `${endpoint.name} (${variant})` : endpoint.name, endpoint };
}

function segmentMatches(key: string, segment: string): boolean {
	return segment === '*' || segment === key;
}

/**
 * Removes the value at an exception path (in place); true when something was removed. Each removed value is
 * passed to `onRemoved` first, so the caller can check it against the exception's own shape.
 */
export function removePath(value: unknown, path: string[], onRemoved?: (removed: unknown) => void): boolean {
	if (path.length === 0 || value === null || typeof value !== 'object') return false;
	const [head, ...rest] = path;
	const filter = /^(\w+|\*)\[(\w+)=([\w.-]+)\]$/.exec(head);
	let removed = false;
	const container = value as Record<string, unknown>;
	for (const key of Object.keys(container)) {
		if (!segmentMatches(key, filter ? filter[1] : head)) continue;
		if (filter) {
			const list = container[key];
			if (!Array.isArray(list)) continue;
			const [, , field, wanted] = filter;
			for (let i = list.length - 1; i >= 0; i--) {
				const item = list[i] as Record<string, unknown> | null;
				if (!item || item[field] !== wanted) continue;
				if (rest.length === 0) {
					onRemoved?.(item);
					list.splice(i, 1);
					removed = true;
				} else removed = removePath(item, rest, onRemoved) || removed;
			}
		} else if (rest.length === 0) {
			onRemoved?.(container[key]);
			delete container[key];
			removed = true;
		} else removed = removePath(container[key], rest, onRemoved) || removed;
	}
	return removed;
}

/** A value as JSON for a report line, cut short when long (a batch's rows). */
function shown(value: unknown): string {
	const text = JSON.stringify(value) ?? 'undefined';
	return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Takes each listed exception out of a copy of the value, after checking what it takes out against the
 * exception's expected shape (exceptions.cts): below a listed path nothing goes unchecked.
 */
function applyExceptions(kind: string, side: WireException['side'], value: unknown, used: Set<WireException>): { value: unknown; problems: string[] } {
	// Responses: the emulator's nulls for unset fields are dropped (WIRE_DECISIONS); a null in a request is checked.
	const copy = side === 'request' ? structuredClone(value) : withoutNulls(structuredClone(value));
	const problems: string[] = [];
	for (const e of WIRE_EXCEPTIONS) {
		if ((e.kind !== kind && e.kind !== '*') || e.side !== side) continue;
		const check = (removed: unknown) => {
			const result = e.shape.safeParse(removed);
			if (!result.success) {
				const issue = result.error.issues[0];
				const at = [e.path, ...issue.path].join('.');
				problems.push(`${at}: ${issue.message} (listed exception, value ${shown(removed)})`);
			}
		};
		if (removePath(copy, e.path.split('.'), check)) used.add(e);
	}
	return { value: copy, problems };
}

export interface WireReport {
	/** One line per request kind: `<kind> request|response: OK` or the exact mismatch. */
	lines: string[];
	failures: string[];
	unusedExceptions: WireException[];
}

/** Checks every recorded request and every JSON response against the SDK types. */
export function checkRequests(requests: RecordedRequest[]): WireReport {
	const used = new Set<WireException>();
	const byKind = new Map<string, { request: string[]; response: string[]; endpointException?: string }>();
	const cases: TypeCase[] = [];
	/** `at`: the place of a nested request (a batch row's payload), put before each of its messages. */
	const slots: Array<{ kind: string; side: 'request' | 'response'; problems: string[]; at?: string }> = [];
	const entry = (kind: string) => {
		if (!byKind.has(kind)) byKind.set(kind, { request: [], response: [] });
		return byKind.get(kind)!;
	};

	for (const r of requests) {
		const { kind, endpoint } = kindOf(r);
		const e = entry(kind);
		if (!endpoint) {
			e.request.push('not a Sync endpoint the fidelity test knows');
			continue;
		}
		const listed = ENDPOINT_EXCEPTIONS.find((x) => x.kind === kind);
		const request = endpoint.request?.(r);
		if (request) {
			const { value, problems } = applyExceptions(kind, 'request', request.value ?? {}, used);
			cases.push({ type: request.type, value });
			slots.push({ kind, side: 'request', problems: [...(request.problems ?? []), ...problems] });
			for (const nested of request.nested ?? []) {
				const inner = applyExceptions(nested.kind, 'request', nested.value, used);
				cases.push({ type: nested.type, value: inner.value });
				slots.push({ kind, side: 'request', problems: inner.problems, at: nested.at });
			}
		} else if (listed) e.endpointException = listed.reason;
		else e.request.push('no SDK request type and not in ENDPOINT_EXCEPTIONS');
		if (endpoint.response && r.response !== undefined && (r.status ?? 0) < 400) {
			const { value, problems } = applyExceptions(kind, 'response', r.response, used);
			cases.push({ type: endpoint.response, value });
			slots.push({ kind, side: 'response', problems });
		} else if (r.response !== undefined && (r.status ?? 0) >= 400) {
			const { value, problems } = applyExceptions(kind, 'error', r.response, used);
			cases.push({ type: 'Sync.GenerationError', value });
			slots.push({ kind, side: 'response', problems });
		}
	}

	const results = compilerMessages(cases);
	results.forEach((result, i) => {
		const slot = slots[i];
		const within = (message: string) => (slot.at === undefined ? message : message.startsWith('(root)') ? `${slot.at}${message.slice('(root)'.length)}` : `${slot.at}.${message}`);
		const messages = [...slot.problems, ...result].map(within);
		const list = entry(slot.kind)[slot.side];
		if (messages.length === 0) list.push('OK');
		else list.push(messages.join(' | '));
	});

	const lines: string[] = [];
	const failures: string[] = [];
	for (const [kind, e] of [...byKind.entries()].sort(([a], [b]) => a.localeCompare(b))) {
		for (const side of ['request', 'response'] as const) {
			const results = e[side];
			if (side === 'request' && e.endpointException && results.length === 0) {
				lines.push(`${kind} request: EXCEPTION, no SDK method: ${e.endpointException}`);
				continue;
			}
			if (results.length === 0) continue;
			const bad = [...new Set(results.filter((x) => x !== 'OK'))];
			const line = `${kind} ${side}: ${bad.length === 0 ? `OK (${results.length})` : bad.join(' || ')}`;
			lines.push(line);
			if (bad.length > 0) failures.push(line);
		}
	}
	const unusedExceptions = WIRE_EXCEPTIONS.filter((x) => !used.has(x));
	return { lines, failures, unusedExceptions };
}

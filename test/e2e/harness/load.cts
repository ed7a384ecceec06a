// Load helpers for the burst, fuzz and bench scenarios: a bounded-concurrency HTTP client over keep-alive
// loopback connections (node:http, so headers and bodies go out exactly as built), signed Sync deliveries,
// and execution read-back in pages (counts without data, trigger output ids with data).
import * as http from 'http';
import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';
import type { N8nInstance } from './n8n.cjs';

export interface LoadRequest {
	method?: string;
	/** Absolute http://127.0.0.1:<port>/... URL. */
	url: string;
	headers?: Record<string, string | string[]>;
	body?: Buffer | string;
	/** Free-form label, kept in the result (e.g. 'valid', 'fuzz:gzip'). */
	kind?: string;
	/** Fresh connection instead of the shared keep-alive pool (for requests that may make n8n close it). */
	noKeepAlive?: boolean;
	/** This request's own timeout, overriding the run's. */
	timeoutMs?: number;
	/**
	 * Send the headers, wait this long, then the body: a server that refuses on the headers alone (Node's 431 for
	 * headers over --max-http-header-size) is then heard before it closes, instead of being seen as a reset.
	 */
	headersFirstMs?: number;
}

export interface LoadResult {
	status: number | 'error';
	error?: string;
	/** Sent a second time, on a new connection, because a reused keep-alive connection was reset before any answer. */
	resentAfterStaleConnection?: boolean;
	kind?: string;
	ms: number;
	body?: string;
}

export interface LoadSummary {
	total: number;
	ms: number;
	perSecond: number;
	/** status code (or 'error') → count */
	byStatus: Record<string, number>;
	results: LoadResult[];
}

/** One request over `agent`; never throws. */
export function sendOne(
	agent: http.Agent,
	req: LoadRequest,
	opts: { timeoutMs?: number; keepBody?: boolean; keepBodyOfStatus?: (status: number) => boolean } = {},
): Promise<LoadResult> {
	const started = process.hrtime.bigint();
	const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
	return new Promise((resolve) => {
		let settled = false;
		const done = (r: Omit<LoadResult, 'ms' | 'kind'>) => {
			if (settled) return;
			settled = true;
			resolve({ ...r, kind: req.kind, ms: elapsed() });
		};
		const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
		const headers: Record<string, string | string[] | number> = { ...(req.headers ?? {}) };
		if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length' || h.toLowerCase() === 'transfer-encoding')) {
			headers['content-length'] = body.length;
		}
		let r: http.ClientRequest;
		try {
			r = http.request(req.url, {
				method: req.method ?? 'POST',
				headers: headers as http.OutgoingHttpHeaders,
				agent: req.noKeepAlive ? false : agent,
				timeout: req.timeoutMs ?? opts.timeoutMs ?? 60_000,
			});
		} catch (e) {
			// the client refused to build it (e.g. an invalid header character): counts as not sent
			done({ status: 'error', error: `client: ${(e as Error).message}` });
			return;
		}
		let responded = false;
		r.on('response', (res) => {
			responded = true;
			const chunks: Buffer[] = [];
			const keep = opts.keepBody || opts.keepBodyOfStatus?.(res.statusCode ?? 0);
			res.on('data', (c: Buffer) => {
				if (keep) chunks.push(c);
			});
			res.on('end', () => done({ status: res.statusCode ?? 0, body: keep ? Buffer.concat(chunks).toString('utf8') : undefined }));
			res.on('error', (e) => done({ status: res.statusCode ?? 'error', error: e.message }));
		});
		r.on('timeout', () => r.destroy(new Error('timeout')));
		r.on('error', (e) => {
			const code = (e as NodeJS.ErrnoException).code;
			// The keep-alive race: the server closed an idle connection just as this request was put on it. Node's
			// http docs advise sending again on a new connection; a reset on a fresh connection still counts.
			if (!settled && !responded && r.reusedSocket && !req.noKeepAlive && (code === 'ECONNRESET' || code === 'EPIPE')) {
				settled = true;
				void sendOne(agent, { ...req, noKeepAlive: true }, opts).then((again) => resolve({ ...again, resentAfterStaleConnection: true }));
				return;
			}
			done({ status: 'error', error: code ?? e.message });
		});
		if (req.headersFirstMs === undefined) r.end(body);
		else {
			r.flushHeaders();
			setTimeout(() => {
				if (settled) r.destroy(); // answered on the headers alone
				else if (!r.destroyed) r.end(body);
			}, req.headersFirstMs);
		}
	});
}

/**
 * Sends `count` requests made by `make(i)` with at most `concurrency` in flight, over a keep-alive pool of
 * `concurrency` sockets. `make` is called lazily, so huge runs keep little in memory.
 */
export async function runLoad(
	count: number,
	concurrency: number,
	make: (i: number) => LoadRequest,
	opts: {
		timeoutMs?: number;
		keepResults?: boolean;
		keepBody?: (r: LoadRequest) => boolean;
		/** Keep the body of answers with these statuses (e.g. 5xx, to tell whose they are). */
		keepBodyOfStatus?: (status: number) => boolean;
		onResult?: (r: LoadResult, req: LoadRequest, i: number) => void;
	} = {},
): Promise<LoadSummary> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
	const byStatus: Record<string, number> = {};
	const results: LoadResult[] = [];
	let next = 0;
	const start = process.hrtime.bigint();
	const lane = async () => {
		for (;;) {
			const i = next++;
			if (i >= count) return;
			const req = make(i);
			const r = await sendOne(agent, req, { timeoutMs: opts.timeoutMs, keepBody: opts.keepBody?.(req), keepBodyOfStatus: opts.keepBodyOfStatus });
			byStatus[String(r.status)] = (byStatus[String(r.status)] ?? 0) + 1;
			if (opts.keepResults) results.push(r);
			opts.onResult?.(r, req, i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
	agent.destroy();
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	return { total: count, ms, perSecond: (count * 1000) / ms, byStatus, results };
}

/** A Sync-signed JSON delivery (exact bytes signed = bytes sent). */
export function signedDelivery(url: string, payload: unknown, secret: string, timestamp = Math.floor(Date.now() / 1000)): LoadRequest {
	const body = Buffer.from(JSON.stringify(payload), 'utf8');
	return {
		url,
		headers: {
			'content-type': 'application/json',
			'sync-signature': signSyncPayload({ secret, timestamp, body }),
			'user-agent': 'sync-webhooks/e2e',
		},
		body,
		kind: 'valid',
	};
}

/** A generation.completed payload of about `size` bytes (padding in an extra field), with a unique id. */
export function generationPayload(id: string, size = 0): Record<string, unknown> {
	const base: Record<string, unknown> = {
		id,
		status: 'COMPLETED',
		createdAt: '2026-11-27T05:00:00.000Z',
		model: 'lipsync-2',
		input: [
			{ type: 'video', url: 'https://cdn.example/in.mp4' },
			{ type: 'audio', url: 'https://cdn.example/in.wav' },
		],
		outputUrl: 'https://cdn.example/out.mp4',
		outputDuration: 4.2,
	};
	const len = JSON.stringify(base).length;
	if (size > len + 20) base.padding = 'x'.repeat(size - len - 14);
	return base;
}

// --- execution read-back through the public API -------------------------------------------------------------

async function pages(n8n: N8nInstance, workflowId: string, includeData: boolean, onPage: (rows: any[]) => void): Promise<void> {
	let cursor: string | undefined;
	do {
		const q = new URLSearchParams({ workflowId, includeData: String(includeData), limit: includeData ? '100' : '250' });
		if (cursor) q.set('cursor', cursor);
		const r = await n8n.api<{ data: any[]; nextCursor?: string | null }>('GET', `/executions?${q}`);
		if (r.status !== 200) throw new Error(`listing executions: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
		onPage(r.body.data);
		cursor = r.body.nextCursor ?? undefined;
	} while (cursor);
}

/** status → count of a workflow's executions (no data fetched). */
export async function executionStatusCounts(n8n: N8nInstance, workflowId: string): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	await pages(n8n, workflowId, false, (rows) => {
		for (const e of rows) counts[e.status] = (counts[e.status] ?? 0) + 1;
	});
	return counts;
}

/**
 * Polls until `count` executions of the workflow have ended (success/error/crashed/canceled) and no more
 * appear for `settleMs`; returns the status counts.
 */
export async function waitForExecutionCount(
	n8n: N8nInstance,
	workflowId: string,
	count: number,
	opts: { timeoutMs?: number; settleMs?: number } = {},
): Promise<Record<string, number>> {
	const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
	const settleMs = opts.settleMs ?? 1500;
	let counts: Record<string, number> = {};
	let lastTotal = -1;
	let stableSince = Date.now();
	for (;;) {
		counts = await executionStatusCounts(n8n, workflowId);
		const total = Object.values(counts).reduce((a, b) => a + b, 0);
		const ended = (counts.success ?? 0) + (counts.error ?? 0) + (counts.crashed ?? 0) + (counts.canceled ?? 0);
		if (total !== lastTotal) {
			lastTotal = total;
			stableSince = Date.now();
		}
		if (ended >= count && ended === total && Date.now() - stableSince >= settleMs) return counts;
		if (Date.now() > deadline) return counts;
		await new Promise((r) => setTimeout(r, 500));
	}
}

/** For every execution of the workflow: its id, status, and the `id` field of each item the trigger emitted. */
export async function triggerItemIds(
	n8n: N8nInstance,
	workflowId: string,
	triggerNode: string,
): Promise<Array<{ executionId: string; status: string; ids: string[] }>> {
	const out: Array<{ executionId: string; status: string; ids: string[] }> = [];
	await pages(n8n, workflowId, true, (rows) => {
		for (const e of rows) {
			const runs = e.data?.resultData?.runData?.[triggerNode] as any[] | undefined;
			const items = (runs?.[runs.length - 1]?.data?.main?.[0] ?? []) as Array<{ json: Record<string, any> }>;
			out.push({ executionId: String(e.id), status: e.status, ids: items.map((i) => String(i.json?.id ?? i.json?.body?.id)) });
		}
	});
	return out;
}

export interface SetComparison {
	expected: number;
	executed: number;
	missing: string[];
	duplicated: string[];
	unexpected: string[];
	notSuccess: number;
}

/** Compares the ids that were sent with the ids found in executions (one item per execution expected). */
export function compareIds(sent: Iterable<string>, found: Array<{ status: string; ids: string[] }>): SetComparison {
	const expected = new Set(sent);
	const seen = new Map<string, number>();
	let notSuccess = 0;
	for (const e of found) {
		if (e.status !== 'success') notSuccess++;
		for (const id of e.ids) seen.set(id, (seen.get(id) ?? 0) + 1);
	}
	return {
		expected: expected.size,
		executed: found.length,
		missing: [...expected].filter((id) => !seen.has(id)),
		duplicated: [...seen].filter(([, n]) => n > 1).map(([id]) => id),
		unexpected: [...seen.keys()].filter((id) => !expected.has(id)),
		notSuccess,
	};
}

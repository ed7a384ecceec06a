// Talking to a running harness n8n over HTTP: the editor's REST endpoints with the owner's login cookie, the
// public API with the API key, webhook probes, (de)activation, and executions read back with their data.
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';
import type { ApiExecution, ExecutionData, ExecutionSummary, N8nInstance } from './n8nTypes.cjs';
import type { N8nInstall } from './paths.cjs';

const BROWSER_ID = 'synclabs-e2e-browser';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Throws with the message and the tail of n8n's log. */
export type Fail = (message: string) => never;

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

/** The HTTP side of an N8nInstance; `setApiKey` once the owner's key exists (setUpOwner). */
export type N8nClient = Pick<
	N8nInstance,
	| 'webhookUrl'
	| 'executions'
	| 'waitForExecutions'
	| 'api'
	| 'rest'
	| 'authed'
	| 'activate'
	| 'deactivate'
	| 'waitForWebhook'
> & {
	readonly apiKey: string;
	setApiKey(key: string): void;
};

export function createN8nClient(opts: {
	baseUrl: string;
	install: N8nInstall;
	fail: Fail;
	/** True once the server process is gone (webhook waits stop then). */
	isExited: () => boolean;
}): N8nClient {
	const { baseUrl, install, fail, isExited } = opts;
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
			if (isExited()) fail(`n8n exited while waiting for webhook ${path}`);
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

	return {
		get apiKey() {
			return apiKey;
		},
		setApiKey(key: string) {
			apiKey = key;
		},
		webhookUrl,
		executions,
		waitForExecutions,
		api,
		rest,
		authed,
		activate,
		deactivate,
		waitForWebhook,
	};
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

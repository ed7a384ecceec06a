// The HTTP server and router: request log, fault injection, API-key check, latency, handler dispatch, reply writing.
import { randomUUID } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { ApiError } from './errors.cjs';
import type { Core, Ctx, Route } from './context.cjs';
import type { Faults } from './faults.cjs';
import type { Reply } from './http.cjs';
import { assetRoutes } from './routes/assets.cjs';
import { batchRoutes } from './routes/batches.cjs';
import { generationRoutes } from './routes/generations.cjs';
import { miscRoutes } from './routes/misc.cjs';
import { moneyRoutes } from './routes/money.cjs';
import { projectRoutes } from './routes/projects.cjs';
import { ttsRoutes } from './routes/tts.cjs';
import { voiceRoutes } from './routes/voices.cjs';
import type { RecordedRequest } from './types.cjs';

export const ROUTES: Route[] = [...generationRoutes, ...batchRoutes, ...assetRoutes, ...miscRoutes, ...voiceRoutes, ...ttsRoutes, ...projectRoutes, ...moneyRoutes];

export interface ServerDeps {
	core: Core;
	faults: Faults;
	requests: RecordedRequest[];
}

function errorReply(e: unknown): Reply {
	if (e instanceof ApiError) return { status: e.statusCode, json: e.toBody(), headers: e.headers };
	const message = e instanceof Error ? e.message : String(e);
	return { status: 500, json: { statusCode: 500, message: `Internal server error: ${message}`, error: 'Internal Server Error' } };
}

function checkApiKey(deps: ServerDeps, req: http.IncomingMessage): string {
	const raw = req.headers['x-api-key'];
	const key = Array.isArray(raw) ? raw[0] : raw;
	if (key === undefined || key.trim() === '') {
		throw new ApiError(401, 'Missing API key. Send it in the x-api-key header.', { suggestion: 'Create a key at https://sync.so/settings/api-keys and send it as x-api-key.' });
	}
	const allowed = deps.core.config.apiKeys;
	if (allowed && !allowed.includes(key)) {
		throw new ApiError(401, 'Invalid API key.', { suggestion: 'Check the x-api-key header; the key may have been revoked.' });
	}
	return key;
}

function write(req: http.IncomingMessage, res: http.ServerResponse, reply: Reply, record: RecordedRequest): void {
	record.status = reply.status;
	if (reply.json !== undefined) record.response = reply.json;
	if (res.destroyed || res.headersSent) return;
	const headers: Record<string, string> = { 'X-Request-Id': randomUUID(), ...(reply.headers ?? {}) };
	let body: Buffer | undefined;
	if (reply.json !== undefined) {
		body = Buffer.from(JSON.stringify(reply.json));
		headers['Content-Type'] ??= 'application/json; charset=utf-8';
	} else if (reply.text !== undefined) {
		body = Buffer.from(reply.text);
		headers['Content-Type'] ??= 'text/plain; charset=utf-8';
	} else if (reply.raw !== undefined) body = reply.raw;
	if (body) headers['Content-Length'] = String(body.length);
	res.writeHead(reply.status, headers);
	if (req.method === 'HEAD') {
		reply.stream?.destroy();
		res.end();
	} else if (reply.stream) reply.stream.pipe(res);
	else res.end(body);
}

export function createServer(deps: ServerDeps): http.Server {
	const { core, faults, requests } = deps;
	return http.createServer((req, res) => {
		void (async () => {
			const method = (req.method ?? 'GET').toUpperCase();
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const record: RecordedRequest = {
				method,
				path: url.pathname,
				query: Object.fromEntries(url.searchParams.entries()),
				headers: { ...req.headers },
				bodyBytes: 0,
				at: Date.now(),
				url: req.url ?? '/',
			};
			requests.push(record);
			core.config.onRequest?.(record);
			try {
				const fault = faults.take(method, url.pathname);
				if (fault?.delayMs) await core.sleep(fault.delayMs);
				if (fault?.reset && !fault.afterHandling) {
					record.status = 0;
					req.socket.destroy();
					return;
				}
				if (fault?.error && !fault.afterHandling) {
					write(req, res, errorReply(fault.error), record);
					return;
				}
				const lookup = method === 'HEAD' ? 'GET' : method;
				let route: Route | undefined;
				let params: string[] = [];
				for (const r of ROUTES) {
					const m = r.pattern.exec(url.pathname);
					if (m && r.method === lookup) {
						route = r;
						params = m.slice(1).map((p) => (p === undefined ? '' : decodeURIComponent(p)));
						break;
					}
				}
				if (!route) throw new ApiError(404, `Cannot ${method} ${url.pathname}`);
				const apiKey = route.auth ? checkApiKey(deps, req) : '';
				if (!route.raw && core.config.latencyMs > 0) await core.sleep(core.config.latencyMs);
				const ctx: Ctx = { req, method, pathname: url.pathname, query: url.searchParams, params, apiKey, record, core };
				let reply: Reply;
				try {
					reply = await route.handler(ctx);
				} catch (e) {
					reply = errorReply(e);
				}
				if (fault?.reset && fault.afterHandling) {
					record.status = 0;
					req.socket.destroy();
					return;
				}
				if (fault?.error && fault.afterHandling) reply = errorReply(fault.error);
				else if (reply.json !== undefined && reply.status < 300) reply = { ...reply, json: faults.shape(method, url.pathname, reply.json) };
				write(req, res, reply, record);
			} catch (e) {
				write(req, res, errorReply(e), record);
			}
		})();
	});
}

export function listen(server: http.Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

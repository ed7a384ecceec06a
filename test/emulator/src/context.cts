// What route handlers get: the parsed request and the emulator core (config, state, webhooks, counters).
import type { IncomingMessage } from 'http';
import { ApiError } from './errors.cjs';
import type { Reply } from './http.cjs';
import type { State } from './state.cjs';
import type { Counters, RecordedRequest, ResolvedOptions } from './types.cjs';
import type { WebhookSender } from './webhooks.cjs';

export interface Core {
	config: ResolvedOptions;
	state: State;
	webhooks: WebhookSender;
	counters: Counters;
	baseUrl: string;
	/** True once stop() was called. */
	stopping: boolean;
	/** Sync's clock (EmulatorOptions.now, default Date.now). */
	now(): number;
	/** Resolves after ms, or early when the emulator stops. */
	sleep(ms: number): Promise<void>;
}

export interface Ctx {
	req: IncomingMessage;
	method: string;
	pathname: string;
	query: URLSearchParams;
	params: string[];
	apiKey: string;
	record: RecordedRequest;
	core: Core;
}

export interface Route {
	method: string;
	pattern: RegExp;
	auth: boolean;
	/** Skip the latency option and request logging of JSON bodies (file transfer routes). */
	raw?: boolean;
	handler: (ctx: Ctx) => Promise<Reply>;
}

/** A list query parameter: comma-separated (documented), a JSON array (what SDK 0.3.0 sends), or repeated. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
	const raw = query.getAll(name);
	if (raw.length === 0) return undefined;
	const out: string[] = [];
	for (const v of raw) {
		const t = v.trim();
		if (t.startsWith('[')) {
			try {
				const parsed: unknown = JSON.parse(t);
				if (Array.isArray(parsed)) {
					for (const p of parsed) out.push(String(p));
					continue;
				}
			} catch {
				/* fall through to comma splitting */
			}
		}
		out.push(...t.split(','));
	}
	return out.map((s) => s.trim()).filter((s) => s !== '');
}

export function intParam(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
	const v = query.get(name);
	if (v === null) return undefined;
	if (!/^\d+$/.test(v.trim()) || Number(v) < min || Number(v) > max) {
		throw new ApiError(400, [`${name} must be an integer between ${min} and ${max}`], { field: name });
	}
	return Number(v);
}

export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
	const v = query.get(name);
	if (v === null) return undefined;
	const t = v.trim().toLowerCase();
	if (t === 'true' || t === '1') return true;
	if (t === 'false' || t === '0' || t === '') return false;
	throw new ApiError(400, [`${name} must be a boolean value`], { field: name });
}

export function isLoopbackHost(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname === '::1' || hostname.endsWith('.localhost');
}

/** HTTPS, or plain HTTP to a loopback host (test receivers). */
export function checkWebhookUrl(url: string | undefined, field: string): void {
	if (url === undefined) return;
	let u: URL;
	try {
		u = new URL(url);
	} catch {
		throw new ApiError(400, [`${field} must be a URL`], { field, errorCode: 'generation_input_validation_failed' });
	}
	if (u.protocol === 'https:') return;
	if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) return;
	throw new ApiError(400, [`${field} must be an HTTPS URL`], { field, errorCode: 'generation_input_validation_failed' });
}

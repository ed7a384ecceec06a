// Test helpers for the emulator suites (not a test file itself).
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { Emulator } from '../index.cjs';

export const API_KEY = 'sk-test-emulator';

export function videoUrl(query = ''): string {
	return `https://media.example.test/in/video.mp4${query ? `?${query}` : ''}`;
}
export function audioUrl(query = ''): string {
	return `https://media.example.test/in/audio.wav${query ? `?${query}` : ''}`;
}
export function basicBody(videoQuery = '', extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		model: 'lipsync-2',
		input: [
			{ type: 'video', url: videoUrl(videoQuery) },
			{ type: 'audio', url: audioUrl() },
		],
		...extra,
	};
}

export interface ApiResponse {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}

export async function api(
	emu: Emulator,
	method: string,
	path: string,
	opts: { body?: unknown; headers?: Record<string, string>; key?: string | null; raw?: RequestInit['body'] } = {},
): Promise<ApiResponse> {
	const headers: Record<string, string> = { ...(opts.headers ?? {}) };
	if (opts.key !== null) headers['x-api-key'] = opts.key ?? API_KEY;
	let body: RequestInit['body'] | undefined = opts.raw;
	if (opts.body !== undefined) {
		body = JSON.stringify(opts.body);
		headers['content-type'] ??= 'application/json';
	}
	const res = await fetch(`${emu.url}${path}`, { method, headers, body, redirect: 'manual' });
	const text = await res.text();
	let parsed: unknown;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = undefined;
	}
	return { status: res.status, headers: res.headers, text, json: parsed };
}

export interface ReceivedHook {
	headers: http.IncomingHttpHeaders;
	body: string;
	at: number;
}

export interface Receiver {
	url: string;
	received: ReceivedHook[];
	close(): Promise<void>;
}

/** A local webhook receiver answering `status` (default 200) after `delayMs`. */
export async function startReceiver(status = 200, delayMs = 0): Promise<Receiver> {
	const received: ReceivedHook[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
			setTimeout(() => {
				res.writeHead(status, { 'content-type': 'text/plain' });
				res.end(status < 300 ? 'ok' : 'nope');
			}, delayMs);
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		close: () =>
			new Promise<void>((r) => {
				server.close(() => r());
				server.closeAllConnections();
			}),
	};
}

export function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

export async function until<T>(fn: () => T | Promise<T>, timeoutMs = 3000, stepMs = 10): Promise<NonNullable<T>> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = await fn();
		if (v) return v as NonNullable<T>;
		if (Date.now() > end) throw new Error('condition not met in time');
		await sleep(stepMs);
	}
}

/** Polls GET /v2/generate/{id} until the status is terminal. */
export async function settle(emu: Emulator, id: string, timeoutMs = 3000): Promise<any> {
	return until(async () => {
		const r = await api(emu, 'GET', `/v2/generate/${id}`);
		return ['COMPLETED', 'FAILED', 'REJECTED'].includes(r.json?.status) ? r.json : undefined;
	}, timeoutMs);
}

export function jsonlRows(n: number, mk: (i: number) => Record<string, unknown> = () => ({})): Array<Record<string, unknown>> {
	return Array.from({ length: n }, (_, i) => ({
		request_id: `req_${String(i + 1).padStart(3, '0')}`,
		endpoint: '/v2/generate',
		payload: basicBody(),
		...mk(i),
	}));
}

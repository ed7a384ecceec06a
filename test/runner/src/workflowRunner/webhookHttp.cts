// Stand-ins for the express request and response n8n hands to a webhook: the request carries what n8n's
// body parser leaves behind (rawBody, a parsed JSON body, lower-cased headers), the response records what
// the node sends so the runner can report the HTTP status the caller would get.
import type express from 'express';

export interface FakeRequestInit {
	method: string;
	headers: Record<string, string>;
	body: Buffer;
	url: string;
}

function parsedBody(headers: Record<string, string>, body: Buffer): unknown {
	const contentType = (headers['content-type'] ?? '').toLowerCase();
	if (!contentType.includes('json')) return {};
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return {};
	}
}

export function fakeWebhookRequest(init: FakeRequestInit): express.Request {
	const headers = Object.fromEntries(Object.entries(init.headers).map(([name, value]) => [name.toLowerCase(), value]));
	const url = new URL(init.url, 'http://127.0.0.1');
	const request = {
		method: init.method,
		url: `${url.pathname}${url.search}`,
		originalUrl: `${url.pathname}${url.search}`,
		path: url.pathname,
		headers,
		query: Object.fromEntries(url.searchParams),
		params: {},
		body: parsedBody(headers, init.body),
		rawBody: init.body,
		contentType: headers['content-type']?.split(';')[0].trim(),
		// n8n only reads the body lazily when no parser did; here it is always already there.
		readRawBody: async () => undefined,
		header: (name: string) => headers[name.toLowerCase()],
		get: (name: string) => headers[name.toLowerCase()],
	};
	return request as unknown as express.Request;
}

export class FakeWebhookResponse {
	statusCode = 200;
	body: unknown = undefined;
	ended = false;
	readonly headers: Record<string, string> = {};

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = String(value);
		return this;
	}

	set(name: string | Record<string, string>, value?: string): this {
		if (typeof name === 'string') return this.setHeader(name, value ?? '');
		for (const [key, v] of Object.entries(name)) this.setHeader(key, v);
		return this;
	}

	header(name: string, value: string): this {
		return this.setHeader(name, value);
	}

	getHeader(name: string): string | undefined {
		return this.headers[name.toLowerCase()];
	}

	send(body?: unknown): this {
		if (body !== undefined) this.body = Buffer.isBuffer(body) ? body.toString('utf8') : body;
		this.ended = true;
		return this;
	}

	json(body: unknown): this {
		this.setHeader('content-type', 'application/json');
		return this.send(body);
	}

	end(body?: unknown): this {
		return this.send(body);
	}

	writeHead(code: number, headers?: Record<string, string>): this {
		this.statusCode = code;
		if (headers) this.set(headers);
		return this;
	}

	get headersSent(): boolean {
		return this.ended;
	}

	asExpressResponse(): express.Response {
		return this as unknown as express.Response;
	}
}

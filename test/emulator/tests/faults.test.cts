// Fault injection (per route or global, counted), latency, and the request log and counters tests read.
import * as http from 'http';
import { startEmulator } from '../index.cjs';
import type { Emulator } from '../index.cjs';
import { api, basicBody, settle } from './helpers.cjs';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pendingMs: 10, processingMs: 30 });
});
afterAll(() => emu.stop());
beforeEach(() => {
	emu.reset();
	emu.config.latencyMs = 0;
});

describe('fault injection', () => {
	it('answers 429 rate_limit_exceeded with Retry-After when given, then recovers', async () => {
		emu.injectFault({ path: '/v2/models', status: 429, retryAfterSeconds: 3 });
		const r = await api(emu, 'GET', '/v2/models');
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toBe('3');
		expect(r.json).toEqual({ statusCode: 429, errorCode: 'rate_limit_exceeded', message: 'Rate limit exceeded. Please try again later.', error: 'Too Many Requests', suggestion: expect.any(String) });
		expect((await api(emu, 'GET', '/v2/models')).status).toBe(200);
	});

	it('answers a concurrency 429 without Retry-After when asked for that error code', async () => {
		emu.injectFault({ method: 'POST', path: '/v2/generate', status: 429, errorCode: 'concurrency_limit_reached' });
		const r = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		expect(r.status).toBe(429);
		expect(r.json.errorCode).toBe('concurrency_limit_reached');
		expect(r.headers.get('retry-after')).toBeNull();
		expect(emu.counters.generationsCreated).toBe(0);
	});

	it('answers 500 and 503 the given number of times, matching method and path prefix', async () => {
		emu.injectFault({ method: 'GET', path: '/v2/generat*', status: 503, times: 2 });
		emu.injectFault({ path: /^\/v2\/assets/, status: 500 });
		expect((await api(emu, 'POST', '/v2/generate', { body: basicBody() })).status).toBe(201);
		expect((await api(emu, 'GET', '/v2/generations')).status).toBe(503);
		expect((await api(emu, 'GET', '/v2/generations')).status).toBe(503);
		expect((await api(emu, 'GET', '/v2/generations')).status).toBe(200);
		const r = await api(emu, 'GET', '/v2/assets');
		expect(r.status).toBe(500);
		expect(r.json).toMatchObject({ statusCode: 500, error: 'Internal Server Error' });
	});

	it('applies global rules to every path and Infinity rules until cleared', async () => {
		emu.injectFault({ status: 503, times: Infinity });
		expect((await api(emu, 'GET', '/v2/models')).status).toBe(503);
		expect((await api(emu, 'GET', '/v2/errors', { key: null })).status).toBe(503);
		emu.clearFaults();
		expect((await api(emu, 'GET', '/v2/models')).status).toBe(200);
	});

	it('lists the objects an omitFields rule selects without those fields, alongside a fault rule on another path', async () => {
		const kept = (await api(emu, 'POST', '/v2/generate', { body: basicBody() })).json.id as string;
		const bare = (await api(emu, 'POST', '/v2/generate', { body: basicBody() })).json.id as string;
		emu.injectFault({ method: 'GET', path: '/v2/generat*', omitFields: ['createdAt', 'input'], where: (o) => o.id === bare, times: Infinity });
		emu.injectFault({ method: 'GET', path: '/v2/batch', status: 402, times: Infinity });
		const listed = (await api(emu, 'GET', '/v2/generations')).json as Array<Record<string, unknown>>;
		expect(listed.find((g) => g.id === bare)).not.toHaveProperty('createdAt');
		expect(listed.find((g) => g.id === bare)).not.toHaveProperty('input');
		expect(listed.find((g) => g.id === kept)).toHaveProperty('createdAt');
		expect((await api(emu, 'GET', `/v2/generate/${bare}`)).json).not.toHaveProperty('createdAt');
		expect((await api(emu, 'GET', '/v2/batch')).status).toBe(402);
	});

	it('slows a response down by delayMs and then handles it normally', async () => {
		emu.injectFault({ path: '/v2/models', delayMs: 300 });
		const started = Date.now();
		const r = await api(emu, 'GET', '/v2/models');
		expect(r.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
	});

	it('resets the connection without a response', async () => {
		emu.injectFault({ path: '/v2/models', reset: true });
		await expect(api(emu, 'GET', '/v2/models')).rejects.toThrow();
		expect(emu.requests[0].status).toBe(0);
		expect((await api(emu, 'GET', '/v2/models')).status).toBe(200);
	});

	it('can do the work and still answer 503 IDEMPOTENCY_OUTCOME_UNKNOWN, so a keyed retry returns the same generation', async () => {
		emu.injectFault({ method: 'POST', path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', afterHandling: true });
		const headers = { 'Idempotency-Key': 'retry-me' };
		const first = await api(emu, 'POST', '/v2/generate', { body: basicBody(), headers });
		expect(first.status).toBe(503);
		expect(first.json.errorCode).toBe('IDEMPOTENCY_OUTCOME_UNKNOWN');
		expect(emu.counters.generationsCreated).toBe(1);
		const retry = await api(emu, 'POST', '/v2/generate', { body: basicBody(), headers });
		expect(retry.status).toBe(201);
		expect(emu.counters.generationsCreated).toBe(1);
	});

	it('can do the work and then reset the connection, so the answer is lost but the work stays done', async () => {
		const created = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		const id = (created.json as { id: string }).id;
		await settle(emu, id);
		emu.injectFault({ method: 'DELETE', path: `/v2/generations/${id}`, reset: true, afterHandling: true });
		await expect(api(emu, 'DELETE', `/v2/generations/${id}`)).rejects.toThrow();
		expect(emu.requests.at(-1)?.status).toBe(0);
		expect(emu.getGeneration(id)).toBeUndefined();
	});

	it('merges extra body fields into the fault error body', async () => {
		emu.injectFault({ path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', body: { generationId: 'g-1' } });
		expect((await api(emu, 'POST', '/v2/generate', { body: basicBody() })).json.generationId).toBe('g-1');
	});
});

describe('latency option', () => {
	it('adds latencyMs to every API response', async () => {
		emu.config.latencyMs = 150;
		const started = Date.now();
		await api(emu, 'GET', '/v2/models');
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});
});

describe('request log and counters', () => {
	it('records method, path, query, headers, body size and JSON of each request', async () => {
		await api(emu, 'POST', '/v2/generate', { body: basicBody(), headers: { 'x-custom': 'yes' } });
		await api(emu, 'GET', '/v2/generations?limit=5&status=COMPLETED,FAILED');
		const [post, list] = emu.requests;
		expect(post).toMatchObject({ method: 'POST', path: '/v2/generate', query: {}, json: basicBody(), status: 201 });
		expect(post.headers['x-custom']).toBe('yes');
		expect(post.bodyBytes).toBe(Buffer.byteLength(JSON.stringify(basicBody())));
		expect(post.at).toBeLessThanOrEqual(Date.now());
		expect(list).toMatchObject({ method: 'GET', path: '/v2/generations', query: { limit: '5', status: 'COMPLETED,FAILED' }, bodyBytes: 0 });
	});

	it('counts generations created and resets everything on reset()', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		await settle(emu, g.id);
		expect(emu.counters.generationsCreated).toBe(1);
		emu.injectFault({ status: 500, times: Infinity });
		emu.reset();
		expect(emu.counters.generationsCreated).toBe(0);
		expect(emu.requests).toHaveLength(0);
		expect(emu.getGeneration(g.id)).toBeUndefined();
		expect((await api(emu, 'GET', '/v2/models')).status).toBe(200);
	});

	it('stops cleanly with a long-poll request still open', async () => {
		const other = await startEmulator({ processingMs: 60000 });
		const { json: g } = await api(other, 'POST', '/v2/generate', { body: basicBody() });
		const pending = new Promise<number>((resolve) => {
			http.get(`${other.url}/v2/generate/${g.id}?wait=true&timeout=10`, { headers: { 'x-api-key': 'k' } }, (res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			}).on('error', () => resolve(-1));
		});
		await new Promise((r) => setTimeout(r, 50));
		const started = Date.now();
		await other.stop();
		expect(Date.now() - started).toBeLessThan(2000);
		expect([200, -1]).toContain(await pending);
	});
});

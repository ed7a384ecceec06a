// The wire quirks of docs/sync-api.md#quirks ("§15" below; the tests keep its numbers), one test each, and the
// responses checked against the 2025-03 OpenAPI where that (older) definition is still valid.
import * as fs from 'fs';
import * as path from 'path';
import { startEmulator } from '../index.cjs';
import type { Emulator } from '../index.cjs';
import { api, audioUrl, basicBody, jsonlRows, settle, sleep, startReceiver, videoUrl } from './helpers.cjs';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pendingMs: 10, processingMs: 30 });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

describe('quirks checklist (§15)', () => {
	it('1a. uses camelCase generation fields with snake_case options', async () => {
		const options = { sync_mode: 'cut_off', active_speaker_detection: { auto_detect: true }, occlusion_detection_enabled: true, model_mode: 'head', reasoning_enabled: true };
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('', { model: 'react-1', options, outputFileName: 'x' }) });
		expect(Object.keys(g)).toEqual(expect.arrayContaining(['createdAt', 'outputUrl', 'webhookUrl', 'outputFileName', 'segmentOutputUrl', 'outputDuration']));
		expect(g.options).toEqual(options);
		expect(g).not.toHaveProperty('created_at');
	});

	it('1b. reports error codes as errorCode in GET and as both errorCode and error_code in webhooks; error_code in GET on request', async () => {
		const receiver = await startReceiver();
		try {
			const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_outcome=failed', { webhookUrl: receiver.url }) });
			const got = await settle(emu, g.id);
			expect(got.errorCode).toBe('generation_pipeline_failed');
			expect(got).not.toHaveProperty('error_code');
			await emu.waitForWebhooks(1);
			expect(JSON.parse(receiver.received[0].body)).toMatchObject({ errorCode: 'generation_pipeline_failed', error_code: 'generation_pipeline_failed' });
			emu.config.generationErrorCodeKeys = 'snake';
			const snake = (await api(emu, 'GET', `/v2/generate/${g.id}`)).json;
			expect(snake.error_code).toBe('generation_pipeline_failed');
			expect(snake).not.toHaveProperty('errorCode');
			emu.config.generationErrorCodeKeys = 'both';
			expect((await api(emu, 'GET', `/v2/generate/${g.id}`)).json).toMatchObject({ errorCode: 'generation_pipeline_failed', error_code: 'generation_pipeline_failed' });
		} finally {
			emu.config.generationErrorCodeKeys = 'camel';
			await receiver.close();
		}
	});

	it('1c. uses created_at and snake_case metrics on batches but camelCase outputUrl/webhookUrl, and takes webhook_url (not webhookUrl) on batch create', async () => {
		const receiver = await startReceiver();
		try {
			const ignored = await api(emu, 'POST', '/v2/batch', { body: { rows: jsonlRows(20), webhookUrl: receiver.url } });
			expect(ignored.json).not.toHaveProperty('webhookUrl');
			const { json: b } = await api(emu, 'POST', '/v2/batch', { body: { rows: jsonlRows(20), webhook_url: receiver.url } });
			expect(Object.keys(b).sort()).toEqual(['created_at', 'id', 'metrics', 'outputUrl', 'status', 'webhookUrl']);
			expect(Object.keys(b.metrics).sort()).toEqual(['failed_count', 'pending_count', 'success_count', 'total_generations']);
			expect(b.webhookUrl).toBe(receiver.url);
		} finally {
			await receiver.close();
		}
	});

	it('1d. takes reasoningEnabled on the duration estimate but reasoning_enabled as a generation option', async () => {
		expect((await api(emu, 'POST', '/v2/generations/estimate', { body: { model: 'sync-3', duration: 1, reasoningEnabled: true } })).status).toBe(200);
		expect((await api(emu, 'POST', '/v2/generations/estimate', { body: { model: 'sync-3', duration: 1, reasoningEnabled: 'yes' } })).status).toBe(400);
		expect((await api(emu, 'POST', '/v2/generate', { body: basicBody('', { model: 'sync-3', options: { reasoning_enabled: 'yes' } }) })).json.field).toBe('options.reasoning_enabled');
	});

	it('2. serves a generation on both get paths while listing lives at /v2/generations', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		expect((await api(emu, 'GET', `/v2/generate/${g.id}`)).status).toBe(200);
		expect((await api(emu, 'GET', `/v2/generations/${g.id}`)).status).toBe(200);
		expect((await api(emu, 'GET', '/v2/generate')).status).toBe(404);
		expect((await api(emu, 'GET', '/v2/generations')).json).toHaveLength(1);
	});

	it('3. answers /v2/analyze/cost as the documented array or the observed bare object', async () => {
		const body = basicBody();
		const arr = (await api(emu, 'POST', '/v2/analyze/cost', { body })).json;
		expect(Array.isArray(arr)).toBe(true);
		const obj = (await api(emu, 'POST', '/v2/analyze/cost', { body, headers: { 'x-emulator-cost-shape': 'object' } })).json;
		expect(obj).toEqual(arr[0]);
		emu.config.costEstimateShape = 'object';
		try {
			expect(Array.isArray((await api(emu, 'POST', '/v2/analyze/cost', { body })).json)).toBe(false);
		} finally {
			emu.config.costEstimateShape = 'array';
		}
	});

	it('4. accepts list filters comma-separated (documented) and as the JSON arrays SDK 0.3.0 sends', async () => {
		const a = (await api(emu, 'POST', '/v2/generate', { body: basicBody() })).json.id;
		const b = (await api(emu, 'POST', '/v2/generate', { body: basicBody() })).json.id;
		const comma = (await api(emu, 'GET', `/v2/generations?ids=${a},${b}&status=PENDING,PROCESSING,COMPLETED`)).json;
		const jsonArr = (await api(emu, 'GET', `/v2/generations?ids=${encodeURIComponent(JSON.stringify([a, b]))}&status=${encodeURIComponent('["PENDING","PROCESSING","COMPLETED"]')}`)).json;
		expect(comma).toHaveLength(2);
		expect(jsonArr.map((g: { id: string }) => g.id).sort()).toEqual(comma.map((g: { id: string }) => g.id).sort());
		await api(emu, 'POST', '/v2/assets', { body: { url: 'https://x.test/a.wav', type: 'AUDIO' } });
		expect((await api(emu, 'GET', `/v2/assets?types=${encodeURIComponent('["AUDIO"]')}`)).json.items).toHaveLength(1);
		expect((await api(emu, 'GET', '/v2/assets?types=VIDEO,IMAGE')).json.items).toHaveLength(0);
	});

	it('5. accepts multipart input as one JSON part per item (SDK) or one JSON array string (docs)', async () => {
		const perItem = new FormData();
		perItem.append('model', 'lipsync-2');
		perItem.append('input', JSON.stringify({ type: 'video', url: videoUrl() }));
		perItem.append('input', JSON.stringify({ type: 'audio', url: audioUrl() }));
		const asArray = new FormData();
		asArray.append('model', 'lipsync-2');
		asArray.append('input', JSON.stringify([{ type: 'video', url: videoUrl() }, { type: 'audio', url: audioUrl() }]));
		const r1 = await api(emu, 'POST', '/v2/generate', { raw: perItem });
		const r2 = await api(emu, 'POST', '/v2/generate', { raw: asArray });
		expect(r1.status).toBe(201);
		expect(r2.json.input).toEqual(r1.json.input);
	});

	it('6. signs webhooks with Sync-Signature over "<t>.<compact JSON>" keyed by the whole whsec_ string (no X-Signature-Primary)', async () => {
		const receiver = await startReceiver();
		try {
			await api(emu, 'POST', '/v2/generate', { body: basicBody('', { webhookUrl: receiver.url }) });
			await emu.waitForWebhooks(1);
			const { headers, body } = receiver.received[0];
			const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers['sync-signature'])) ?? [];
			const { createHmac } = await import('crypto');
			expect(v1).toBe(createHmac('sha256', 'whsec_emulator_secret').update(`${t}.${body}`).digest('hex'));
			expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(5);
			expect(headers['x-signature-primary']).toBeUndefined();
		} finally {
			await receiver.close();
		}
	});

	it('7. sends webhooks only for terminal COMPLETED/FAILED, never for PENDING or PROCESSING', async () => {
		const receiver = await startReceiver();
		try {
			const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_processing_ms=500', { webhookUrl: receiver.url }) });
			await sleep(60);
			expect(receiver.received).toHaveLength(0);
			await settle(emu, g.id);
			await emu.waitForWebhooks(1);
			expect(receiver.received.map((r) => JSON.parse(r.body).status)).toEqual(['COMPLETED']);
		} finally {
			await receiver.close();
		}
	});

	it('8. uses UPPERCASE statuses including REJECTED and refuses lowercase filters', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_outcome=rejected') });
		expect(g.status).toBe('PENDING');
		expect((await settle(emu, g.id)).status).toBe('REJECTED');
		expect((await api(emu, 'GET', '/v2/generations?status=REJECTED')).json).toHaveLength(1);
		expect((await api(emu, 'GET', '/v2/generations?status=rejected')).status).toBe(400);
	});

	it('9. caps the wait=true long-poll at 10 seconds', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		expect((await api(emu, 'GET', `/v2/generate/${g.id}?wait=true&timeout=10`)).status).toBe(200);
		expect((await api(emu, 'GET', `/v2/generate/${g.id}?wait=true&timeout=10.5`)).status).toBe(400);
	});

	it('10. returns the download URL as an unquoted text/plain body, not JSON or a redirect', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		await settle(emu, g.id);
		const r = await api(emu, 'GET', `/v2/generations/${g.id}/download`);
		expect(r.status).toBe(200);
		expect(r.text.startsWith('http://')).toBe(true);
		expect(r.json).toBeUndefined();
	});

	it('12. distinguishes the two 429s only by errorCode', async () => {
		emu.injectFault({ path: '/v2/generate', status: 429 });
		const rate = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		emu.config.concurrencyLimit = 0;
		const conc = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		emu.config.concurrencyLimit = undefined;
		expect([rate.status, conc.status]).toEqual([429, 429]);
		expect([rate.json.errorCode, conc.json.errorCode]).toEqual(['rate_limit_exceeded', 'concurrency_limit_reached']);
	});

	it('15. lists without limit in creation order (no promised order) but newest first with limit', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 3; i++) ids.push((await api(emu, 'POST', '/v2/generate', { body: basicBody() })).json.id);
		expect((await api(emu, 'GET', '/v2/generations')).json.map((g: { id: string }) => g.id)).toEqual(ids);
		expect((await api(emu, 'GET', '/v2/generations?limit=3')).json.map((g: { id: string }) => g.id)).toEqual([...ids].reverse());
	});

	it('16. serves the error catalog at /v2/errors without an API key', async () => {
		const r = await api(emu, 'GET', '/v2/errors', { key: null });
		expect(r.status).toBe(200);
		expect(r.json.map((e: { code: string }) => e.code)).toEqual(expect.arrayContaining(['generation_pipeline_failed', 'rate_limit_exceeded', 'INVALID_IDEMPOTENCY_KEY']));
	});

	it('17. lists models whose name is the generation model value and whose id is a UUID', async () => {
		const models = (await api(emu, 'GET', '/v2/models')).json as Array<{ id: string; name: string }>;
		for (const m of models) {
			expect(m.id).toMatch(/^[0-9a-f-]{36}$/);
			expect((await api(emu, 'POST', '/v2/analyze/cost', { body: basicBody('', { model: m.name }) })).status).toBe(200);
		}
	});
});

// ---- the 2025-03 OpenAPI, where still valid ----
type Schema = Record<string, any>;
// A copy of the 2025-03 OpenAPI Sync published in synchronicity-labs/docs-v2 (docs/sync-api.md#2025-03-openapi).
const spec = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'reference', 'synclabs-openapi-2025-03.json'), 'utf8')) as Schema;

/** Fields the 2025-03 file types wrongly or that changed since (docs/sync-api.md#2025-03-openapi): skipped. */
const OUTDATED = new Set(['Generation.webhookUrl', 'Generation.outputUrl', 'Generation.outputDuration']);

/** A small validator for the JSON-Schema subset the file uses; returns the list of violations. */
function validate(schema: Schema, value: unknown, at: string, name?: string): string[] {
	if (schema.$ref) {
		const ref = String(schema.$ref).split('/').pop() as string;
		return validate(spec.components.schemas[ref], value, at, ref);
	}
	if (schema.allOf) return (schema.allOf as Schema[]).flatMap((s) => validate(s, value, at));
	if (schema.oneOf) {
		const ok = (schema.oneOf as Schema[]).filter((s) => validate(s, value, at).length === 0);
		return ok.length === 1 ? [] : [`${at}: matches ${ok.length} of oneOf`];
	}
	const errors: string[] = [];
	if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
	const t = schema.type;
	if (t === 'string' && typeof value !== 'string') errors.push(`${at}: not a string`);
	if (t === 'number' && typeof value !== 'number') errors.push(`${at}: not a number`);
	if (t === 'array') {
		if (!Array.isArray(value)) return [...errors, `${at}: not an array`];
		if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${at}: too few items`);
		if (schema.items) value.forEach((v, i) => errors.push(...validate(schema.items, v, `${at}[${i}]`)));
	}
	if (t === 'object' || schema.properties) {
		if (!value || typeof value !== 'object' || Array.isArray(value)) return [...errors, `${at}: not an object`];
		const o = value as Record<string, unknown>;
		for (const r of (schema.required ?? []) as string[]) if (!(r in o)) errors.push(`${at}: missing ${r}`);
		for (const [k, s] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
			if (o[k] === undefined || o[k] === null || OUTDATED.has(`${name}.${k}`)) continue;
			errors.push(...validate(s, o[k], `${at}.${k}`));
		}
	}
	return errors;
}

function responseSchema(path: string, method: string, status: string): Schema {
	return spec.paths[path][method].responses[status].content['application/json'].schema;
}

describe('2025-03 OpenAPI (where still valid)', () => {
	it('accepts the OpenAPI example create body (lipsync-1.9.0-beta, two URL inputs) with 201 and a Generation', async () => {
		const example = { model: 'lipsync-1.9.0-beta', input: spec.components.schemas.CreateGenerationDto.properties.input.example };
		const r = await api(emu, 'POST', '/v2/generate', { body: example });
		expect(r.status).toBe(201);
		expect(validate(responseSchema('/v2/generate', 'post', '201'), r.json, '$')).toEqual([]);
	});

	it('matches Generation for get and list (failed and completed) and EstimatedGenerationCost for analyze/cost', async () => {
		const ok = (await api(emu, 'POST', '/v2/generate', { body: basicBody() })).json;
		const bad = (await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_outcome=failed') })).json;
		for (const id of [ok.id, bad.id]) {
			const g = await settle(emu, id);
			expect(validate(responseSchema('/v2/generate/{id}', 'get', '200'), g, '$')).toEqual([]);
		}
		expect(validate(responseSchema('/v2/generations', 'get', '200'), (await api(emu, 'GET', '/v2/generations?status=COMPLETED')).json, '$')).toEqual([]);
		expect(validate(responseSchema('/v2/analyze/cost', 'post', '200'), (await api(emu, 'POST', '/v2/analyze/cost', { body: basicBody() })).json, '$')).toEqual([]);
	});

	it('matches GenerationError for 400, 401 and 404 bodies', async () => {
		const bodies = [
			[(await api(emu, 'POST', '/v2/generate', { body: {} })).json, '/v2/generate', 'post', '400'],
			[(await api(emu, 'GET', '/v2/generate/x', { key: null })).json, '/v2/generate/{id}', 'get', '401'],
			[(await api(emu, 'GET', '/v2/generate/x')).json, '/v2/generate/{id}', 'get', '404'],
		] as const;
		for (const [body, path, method, status] of bodies) expect(validate(responseSchema(path, method, status), body, '$')).toEqual([]);
	});
});

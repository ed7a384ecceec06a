// The wire API over raw HTTP: authentication, validation and error bodies, generation lifecycle endpoints,
// listing, idempotency, concurrency and multipart limits.
import { startEmulator } from '../index.cjs';
import type { Emulator } from '../index.cjs';
import { API_KEY, api, audioUrl, basicBody, settle, sleep, videoUrl } from './helpers.cjs';
import { conforms, ErrorBodyShape } from '../reference/sdk-shapes.cjs';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pendingMs: 10, processingMs: 40 });
});
afterAll(() => emu.stop());
beforeEach(() => {
	emu.reset();
	emu.config.concurrencyLimit = undefined;
	emu.config.apiKeys = undefined;
});

describe('authentication', () => {
	it('answers 401 in the error shape when x-api-key is missing or empty', async () => {
		for (const key of [null, '']) {
			const r = await api(emu, 'GET', '/v2/models', { key });
			expect(r.status).toBe(401);
			expect(conforms(ErrorBodyShape, r.json)).toBe('ok');
			expect(r.json).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
		}
	});

	it('accepts any key by default and only the configured keys when a list is set', async () => {
		expect((await api(emu, 'GET', '/v2/models', { key: 'anything' })).status).toBe(200);
		emu.config.apiKeys = ['good'];
		expect((await api(emu, 'GET', '/v2/models', { key: 'anything' })).status).toBe(401);
		expect((await api(emu, 'GET', '/v2/models', { key: 'good' })).status).toBe(200);
	});

	it('serves the error catalog without a key', async () => {
		const r = await api(emu, 'GET', '/v2/errors', { key: null });
		expect(r.status).toBe(200);
		expect(r.json).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'generation_pipeline_failed', message: expect.any(String), suggestion: expect.any(String) })]));
	});

	it('answers 404 in the error shape for unknown routes', async () => {
		const r = await api(emu, 'GET', '/v2/nothing-here');
		expect(r.status).toBe(404);
		expect(r.json).toMatchObject({ statusCode: 404, message: 'Cannot GET /v2/nothing-here' });
	});
});

describe('create-generation validation', () => {
	const cases: Array<[string, Record<string, unknown>, number, string, string | undefined]> = [
		['an unknown model', basicBody('', { model: 'lipsync-1.6.0' }), 400, 'generation_unsupported_model', 'model'],
		['no visual input', { model: 'lipsync-2', input: [{ type: 'audio', url: audioUrl() }] }, 400, 'generation_video_missing', 'input'],
		['no audio input', { model: 'lipsync-2', input: [{ type: 'video', url: videoUrl() }] }, 400, 'generation_audio_missing', 'input'],
		['two visual inputs', { model: 'sync-3', input: [{ type: 'video', url: videoUrl() }, { type: 'image', url: videoUrl() }, { type: 'audio', url: audioUrl() }] }, 400, 'generation_input_too_many_visual', 'input'],
		['an image input for a model other than sync-3', { model: 'lipsync-2', input: [{ type: 'image', url: videoUrl() }, { type: 'audio', url: audioUrl() }] }, 400, 'generation_unsupported_model', 'model'],
		['a script over 5000 characters', { model: 'lipsync-2', input: [{ type: 'video', url: videoUrl() }, { type: 'text', provider: { name: 'elevenlabs', voiceId: 'v', script: 'x'.repeat(5001) } }] }, 400, 'generation_text_length_exceeded', 'input.1.provider.script'],
		['two audio inputs without segments', { model: 'lipsync-2', input: [{ type: 'video', url: videoUrl() }, { type: 'audio', url: audioUrl() }, { type: 'audio', url: audioUrl() }] }, 400, 'generation_input_validation_failed', 'input'],
		['overlapping segments', { ...basicBody(), input: [{ type: 'video', url: videoUrl() }, { type: 'audio', url: audioUrl(), refId: 'a' }], segments: [{ startTime: 0, endTime: 2, audioInput: { refId: 'a' } }, { startTime: 1, endTime: 3, audioInput: { refId: 'a' } }] }, 400, 'generation_input_segments_invalid', 'segments'],
		['a segment referring to an unknown refId', { ...basicBody(), input: [{ type: 'video', url: videoUrl() }, { type: 'audio', url: audioUrl(), refId: 'a' }], segments: [{ startTime: 0, endTime: 2, audioInput: { refId: 'zzz' } }] }, 400, 'generation_input_segments_invalid', 'segments.0.audioInput.refId'],
		['dubParams together with audio', basicBody('', { dubParams: { targetLang: 'es' } }), 400, 'generation_input_dub_audio_conflict', 'dubParams'],
		['a wrong option value', basicBody('', { options: { sync_mode: 'stretch' } }), 400, 'generation_input_validation_failed', 'options.sync_mode'],
		['a plain-http webhook to a public host', basicBody('', { webhookUrl: 'http://example.com/hook' }), 400, 'generation_input_validation_failed', 'webhookUrl'],
		['an input without url or assetId', { model: 'lipsync-2', input: [{ type: 'video' }, { type: 'audio', url: audioUrl() }] }, 400, 'generation_input_validation_failed', 'input.0'],
		['an unknown asset id', { model: 'lipsync-2', input: [{ type: 'video', assetId: 'missing' }, { type: 'audio', url: audioUrl() }] }, 400, 'generation_input_validation_failed', 'input.0.assetId'],
		['an unknown project', basicBody('', { projectId: '0b7a4f5e-1c2d-4e3f-8a9b-0c1d2e3f4a5b' }), 422, 'project_not_found', 'projectId'],
		['an output longer than the plan allows', basicBody('sync_duration_s=4000'), 402, 'generation_plan_duration_exceeded', undefined],
	];
	it.each(cases)('rejects %s with the documented status and error code', async (_name, body, status, code, field) => {
		const r = await api(emu, 'POST', '/v2/generate', { body });
		expect(r.status).toBe(status);
		expect(conforms(ErrorBodyShape, r.json)).toBe('ok');
		expect(r.json.errorCode).toBe(code);
		expect(r.json.field).toBe(field);
		expect(r.json.statusCode).toBe(status);
		expect(emu.counters.generationsCreated).toBe(0);
	});

	it('lists every schema failure as one message line (message: string[])', async () => {
		const r = await api(emu, 'POST', '/v2/generate', { body: { input: 'nope' } });
		expect(r.status).toBe(400);
		expect(r.json.message).toEqual(expect.arrayContaining([expect.stringMatching(/^model: /), expect.stringMatching(/^input: /)]));
		expect(r.json.suggestion).toEqual(expect.any(String));
	});

	it('answers 400 to a malformed JSON body', async () => {
		const r = await api(emu, 'POST', '/v2/generate', { raw: '{"model":', headers: { 'content-type': 'application/json' } });
		expect(r.status).toBe(400);
		expect(r.json.statusCode).toBe(400);
	});

	it('accepts http webhook URLs on loopback and sanitizes outputFileName', async () => {
		const r = await api(emu, 'POST', '/v2/generate', { body: basicBody('', { webhookUrl: 'http://127.0.0.1:9/hook', outputFileName: 'Take 1 (final).mp4' }) });
		expect(r.status).toBe(201);
		expect(r.json.outputFileName).toBe('Take_1_finalmp4');
		expect(r.json.webhookUrl).toBe('http://127.0.0.1:9/hook');
	});

	it('accepts the removed legacy options without failing (server behaviour unknown, kept lenient)', async () => {
		const r = await api(emu, 'POST', '/v2/generate', { body: basicBody('', { options: { pads: [0, 5, 0, 0], output_format: 'mp4' } }) });
		expect(r.status).toBe(201);
	});
});

describe('reading generations', () => {
	it('moves PENDING → PROCESSING → COMPLETED on the configured clock', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_pending_ms=100&sync_processing_ms=200') });
		expect(g.status).toBe('PENDING');
		const seen: string[] = [g.status];
		const started = Date.now();
		while (seen[seen.length - 1] !== 'COMPLETED' && Date.now() - started < 3000) {
			const s = (await api(emu, 'GET', `/v2/generate/${g.id}`)).json.status;
			if (s !== seen[seen.length - 1]) seen.push(s);
			await sleep(10);
		}
		expect(seen).toEqual(['PENDING', 'PROCESSING', 'COMPLETED']);
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
	});

	it('long-polls with wait=true until the generation is terminal and sends the wait headers', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_processing_ms=150') });
		const started = Date.now();
		const r = await api(emu, 'GET', `/v2/generate/${g.id}?wait=true&timeout=3`);
		expect(r.json.status).toBe('COMPLETED');
		expect(Date.now() - started).toBeLessThan(2000);
		expect(r.headers.get('retry-after')).toBe('2');
		expect(r.headers.get('x-sync-wait-mode')).toBe('long_poll');
		expect(r.headers.get('x-sync-wait-timeout-seconds')).toBe('3');
	});

	it('returns a non-terminal generation with 200 when the wait timeout passes', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_processing_ms=5000') });
		const started = Date.now();
		const r = await api(emu, 'GET', `/v2/generate/${g.id}?wait=true&timeout=1`);
		expect(r.status).toBe(200);
		expect(r.json.status).toBe('PROCESSING');
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	it('rejects a timeout outside 1–10 and wait combined with include=progress', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		for (const q of ['wait=true&timeout=11', 'wait=true&timeout=0.5', 'timeout=abc', 'wait=true&include=progress']) {
			const r = await api(emu, 'GET', `/v2/generate/${g.id}?${q}`);
			expect(r.status).toBe(400);
		}
	});

	it('adds progress_percent with include=progress', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_pending_ms=150&sync_processing_ms=1000') });
		const early = await api(emu, 'GET', `/v2/generate/${g.id}?include=progress`);
		expect(early.json.progress_percent).toBe(0);
		await sleep(400);
		const mid = await api(emu, 'GET', `/v2/generate/${g.id}?include=progress`);
		expect(mid.json.progress_percent).toBeGreaterThan(0);
		expect(mid.json.progress_percent).toBeLessThan(100);
		expect((await api(emu, 'GET', `/v2/generate/${g.id}`)).json).not.toHaveProperty('progress_percent');
	});

	it('serves the same generation on /v2/generate/{id} and /v2/generations/{id}, and 404 for unknown ids', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_pending_ms=10000') });
		const a = await api(emu, 'GET', `/v2/generate/${g.id}`);
		const b = await api(emu, 'GET', `/v2/generations/${g.id}`);
		expect(b.json).toEqual(a.json);
		const missing = await api(emu, 'GET', '/v2/generate/does-not-exist');
		expect(missing.status).toBe(404);
		expect(missing.json.statusCode).toBe(404);
	});

	it('refuses to delete a processing generation with 409 and deletes a terminal one', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_processing_ms=400') });
		const busy = await api(emu, 'DELETE', `/v2/generations/${g.id}`);
		expect(busy.status).toBe(409);
		expect(busy.json.errorCode).toBe('generation_not_deletable_while_processing');
		await settle(emu, g.id);
		const done = await api(emu, 'DELETE', `/v2/generations/${g.id}`);
		expect(done.status).toBe(200);
		expect(done.json).toMatchObject({ id: g.id, status: 'COMPLETED' });
		expect((await api(emu, 'GET', `/v2/generate/${g.id}`)).status).toBe(404);
	});

	it('returns the download URL as text/plain and the file behind it as a real MP4', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_processing_ms=400') });
		expect((await api(emu, 'GET', `/v2/generations/${g.id}/download`)).status).toBe(409);
		await settle(emu, g.id);
		const r = await api(emu, 'GET', `/v2/generations/${g.id}/download`);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(r.text).toMatch(new RegExp(`^${emu.url}/files/${g.id}\\.mp4\\?`));
		const file = await fetch(r.text);
		expect(file.headers.get('content-type')).toBe('video/mp4');
		const bytes = Buffer.from(await file.arrayBuffer());
		expect(bytes.toString('ascii', 4, 8)).toBe('ftyp');
	});

	it('counts generations by status', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		const { json: f } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_outcome=failed') });
		await settle(emu, g.id);
		await settle(emu, f.id);
		expect((await api(emu, 'GET', '/v2/generations/count')).json).toEqual({ count: 2 });
		expect((await api(emu, 'GET', '/v2/generations/count?status=FAILED')).json).toEqual({ count: 1 });
	});
});

describe('listing generations', () => {
	async function createN(n: number): Promise<string[]> {
		const ids: string[] = [];
		for (let i = 0; i < n; i++) ids.push((await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_processing_ms=5000') })).json.id);
		return ids;
	}

	it('pages newest first with limit and cursor = last id of the previous page', async () => {
		const ids = await createN(5);
		const newest = [...ids].reverse();
		const p1 = await api(emu, 'GET', '/v2/generations?limit=2');
		expect(p1.json.map((g: { id: string }) => g.id)).toEqual(newest.slice(0, 2));
		const p2 = await api(emu, 'GET', `/v2/generations?limit=2&cursor=${p1.json[1].id}`);
		expect(p2.json.map((g: { id: string }) => g.id)).toEqual(newest.slice(2, 4));
		const p3 = await api(emu, 'GET', `/v2/generations?limit=2&cursor=${p2.json[1].id}`);
		expect(p3.json.map((g: { id: string }) => g.id)).toEqual(newest.slice(4));
	});

	it('returns a bare array of everything without limit', async () => {
		const ids = await createN(3);
		const r = await api(emu, 'GET', '/v2/generations');
		expect(Array.isArray(r.json)).toBe(true);
		expect(r.json.map((g: { id: string }) => g.id).sort()).toEqual([...ids].sort());
	});

	it('filters by comma-separated status and ids, repeated parameters, and rejects bad values', async () => {
		const ids = await createN(3);
		const r = await api(emu, 'GET', `/v2/generations?ids=${ids[0]},${ids[2]}&status=PENDING,PROCESSING`);
		expect(r.json.map((g: { id: string }) => g.id).sort()).toEqual([ids[0], ids[2]].sort());
		const rep = await api(emu, 'GET', `/v2/generations?ids=${ids[0]}&ids=${ids[1]}`);
		expect(rep.json).toHaveLength(2);
		expect((await api(emu, 'GET', '/v2/generations?status=pending')).status).toBe(400);
		expect((await api(emu, 'GET', '/v2/generations?limit=101')).status).toBe(400);
		expect((await api(emu, 'GET', '/v2/generations?limit=0')).status).toBe(400);
		expect((await api(emu, 'GET', `/v2/generations?cursor=${ids[0]}`)).status).toBe(400);
	});
});

describe('cost estimates', () => {
	it('estimates from model and duration on /v2/generations/estimate and its alias', async () => {
		for (const path of ['/v2/generations/estimate', '/v2/generate/estimate-cost']) {
			const r = await api(emu, 'POST', path, { body: { model: 'lipsync-2', duration: 10 } });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ estimatedFrameCount: 300, estimatedGenerationCost: 0.5, estimatedCredits: null });
		}
		const fps = await api(emu, 'POST', '/v2/generations/estimate', { body: { model: 'sync-3', duration: 2, fps: 25, reasoningEnabled: true } });
		expect(fps.json.estimatedFrameCount).toBe(50);
		expect(fps.json.estimatedGenerationCost).toBeCloseTo(0.399);
	});

	it('answers 400 to invalid estimate fields and 422 cost_estimate_unavailable to an unpriced model', async () => {
		expect((await api(emu, 'POST', '/v2/generations/estimate', { body: { model: 'lipsync-2', duration: 0 } })).status).toBe(400);
		expect((await api(emu, 'POST', '/v2/generations/estimate', { body: { duration: 3 } })).json.field).toBe('model');
		const r = await api(emu, 'POST', '/v2/generations/estimate', { body: { model: 'lipsync-1.6.0', duration: 3 } });
		expect(r.status).toBe(422);
		expect(r.json.errorCode).toBe('cost_estimate_unavailable');
	});
});

describe('idempotency keys', () => {
	it('returns the same generation for the same key and body', async () => {
		const headers = { 'Idempotency-Key': 'order-42.v1' };
		const a = await api(emu, 'POST', '/v2/generate', { body: basicBody(), headers });
		const b = await api(emu, 'POST', '/v2/generate', { body: basicBody(), headers });
		expect(a.status).toBe(201);
		expect(b.status).toBe(201);
		expect(b.json.id).toBe(a.json.id);
		expect(b.headers.get('idempotent-replayed')).toBe('true');
		expect(emu.counters.generationsCreated).toBe(1);
	});

	it('answers 409 when a key is reused with a different body', async () => {
		const headers = { 'Idempotency-Key': 'k-1' };
		await api(emu, 'POST', '/v2/generate', { body: basicBody(), headers });
		const r = await api(emu, 'POST', '/v2/generate', { body: basicBody('x=1'), headers });
		expect(r.status).toBe(409);
		expect(r.json.errorCode).toBe('IDEMPOTENCY_KEY_REUSED');
	});

	it('answers 400 INVALID_IDEMPOTENCY_KEY to empty, malformed, too long or repeated keys', async () => {
		for (const key of ['', 'has space', 'ümlaut', 'x'.repeat(129)]) {
			const r = await api(emu, 'POST', '/v2/generate', { body: basicBody(), headers: { 'Idempotency-Key': key } });
			expect([key, r.status, r.json?.errorCode]).toEqual([key, 400, 'INVALID_IDEMPOTENCY_KEY']);
		}
		const http = await import('http');
		const status = await new Promise<number>((resolve, reject) => {
			const req = http.request(`${emu.url}/v2/generate`, { method: 'POST', headers: [['x-api-key', API_KEY], ['content-type', 'application/json'], ['Idempotency-Key', 'a'], ['Idempotency-Key', 'b']] as unknown as Record<string, string> }, (res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			});
			req.on('error', reject);
			req.end(JSON.stringify(basicBody()));
		});
		expect(status).toBe(400);
		expect(emu.counters.generationsCreated).toBe(0);
	});
});

describe('concurrency limit', () => {
	it('answers 429 concurrency_limit_reached per API key while generations are in flight', async () => {
		emu.config.concurrencyLimit = 1;
		const first = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_processing_ms=150') });
		expect(first.status).toBe(201);
		const blocked = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		expect(blocked.status).toBe(429);
		expect(blocked.json.errorCode).toBe('concurrency_limit_reached');
		expect(blocked.headers.get('retry-after')).toBeNull();
		expect((await api(emu, 'POST', '/v2/generate', { body: basicBody(), key: 'other-key' })).status).toBe(201);
		await settle(emu, first.json.id);
		expect((await api(emu, 'POST', '/v2/generate', { body: basicBody() })).status).toBe(201);
	});

	it('adds Retry-After to concurrency 429s when configured', async () => {
		emu.config.concurrencyLimit = 0;
		emu.config.concurrencyRetryAfterSeconds = 7;
		const r = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		emu.config.concurrencyRetryAfterSeconds = undefined;
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toBe('7');
	});
});

describe('multipart create', () => {
	function form(parts: Array<[string, string | Blob, string?]>): FormData {
		const fd = new FormData();
		for (const [k, v, name] of parts) {
			if (typeof v === 'string') fd.append(k, v);
			else fd.append(k, v, name);
		}
		return fd;
	}

	it('accepts an image file with JSON-string fields (input as a JSON array, options, segments)', async () => {
		const fd = form([
			['model', 'sync-3'],
			['image', new Blob([Buffer.from('png')], { type: 'image/png' }), 'face.png'],
			['input', JSON.stringify([{ type: 'audio', url: audioUrl(), refId: 'a' }])],
			['options', JSON.stringify({ temperature: 0.2 })],
			['segments', JSON.stringify([{ startTime: 0, endTime: 1, audioInput: { refId: 'a' } }])],
			['outputFileName', 'portrait'],
		]);
		const r = await api(emu, 'POST', '/v2/generate', { raw: fd });
		expect(r.status).toBe(201);
		expect(r.json.input[0]).toEqual({ type: 'image', assetId: expect.any(String) });
		expect(r.json.options).toEqual({ temperature: 0.2 });
		expect(r.json.outputFileName).toBe('portrait');
	});

	it('rejects a non-JSON options field, a second video file and an unexpected file field with 400', async () => {
		const bad = [
			form([['model', 'lipsync-2'], ['options', '{nope'], ['input', JSON.stringify({ type: 'video', url: videoUrl() })]]),
			form([['model', 'lipsync-2'], ['video', new Blob(['a']), 'a.mp4'], ['video', new Blob(['b']), 'b.mp4']]),
			form([['model', 'lipsync-2'], ['document', new Blob(['a']), 'a.pdf']]),
		];
		for (const fd of bad) expect((await api(emu, 'POST', '/v2/generate', { raw: fd })).status).toBe(400);
	});

	it('answers 413 when a file exceeds the parser limit and 422 when it exceeds the plan limit', async () => {
		emu.config.multipartFileLimitBytes = 1000;
		try {
			const r = await api(emu, 'POST', '/v2/generate', { raw: form([['model', 'lipsync-2'], ['video', new Blob([Buffer.alloc(5000)]), 'big.mp4']]) });
			expect(r.status).toBe(413);
			expect(r.json.errorCode).toBe('generation_input_validation_failed');
		} finally {
			emu.config.multipartFileLimitBytes = 5 * 1024 ** 3;
		}
		emu.config.planFileLimitBytes = 1000;
		try {
			const r = await api(emu, 'POST', '/v2/generate', {
				raw: form([['model', 'lipsync-2'], ['video', new Blob([Buffer.alloc(5000)]), 'big.mp4'], ['input', JSON.stringify({ type: 'audio', url: audioUrl() })]]),
			});
			expect(r.status).toBe(422);
			expect(r.json.errorCode).toBe('file_size_exceeds_plan_limit');
		} finally {
			emu.config.planFileLimitBytes = Infinity;
		}
	});

	it('records multipart parts and headers in the request log', async () => {
		await api(emu, 'POST', '/v2/generate', {
			raw: form([['model', 'lipsync-2'], ['video', new Blob([Buffer.alloc(1234)], { type: 'video/mp4' }), 'clip.mp4'], ['input', JSON.stringify({ type: 'audio', url: audioUrl() })]]),
			headers: { 'x-sync-source': 'n8n' },
		});
		const rec = emu.requests.find((r) => r.path === '/v2/generate');
		expect(rec?.headers['x-sync-source']).toBe('n8n');
		expect(rec?.form).toEqual([
			{ name: 'model', bytes: 9, value: 'lipsync-2' },
			{ name: 'video', filename: 'clip.mp4', contentType: 'video/mp4', bytes: 1234 },
			{ name: 'input', bytes: expect.any(Number), value: JSON.stringify({ type: 'audio', url: audioUrl() }) },
		]);
		expect(rec?.bodyBytes).toBeGreaterThan(1234);
		expect(rec?.status).toBe(201);
	});
});

// Batches (JSON rows, JSONL multipart, every validation limit, results file) and assets (three-step upload with a
// streamed 1 GiB PUT, register, list with cursor, get-many, count, the upload step's rate limit).
import * as http from 'http';
import { startEmulator } from '../index.cjs';
import type { Emulator } from '../index.cjs';
import { api, audioUrl, basicBody, jsonlRows, until } from './helpers.cjs';
import { AssetShape, BatchShape, conforms } from '../reference/sdk-shapes.cjs';
import { startClocked, type ClockedEmulator } from './surfaces.cjs';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pendingMs: 10, processingMs: 30 });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

function jsonlForm(text: string, fields: Record<string, string> = {}, part = 'input'): FormData {
	const fd = new FormData();
	fd.append(part, new Blob([text], { type: 'application/jsonl' }), 'batch.jsonl');
	for (const [k, v] of Object.entries(fields)) fd.append(k, v);
	return fd;
}
const toJsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');

describe('batch create validation', () => {
	const cases: Array<[string, unknown[], string, number | undefined]> = [
		['fewer than 20 records', jsonlRows(19), 'batch_insufficient_records', undefined],
		['more than 500 records', jsonlRows(501), 'batch_too_many_requests', undefined],
		['a duplicate request_id', jsonlRows(20, (i) => (i === 7 ? { request_id: 'req_001' } : {})), 'batch_duplicate_request_id', 8],
		['an endpoint other than /v2/generate', jsonlRows(20, (i) => (i === 3 ? { endpoint: '/v2/lipsync' } : {})), 'batch_invalid_endpoint', 4],
		['an invalid payload', jsonlRows(20, (i) => (i === 4 ? { payload: { model: 'lipsync-2', input: [] } } : {})), 'generation_input_validation_failed', 5],
		['an input longer than 30 s', jsonlRows(20, (i) => (i === 0 ? { payload: basicBody('sync_duration_s=31') } : {})), 'batch_input_duration_exceeded', 1],
	];
	it.each(cases)('rejects JSON rows with %s (400, lineNumber N for rows[N-1] when a row is at fault)', async (_n, rows, code, line) => {
		const r = await api(emu, 'POST', '/v2/batch', { body: { rows } });
		expect(r.status).toBe(400);
		expect(r.json.errorCode).toBe(code);
		expect(r.json.lineNumber).toBe(line);
		expect(emu.counters.batchesCreated).toBe(0);
	});

	it('rejects a JSONL line that is not JSON with batch_invalid_jsonl and its line number', async () => {
		const text = toJsonl(jsonlRows(20)) + '\n{not json}\n';
		const r = await api(emu, 'POST', '/v2/batch', { raw: jsonlForm(text) });
		expect(r.json).toMatchObject({ statusCode: 400, errorCode: 'batch_invalid_jsonl', lineNumber: 21 });
	});

	it('rejects a batch file over 5 MB with batch_file_too_large', async () => {
		const rows = jsonlRows(20, () => ({ pad: 'x'.repeat(270 * 1024) }));
		const r = await api(emu, 'POST', '/v2/batch', { raw: jsonlForm(toJsonl(rows)) });
		expect(r.status).toBe(400);
		expect(r.json.errorCode).toBe('batch_file_too_large');
	});

	it('answers 402 batch_plan_required below the Scale plan', async () => {
		const low = await startEmulator({ plan: 'growth' });
		try {
			const r = await api(low, 'POST', '/v2/batch', { body: { rows: jsonlRows(20) } });
			expect(r.status).toBe(402);
			expect(r.json.errorCode).toBe('batch_plan_required');
		} finally {
			await low.stop();
		}
	});

	it('answers 429 concurrency_limit_reached past the batch concurrency limit', async () => {
		emu.config.batchConcurrencyLimit = 1;
		try {
			const slow = jsonlRows(20, () => ({ payload: basicBody('sync_processing_ms=3000') }));
			expect((await api(emu, 'POST', '/v2/batch', { body: { rows: slow } })).status).toBe(201);
			const r = await api(emu, 'POST', '/v2/batch', { body: { rows: jsonlRows(20) } });
			expect(r.status).toBe(429);
			expect(r.json.errorCode).toBe('concurrency_limit_reached');
			expect(r.json.message).toMatch(/batch concurrency limit/i);
		} finally {
			emu.config.batchConcurrencyLimit = undefined;
		}
	});
});

describe('batch lifecycle', () => {
	it('accepts the "file" part alias and dry_run on JSON rows', async () => {
		expect((await api(emu, 'POST', '/v2/batch', { body: { rows: jsonlRows(20), dry_run: true } })).json).toEqual({ status: 'VALIDATED' });
		const r = await api(emu, 'POST', '/v2/batch', { raw: jsonlForm(toJsonl(jsonlRows(20)), { dry_run: 'false' }, 'file') });
		expect(r.status).toBe(201);
		expect(conforms(BatchShape, r.json)).toBe('ok');
	});

	it('reports mixed outcomes in snake_case metrics, FAILED when nothing succeeded, and lists newest first', async () => {
		const mixed = (await api(emu, 'POST', '/v2/batch', { body: { rows: jsonlRows(20, (i) => (i < 5 ? { payload: basicBody('sync_outcome=failed') } : {})) } })).json;
		const allFailed = (await api(emu, 'POST', '/v2/batch', { body: { rows: jsonlRows(20, () => ({ payload: basicBody('sync_outcome=rejected') })) } })).json;
		expect(mixed.status).toBe('PENDING');
		const done = await until(async () => {
			const r = (await api(emu, 'GET', `/v2/batch/${mixed.id}`)).json;
			return r.status === 'COMPLETED' ? r : undefined;
		});
		expect(done.metrics).toEqual({ total_generations: 20, success_count: 15, failed_count: 5, pending_count: 0 });
		await until(async () => (await api(emu, 'GET', `/v2/batch/${allFailed.id}`)).json.status === 'FAILED');
		const list = (await api(emu, 'GET', '/v2/batch')).json;
		expect(list.map((b: { id: string }) => b.id)).toEqual([allFailed.id, mixed.id]);
		expect((await api(emu, 'GET', '/v2/batch?status=FAILED')).json).toHaveLength(1);
		expect((await api(emu, 'GET', '/v2/batch?created_before=2000-01-01T00:00:00Z')).json).toHaveLength(0);
		expect((await api(emu, 'GET', '/v2/batch?created_after=yesterday')).status).toBe(400);
		expect((await api(emu, 'GET', '/v2/batch/batch_nope')).status).toBe(404);
	});

	it('serves the results file via a 302 from outputUrl to a JSONL file, one line per request', async () => {
		const b = (await api(emu, 'POST', '/v2/batch', { body: { rows: jsonlRows(20, (i) => (i === 0 ? { payload: basicBody('sync_outcome=failed') } : {})) } })).json;
		await until(async () => (await api(emu, 'GET', `/v2/batch/${b.id}`)).json.status === 'COMPLETED');
		const redirect = await fetch(b.outputUrl, { redirect: 'manual' });
		expect(redirect.status).toBe(302);
		const file = await fetch(b.outputUrl);
		const lines = (await file.text()).trim().split('\n').map((l) => JSON.parse(l));
		expect(lines).toHaveLength(20);
		expect(lines[0]).toMatchObject({ requestId: 'req_001', status: 'FAILED', errorCode: 'generation_pipeline_failed' });
		expect(lines[1]).toMatchObject({ requestId: 'req_002', status: 'COMPLETED', outputMediaUrl: expect.stringMatching(/\.mp4$/) });
	});
});

/** PUTs `total` bytes in 1 MiB chunks without holding them in memory. */
function putStream(url: string, total: number, contentType: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'PUT', headers: { 'content-type': contentType, 'content-length': String(total) } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
		});
		req.on('error', reject);
		const chunk = Buffer.alloc(1024 * 1024, 7);
		let sent = 0;
		const pump = () => {
			while (sent < total) {
				const n = Math.min(chunk.length, total - sent);
				sent += n;
				if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump);
			}
			req.end();
		};
		pump();
	});
}

describe('asset upload flow', () => {
	it('presigns, accepts a streamed 1 GiB PUT without the API key, and registers the asset with its real size', async () => {
		const size = 1024 ** 3;
		const before = process.memoryUsage().rss;
		const up = await api(emu, 'POST', '/v2/assets/upload', { body: { fileName: 'long take.mp4', contentType: 'video/mp4', size } });
		expect(up.status).toBe(201);
		expect(up.json).toEqual({ uploadUrl: expect.stringMatching(new RegExp(`^${emu.url}/uploads/`)), url: expect.any(String), expiresIn: 3600 });
		const put = await putStream(up.json.uploadUrl, size, 'video/mp4');
		expect(put.status).toBe(200);
		expect(emu.counters.uploadsReceivedBytes).toBe(size);
		expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024);
		const putRecord = emu.requests.find((r) => r.method === 'PUT');
		expect(putRecord?.headers['x-api-key']).toBeUndefined();
		const asset = await api(emu, 'POST', '/v2/assets', { body: { url: up.json.url, type: 'VIDEO', visibility: 'ORGANIZATION' } });
		expect(asset.status).toBe(201);
		expect(conforms(AssetShape, asset.json)).toBe('ok');
		expect(asset.json).toMatchObject({ name: 'long take.mp4', size, format: 'mp4', type: 'VIDEO', inputType: 'UPLOAD', visibility: 'ORGANIZATION', url: up.json.url });
		expect(emu.counters.assetsCreated).toBe(1);
		const g = await api(emu, 'POST', '/v2/generate', { body: { model: 'lipsync-2', input: [{ type: 'video', assetId: asset.json.id }, { type: 'audio', url: audioUrl() }] } });
		expect(g.status).toBe(201);
	}, 60000);

	it('serves small uploads back byte for byte at the asset url', async () => {
		const bytes = Buffer.from('RIFF....WAVEfmt fake audio');
		const up = (await api(emu, 'POST', '/v2/assets/upload', { body: { fileName: 'a.wav', contentType: 'audio/wav', size: bytes.length } })).json;
		expect((await fetch(up.uploadUrl, { method: 'PUT', body: bytes, headers: { 'content-type': 'audio/wav' } })).status).toBe(200);
		const res = await fetch(up.url);
		expect(res.headers.get('content-type')).toBe('audio/wav');
		expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
	});

	it('refuses a PUT with another Content-Type (403 SignatureDoesNotMatch) and registering before the upload (400)', async () => {
		const up = (await api(emu, 'POST', '/v2/assets/upload', { body: { fileName: 'v.mp4', contentType: 'video/mp4', size: 3 } })).json;
		expect((await api(emu, 'POST', '/v2/assets', { body: { url: up.url, type: 'VIDEO' } })).status).toBe(400);
		const bad = await fetch(up.uploadUrl, { method: 'PUT', body: 'abc', headers: { 'content-type': 'application/octet-stream' } });
		expect(bad.status).toBe(403);
		expect(await bad.text()).toContain('SignatureDoesNotMatch');
		expect((await fetch(`${emu.url}/uploads/unknown-token`, { method: 'PUT', body: 'abc' })).status).toBe(403);
	});

	it('validates the upload request and the registration body', async () => {
		expect((await api(emu, 'POST', '/v2/assets/upload', { body: { fileName: 'v.mp4', contentType: 'video/mp4', size: 6e9 } })).json.field).toBe('size');
		expect((await api(emu, 'POST', '/v2/assets/upload', { body: { fileName: 'v.mp4', size: 3 } })).json.field).toBe('contentType');
		expect((await api(emu, 'POST', '/v2/assets', { body: { url: 'https://x.test/a.mp4', type: 'MOVIE' } })).json.field).toBe('type');
		const r = await api(emu, 'POST', '/v2/assets', { body: { url: 'https://x.test/a.mp4', type: 'VIDEO', projectId: '0b7a4f5e-1c2d-4e3f-8a9b-0c1d2e3f4a5b' } });
		expect(r.status).toBe(422);
		expect(r.json.errorCode).toBe('project_not_found');
	});
});

describe('asset upload rate limit (docs/sync-api-2026.md#rate-limits)', () => {
	let c: ClockedEmulator;
	beforeAll(async () => {
		c = await startClocked();
	});
	afterAll(() => c.emu.stop());
	beforeEach(() => c.reset());
	const presign = async (i: number, key?: string, body: Record<string, unknown> = { fileName: `f${i}.wav`, contentType: 'audio/wav', size: 10 }) =>
		await api(c.emu, 'POST', '/v2/assets/upload', { body, key });

	it('answers 429 rate_limit_exceeded to the 121st POST /v2/assets/upload of a key within a minute on Sync clock, refused ones included, until the minute has passed', async () => {
		const statuses: number[] = [];
		// The first request is refused (no contentType): it still counts.
		statuses.push((await presign(0, undefined, { fileName: 'f0.wav', size: 10 })).status);
		for (let i = 1; i < 120; i++) statuses.push((await presign(i)).status);
		expect(statuses.filter((s) => s === 201)).toHaveLength(119);
		expect(statuses[0]).toBe(400);
		const limited = await presign(120);
		expect(limited.status).toBe(429);
		expect(limited.json).toMatchObject({ statusCode: 429, errorCode: 'rate_limit_exceeded' });
		expect(limited.headers.get('retry-after')).toBeNull();
		expect((await presign(121, 'another-key')).status).toBe(201);
		c.advance(59_999);
		expect((await presign(122)).status).toBe(429);
		c.advance(1);
		expect((await presign(123)).status).toBe(201);
	});

	it('takes another limit from assetUploadRateLimitPerMinute and limits only the presigned-URL step, not the PUT or the registration', async () => {
		c.emu.config.assetUploadRateLimitPerMinute = 2;
		const first = await presign(0);
		expect((await presign(1)).status).toBe(201);
		expect((await presign(2)).status).toBe(429);
		expect((await fetch(first.json.uploadUrl as string, { method: 'PUT', headers: { 'content-type': 'audio/wav' }, body: Buffer.alloc(10) })).status).toBe(200);
		expect((await api(c.emu, 'POST', '/v2/assets', { body: { url: first.json.url, type: 'AUDIO' } })).status).toBe(201);
		expect(c.emu.counters.assetsCreated).toBe(1);
	});
});

describe('asset listing', () => {
	async function register(n: number, type = 'VIDEO'): Promise<string[]> {
		const ids: string[] = [];
		for (let i = 0; i < n; i++) ids.push((await api(emu, 'POST', '/v2/assets', { body: { url: `https://x.test/${type}-${i}.bin`, type, name: `${type.toLowerCase()} ${i}` } })).json.id);
		return ids;
	}

	it('pages with limit and nextCursor (default limit 10), newest first, with totalCount', async () => {
		const ids = await register(12);
		const p1 = (await api(emu, 'GET', '/v2/assets')).json;
		expect(p1.items).toHaveLength(10);
		expect(p1.totalCount).toBe(12);
		expect(p1.items[0].id).toBe(ids[11]);
		const p2 = (await api(emu, 'GET', `/v2/assets?cursor=${p1.nextCursor}`)).json;
		expect(p2.items.map((a: { id: string }) => a.id)).toEqual([ids[1], ids[0]]);
		expect(p2).not.toHaveProperty('nextCursor');
		expect((await api(emu, 'GET', '/v2/assets?cursor=garbage')).status).toBe(400);
		expect((await api(emu, 'GET', '/v2/assets?limit=101')).status).toBe(400);
	});

	it('filters by comma-separated types and searchQuery, sorts by name, counts, and gets many by id', async () => {
		const videos = await register(2, 'VIDEO');
		const audios = await register(2, 'AUDIO');
		expect((await api(emu, 'GET', '/v2/assets?types=AUDIO')).json.items).toHaveLength(2);
		expect((await api(emu, 'GET', '/v2/assets?types=AUDIO,VIDEO')).json.items).toHaveLength(4);
		expect((await api(emu, 'GET', '/v2/assets?types=PDF')).status).toBe(400);
		expect((await api(emu, 'GET', '/v2/assets?searchQuery=AUDIO%201')).json.items.map((a: { id: string }) => a.id)).toEqual([audios[1]]);
		expect((await api(emu, 'GET', '/v2/assets?sortBy=nameAsc')).json.items.map((a: { name: string }) => a.name)).toEqual(['audio 0', 'audio 1', 'video 0', 'video 1']);
		expect((await api(emu, 'GET', '/v2/assets/count?types=VIDEO')).json).toBe(2);
		const many = (await api(emu, 'POST', '/v2/assets/batch', { body: { ids: [videos[0], 'missing', audios[0]] } })).json;
		expect(many.map((a: { id: string }) => a.id)).toEqual([videos[0], audios[0]]);
		for (const a of many) expect(conforms(AssetShape, a)).toBe('ok');
		expect((await api(emu, 'POST', '/v2/assets/batch', { body: { ids: [] } })).status).toBe(400);
	});

	it('refuses an asset of the wrong type for an input with generation_input_asset_type_mismatch', async () => {
		const [audioId] = await register(1, 'AUDIO');
		const r = await api(emu, 'POST', '/v2/generate', { body: { model: 'lipsync-2', input: [{ type: 'video', assetId: audioId }, { type: 'audio', url: audioUrl() }] } });
		expect(r.status).toBe(400);
		expect(r.json.errorCode).toBe('generation_input_asset_type_mismatch');
	});
});

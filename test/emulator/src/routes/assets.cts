// Asset endpoints: list (cursor), get, get-many, count, the three-step upload (presigned URL served here, PUT, register),
// the presigned-URL step limited per API key and minute (docs/sync-api-2026.md#rate-limits).
import { ApiError, codedError } from '../errors.cjs';
import type { Ctx, Route } from '../context.cjs';
import { intParam, listParam } from '../context.cjs';
import type { Reply } from '../http.cjs';
import { drain, json, readJson } from '../http.cjs';
import { sampleFor } from '../media.cjs';
import { projectExists } from '../projects.cjs';
import type { AssetType } from '../schemas.cjs';
import { ASSET_SORTS, ASSET_TYPES, AssetsBatchSchema, CreateAssetSchema, parseOr400, UploadRequestSchema } from '../schemas.cjs';
import type { AssetRecord } from '../state.cjs';
import { assetView } from '../state.cjs';

export const MAX_UPLOAD_BYTES = 5 * 1000 * 1000 * 1000; // 5 GB
const MINUTE_MS = 60_000;

function filteredAssets(ctx: Ctx): AssetRecord[] {
	const q = ctx.query;
	const types = listParam(q, 'types');
	for (const t of types ?? []) {
		if (!(ASSET_TYPES as readonly string[]).includes(t)) throw new ApiError(400, [`types must be AUDIO, VIDEO or IMAGE; got "${t}"`], { field: 'types' });
	}
	const projectId = q.get('projectId');
	const search = q.get('searchQuery')?.toLowerCase();
	let list = [...ctx.core.state.assets.values()];
	if (types) list = list.filter((a) => types.includes(a.type));
	// An asset belongs to a project it was registered in or attached to (docs/sync-api-2026.md#projects).
	const attached = projectId ? ctx.core.state.surfaces.projectAssets.get(projectId) : undefined;
	if (projectId) list = list.filter((a) => a.projectId === projectId || attached?.has(a.id) === true);
	if (search) list = list.filter((a) => a.name.toLowerCase().includes(search));
	return list;
}

function sortAssets(list: AssetRecord[], sortBy: string): AssetRecord[] {
	const [key, dir] = [sortBy.replace(/(Asc|Desc)$/, ''), sortBy.endsWith('Asc') ? 1 : -1];
	const val = (a: AssetRecord): number | string =>
		key === 'name' ? a.name.toLowerCase() : key === 'size' ? a.size ?? 0 : key === 'duration' ? a.durationSeconds ?? 0 : key === 'kind' ? a.type : a.seq;
	return [...list].sort((a, b) => {
		const x = val(a);
		const y = val(b);
		if (x < y) return -dir;
		if (x > y) return dir;
		return (a.seq - b.seq) * dir;
	});
}

async function list(ctx: Ctx) {
	const q = ctx.query;
	const limit = intParam(q, 'limit', 1, 100) ?? 10;
	const sortBy = q.get('sortBy') ?? 'dateDesc';
	if (!(ASSET_SORTS as readonly string[]).includes(sortBy)) throw new ApiError(400, [`sortBy must be one of ${ASSET_SORTS.join(', ')}`], { field: 'sortBy' });
	const all = sortAssets(filteredAssets(ctx), sortBy);
	let start = 0;
	const cursor = q.get('cursor');
	if (cursor) {
		let offset = NaN;
		try {
			offset = Number(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')).o);
		} catch {
			/* invalid */
		}
		if (!Number.isInteger(offset) || offset < 0) throw new ApiError(400, ['cursor is invalid'], { field: 'cursor' });
		start = offset;
	}
	const items = all.slice(start, start + limit);
	const body: Record<string, unknown> = { items: items.map(assetView), totalCount: all.length };
	if (start + limit < all.length) body.nextCursor = Buffer.from(JSON.stringify({ o: start + limit })).toString('base64url');
	return json(200, body);
}

async function count(ctx: Ctx) {
	return json(200, filteredAssets(ctx).length);
}

function find(ctx: Ctx): AssetRecord {
	const a = ctx.core.state.assets.get(ctx.params[0]);
	if (!a) throw new ApiError(404, `Asset with id ${ctx.params[0]} not found`);
	return a;
}

async function get(ctx: Ctx) {
	return json(200, assetView(find(ctx)));
}

async function getMany(ctx: Ctx) {
	const raw = await readJson(ctx.req, (n) => (ctx.record.bodyBytes += n));
	ctx.record.json = raw;
	const { ids } = parseOr400(AssetsBatchSchema, raw ?? {}, { errorCode: 'generation_input_validation_failed' });
	const list = (Array.isArray(ids) ? ids : [ids]).map((id) => ctx.core.state.assets.get(id)).filter((a): a is AssetRecord => a !== undefined);
	return json(200, list.map(assetView));
}

function kindOf(contentType: string, fileName: string): AssetType {
	if (contentType.startsWith('audio/')) return 'AUDIO';
	if (contentType.startsWith('image/')) return 'IMAGE';
	if (/\.(wav|mp3|ogg|flac|m4a|aac)$/i.test(fileName)) return 'AUDIO';
	return 'VIDEO';
}

async function requestUpload(ctx: Ctx) {
	const raw = await readJson(ctx.req, (n) => (ctx.record.bodyBytes += n));
	ctx.record.json = raw;
	// Every request counts against the minute, whatever its outcome, as for text to speech (the rate-limits guide counts requests).
	const limit = ctx.core.config.assetUploadRateLimitPerMinute;
	if (ctx.core.state.surfaces.rates.take('assets.upload', ctx.apiKey, limit, MINUTE_MS, ctx.core.now()) !== undefined) {
		throw codedError(429, 'rate_limit_exceeded', { message: `Rate limit exceeded: at most ${limit} upload requests per minute.` });
	}
	const body = parseOr400(UploadRequestSchema, raw ?? {}, { errorCode: 'generation_input_validation_failed' });
	if (body.size > MAX_UPLOAD_BYTES) throw new ApiError(400, [`size must be at most ${MAX_UPLOAD_BYTES} bytes (5 GB)`], { field: 'size', errorCode: 'generation_input_validation_failed' });
	const { state, baseUrl } = ctx.core;
	const token = state.newUploadToken();
	const expiresIn = 3600;
	const publicUrl = `${baseUrl}/media/uploads/${token}/${encodeURIComponent(body.fileName)}`;
	state.uploads.set(token, {
		token,
		fileName: body.fileName,
		contentType: body.contentType,
		declaredSize: body.size,
		expiresAtMs: Date.now() + expiresIn * 1000,
		received: false,
		size: 0,
		publicUrl,
	});
	const uploadUrl = `${baseUrl}/uploads/${token}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=${expiresIn}&X-Amz-SignedHeaders=content-type%3Bhost`;
	return json(201, { uploadUrl, url: publicUrl, expiresIn });
}

function s3Error(status: number, code: string, message: string) {
	return {
		status,
		headers: { 'Content-Type': 'application/xml' },
		text: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
	};
}

/** The presigned PUT: no API key; the Content-Type must match step 1; the body is streamed and counted, not stored (unless small). */
async function putUpload(ctx: Ctx) {
	const { state, config, counters } = ctx.core;
	const up = state.uploads.get(ctx.params[0]);
	const onBytes = (n: number) => {
		ctx.record.bodyBytes += n;
		counters.uploadsReceivedBytes += n;
	};
	if (!up) {
		await drain(ctx.req, (n) => (ctx.record.bodyBytes += n));
		return s3Error(403, 'AccessDenied', 'Invalid or unknown upload URL');
	}
	if (Date.now() > up.expiresAtMs) {
		await drain(ctx.req, (n) => (ctx.record.bodyBytes += n));
		return s3Error(403, 'AccessDenied', 'Request has expired');
	}
	const ct = (ctx.req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (ct !== up.contentType.toLowerCase()) {
		await drain(ctx.req, (n) => (ctx.record.bodyBytes += n));
		return s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided (Content-Type differs from the presigned one).');
	}
	const keep = config.keepUploadBytes;
	const chunks: Buffer[] = [];
	let size = 0;
	let kept = true;
	for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
		onBytes(chunk.length);
		size += chunk.length;
		if (kept && size <= keep) chunks.push(chunk);
		else if (kept) {
			kept = false;
			chunks.length = 0;
		}
	}
	up.received = true;
	up.size = size;
	up.data = kept ? Buffer.concat(chunks) : undefined;
	return { status: 200, headers: { ETag: `"${up.token.slice(0, 16)}"` }, text: '' };
}

function formatOf(name: string): string | undefined {
	const m = /\.([A-Za-z0-9]+)$/.exec(name);
	return m ? m[1].toLowerCase() : undefined;
}

async function register(ctx: Ctx) {
	const raw = await readJson(ctx.req, (n) => (ctx.record.bodyBytes += n));
	ctx.record.json = raw;
	const body = parseOr400(CreateAssetSchema, raw ?? {}, { errorCode: 'generation_input_validation_failed' });
	const { state, config, baseUrl, counters } = ctx.core;
	if (body.projectId && !projectExists(ctx.core, body.projectId)) throw codedError(422, 'project_not_found', { field: 'projectId' });
	const now = Date.now();
	const prefix = `${baseUrl}/media/uploads/`;
	let size: number | undefined;
	let data: Buffer | undefined;
	let contentType: string | undefined;
	let inputType: 'UPLOAD' | 'URL' = 'URL';
	let defaultName: string;
	try {
		defaultName = decodeURIComponent(new URL(body.url).pathname.split('/').pop() || 'asset');
	} catch {
		defaultName = 'asset';
	}
	if (body.url.startsWith(prefix)) {
		const token = body.url.slice(prefix.length).split('/')[0];
		const up = state.uploads.get(token);
		if (!up || !up.received) {
			throw new ApiError(400, ['The upload for this url has not been completed; PUT the file to uploadUrl first'], { field: 'url', errorCode: 'generation_input_validation_failed' });
		}
		if (up.size > config.planFileLimitBytes) throw codedError(422, 'file_size_exceeds_plan_limit', { field: 'url' });
		size = up.size;
		data = up.data;
		contentType = up.contentType;
		inputType = 'UPLOAD';
		defaultName = up.fileName;
		if (kindOf(up.contentType, up.fileName) !== body.type) {
			throw codedError(400, 'generation_input_asset_type_mismatch', { field: 'type', message: `The uploaded file is ${up.contentType}, not ${body.type}` });
		}
	}
	const name = body.name ?? defaultName;
	const asset = state.addAsset({
		createdAtMs: now,
		updatedAtMs: now,
		name,
		url: body.url,
		size,
		format: formatOf(defaultName),
		type: body.type,
		inputType,
		durationSeconds: body.type === 'IMAGE' ? undefined : config.defaultInputDurationS,
		visibility: body.visibility ?? 'USER',
		width: body.type === 'AUDIO' ? undefined : 16,
		height: body.type === 'AUDIO' ? undefined : 16,
		projectId: body.projectId,
		data,
		contentType,
		echoProjectId: config.assetsEchoProjectId,
	});
	counters.assetsCreated += 1;
	return json(201, assetView(asset));
}

/** Public, unauthenticated file URLs for assets (uploads and multipart files). */
async function serveMedia(ctx: Ctx): Promise<Reply> {
	const [first, second] = ctx.params;
	const { state } = ctx.core;
	let data: Buffer | undefined;
	let contentType: string | undefined;
	let declared: number | undefined;
	let kind: AssetType = 'VIDEO';
	if (first === 'uploads') {
		const up = state.uploads.get(second);
		if (!up || !up.received) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
		data = up.data;
		contentType = up.contentType;
		declared = up.size;
		kind = kindOf(up.contentType, up.fileName);
	} else {
		const a = state.assets.get(first);
		if (!a) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
		data = a.data;
		contentType = a.contentType;
		declared = a.size;
		kind = a.type;
	}
	if (data) return { status: 200, raw: data, headers: { 'Content-Type': contentType ?? 'application/octet-stream' } };
	// Large files were not kept: serve a stand-in of the right kind, padded with zeros to the recorded size.
	const sample = sampleFor(kind);
	if (declared === undefined || declared <= sample.bytes.length) return { status: 200, raw: sample.bytes, headers: { 'Content-Type': sample.contentType } };
	const { Readable } = await import('stream');
	const total = declared;
	const stream = Readable.from(
		(function* () {
			yield sample.bytes;
			let left = total - sample.bytes.length;
			const zero = Buffer.alloc(1024 * 1024);
			while (left > 0) {
				const n = Math.min(left, zero.length);
				yield n === zero.length ? zero : zero.subarray(0, n);
				left -= n;
			}
		})(),
	);
	return { status: 200, stream, headers: { 'Content-Type': contentType ?? sample.contentType, 'Content-Length': String(total) } };
}

const ID = '([^/]+)';
export const assetRoutes: Route[] = [
	{ method: 'GET', pattern: /^\/v2\/assets$/, auth: true, handler: list },
	{ method: 'GET', pattern: /^\/v2\/assets\/count$/, auth: true, handler: count },
	{ method: 'POST', pattern: /^\/v2\/assets\/upload$/, auth: true, handler: requestUpload },
	{ method: 'POST', pattern: /^\/v2\/assets\/batch$/, auth: true, handler: getMany },
	{ method: 'POST', pattern: /^\/v2\/assets$/, auth: true, handler: register },
	{ method: 'GET', pattern: new RegExp(`^/v2/assets/${ID}$`), auth: true, handler: get },
	{ method: 'PUT', pattern: new RegExp(`^/uploads/${ID}$`), auth: false, raw: true, handler: putUpload },
	{ method: 'GET', pattern: new RegExp(`^/media/${ID}/${ID}(?:/.*)?$`), auth: false, raw: true, handler: serveMedia },
];

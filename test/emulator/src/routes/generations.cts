// Generation endpoints: create (JSON/multipart), get (+ wait/timeout long-poll, include=progress), list, count,
// delete, download URL, cost estimates.
import { createHmac } from 'crypto';
import { DUBBING_MICRO_USD_PER_SECOND } from '../billing.cjs';
import { ApiError, codedError } from '../errors.cjs';
import type { Core, Ctx, Route } from '../context.cjs';
import { boolParam, intParam, listParam } from '../context.cjs';
import type { MultipartResult } from '../http.cjs';
import { json, multipartBoundary, readJson, readMultipart } from '../http.cjs';
import { sampleFor } from '../media.cjs';
import { EstimateSchema, GENERATION_STATUSES, parseOr400 } from '../schemas.cjs';
import type { GenerationRecord } from '../state.cjs';
import { generationStatus, generationView, outputUrlOf, terminalAt, TERMINAL } from '../state.cjs';
import {
	checkConcurrency,
	checkPlanDuration,
	createGeneration,
	fingerprint,
	idempotencyKey,
	outcomeFor,
	validateGeneration,
} from './generation-create.cjs';

/** USD per second of output at 25 fps ([DOCS] billing; volatile). */
export const PRICE_PER_SECOND: Record<string, number> = {
	'lipsync-2': 0.05,
	'lipsync-1.9.0-beta': 0.05,
	'lipsync-2-pro': 0.083,
	'react-1': 0.1,
	'sync-3': 0.133,
};
const BILLING_FPS = 25;

function view(ctx: Ctx, g: GenerationRecord, includeProgress = false): Record<string, unknown> {
	return generationView(g, ctx.core.now(), { baseUrl: ctx.core.baseUrl, errorKeys: ctx.core.config.generationErrorCodeKeys, includeProgress });
}

function find(ctx: Ctx): GenerationRecord {
	const g = ctx.core.state.generations.get(ctx.params[0]);
	if (!g) throw new ApiError(404, `Generation with id ${ctx.params[0]} not found`);
	return g;
}

const FILE_FIELDS = ['video', 'audio', 'image'] as const;
const JSON_FIELDS = ['options', 'segments', 'dubParams', 'dialogueEdit'];

/** Turns the multipart form into the JSON body; files become assets referenced by assetId. */
function formToBody(core: Core, form: MultipartResult, now: number): { body: Record<string, unknown>; names: string[] } {
	const body: Record<string, unknown> = {};
	const input: unknown[] = [];
	for (const { name, value } of form.fields) {
		if (name === 'input') {
			let parsed: unknown;
			try {
				parsed = JSON.parse(value);
			} catch {
				throw new ApiError(400, ['input must be JSON (one item per part, or an array)'], { field: 'input', errorCode: 'generation_input_validation_failed' });
			}
			if (Array.isArray(parsed)) input.push(...parsed);
			else input.push(parsed);
		} else if (JSON_FIELDS.includes(name)) {
			try {
				body[name] = JSON.parse(value);
			} catch {
				throw new ApiError(400, [`${name} must be a JSON string`], { field: name, errorCode: 'generation_input_validation_failed' });
			}
		} else body[name] = value;
	}
	const names: string[] = [];
	const seen = new Set<string>();
	const fileInputs: unknown[] = [];
	for (const f of form.files) {
		if (!(FILE_FIELDS as readonly string[]).includes(f.field)) {
			throw new ApiError(400, [`Unexpected file field "${f.field}"; use video, audio or image`], { field: f.field, errorCode: 'generation_input_validation_failed' });
		}
		if (seen.has(f.field)) throw new ApiError(400, [`At most one ${f.field} file is allowed`], { field: f.field, errorCode: 'generation_input_validation_failed' });
		seen.add(f.field);
		if (f.size > core.config.planFileLimitBytes) throw codedError(422, 'file_size_exceeds_plan_limit', { field: f.field });
		const kind = f.field === 'video' ? 'VIDEO' : f.field === 'audio' ? 'AUDIO' : 'IMAGE';
		const filename = f.filename || `${f.field}.${kind === 'AUDIO' ? 'wav' : kind === 'IMAGE' ? 'png' : 'mp4'}`;
		if (f.filename) names.push(f.filename);
		const asset = core.state.addAsset({
			createdAtMs: now,
			updatedAtMs: now,
			name: filename,
			url: '',
			size: f.size,
			format: filename.includes('.') ? filename.split('.').pop()?.toLowerCase() : undefined,
			type: kind,
			inputType: 'UPLOAD',
			durationSeconds: kind === 'IMAGE' ? undefined : core.config.defaultInputDurationS,
			visibility: 'USER',
			data: f.data,
			contentType: f.contentType ?? sampleFor(kind).contentType,
		});
		asset.url = `${core.baseUrl}/media/${asset.id}/${encodeURIComponent(filename)}`;
		core.counters.assetsCreated += 1;
		fileInputs.push({ type: f.field, assetId: asset.id });
	}
	// A file takes precedence over a URL input of the same type.
	const kept = input.filter((i) => !(i && typeof i === 'object' && seen.has(String((i as { type?: unknown }).type))));
	body.input = [...fileInputs, ...kept];
	return { body, names };
}

async function create(ctx: Ctx): Promise<ReturnType<typeof json>> {
	const { core, req, record } = ctx;
	const key = idempotencyKey(req.rawHeaders);
	const boundary = multipartBoundary(req.headers['content-type']);
	const now = core.now();
	let raw: unknown;
	let names: string[] = [];
	let print: unknown;
	if (boundary) {
		const form = await readMultipart(
			req,
			boundary,
			{ fileBytes: core.config.multipartFileLimitBytes, fieldBytes: 1024 * 1024, files: 3, fields: 32, parts: 35, keepBytes: core.config.keepUploadBytes },
			(n) => (record.bodyBytes += n),
		);
		record.form = form.parts;
		print = { fields: form.fields, files: form.files.map((f) => [f.field, f.filename, f.size]) };
		if (key) {
			const prior = replay(ctx, key, fingerprint(print));
			if (prior) return prior;
		}
		({ body: raw, names } = formToBody(core, form, now));
	} else {
		raw = await readJson(req, (n) => (record.bodyBytes += n));
		record.json = raw;
		print = raw;
		if (key) {
			const prior = replay(ctx, key, fingerprint(print));
			if (prior) return prior;
		}
	}
	const v = validateGeneration(core, raw, { extraNames: names });
	checkPlanDuration(core, outcomeFor(core, v).durationS);
	checkConcurrency(core, ctx.apiKey, core.now());
	const source = typeof req.headers['x-sync-source'] === 'string' ? req.headers['x-sync-source'] : 'api';
	const g = createGeneration(core, v, ctx.apiKey, { source, now: core.now() });
	core.counters.generationsCreated += 1;
	if (key) core.state.idempotency.set(key, { fingerprint: fingerprint(print), generationId: g.id });
	return json(201, view(ctx, g));
}

/** Same key + same body → the original generation; same key + other body → 409. */
function replay(ctx: Ctx, key: string, print: string): ReturnType<typeof json> | undefined {
	const prior = ctx.core.state.idempotency.get(key);
	if (!prior) return undefined;
	if (prior.fingerprint !== print) throw codedError(409, 'IDEMPOTENCY_KEY_REUSED', { field: 'Idempotency-Key' });
	const g = ctx.core.state.generations.get(prior.generationId);
	if (!g) return undefined;
	return json(201, view(ctx, g), { 'Idempotent-Replayed': 'true' });
}

async function get(ctx: Ctx) {
	find(ctx);
	const include = (listParam(ctx.query, 'include') ?? []).map((s) => s.toLowerCase());
	const wait = boolParam(ctx.query, 'wait') ?? false;
	const timeoutRaw = ctx.query.get('timeout');
	let timeout = 5;
	if (timeoutRaw !== null) {
		timeout = Number(timeoutRaw);
		if (timeoutRaw.trim() === '' || !Number.isFinite(timeout) || timeout < 1 || timeout > 10) {
			throw new ApiError(400, ['timeout must be a number between 1 and 10'], { field: 'timeout' });
		}
	}
	const progress = include.includes('progress');
	if (wait && progress) throw new ApiError(400, ['wait=true cannot be combined with include=progress'], { field: 'include' });
	if (!wait) return json(200, view(ctx, find(ctx), progress));
	const deadline = ctx.core.now() + timeout * 1000;
	for (;;) {
		const g = find(ctx);
		const now = ctx.core.now();
		if (TERMINAL.has(generationStatus(g, now)) || now >= deadline || ctx.core.stopping) break;
		await ctx.core.sleep(Math.min(terminalAt(g), deadline) - now + 1);
	}
	return json(200, view(ctx, find(ctx)), {
		'Retry-After': '2',
		'X-Sync-Wait-Mode': 'long_poll',
		'X-Sync-Wait-Timeout-Seconds': String(timeout),
	});
}

function filtered(ctx: Ctx, allowCursor: boolean): GenerationRecord[] {
	const q = ctx.query;
	const statuses = listParam(q, 'status');
	for (const s of statuses ?? []) {
		if (!(GENERATION_STATUSES as readonly string[]).includes(s)) {
			throw new ApiError(400, [`status must be one or more of ${GENERATION_STATUSES.join(', ')} (comma-separated); got "${s}"`], { field: 'status' });
		}
	}
	const ids = listParam(q, 'ids');
	const sources = listParam(q, 'source');
	const projectId = q.get('projectId');
	const now = ctx.core.now();
	const { state } = ctx.core;
	let list = state.generationOrder.map((id) => state.generations.get(id)).filter((g): g is GenerationRecord => g !== undefined);
	if (statuses) list = list.filter((g) => statuses.includes(generationStatus(g, now)));
	if (ids && !ctx.core.config.listIgnoresIds) list = list.filter((g) => ids.includes(g.id));
	if (sources) list = list.filter((g) => g.source !== undefined && sources.includes(g.source));
	if (projectId) list = list.filter((g) => g.projectId === projectId);
	if (!allowCursor) return list;
	const limit = intParam(q, 'limit', 1, 100);
	const cursor = q.get('cursor');
	if (limit === undefined) {
		if (cursor) throw new ApiError(400, ['cursor requires limit'], { field: 'cursor' });
		return list; // unpaged, creation order (the API promises no order here)
	}
	list = [...list].reverse(); // newest first
	if (cursor) {
		const at = list.findIndex((g) => g.id === cursor);
		if (at < 0) throw new ApiError(400, [`cursor ${cursor} is not a generation in this listing`], { field: 'cursor' });
		list = list.slice(at + 1);
	}
	return list.slice(0, limit);
}

async function list(ctx: Ctx) {
	return json(200, filtered(ctx, true).map((g) => view(ctx, g)));
}

async function count(ctx: Ctx) {
	return json(200, { count: filtered(ctx, false).length });
}

async function remove(ctx: Ctx) {
	const g = find(ctx);
	if (!TERMINAL.has(generationStatus(g, ctx.core.now()))) throw codedError(409, 'generation_not_deletable_while_processing');
	const v = view(ctx, g);
	ctx.core.state.deleteGeneration(g.id);
	return json(200, v);
}

async function download(ctx: Ctx) {
	const g = find(ctx);
	if (generationStatus(g, ctx.core.now()) !== 'COMPLETED') throw codedError(409, 'generation_output_unavailable');
	const expires = Math.floor(Date.now() / 1000) + 7 * 24 * 3600;
	const sig = createHmac('sha256', 'emulator-download').update(`${g.id}.${expires}`).digest('hex');
	return { status: 200, text: `${outputUrlOf(ctx.core.baseUrl, g.id)}?X-Amz-Expires=604800&Expires=${expires}&X-Amz-Signature=${sig}`, headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
}

function round(n: number): number {
	return Math.round(n * 1e6) / 1e6;
}

/** The `sync_estimate` marker of the first input URL that parses (docs/sync-api-2026.md#emulator-markers). */
function estimateMarker(urls: string[]): string | undefined {
	for (const u of urls) {
		try {
			return new URL(u).searchParams.get('sync_estimate') ?? undefined;
		} catch {
			/* next */
		}
	}
	return undefined;
}

async function analyzeCost(ctx: Ctx) {
	const raw = await readJson(ctx.req, (n) => (ctx.record.bodyBytes += n));
	ctx.record.json = raw;
	const v = validateGeneration(ctx.core, raw);
	// sync_estimate=unavailable|failed on the first input URL: 422 cost_estimate_unavailable, or the media could not be
	// read for the estimate (a final 400, not repeated by a client).
	const marker = estimateMarker(v.markerUrls);
	if (marker === 'unavailable') throw codedError(422, 'cost_estimate_unavailable', { message: 'No estimate is available for this generation.' });
	if (marker === 'failed') throw codedError(400, 'generation_input_video_inaccessible');
	const durationS = outcomeFor(ctx.core, v).durationS;
	const frames = Math.ceil(durationS * BILLING_FPS);
	const estimate = {
		estimatedFrameCount: frames,
		estimatedGenerationCost: round(((PRICE_PER_SECOND[v.body.model] ?? 0.05) / BILLING_FPS) * frames),
	};
	// Whether Sync's legacy estimate prices a dub is unknown: a switch adds the source length at the dubbing rate.
	if (ctx.core.config.analyzeCostIncludesDubbing && v.body.dubParams) {
		estimate.estimatedGenerationCost = round(estimate.estimatedGenerationCost + (durationS * DUBBING_MICRO_USD_PER_SECOND) / 1e6);
	}
	const header = ctx.req.headers['x-emulator-cost-shape'];
	const shape = header === 'object' || header === 'array' ? header : ctx.core.config.costEstimateShape;
	return json(200, shape === 'object' ? estimate : [estimate]);
}

async function estimate(ctx: Ctx) {
	const raw = await readJson(ctx.req, (n) => (ctx.record.bodyBytes += n));
	ctx.record.json = raw;
	const body = parseOr400(EstimateSchema, raw ?? {});
	const perSecond = PRICE_PER_SECOND[body.model];
	if (perSecond === undefined) throw codedError(422, 'cost_estimate_unavailable', { field: 'model', message: `No price fields are configured for model "${body.model}".` });
	const fps = body.fps ?? 30;
	const factor = body.reasoningEnabled && body.model === 'sync-3' ? 1.5 : 1;
	return json(200, {
		estimatedFrameCount: Math.ceil(body.duration * fps),
		estimatedGenerationCost: round(body.duration * perSecond * factor),
		estimatedCredits: null,
	});
}

const ID = '([^/]+)';
export const generationRoutes: Route[] = [
	{ method: 'POST', pattern: /^\/v2\/generate$/, auth: true, handler: create },
	{ method: 'POST', pattern: /^\/v2\/generate\/estimate-cost$/, auth: true, handler: estimate },
	{ method: 'POST', pattern: /^\/v2\/generations\/estimate$/, auth: true, handler: estimate },
	{ method: 'POST', pattern: /^\/v2\/analyze\/cost$/, auth: true, handler: analyzeCost },
	{ method: 'GET', pattern: /^\/v2\/generations$/, auth: true, handler: list },
	{ method: 'GET', pattern: /^\/v2\/generations\/count$/, auth: true, handler: count },
	{ method: 'GET', pattern: new RegExp(`^/v2/generate/${ID}$`), auth: true, handler: get },
	{ method: 'GET', pattern: new RegExp(`^/v2/generations/${ID}$`), auth: true, handler: get },
	{ method: 'DELETE', pattern: new RegExp(`^/v2/generations/${ID}$`), auth: true, handler: remove },
	{ method: 'GET', pattern: new RegExp(`^/v2/generations/${ID}/download$`), auth: true, handler: download },
];

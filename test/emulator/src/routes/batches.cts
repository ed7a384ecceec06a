// Batch endpoints: create (multipart JSONL or JSON rows, dry_run, all validation limits), get, list, results file.
import { ApiError, codedError } from '../errors.cjs';
import type { Core, Ctx, Route } from '../context.cjs';
import { checkWebhookUrl } from '../context.cjs';
import { json, multipartBoundary, readJson, readMultipart } from '../http.cjs';
import { BATCH_STATUSES, BatchJsonBodySchema, BatchRowSchema, parseOr400 } from '../schemas.cjs';
import type { BatchRecord } from '../state.cjs';
import { batchStatus, batchView, generationStatus, outputUrlOf, terminalAt, TERMINAL } from '../state.cjs';
import { createGeneration, outcomeFor, validateGeneration } from './generation-create.cjs';
import type { ValidatedGeneration } from './generation-create.cjs';

export const BATCH_MIN_RECORDS = 20;
export const BATCH_MAX_RECORDS = 500;
export const BATCH_MAX_BYTES = 5 * 1024 * 1024;
export const BATCH_MAX_INPUT_S = 30;
/** Parts of the batch form: the JSONL file (`input`, or `file` as the emulator also accepts), webhook_url, dry_run. */
const BATCH_FORM_FIELDS = ['input', 'file', 'webhook_url', 'dry_run'];

interface Row {
	request_id: string;
	endpoint: string;
	payload: unknown;
}

function batchError(code: string, lineNumber?: number, message?: string, field?: string): ApiError {
	return codedError(400, code, { message, field, extra: lineNumber === undefined ? undefined : { lineNumber } });
}

/** Parses JSONL text into rows (line numbers count non-empty and empty lines alike, 1-based). */
function parseJsonl(text: string): Array<{ line: number; value: unknown }> {
	const out: Array<{ line: number; value: unknown }> = [];
	text.split(/\r?\n/).forEach((l, i) => {
		if (l.trim() === '') return;
		try {
			out.push({ line: i + 1, value: JSON.parse(l) });
		} catch {
			throw batchError('batch_invalid_jsonl', i + 1, `Line ${i + 1} is not valid JSON`);
		}
	});
	return out;
}

function validateRows(core: Core, rows: Array<{ line: number; value: unknown }>): Array<{ row: Row; v: ValidatedGeneration }> {
	if (rows.length < BATCH_MIN_RECORDS) {
		throw batchError('batch_insufficient_records', undefined, `A batch needs at least ${BATCH_MIN_RECORDS} records; got ${rows.length}.`);
	}
	if (rows.length > BATCH_MAX_RECORDS) {
		throw batchError('batch_too_many_requests', undefined, `A batch allows at most ${BATCH_MAX_RECORDS} records; got ${rows.length}.`);
	}
	const ids = new Set<string>();
	return rows.map(({ line, value }) => {
		if (value === null || typeof value !== 'object' || Array.isArray(value)) throw batchError('batch_invalid_jsonl', line, `Line ${line} must be a JSON object`);
		const row = parseOr400(BatchRowSchema, value, { errorCode: 'batch_invalid_jsonl', extra: { lineNumber: line } }) as Row;
		if (row.endpoint !== '/v2/generate') throw batchError('batch_invalid_endpoint', line, `Line ${line}: endpoint must be "/v2/generate"`, 'endpoint');
		if (ids.has(row.request_id)) throw batchError('batch_duplicate_request_id', line, `Line ${line}: duplicate request_id "${row.request_id}"`, 'request_id');
		ids.add(row.request_id);
		const v = validateGeneration(core, row.payload, { fieldPrefix: 'payload', extra: { lineNumber: line } });
		const d = outcomeFor(core, v).durationS;
		if (d > BATCH_MAX_INPUT_S) {
			throw codedError(400, 'batch_input_duration_exceeded', { message: `Line ${line}: input of ${d} s exceeds the ${BATCH_MAX_INPUT_S} s batch limit`, extra: { lineNumber: line } });
		}
		return { row, v };
	});
}

function runningBatches(core: Core, now: number): number {
	let n = 0;
	for (const b of core.state.batches.values()) {
		const s = batchStatus(b, core.state.batchChildren(b), now);
		if (s !== 'COMPLETED' && s !== 'FAILED') n++;
	}
	return n;
}

async function create(ctx: Ctx) {
	const { core, req, record } = ctx;
	const onBytes = (n: number) => (record.bodyBytes += n);
	let text: string | undefined;
	let jsonRows: unknown[] | undefined;
	let webhookUrl: string | undefined;
	let dryRun = false;
	const boundary = multipartBoundary(req.headers['content-type']);
	if (boundary) {
		const form = await readMultipart(
			req,
			boundary,
			{ fileBytes: BATCH_MAX_BYTES * 4, fieldBytes: 1024 * 1024, files: 1, fields: 8, parts: 10, keepBytes: BATCH_MAX_BYTES * 4 },
			onBytes,
		);
		record.form = form.parts;
		// The SDK's batch form has only the file, webhook_url and dry_run (__create in
		// https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/batch/client/Client.ts); anything else (e.g. camelCase webhookUrl) is refused, not silently lost.
		const unknown = form.parts.find((p) => !BATCH_FORM_FIELDS.includes(p.name));
		if (unknown) throw new ApiError(400, [`${unknown.name}: unknown form field (the batch form takes input, webhook_url, dry_run)`], { field: unknown.name });
		const file = form.files.find((f) => f.field === 'input' || f.field === 'file');
		const field = form.fields.find((f) => f.name === 'input' || f.name === 'file');
		if (file) {
			if (file.size > BATCH_MAX_BYTES) throw batchError('batch_file_too_large', undefined, `The batch file is ${file.size} bytes; the limit is 5 MB.`, 'input');
			text = (file.data ?? Buffer.alloc(0)).toString('utf8');
		} else if (field) {
			if (Buffer.byteLength(field.value) > BATCH_MAX_BYTES) throw batchError('batch_file_too_large', undefined, undefined, 'input');
			text = field.value;
		} else throw new ApiError(400, ['input file is required (multipart part "input" or "file")'], { field: 'input', errorCode: 'batch_invalid_jsonl' });
		webhookUrl = form.fields.find((f) => f.name === 'webhook_url')?.value || undefined;
		const dry = form.fields.find((f) => f.name === 'dry_run')?.value;
		if (dry !== undefined && dry !== 'true' && dry !== 'false') throw new ApiError(400, ['dry_run must be "true" or "false"'], { field: 'dry_run' });
		dryRun = dry === 'true';
	} else {
		const raw = await readJson(req, onBytes);
		record.json = raw;
		const body = parseOr400(BatchJsonBodySchema, raw ?? {}, { errorCode: 'batch_invalid_jsonl' });
		jsonRows = body.rows;
		const serialized = body.rows.map((r) => JSON.stringify(r)).join('\n');
		if (Buffer.byteLength(serialized) > BATCH_MAX_BYTES) throw batchError('batch_file_too_large', undefined, 'The rows exceed 5 MB when serialized as JSONL.', 'rows');
		webhookUrl = body.webhook_url;
		dryRun = body.dry_run === true || body.dry_run === 'true';
	}
	checkWebhookUrl(webhookUrl, 'webhook_url');
	if (core.config.plan !== 'scale' && core.config.plan !== 'enterprise') {
		throw codedError(402, 'batch_plan_required');
	}
	const rows = jsonRows ? jsonRows.map((value, i) => ({ line: i + 1, value })) : parseJsonl(text ?? '');
	const validated = validateRows(core, rows);
	if (dryRun) return json(200, { status: 'VALIDATED' });
	const now = core.now();
	const limit = core.config.batchConcurrencyLimit;
	if (limit !== undefined && runningBatches(core, now) >= limit) {
		throw codedError(429, 'concurrency_limit_reached', {
			message: `Batch concurrency limit reached (${limit}). Wait for an existing batch to complete or upgrade your plan.`,
		});
	}
	const b: BatchRecord = {
		id: core.state.newBatchId(),
		createdAtMs: now,
		webhookUrl,
		generationIds: [],
		requestIds: [],
		apiKey: ctx.apiKey,
		pendingMs: core.config.pendingMs,
	};
	for (const { row, v } of validated) {
		const g = createGeneration(core, v, ctx.apiKey, { source: 'batch', batchId: b.id, now });
		b.generationIds.push(g.id);
		b.requestIds.push(row.request_id);
		core.counters.batchGenerationsCreated += 1;
	}
	core.state.batches.set(b.id, b);
	core.counters.batchesCreated += 1;
	if (webhookUrl) {
		const url = webhookUrl;
		const end = Math.max(now + b.pendingMs / 2, ...core.state.batchChildren(b).map(terminalAt));
		core.state.at(end, () => {
			const cur = core.state.batches.get(b.id);
			if (!cur) return;
			core.webhooks.send('batch', b.id, url, batchView(cur, core.state.batchChildren(cur), core.now(), core.baseUrl));
		});
	}
	return json(201, batchView(b, core.state.batchChildren(b), now, core.baseUrl));
}

function find(ctx: Ctx): BatchRecord {
	const b = ctx.core.state.batches.get(ctx.params[0]);
	if (!b) throw new ApiError(404, `Batch with id ${ctx.params[0]} not found`);
	return b;
}

async function get(ctx: Ctx) {
	const b = find(ctx);
	return json(200, batchView(b, ctx.core.state.batchChildren(b), ctx.core.now(), ctx.core.baseUrl));
}

function dateParam(ctx: Ctx, name: string): number | undefined {
	const v = ctx.query.get(name);
	if (v === null) return undefined;
	const t = Date.parse(v);
	if (!Number.isFinite(t)) throw new ApiError(400, [`${name} must be an ISO 8601 date-time`], { field: name });
	return t;
}

async function list(ctx: Ctx) {
	const status = ctx.query.get('status');
	if (status !== null && !(BATCH_STATUSES as readonly string[]).includes(status)) {
		throw new ApiError(400, [`status must be one of ${BATCH_STATUSES.join(', ')}`], { field: 'status' });
	}
	const after = dateParam(ctx, 'created_after');
	const before = dateParam(ctx, 'created_before');
	const now = ctx.core.now();
	const { state, baseUrl } = ctx.core;
	const views = [...state.batches.values()]
		.filter((b) => (after === undefined || b.createdAtMs > after || (ctx.core.config.batchCreatedAfterInclusive && b.createdAtMs === after)) && (before === undefined || b.createdAtMs < before))
		.reverse()
		.map((b) => batchView(b, state.batchChildren(b), now, baseUrl))
		.filter((v) => status === null || v.status === status);
	return json(200, views);
}

/** GET <outputUrl> → 302 to the "signed" JSONL file. */
async function resultsRedirect(ctx: Ctx) {
	find(ctx);
	const sig = Buffer.from(`${ctx.params[0]}:${Date.now()}`).toString('base64url');
	return { status: 302, headers: { Location: `${ctx.core.baseUrl}/files/batch-results/${ctx.params[0]}.jsonl?X-Amz-Signature=${sig}` }, text: '' };
}

/** One JSON line per row: requestId, generationId, status, outputMediaUrl/outputUrl or error/errorCode (format undocumented). */
async function resultsFile(ctx: Ctx) {
	const b = find(ctx);
	const now = ctx.core.now();
	const lines = b.generationIds.map((id, i) => {
		const g = ctx.core.state.generations.get(id);
		const line: Record<string, unknown> = { requestId: b.requestIds[i], generationId: id, status: g ? generationStatus(g, now) : 'FAILED' };
		if (g && line.status === 'COMPLETED') {
			line.outputMediaUrl = outputUrlOf(ctx.core.baseUrl, id);
			line.outputUrl = line.outputMediaUrl;
		} else if (g && TERMINAL.has(String(line.status))) {
			line.error = g.outcome.error;
			line.errorCode = g.outcome.errorCode;
		}
		return JSON.stringify(line);
	});
	return { status: 200, text: lines.join('\n') + '\n', headers: { 'Content-Type': 'application/x-ndjson' } };
}

const ID = '([^/]+)';
export const batchRoutes: Route[] = [
	{ method: 'POST', pattern: /^\/v2\/batch$/, auth: true, handler: create },
	{ method: 'GET', pattern: /^\/v2\/batch$/, auth: true, handler: list },
	{ method: 'GET', pattern: new RegExp(`^/v2/batch/${ID}$`), auth: true, handler: get },
	{ method: 'GET', pattern: new RegExp(`^/batch-results/${ID}$`), auth: false, raw: true, handler: resultsRedirect },
	{ method: 'GET', pattern: new RegExp(`^/files/batch-results/${ID}\\.jsonl$`), auth: false, raw: true, handler: resultsFile },
];

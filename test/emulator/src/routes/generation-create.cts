// Validation and creation of generations, shared by POST /v2/generate (JSON and multipart), the cost estimate and batch rows.
import { createHash } from 'crypto';
import { planBilling } from '../billing.cjs';
import { ApiError, codedError } from '../errors.cjs';
import type { Core } from '../context.cjs';
import { checkDubParams } from '../dubbing.cjs';
import { projectExists } from '../projects.cjs';
import { checkWebhookUrl } from '../context.cjs';
import { resolveOutcome } from '../outcomes.cjs';
import type { CreateGenerationBody, InputItem } from '../schemas.cjs';
import { CreateGenerationSchema, MODELS, parseOr400 } from '../schemas.cjs';
import type { GenerationRecord } from '../state.cjs';
import { generationStatus, generationView, terminalAt, TERMINAL } from '../state.cjs';
import type { Plan } from '../types.cjs';

/** Max output length per plan, in seconds (docs/sync-api.md#plan-limits). */
export const PLAN_MAX_OUTPUT_S: Record<Plan, number> = {
	free: 20,
	hobbyist: 60,
	creator: 300,
	growth: 600,
	scale: 1800,
	enterprise: Infinity,
};

export const MAX_AUDIO_S = 300;
export const MAX_SCRIPT_CHARS = 5000;

export interface ValidatedGeneration {
	body: CreateGenerationBody;
	outputFileName: string | null;
	/** Candidate URLs for outcome markers: inputs in order (assets resolved to their URL). */
	markerUrls: string[];
	markerNames: string[];
}

export function sanitizeOutputFileName(name: string | undefined): string | null {
	if (name === undefined) return null;
	const s = name.replace(/\s/g, '_').replace(/[^A-Za-z0-9_-]/g, '');
	return s === '' ? null : s;
}

interface ValidateOpts {
	fieldPrefix?: string;
	extra?: Record<string, unknown>;
	extraNames?: string[];
}

function prefixed(opts: ValidateOpts, field: string): string {
	return opts.fieldPrefix ? `${opts.fieldPrefix}.${field}` : field;
}

/** zod shape check, then the API's semantic rules, each with its documented error code. */
export function validateGeneration(core: Core, raw: unknown, opts: ValidateOpts = {}): ValidatedGeneration {
	if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		throw new ApiError(400, ['Request body must be a JSON object'], { errorCode: 'generation_input_validation_failed', extra: opts.extra });
	}
	const body = parseOr400(CreateGenerationSchema, raw, { fieldPrefix: opts.fieldPrefix, extra: opts.extra });
	const err = (status: number, code: string, field: string | undefined, message?: string) =>
		codedError(status, code, { field: field === undefined ? undefined : prefixed(opts, field), message, extra: opts.extra });

	if (!(MODELS as readonly string[]).includes(body.model)) {
		throw err(400, 'generation_unsupported_model', 'model', `model must be one of: ${MODELS.join(', ')}`);
	}

	const markerUrls: string[] = [];
	const markerNames: string[] = [...(opts.extraNames ?? [])];
	const inputs = body.input as InputItem[];
	inputs.forEach((item, i) => {
		if (item.type === 'text') return;
		const { url, assetId } = item as { url?: string; assetId?: string };
		if (!url && !assetId) throw err(400, 'generation_input_validation_failed', `input.${i}`, `input.${i}: url or assetId is required`);
		if (assetId) {
			const asset = core.state.assets.get(assetId);
			if (!asset) throw err(400, 'generation_input_validation_failed', `input.${i}.assetId`, `input.${i}.assetId: asset ${assetId} not found`);
			if (asset.type.toLowerCase() !== item.type) {
				throw err(400, 'generation_input_asset_type_mismatch', `input.${i}.assetId`, `input.${i}: asset ${assetId} is ${asset.type}, not ${item.type.toUpperCase()}`);
			}
			markerUrls.push(asset.url);
			markerNames.push(asset.name);
		} else if (url) markerUrls.push(url);
	});

	const visuals = inputs.filter((i) => i.type === 'video' || i.type === 'image');
	const audios = inputs.filter((i) => i.type === 'audio' || i.type === 'text');
	if (visuals.length === 0) throw err(400, 'generation_video_missing', 'input');
	if (visuals.length > 1) throw err(400, 'generation_input_too_many_visual', 'input');
	if (visuals[0].type === 'image' && body.model !== 'sync-3') {
		throw err(400, 'generation_unsupported_model', 'model', 'Image inputs are supported by sync-3 only');
	}
	if (body.dubParams) checkDubParams(core, body, visuals, audios, err);
	else if (audios.length === 0) throw err(400, 'generation_audio_missing', 'input');

	inputs.forEach((item, i) => {
		if (item.type === 'text' && item.provider.script.length > MAX_SCRIPT_CHARS) {
			throw err(400, 'generation_text_length_exceeded', `input.${i}.provider.script`);
		}
	});

	const refIds = audios.map((a) => (a as { refId?: string }).refId);
	if (body.segments && body.segments.length > 0) {
		const known = new Set<string>();
		for (const r of refIds) {
			if (!r) throw err(400, 'generation_input_segments_invalid', 'input', 'Every audio or text input needs a refId when segments are used');
			if (known.has(r)) throw err(400, 'generation_input_segments_invalid', 'input', `Duplicate refId "${r}"`);
			known.add(r);
		}
		const sorted = [...body.segments].sort((a, b) => a.startTime - b.startTime);
		body.segments.forEach((s, i) => {
			if (!(s.startTime < s.endTime)) throw err(400, 'generation_input_segments_invalid', `segments.${i}`, `segments.${i}: startTime must be before endTime`);
			if (!known.has(s.audioInput.refId)) {
				throw err(400, 'generation_input_segments_invalid', `segments.${i}.audioInput.refId`, `segments.${i}: unknown refId "${s.audioInput.refId}"`);
			}
			const { startTime, endTime } = s.audioInput;
			if ((startTime === undefined) !== (endTime === undefined)) {
				throw err(400, 'generation_input_segments_invalid', `segments.${i}.audioInput`, `segments.${i}.audioInput: give both startTime and endTime, or neither`);
			}
			if (startTime !== undefined && endTime !== undefined && !(startTime < endTime)) {
				throw err(400, 'generation_input_segments_invalid', `segments.${i}.audioInput`, `segments.${i}.audioInput: startTime must be before endTime`);
			}
		});
		for (let i = 1; i < sorted.length; i++) {
			if (sorted[i].startTime < sorted[i - 1].endTime) throw err(400, 'generation_input_segments_invalid', 'segments', 'Segments must not overlap');
		}
	} else if (audios.length > 1) {
		throw err(400, 'generation_input_validation_failed', 'input', 'More than one audio input is only allowed together with segments');
	}

	try {
		checkWebhookUrl(body.webhookUrl, prefixed(opts, 'webhookUrl'));
	} catch (e) {
		if (e instanceof ApiError && opts.extra) throw new ApiError(e.statusCode, e.messages, { errorCode: e.errorCode, field: e.field, extra: opts.extra });
		throw e;
	}

	if (body.projectId && !projectExists(core, body.projectId)) throw err(422, 'project_not_found', 'projectId');

	const outputFileName = sanitizeOutputFileName(body.outputFileName);
	if (outputFileName) markerNames.push(outputFileName);
	return { body, outputFileName, markerUrls, markerNames };
}

/** Checks the plan's output-length cap (402). */
export function checkPlanDuration(core: Core, durationS: number, extra?: Record<string, unknown>): void {
	const cap = PLAN_MAX_OUTPUT_S[core.config.plan];
	if (durationS > cap) {
		throw codedError(402, 'generation_plan_duration_exceeded', {
			message: `The generation (${durationS} s) exceeds the ${cap} s maximum output length of the ${core.config.plan} plan.`,
			extra,
		});
	}
}

export function inFlightFor(core: Core, apiKey: string, now: number): number {
	let n = 0;
	for (const g of core.state.generations.values()) {
		if (g.apiKey === apiKey && !g.batchId && !TERMINAL.has(generationStatus(g, now))) n++;
	}
	return n;
}

export function checkConcurrency(core: Core, apiKey: string, now: number): void {
	const limit = core.config.concurrencyLimit;
	if (limit === undefined) return;
	if (inFlightFor(core, apiKey, now) >= limit) {
		const headers: Record<string, string> = {};
		if (core.config.concurrencyRetryAfterSeconds !== undefined) headers['Retry-After'] = String(core.config.concurrencyRetryAfterSeconds);
		throw codedError(429, 'concurrency_limit_reached', {
			message: `Concurrency limit reached: ${limit} generation(s) already in progress. Wait for one to finish or upgrade your plan.`,
			headers,
		});
	}
}

export function outcomeFor(core: Core, v: ValidatedGeneration) {
	const outcome = resolveOutcome(v.markerUrls, v.markerNames, {
		pendingMs: core.config.pendingMs,
		processingMs: core.config.processingMs,
		durationS: core.config.defaultInputDurationS,
	});
	// Audio longer than 300 s fails in the pipeline unless a test chose another outcome.
	if (outcome.kind === 'completed' && outcome.durationS > MAX_AUDIO_S) {
		outcome.kind = 'failed';
		outcome.errorCode = 'generation_audio_length_exceeded';
		outcome.error = 'The provided audio exceeds the maximum allowed length.';
	}
	return outcome;
}

/** Stores the generation and schedules its webhook. */
export function createGeneration(
	core: Core,
	v: ValidatedGeneration,
	apiKey: string,
	extra: { source?: string; batchId?: string; now: number },
): GenerationRecord {
	const body = v.body;
	const outcome = outcomeFor(core, v);
	const g: GenerationRecord = {
		id: core.state.newGenerationId(),
		createdAtMs: extra.now,
		model: body.model,
		input: body.input as Array<Record<string, unknown>>,
		options: body.options as Record<string, unknown> | undefined,
		segments: body.segments,
		webhookUrl: body.webhookUrl,
		outputFileName: v.outputFileName,
		projectId: body.projectId ?? null,
		apiKey,
		source: extra.source,
		batchId: extra.batchId,
		outcome,
		dubParams: body.dubParams,
		echoDubParams: core.config.dubParamsEcho,
		billing: planBilling(core, body, outcome, v.markerUrls),
	};
	core.state.addGeneration(g);
	if (g.webhookUrl) {
		const url = g.webhookUrl;
		core.state.at(terminalAt(g), () => {
			const current = core.state.generations.get(g.id);
			if (!current) return;
			const status = generationStatus(current, core.now());
			if (status === 'REJECTED' && !core.config.webhookOnRejected) return;
			core.webhooks.send('generation', g.id, url, webhookPayload(core, current, core.now()));
		});
	}
	return g;
}

/** Same as GET plus `error_code` (snake_case, as the webhook docs say). */
export function webhookPayload(core: Core, g: GenerationRecord, now: number): Record<string, unknown> {
	return generationView(g, now, { baseUrl: core.baseUrl, errorKeys: 'both' });
}

/** Stable JSON (sorted keys) for idempotency fingerprints. */
export function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const o = value as Record<string, unknown>;
		return `{${Object.keys(o)
			.sort()
			.filter((k) => o[k] !== undefined)
			.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}

export function fingerprint(value: unknown): string {
	return createHash('sha256').update(canonical(value)).digest('hex');
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._~-]{1,128}$/;

/** The Idempotency-Key header: undefined when absent; 400 INVALID_IDEMPOTENCY_KEY when empty, repeated or malformed. */
export function idempotencyKey(rawHeaders: string[]): string | undefined {
	const values: string[] = [];
	for (let i = 0; i < rawHeaders.length; i += 2) {
		if (rawHeaders[i].toLowerCase() === 'idempotency-key') values.push(rawHeaders[i + 1]);
	}
	if (values.length === 0) return undefined;
	if (values.length > 1) throw codedError(400, 'INVALID_IDEMPOTENCY_KEY', { message: 'Idempotency-Key must be sent only once', field: 'Idempotency-Key' });
	const v = values[0];
	if (!IDEMPOTENCY_KEY.test(v)) throw codedError(400, 'INVALID_IDEMPOTENCY_KEY', { field: 'Idempotency-Key' });
	return v;
}

// Text to speech: POST /v2/tts (synchronous, JSON with a hosted URL), POST /v2/tts/jobs (asynchronous: 202 and
// Location, Idempotency-Key, 503 where the organization is not enabled), GET /v2/tts/jobs/{id} (statuses
// PENDING/PROCESSING/SUCCESS/FAILED, Retry-After: 3 until terminal), and the audio files
// (docs/sync-api-2026.md#text-to-speech).
import { randomUUID } from 'crypto';
import { z } from 'zod';
import { ApiError, codedError } from '../errors.cjs';
import type { Core, Ctx, Route } from '../context.cjs';
import type { Reply } from '../http.cjs';
import { json, readJson } from '../http.cjs';
import { TINY_WAV } from '../media.cjs';
import { parseOr400 } from '../schemas.cjs';
import type { TtsJobRecord, TtsJobStatus } from '../surfaces-state.cjs';
import { fingerprint, idempotencyKey } from './generation-create.cjs';
import { findVoice } from './voices.cjs';

export const MAX_TTS_SCRIPT_CHARS = 5000;
/** The emulator's speaking rate: characters per second of synthesized speech. */
export const TTS_CHARS_PER_SECOND = 15;
/** Seconds to wait between polls of a running job (Sync's get-job page). */
export const TTS_JOB_RETRY_AFTER_S = 3;
/** A script containing this fails: 503 on the synchronous call, FAILED for a job. */
export const TTS_FAIL_MARKER = 'sync_tts_failed';
const MINUTE_MS = 60_000;

const TtsSchema = z
	.object({
		script: z.string().min(1).max(MAX_TTS_SCRIPT_CHARS),
		voiceId: z.string().min(1),
		provider: z.literal('elevenlabs').optional(),
		stability: z.number().min(0).max(1).optional(),
		similarityBoost: z.number().min(0).max(1).optional(),
	})
	.strict();
type TtsBody = z.infer<typeof TtsSchema>;

export function speechSeconds(script: string): number {
	return Math.max(0.5, Math.round((script.length / TTS_CHARS_PER_SECOND) * 100) / 100);
}

function audioUrl(core: Core, id: string): string {
	return `${core.baseUrl}/tts-audio/${id}.wav`;
}

function rateLimit(core: Core, bucket: string, apiKey: string): void {
	const limit = core.config.ttsRateLimitPerMinute;
	if (core.state.surfaces.rates.take(bucket, apiKey, limit, MINUTE_MS, core.now()) !== undefined) {
		throw codedError(429, 'rate_limit_exceeded', { message: `Rate limit exceeded: at most ${limit} requests per minute on this endpoint.` });
	}
}

function validate(core: Core, raw: unknown): TtsBody {
	const body = parseOr400(TtsSchema, raw ?? {}, { errorCode: 'tts_input_validation_failed' });
	if (body.provider === undefined && core.config.ttsProviderRequired) {
		throw new ApiError(400, ['provider must be "elevenlabs"'], { field: 'provider', errorCode: 'tts_input_validation_failed' });
	}
	const voice = findVoice(core, body.voiceId);
	if (!voice) throw codedError(404, 'voice_not_found', { field: 'voiceId', message: `Voice ${body.voiceId} not found` });
	if (voice.builtIn?.restricted) throw codedError(422, 'voice_restricted', { field: 'voiceId' });
	return body;
}

async function synthesize(ctx: Ctx) {
	const { core } = ctx;
	const raw = await readJson(ctx.req, (n) => (ctx.record.bodyBytes += n));
	ctx.record.json = raw;
	rateLimit(core, 'tts', ctx.apiKey);
	const body = validate(core, raw);
	if (body.script.includes(TTS_FAIL_MARKER)) throw codedError(503, 'elevenlabs_service_unavailable');
	const id = randomUUID();
	const duration = speechSeconds(body.script);
	core.state.surfaces.ttsAudio.set(id, { id, durationS: duration, characters: body.script.length });
	core.counters.ttsCreated += 1;
	return json(200, { id, url: audioUrl(core, id), duration });
}

export function jobStatus(core: Core, j: TtsJobRecord, now: number): TtsJobStatus | string {
	const t = now - j.createdAtMs;
	if (t < j.pendingMs) return 'PENDING';
	if (t < j.pendingMs + j.processingMs) return core.config.ttsJobUnknownStatus ?? 'PROCESSING';
	return j.fails ? 'FAILED' : 'SUCCESS';
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

function jobReply(core: Core, j: TtsJobRecord, status: number, extraHeaders: Record<string, string> = {}): Reply {
	const now = core.now();
	const s = jobStatus(core, j, now);
	const terminal = s === 'SUCCESS' || s === 'FAILED';
	const finishedAt = j.createdAtMs + j.pendingMs + j.processingMs;
	const body = {
		id: j.id,
		status: s,
		url: s === 'SUCCESS' ? audioUrl(core, j.id) : null,
		duration: s === 'SUCCESS' ? j.durationS : null,
		error: s === 'FAILED' ? { code: 'elevenlabs_service_unavailable', message: 'The ElevenLabs service is unavailable.' } : null,
		createdAt: iso(j.createdAtMs),
		startedAt: s === 'PENDING' ? null : iso(j.createdAtMs + j.pendingMs),
		finishedAt: terminal ? iso(finishedAt) : null,
	};
	const headers = terminal ? { ...extraHeaders } : { ...extraHeaders, 'Retry-After': String(TTS_JOB_RETRY_AFTER_S) };
	return json(status, body, headers);
}

async function createJob(ctx: Ctx): Promise<Reply> {
	const { core } = ctx;
	const key = idempotencyKey(ctx.req.rawHeaders);
	const raw = await readJson(ctx.req, (n) => (ctx.record.bodyBytes += n));
	ctx.record.json = raw;
	if (!core.config.ttsJobsEnabled) throw codedError(503, 'tts_async_not_enabled');
	rateLimit(core, 'tts.jobs', ctx.apiKey);
	const { ttsJobs, ttsJobKeys, ttsAudio } = core.state.surfaces;
	const print = fingerprint(raw);
	if (key) {
		const prior = ttsJobKeys.get(key);
		if (prior && prior.fingerprint !== print) throw codedError(409, 'IDEMPOTENCY_KEY_REUSED', { field: 'Idempotency-Key' });
		const job = prior ? ttsJobs.get(prior.jobId) : undefined;
		if (job) return jobReply(core, job, 202, { Location: `/v2/tts/jobs/${job.id}`, 'Idempotent-Replayed': 'true' });
	}
	const body = validate(core, raw);
	const job: TtsJobRecord = {
		id: randomUUID(),
		createdAtMs: core.now(),
		pendingMs: core.config.ttsJobPendingMs,
		processingMs: core.config.ttsJobProcessingMs,
		fails: body.script.includes(TTS_FAIL_MARKER),
		durationS: speechSeconds(body.script),
		apiKey: ctx.apiKey,
	};
	ttsJobs.set(job.id, job);
	if (!job.fails) ttsAudio.set(job.id, { id: job.id, durationS: job.durationS, characters: body.script.length });
	if (key) ttsJobKeys.set(key, { fingerprint: print, jobId: job.id });
	core.counters.ttsJobsCreated += 1;
	return jobReply(core, job, 202, { Location: `/v2/tts/jobs/${job.id}` });
}

async function getJob(ctx: Ctx): Promise<Reply> {
	const job = ctx.core.state.surfaces.ttsJobs.get(ctx.params[0]);
	if (!job) throw new ApiError(404, `TTS job with id ${ctx.params[0]} not found`);
	return jobReply(ctx.core, job, 200);
}

/** The synthesized audio (unauthenticated, like a storage URL); a job's only once it succeeded. */
async function audioFile(ctx: Ctx): Promise<Reply> {
	const id = ctx.params[0];
	const { ttsAudio, ttsJobs } = ctx.core.state.surfaces;
	const job = ttsJobs.get(id);
	const ready = ttsAudio.has(id) && (!job || jobStatus(ctx.core, job, ctx.core.now()) === 'SUCCESS');
	if (!ready) return { status: 404, headers: { 'Content-Type': 'application/xml' }, text: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code></Error>' };
	return { status: 200, raw: TINY_WAV, headers: { 'Content-Type': 'audio/wav' } };
}

const ID = '([^/]+)';
export const ttsRoutes: Route[] = [
	{ method: 'POST', pattern: /^\/v2\/tts$/, auth: true, handler: synthesize },
	{ method: 'POST', pattern: /^\/v2\/tts\/jobs$/, auth: true, handler: createJob },
	{ method: 'GET', pattern: new RegExp(`^/v2/tts/jobs/${ID}$`), auth: true, handler: getJob },
	{ method: 'GET', pattern: /^\/tts-audio\/([^/]+)\.wav$/, auth: false, raw: true, handler: audioFile },
];

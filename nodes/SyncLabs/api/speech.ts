// Text to speech (docs/sync-api-2026.md#text-to-speech): the synchronous `POST /v2/tts`, and the asynchronous job
// (`POST /v2/tts/jobs`, `GET /v2/tts/jobs/{id}`) that organizations in Sync's rollout have. Both answer JSON
// with a hosted audio URL, never audio bytes.
import { NodeApiError, type IDataObject } from 'n8n-workflow';
import { cancelSignal, SyncApiError, type SyncContext } from '../transport';
import { speechJobSchema, speechSchema, type Speech, type SpeechJob } from '../schemas/speech';
import { send, type CallOptions } from './send';
import { strictObject } from './read';
import { VOICE_PROVIDER } from './voices';

export interface SpeechRequest {
	/** 1-5,000 characters. */
	script: string;
	/** A voice's `id` (built-in or clone). */
	voiceId: string;
	/** 0-1 each. */
	stability?: number;
	similarityBoost?: number;
}

function speechBody(request: SpeechRequest): IDataObject {
	// `provider` is required on the current page and absent from an earlier one: always sent, as a string here
	// (a generation's text input takes an object).
	const body: IDataObject = { script: request.script, voiceId: request.voiceId, provider: VOICE_PROVIDER };
	if (request.stability !== undefined) body.stability = request.stability;
	if (request.similarityBoost !== undefined) body.similarityBoost = request.similarityBoost;
	return body;
}

/**
 * `POST /v2/tts`: blocks until the speech is made. It has no idempotency key, so it is never repeated after a
 * 5xx or a reset (a 429 was refused before any work and still is).
 */
export async function synthesizeSpeech(ctx: SyncContext, request: SpeechRequest, call: CallOptions = {}): Promise<Speech & IDataObject> {
	const answer = await send(ctx, { method: 'POST', path: '/v2/tts', body: speechBody(request), repeatable: false }, call);
	return strictObject(ctx, speechSchema, answer, 'speech', call.itemIndex);
}

/** What `POST /v2/tts/jobs` answers an organization outside the asynchronous rollout: 503 (its error code is not documented). */
export const SPEECH_JOBS_NOT_ENABLED = 'notEnabled' as const;

function isNotEnabled(error: unknown): boolean {
	// A 503 that names an unknown outcome is an outage of a keyed request, not the rollout's answer.
	return error instanceof SyncApiError && error.statusCode === 503 && error.errorCode !== 'IDEMPOTENCY_OUTCOME_UNKNOWN';
}

/** A 5xx, a 408, a 429 or no answer at all (a reset, a timeout) may be repeated; a refusal, a cancel or a stop may not. */
function mayRepeat(ctx: SyncContext, error: unknown, call: CallOptions): boolean {
	if (call.stop?.aborted || cancelSignal(ctx)?.aborted) return false;
	if (error instanceof SyncApiError) {
		const status = error.statusCode ?? 0;
		return status >= 500 || status === 408 || status === 429;
	}
	// transport/failure.ts networkFailure: a request that got no HTTP answer.
	return error instanceof NodeApiError;
}

/**
 * `POST /v2/tts/jobs` with an Idempotency-Key: 202 and the job (a replay of the key returns the original job in
 * its current state). The first attempt goes alone, so its 503 says "not enabled" at once instead of after a
 * round of retries; anything else that may be repeated (a 5xx, a reset, a 429) is sent again under the same
 * key with the usual retries, which is safe.
 */
export async function createSpeechJob(
	ctx: SyncContext,
	request: SpeechRequest,
	idempotencyKey: string,
	call: CallOptions = {},
): Promise<(SpeechJob & IDataObject) | typeof SPEECH_JOBS_NOT_ENABLED> {
	const sync = { method: 'POST', path: '/v2/tts/jobs', body: speechBody(request), headers: { 'Idempotency-Key': idempotencyKey }, repeatable: true } as const;
	const first = await send(ctx, sync, { ...call, retry: { ...call.retry, maxRetries: 0 } }).then(
		(answer) => ({ answer }),
		(error: unknown) => ({ error }),
	);
	let answer: unknown;
	if ('answer' in first) answer = first.answer;
	else if (isNotEnabled(first.error)) return SPEECH_JOBS_NOT_ENABLED;
	else if (mayRepeat(ctx, first.error, call)) answer = await send(ctx, sync, call);
	else throw first.error;
	return strictObject(ctx, speechJobSchema, answer, 'speech job', call.itemIndex);
}

/** `GET /v2/tts/jobs/{id}`: strict. */
export async function getSpeechJob(ctx: SyncContext, id: string, call: CallOptions = {}): Promise<SpeechJob & IDataObject> {
	const answer = await send(ctx, { method: 'GET', path: `/v2/tts/jobs/${encodeURIComponent(id)}`, repeatable: true }, call);
	return strictObject(ctx, speechJobSchema, answer, 'speech job', call.itemIndex);
}

// Text to speech (docs/sync-api-2026.md#text-to-speech): the synchronous `POST /v2/tts`, and the asynchronous job
// (`POST /v2/tts/jobs`, `GET /v2/tts/jobs/{id}`) that organizations in Sync's rollout have. Both answer JSON
// with a hosted audio URL, never audio bytes.
import { NodeApiError, type IDataObject } from 'n8n-workflow';
import { cancelSignal, stoppedError, SyncApiError, type SyncContext } from '../transport';
import { DEFAULT_RETRY_SETTINGS } from '../transport/retryPolicy';
import { runWithRetries } from '../transport/retryLoop';
import { speechJobSchema, speechSchema, type Speech, type SpeechJob } from '../schemas/speech';
import { send, type CallOptions } from './send';
import { strictObject } from './read';
import { strictMadeObject } from './madeAnswer';
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
	// An answer of an unexpected shape is still a speech Sync made and bills: the error names it (actions/speech/madeSpeech.ts).
	return strictMadeObject(ctx, speechSchema, answer, 'speech', call.itemIndex, ({ id, url }) => ({ speechMade: true, ...(id === undefined ? {} : { speechId: id }), ...(url === undefined ? {} : { speechUrl: url }) }));
}

/** What `POST /v2/tts/jobs` answers an organization outside the asynchronous rollout: 503 (its error code is not documented). */
export const SPEECH_JOBS_NOT_ENABLED = 'notEnabled' as const;

function isNotEnabled(error: unknown): boolean {
	// A 503 that names an unknown outcome is an outage of a keyed request, not the rollout's answer.
	return error instanceof SyncApiError && error.statusCode === 503 && error.errorCode !== 'IDEMPOTENCY_OUTCOME_UNKNOWN';
}

/** Whether the 503 says in words that the feature is not enabled (its code or message), not only by its status. */
function saysNotEnabled(error: SyncApiError): boolean {
	return /not[\s_-]*enabled/i.test(`${error.errorCode ?? ''} ${error.message}`);
}

/** A 5xx, a 408 or no answer at all (a reset, a timeout): the keyed job may be sent again; a refusal, a cancel or a stop may not. */
function outcomeUnknown(error: unknown): boolean {
	if (error instanceof SyncApiError) {
		const status = error.statusCode ?? 0;
		return status >= 500 || status === 408;
	}
	// transport/failure.ts networkFailure: a request that got no HTTP answer (a cancel is caught by the loop's signal),
	// unless the connection was refused: that one reached nobody (transport/retryPolicy.ts not_sent).
	return error instanceof NodeApiError && error.context?.requestNeverSent !== true;
}

/**
 * `POST /v2/tts/jobs` with an Idempotency-Key: 202 and the job (a replay of the key returns the original job in
 * its current state). A 503 says "not enabled" on the first attempt, and after a reset or a 5xx only in words, so each
 * attempt goes to the transport alone: the transport repeats only a 429 (refused before any work, Retry-After
 * honoured), and a 5xx or a reset comes back here, where the attempt is sent again under the same key with the
 * transport's backoff (transport/retryPolicy.ts), which is safe, until the budget or a stop or cancel ends it.
 */
export async function createSpeechJob(
	ctx: SyncContext,
	request: SpeechRequest,
	idempotencyKey: string,
	call: CallOptions = {},
): Promise<(SpeechJob & IDataObject) | typeof SPEECH_JOBS_NOT_ENABLED> {
	const path = '/v2/tts/jobs';
	const job = { method: 'POST', path, body: speechBody(request), headers: { 'Idempotency-Key': idempotencyKey }, repeatable: false } as const;
	let anUnknownOutcomeBefore = false;
	const answer = await runWithRetries<unknown>(
		{
			settings: { ...DEFAULT_RETRY_SETTINGS, ...call.retry },
			signal: cancelSignal(ctx),
			stop: call.stop,
			stopped: () => stoppedError(ctx, call.itemIndex, `POST ${path}`),
			onRetry: ({ attempt, delayMs, reason }) => ctx.logger.debug(`Sync Labs POST ${path}: ${reason}, sending again under the same key in ${delayMs} ms`, { attempt }),
		},
		async () => {
			try {
				return { ok: true, value: await send(ctx, job, call) };
			} catch (error) {
				// After an attempt whose outcome is unknown a job may exist, and a bare 503 may be an outage of an
				// organization that has jobs: falling back then could bill the speech twice. Only a 503 that says so
				// is "not enabled" there.
				if (isNotEnabled(error) && (!anUnknownOutcomeBefore || saysNotEnabled(error as SyncApiError))) return { ok: true, value: SPEECH_JOBS_NOT_ENABLED };
				const unknown = outcomeUnknown(error);
				// The last error must not hide an earlier attempt that may have made the job (api/madeAnswer.ts).
				if (anUnknownOutcomeBefore && error instanceof NodeApiError) error.context.earlierOutcomeUnknown = true;
				anUnknownOutcomeBefore ||= unknown;
				// A refused connection sent nothing: sent again like an unknown outcome, under the same key.
				const neverSent = (error as NodeApiError | undefined)?.context?.requestNeverSent === true;
				return { ok: false, retryable: unknown || neverSent, outcomeUnknown: unknown, error: error as Error };
			}
		},
	);
	if (answer === SPEECH_JOBS_NOT_ENABLED) return SPEECH_JOBS_NOT_ENABLED;
	// An answer of an unexpected shape is still a job Sync made: the error names it (actions/speech/madeSpeech.ts).
	return strictMadeObject(ctx, speechJobSchema, answer, 'speech job', call.itemIndex, ({ id, url }) => ({ speechMade: true, ...(id === undefined ? {} : { speechJobId: id }), ...(url === undefined ? {} : { speechUrl: url }) }));
}

/** `GET /v2/tts/jobs/{id}`: strict. */
export async function getSpeechJob(ctx: SyncContext, id: string, call: CallOptions = {}): Promise<SpeechJob & IDataObject> {
	const answer = await send(ctx, { method: 'GET', path: `/v2/tts/jobs/${encodeURIComponent(id)}`, repeatable: true }, call);
	return strictObject(ctx, speechJobSchema, answer, 'speech job', call.itemIndex);
}

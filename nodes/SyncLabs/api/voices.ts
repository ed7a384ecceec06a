// Voices: list, get, clone, delete (docs/sync-api-2026.md#voices). The list has no paging; clone has no
// idempotency key, so it is never repeated after a 5xx or a reset, and its hourly limit makes a quick repeat
// after a 429 pointless too: it is sent once.
import { NodeApiError, type IDataObject } from 'n8n-workflow';
import { cancelSignal, SyncApiError, type SyncContext } from '../transport';
import { voiceSchema, type Voice } from '../schemas/voice';
import { send, type CallOptions } from './send';
import { strictList, strictObject, tolerantList, type ReadOptions, type Tolerated } from './read';

const WHAT = 'voice';
/** The one provider Sync names; sent as the text "elevenlabs" (docs/sync-api-2026.md#voices). */
export const VOICE_PROVIDER = 'elevenlabs';

/** `GET /v2/voices`: every built-in and cloned voice in one answer (a bare array, or `{ items }`). */
export async function listVoices(ctx: SyncContext, options?: ReadOptions & { parse?: 'strict' }): Promise<Array<Voice & IDataObject>>;
export async function listVoices(ctx: SyncContext, options: ReadOptions & { parse: 'tolerant' }): Promise<Array<Tolerated<Voice>>>;
export async function listVoices(ctx: SyncContext, options: ReadOptions = {}): Promise<Array<Voice & IDataObject> | Array<Tolerated<Voice>>> {
	const answer = await send(ctx, { method: 'GET', path: '/v2/voices', repeatable: true }, options);
	return options.parse === 'tolerant' ? tolerantList(ctx, voiceSchema, answer, WHAT, options.itemIndex) : strictList(ctx, voiceSchema, answer, WHAT, options.itemIndex);
}

/** `GET /v2/voices/{id}`: strict; 404 `voice_not_found` for an unknown id or another organization's. */
export async function getVoice(ctx: SyncContext, id: string, call: CallOptions = {}): Promise<Voice & IDataObject> {
	const answer = await send(ctx, { method: 'GET', path: `/v2/voices/${encodeURIComponent(id)}`, repeatable: true }, call);
	return strictObject(ctx, voiceSchema, answer, WHAT, call.itemIndex);
}

/** The sample of a clone: a file already in Sync storage, by its asset id or its Sync-hosted URL. */
export type VoiceSample = { assetId: string } | { url: string };

export interface CloneVoiceRequest {
	/** Unique in the organization (409 `voice_name_conflict`). */
	name: string;
	sample: VoiceSample;
}

/**
 * `POST /v2/voices` (JSON; field names from Sync's MCP server). Sent once: no repeat after a 5xx or a reset
 * (it would clone twice), nor after a 429 (10 per hour per key: a repeat within seconds is refused again).
 */
export async function cloneVoice(ctx: SyncContext, request: CloneVoiceRequest, call: CallOptions = {}): Promise<Voice & IDataObject> {
	const body: IDataObject = { name: request.name, provider: VOICE_PROVIDER, ...request.sample };
	const answer = await send(ctx, { method: 'POST', path: '/v2/voices', body, repeatable: false }, { ...call, retry: { ...call.retry, maxRetries: 0 } });
	return strictObject(ctx, voiceSchema, answer, WHAT, call.itemIndex);
}

/** Whether a request may have been carried out although it failed: a 5xx, a 408, or no HTTP answer at all. */
function outcomeUnknown(ctx: SyncContext, error: unknown, call: CallOptions): boolean {
	if (call.stop?.aborted || cancelSignal(ctx)?.aborted) return false;
	if (error instanceof SyncApiError) return (error.statusCode ?? 0) >= 500 || error.statusCode === 408;
	// transport/failure.ts networkFailure: a request that got no HTTP answer.
	return error instanceof NodeApiError;
}

/**
 * `DELETE /v2/voices/{id}`: Sync answers a bare `true` (a 204 without a body is read the same). The first attempt
 * goes alone: when its outcome is unknown (a 5xx, a reset) the repeat's 404 means that attempt deleted the voice,
 * not that there was none; a 404 of a first attempt, or of a repeat after a 429, is Sync's "no such voice".
 */
export async function deleteVoice(ctx: SyncContext, id: string, call: CallOptions = {}): Promise<boolean> {
	const request = { method: 'DELETE', path: `/v2/voices/${encodeURIComponent(id)}`, repeatable: true } as const;
	const attempt = async (retry: CallOptions['retry']) =>
		await send(ctx, request, { ...call, retry }).then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
	const first = await attempt({ ...call.retry, maxRetries: 0 });
	// The delete happened (a 2xx): only an explicit false says otherwise.
	if ('answer' in first) return first.answer !== false;
	const unknown = outcomeUnknown(ctx, first.error, call);
	const rateLimited = first.error instanceof SyncApiError && first.error.statusCode === 429 && !call.stop?.aborted && !cancelSignal(ctx)?.aborted;
	if (!unknown && !rateLimited) throw first.error;
	const repeat = await attempt(call.retry);
	if ('answer' in repeat) return repeat.answer !== false;
	if (unknown && repeat.error instanceof SyncApiError && repeat.error.statusCode === 404) return true;
	throw repeat.error;
}

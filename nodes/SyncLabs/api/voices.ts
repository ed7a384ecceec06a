// Voices: list, get, clone, delete (docs/sync-api-2026.md#voices). The list has no paging; clone has no
// idempotency key, so it is never repeated after a 5xx or a reset, and its hourly limit makes a quick repeat
// after a 429 pointless too: it is sent once.
import type { IDataObject } from 'n8n-workflow';
import type { SyncContext } from '../transport';
import { listedVoiceSchema, voiceSchema, type Voice } from '../schemas/voice';
import { strictMadeObject } from './madeAnswer';
import { send, type CallOptions } from './send';
import { deleteOnce } from './deleteOnce';
import { strictList, strictObject, tolerantList, type ReadOptions, type Tolerated } from './read';

const WHAT = 'voice';
/** The one provider Sync names; sent as the text "elevenlabs" (docs/sync-api-2026.md#voices). */
export const VOICE_PROVIDER = 'elevenlabs';

/** `GET /v2/voices`: every built-in and cloned voice in one answer (a bare array, or `{ items }`). */
export async function listVoices(ctx: SyncContext, options?: ReadOptions & { parse?: 'strict' }): Promise<Array<Voice & IDataObject>>;
export async function listVoices(ctx: SyncContext, options: ReadOptions & { parse: 'tolerant' }): Promise<Array<Tolerated<Voice>>>;
export async function listVoices(ctx: SyncContext, options: ReadOptions = {}): Promise<Array<Voice & IDataObject> | Array<Tolerated<Voice>>> {
	const answer = await send(ctx, { method: 'GET', path: '/v2/voices', repeatable: true }, options);
	// The picker (tolerant) offers only voices with an id to send; the strict list keeps every voice Sync lists.
	return options.parse === 'tolerant' ? tolerantList(ctx, voiceSchema, answer, WHAT, options.itemIndex) : strictList(ctx, listedVoiceSchema, answer, WHAT, options.itemIndex);
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
	// An answer of an unexpected shape is still a clone Sync made (context.voiceCloned): actions/voice/clone.operation.ts looks for it by name.
	return strictMadeObject(ctx, voiceSchema, answer, WHAT, call.itemIndex, () => ({ voiceCloned: true }));
}

/**
 * `DELETE /v2/voices/{id}`: Sync answers a bare `true` (a 204 without a body is read the same). When the first
 * attempt's outcome is unknown (a 5xx, a reset) the repeat's 404 means that attempt deleted the voice, not that
 * there was none; a 404 of a first attempt, or of a repeat after a 429, is Sync's "no such voice" (api/deleteOnce.ts).
 */
export async function deleteVoice(ctx: SyncContext, id: string, call: CallOptions = {}): Promise<boolean> {
	const outcome = await deleteOnce(ctx, `/v2/voices/${encodeURIComponent(id)}`, call);
	// The delete happened (a 2xx, or gone at the repeat): only an explicit false says otherwise.
	return 'answer' in outcome ? outcome.answer !== false : true;
}

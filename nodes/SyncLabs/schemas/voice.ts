// The Sync Labs voice object (GET /v2/voices, GET /v2/voices/{id}, the answer of POST /v2/voices):
// docs/sync-api-2026.md#voices. Every field is optional in Sync's schema but `provider`; `id` is the value to
// send as `voiceId`, and a voice may carry only `voiceId` (both spellings are read; an empty string in either
// is read as missing, so an empty `id` beside a valid `voiceId` gives the `voiceId`). `restriction` has no
// documented shape: any value but null or false means the voice cannot speak now.
import { z } from 'zod';

const ID_KEYS = ['id', 'voiceId'] as const;

/** The voice with an empty-string `id` or `voiceId` left out: "no id", not an id to send. */
function emptyIdsAsMissing(raw: unknown): unknown {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
	const voice: Record<string, unknown> = { ...raw };
	for (const key of ID_KEYS) if (voice[key] === '') delete voice[key];
	return voice;
}

const voiceFields = z
	.object({
		id: z.string().min(1).nullish(),
		voiceId: z.string().min(1).nullish(),
		internalVoiceId: z.string().nullish(),
		provider: z.string().nullish(),
		name: z.string().nullish(),
		previewUrl: z.string().nullish(),
		restriction: z.unknown().optional(),
	})
	.passthrough();

const voiceObject = voiceFields.refine((voice) => Boolean(voice.id || voice.voiceId), { message: 'a voice needs an id or a voiceId', path: ['id'] });

/** A voice the node uses (gets, clones, offers in a picker): it has an id to send. */
export const voiceSchema = z.preprocess(emptyIdsAsMissing, voiceObject);

/**
 * A voice as Sync's list may hold it: Sync's schema makes the ids optional too, so a voice without one (one still
 * being prepared) is listed as it is, and does not fail the whole list (Voice → Get Many, Clone's name check).
 */
export const listedVoiceSchema = z.preprocess(emptyIdsAsMissing, voiceFields);

export type Voice = z.infer<typeof voiceSchema>;

/** The id to send as `voiceId` (TTS, text inputs): `id`, else `voiceId` (docs/sync-api-2026.md#voices); '' for a listed voice without either. */
export function voiceIdOf(voice: Voice): string {
	return voice.id || voice.voiceId || '';
}

/** Whether Sync says the voice cannot synthesize speech now: a `restriction` of any shape. */
export function isRestricted(voice: Voice): boolean {
	return voice.restriction !== undefined && voice.restriction !== null && voice.restriction !== false;
}

/** Whether the voice can speak now: it has an id to send and Sync puts no restriction on it. */
export function canSpeak(voice: Voice): boolean {
	return voiceIdOf(voice) !== '' && !isRestricted(voice);
}

const SYNC_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether the voice is one of the organization's clones, not a built-in ElevenLabs voice: a clone's id is a Sync
 * UUID, and only clones carry `internalVoiceId` (docs/sync-api-2026.md#voices). Names are unique only among these.
 */
export function isClonedVoice(voice: Voice): boolean {
	return (typeof voice.internalVoiceId === 'string' && voice.internalVoiceId !== '') || SYNC_UUID.test(voiceIdOf(voice));
}

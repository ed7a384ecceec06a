// Dubbing on POST /v2/generate (`dubParams`): the target-language list with how sure each code is, the checks the
// emulator applies per its switches, and the emulator's figure for how long dubbed speech runs
// (docs/sync-api-2026.md#dubbing, #dub-languages).
import type { ApiError } from './errors.cjs';
import type { Core } from './context.cjs';
import type { CreateGenerationBody, InputItem } from './schemas.cjs';

/** How sure a code is: Sync's docs show it, Sync's MCP server shows it, or only ElevenLabs' dubbing list has it. */
export type Sureness = 'DOCS' | 'MCP' | 'ELEVENLABS';

export interface DubLanguage {
	code: string;
	name: string;
	sureness: Sureness;
}

/**
 * Target languages. DOCS: shown as a `targetLang` in Sync's dubbing pages; MCP: named as a code form by Sync's MCP
 * tool `dubbing_get-options`; ELEVENLABS: in ElevenLabs' published dubbing languages (Sync dubs through ElevenLabs,
 * its `DubLanguage` enum could not be read). docs/sync-api-2026.md#dub-languages gives the sources.
 */
export const DUB_LANGUAGES: readonly DubLanguage[] = [
	{ code: 'es', name: 'Spanish', sureness: 'DOCS' },
	{ code: 'fr', name: 'French', sureness: 'DOCS' },
	{ code: 'ja', name: 'Japanese', sureness: 'DOCS' },
	{ code: 'hi', name: 'Hindi', sureness: 'DOCS' },
	{ code: 'pt-BR', name: 'Portuguese (Brazil)', sureness: 'MCP' },
	{ code: 'zh-TW', name: 'Chinese (Taiwan)', sureness: 'MCP' },
	{ code: 'en', name: 'English', sureness: 'ELEVENLABS' },
	{ code: 'pt', name: 'Portuguese', sureness: 'ELEVENLABS' },
	{ code: 'zh', name: 'Chinese', sureness: 'ELEVENLABS' },
	{ code: 'de', name: 'German', sureness: 'ELEVENLABS' },
	{ code: 'ar', name: 'Arabic', sureness: 'ELEVENLABS' },
	{ code: 'ru', name: 'Russian', sureness: 'ELEVENLABS' },
	{ code: 'ko', name: 'Korean', sureness: 'ELEVENLABS' },
	{ code: 'id', name: 'Indonesian', sureness: 'ELEVENLABS' },
	{ code: 'it', name: 'Italian', sureness: 'ELEVENLABS' },
	{ code: 'nl', name: 'Dutch', sureness: 'ELEVENLABS' },
	{ code: 'tr', name: 'Turkish', sureness: 'ELEVENLABS' },
	{ code: 'pl', name: 'Polish', sureness: 'ELEVENLABS' },
	{ code: 'sv', name: 'Swedish', sureness: 'ELEVENLABS' },
	{ code: 'fil', name: 'Filipino', sureness: 'ELEVENLABS' },
	{ code: 'ms', name: 'Malay', sureness: 'ELEVENLABS' },
	{ code: 'ro', name: 'Romanian', sureness: 'ELEVENLABS' },
	{ code: 'uk', name: 'Ukrainian', sureness: 'ELEVENLABS' },
	{ code: 'el', name: 'Greek', sureness: 'ELEVENLABS' },
	{ code: 'cs', name: 'Czech', sureness: 'ELEVENLABS' },
	{ code: 'da', name: 'Danish', sureness: 'ELEVENLABS' },
	{ code: 'fi', name: 'Finnish', sureness: 'ELEVENLABS' },
	{ code: 'bg', name: 'Bulgarian', sureness: 'ELEVENLABS' },
	{ code: 'hr', name: 'Croatian', sureness: 'ELEVENLABS' },
	{ code: 'sk', name: 'Slovak', sureness: 'ELEVENLABS' },
	{ code: 'ta', name: 'Tamil', sureness: 'ELEVENLABS' },
	{ code: 'hu', name: 'Hungarian', sureness: 'ELEVENLABS' },
	{ code: 'no', name: 'Norwegian', sureness: 'ELEVENLABS' },
	{ code: 'vi', name: 'Vietnamese', sureness: 'ELEVENLABS' },
];

/** `sourceLang` value for detection (Sync's dubbing tutorial; also the default). */
export const AUTO_SOURCE = 'auto';

/** Max `numSpeakers` in the May 2026 dubbing tutorial (0 = auto-detect). */
export const MAX_SPEAKERS = 50;

/**
 * The emulator's own figure (Sync publishes none): dubbed speech length ÷ source length per target language, so a
 * dub's billed output differs from the source-length estimate in a fixed, documented way. Unlisted codes: 1.1.
 */
export const DUB_LENGTH_FACTOR: Record<string, number> = {
	en: 1.0,
	es: 1.15,
	fr: 1.2,
	de: 1.25,
	it: 1.15,
	pt: 1.1,
	'pt-BR': 1.1,
	ja: 0.9,
	zh: 0.8,
	'zh-TW': 0.8,
	ko: 0.95,
	hi: 1.05,
};
export const DEFAULT_DUB_LENGTH_FACTOR = 1.1;

export function dubLengthFactor(targetLang: string): number {
	return DUB_LENGTH_FACTOR[targetLang] ?? DEFAULT_DUB_LENGTH_FACTOR;
}

type Err = (status: number, code: string, field: string | undefined, message?: string) => ApiError;

const KNOWN = new Set(DUB_LANGUAGES.map((l) => l.code));

/** The checks a create with `dubParams` gets, per the dub* switches; throws the API's error. */
export function checkDubParams(core: Core, body: CreateGenerationBody, visuals: InputItem[], audios: InputItem[], err: Err): void {
	const dub = body.dubParams;
	if (!dub) return;
	const c = core.config;
	// Sync takes the audio to dub from the video input: a still image has none.
	if (visuals[0].type !== 'video') throw err(400, 'generation_input_validation_failed', 'input', 'Dubbing needs a video input with an audio track');
	if (audios.length > 0 && c.dubWithAudio === 'conflict') throw err(400, 'generation_input_dub_audio_conflict', 'dubParams');
	if (c.dubLanguageCheck === 'list') {
		if (!KNOWN.has(dub.targetLang)) {
			throw err(400, 'generation_input_validation_failed', 'dubParams.targetLang', `dubParams.targetLang must be one of: ${[...KNOWN].join(', ')}`);
		}
		if (dub.sourceLang !== undefined && dub.sourceLang !== AUTO_SOURCE && !KNOWN.has(dub.sourceLang)) {
			throw err(400, 'generation_input_validation_failed', 'dubParams.sourceLang', `dubParams.sourceLang must be auto or one of: ${[...KNOWN].join(', ')}`);
		}
	}
	if (c.dubNumSpeakers === 'validated' && dub.numSpeakers !== undefined && dub.numSpeakers > MAX_SPEAKERS) {
		throw err(400, 'generation_input_validation_failed', 'dubParams.numSpeakers', `dubParams.numSpeakers must be between 0 and ${MAX_SPEAKERS}`);
	}
	if (dub.providerName === undefined && c.dubProviderName === 'required') {
		throw err(400, 'generation_input_validation_failed', 'dubParams.providerName', 'dubParams.providerName is required');
	}
	if (dub.providerName !== undefined && c.dubProviderName === 'refused') {
		throw err(400, 'generation_input_validation_failed', 'dubParams.providerName', 'dubParams.property providerName should not exist');
	}
	if (dub.providerName !== undefined && dub.providerName !== 'elevenlabs') {
		throw err(400, 'generation_input_validation_failed', 'dubParams.providerName', 'dubParams.providerName must be "elevenlabs"');
	}
}

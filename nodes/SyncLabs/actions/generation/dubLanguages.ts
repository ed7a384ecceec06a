// The languages Generation → Dub offers, each with how sure it is that Sync takes it (docs/sync-api-2026.md#dub-languages).
// Sync's `DubLanguage` enum could not be read, so the list is what Sync's docs and MCP server show, plus
// ElevenLabs' dubbing languages (Sync dubs through ElevenLabs). A code outside it is sent only when the user turns
// on Allow Other Language Codes, and Sync judges it.
import type { INodePropertyOptions } from 'n8n-workflow';

/** DOCS: a `targetLang` in Sync's dubbing pages; MCP: a code form Sync's MCP server names; ELEVENLABS: only ElevenLabs' list has it. */
export type DubLanguageSureness = 'DOCS' | 'MCP' | 'ELEVENLABS';

export interface DubLanguage {
	code: string;
	name: string;
	sureness: DubLanguageSureness;
}

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

/** `sourceLang` for detection, also Sync's default (dubbing tutorial): the node then leaves `sourceLang` out. */
export const AUTO_SOURCE = 'auto';

/**
 * What another code must look like: a language subtag (ISO 639-1 or 639-3, as ElevenLabs takes) and optional
 * region or script subtags (`pt-BR`, `zh-TW`, `sr-Latn`). Catches a language name or a list typed into one value
 * before anything is billed; whether Sync dubs into it is Sync's to say.
 */
export const LANGUAGE_CODE_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const SURENESS_NOTE: Record<DubLanguageSureness, string> = {
	DOCS: "Shown in Sync's dubbing docs",
	MCP: "Named by Sync's MCP server; not yet in Sync's docs",
	ELEVENLABS: "From ElevenLabs' dubbing languages; not yet confirmed by Sync",
};

/** The dropdown's options, sorted by name as n8n's scanner wants: "Spanish (es)". */
export function dubLanguageOptions(): INodePropertyOptions[] {
	return DUB_LANGUAGES.map(({ code, name, sureness }) => ({ name: `${name} (${code})`, value: code, description: SURENESS_NOTE[sureness] })).sort((a, b) =>
		a.name.localeCompare(b.name),
	);
}

/** The listed code written the same but for case ("PT-br" → "pt-BR"), or undefined. */
export function listedSpelling(code: string): string | undefined {
	const lower = code.toLowerCase();
	return DUB_LANGUAGES.find((language) => language.code.toLowerCase() === lower)?.code;
}

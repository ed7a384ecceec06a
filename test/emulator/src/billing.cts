// What the emulator bills for a generation: the ACTUAL output length (from the sync mode, a dub's longer or shorter
// speech, and an optional seeded spread), which can differ from the estimate made from the input length. Fixed at
// creation, so the same input (and seed) always bills the same (docs/sync-api-2026.md#billing-in-the-emulator).
import { createHash } from 'crypto';
import type { Core } from './context.cjs';
import { dubLengthFactor } from './dubbing.cjs';
import type { Outcome } from './outcomes.cjs';
import type { CreateGenerationBody } from './schemas.cjs';

/** Frames per second Sync bills at (its pricing page quotes per-second rates at 25 fps). */
export const BILLING_FPS = 25;
/** The emulator's own prices where Sync publishes none (dubbing, speech), in micro-dollars. */
export const DUBBING_MICRO_USD_PER_SECOND = 30_000;
export const SPEECH_MICRO_USD_PER_CHARACTER = 300;
/** Pricing factor for reasoning on sync-3 (same as the duration estimate's). */
export const REASONING_FACTOR = 1.5;

export interface GenerationBilling {
	/** Length of the visual input (the estimate's basis). */
	videoS: number;
	/** Length of the audio the lips follow: the audio input, or the dubbed speech. */
	audioS: number;
	/** Output length after the sync mode: what is billed. */
	outputS: number;
	frames: number;
	dubbedS: number | null;
	targetLang: string | null;
	speechCharacters: number;
	reasoning: boolean;
	/** `sync_cost` marker: all parts unavailable, or only the dubbing part. */
	costMarker: 'normal' | 'unavailable' | 'dubbing_unavailable';
}

function round3(n: number): number {
	return Math.round(n * 1000) / 1000;
}

function markerParams(urls: string[]): URLSearchParams | undefined {
	for (const u of urls) {
		try {
			return new URL(u).searchParams;
		} catch {
			/* next */
		}
	}
	return undefined;
}

/** A number in [0, 1) fixed by the seed and the media and processing of the request. */
export function seededUnit(seed: number, body: CreateGenerationBody): number {
	const basis = JSON.stringify({ seed, model: body.model, input: body.input, options: body.options ?? null, dubParams: body.dubParams ?? null });
	return createHash('sha256').update(basis).digest().readUInt32BE(0) / 2 ** 32;
}

/** Output length per `sync_mode` (docs/sync-api-2026.md#billing-in-the-emulator; default `loop`). */
export function outputLength(syncMode: string | undefined, videoS: number, audioS: number, image: boolean): number {
	if (image) return audioS;
	switch (syncMode ?? 'loop') {
		case 'cut_off':
			return Math.min(videoS, audioS);
		case 'silence':
			return videoS;
		default: // loop, bounce, remap: the video is looped, bounced or retimed to the audio
			return audioS;
	}
}

export function planBilling(core: Core, body: CreateGenerationBody, outcome: Outcome, markerUrls: string[]): GenerationBilling {
	const params = markerParams(markerUrls);
	const videoS = outcome.durationS;
	const spread = core.config.billingSeed === undefined ? 1 : 1 + core.config.billingSpread * (2 * seededUnit(core.config.billingSeed, body) - 1);
	const dub = body.dubParams;
	const inputs = body.input as Array<{ type: string; provider?: { script?: string } }>;
	let audioS: number;
	let dubbedS: number | null = null;
	if (dub) {
		dubbedS = round3(videoS * dubLengthFactor(dub.targetLang) * spread);
		audioS = dubbedS;
	} else {
		const marked = Number(params?.get('sync_audio_duration_s') ?? NaN);
		audioS = round3((Number.isFinite(marked) && marked > 0 ? marked : videoS) * spread);
	}
	const options = body.options as { sync_mode?: string; reasoning_enabled?: boolean } | undefined;
	const outputS = round3(outputLength(options?.sync_mode, videoS, audioS, inputs.some((i) => i.type === 'image')));
	// Text inputs are spoken by ElevenLabs unless a dub ignores them.
	const speechCharacters = dub ? 0 : inputs.reduce((n, i) => n + (i.type === 'text' ? i.provider?.script?.length ?? 0 : 0), 0);
	const marker = params?.get('sync_cost');
	return {
		videoS,
		audioS,
		outputS,
		frames: Math.ceil(outputS * BILLING_FPS - 1e-9),
		dubbedS,
		targetLang: dub?.targetLang ?? null,
		speechCharacters,
		reasoning: options?.reasoning_enabled === true && body.model === 'sync-3',
		costMarker: marker === 'unavailable' || marker === 'dubbing_unavailable' ? marker : 'normal',
	};
}

/** Micro-dollars as Sync's decimal string (six decimals). */
export function usd(micro: number): string {
	const whole = Math.floor(micro / 1e6);
	return `${whole}.${String(micro - whole * 1e6).padStart(6, '0')}`;
}

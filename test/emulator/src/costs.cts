// The recorded cost of one generation as GET /v2/generate/{id}/costs and the usage export give it: availability
// (pending → partial → complete, or unavailable), parts lipsync/dubbing/speech with decimal-string amounts,
// retryAfterSeconds while a part is still to come (docs/sync-api-2026.md#costs, #billing-in-the-emulator).
import type { GenerationBilling } from './billing.cjs';
import { BILLING_FPS, DUBBING_MICRO_USD_PER_SECOND, REASONING_FACTOR, SPEECH_MICRO_USD_PER_CHARACTER, usd } from './billing.cjs';
import type { Core } from './context.cjs';
import { PRICE_PER_SECOND } from './routes/generations.cjs';
import type { GenerationRecord } from './state.cjs';
import { generationStatus, terminalAt, TERMINAL } from './state.cjs';

/** What Sync's cost object says it leaves out (names from Sync's MCP tool `generations_get-costs`). */
export const EXCLUDED_COSTS = ['tax', 'subscription_fees', 'external_provider_charges', 'account_adjustments'];

type PartState = 'recorded' | 'pending' | 'unavailable';

interface Part {
	type: string;
	micro: number;
	recordedAtMs: number;
	unavailable: boolean;
	measures: Record<string, unknown>;
}

/** Lip-sync price in micro-dollars per billed frame (the per-second price at 25 fps). */
export function lipsyncMicroPerFrame(model: string): number {
	return Math.round(((PRICE_PER_SECOND[model] ?? 0.05) * 1e6) / BILLING_FPS);
}

/** The charges a COMPLETED generation incurs, in micro-dollars (what the emulator bills, whatever was estimated). */
export function billedParts(b: GenerationBilling, model: string): { lipsync: number; dubbing: number; speech: number } {
	return {
		lipsync: Math.round(b.frames * lipsyncMicroPerFrame(model) * (b.reasoning ? REASONING_FACTOR : 1)),
		dubbing: b.dubbedS === null ? 0 : Math.round(b.dubbedS * DUBBING_MICRO_USD_PER_SECOND),
		speech: b.speechCharacters * SPEECH_MICRO_USD_PER_CHARACTER,
	};
}

function parts(core: Core, g: GenerationRecord): Part[] {
	const b = g.billing;
	const status = generationStatus(g, core.now());
	// Failed and rejected generations are not charged: no parts.
	if (!b || status !== 'COMPLETED') return [];
	const base = terminalAt(g) + core.config.costDelayMs;
	const micro = billedParts(b, g.model);
	const all = b.costMarker === 'unavailable';
	const out: Part[] = [
		{ type: 'lipsync', micro: micro.lipsync, recordedAtMs: base, unavailable: all, measures: { frames: b.frames, seconds: b.outputS } },
	];
	if (b.dubbedS !== null) {
		out.push({
			type: 'dubbing',
			micro: micro.dubbing,
			recordedAtMs: base + core.config.dubbingCostDelayMs,
			unavailable: all || b.costMarker === 'dubbing_unavailable',
			measures: { seconds: b.dubbedS, targetLang: b.targetLang },
		});
	}
	if (b.speechCharacters > 0) {
		out.push({ type: core.config.speechComponentName, micro: micro.speech, recordedAtMs: base, unavailable: all, measures: { characters: b.speechCharacters } });
	}
	if (core.config.costUnknownComponent) {
		out.push({ type: 'storage', micro: 0, recordedAtMs: base, unavailable: all, measures: { note: 'a part of a kind this client does not know', bytes: 1024 } });
	}
	return out;
}

export function costView(core: Core, g: GenerationRecord): Record<string, unknown> {
	const now = core.now();
	const status = generationStatus(g, now);
	const finished = TERMINAL.has(status);
	const list = parts(core, g);
	const stateOf = (p: Part): PartState => (p.unavailable ? 'unavailable' : now >= p.recordedAtMs ? 'recorded' : 'pending');
	const states = list.map(stateOf);
	const knownMicro = list.reduce((sum, p, i) => sum + (states[i] === 'recorded' ? p.micro : 0), 0);
	let availability: 'complete' | 'pending' | 'partial' | 'unavailable';
	let nextAt: number | undefined;
	if (!finished) {
		availability = 'pending';
		nextAt = terminalAt(g) + core.config.costDelayMs;
	} else if (list.length === 0) {
		const at = terminalAt(g) + core.config.costDelayMs;
		availability = now >= at ? 'complete' : 'pending';
		if (availability === 'pending') nextAt = at;
	} else if (states.every((s) => s === 'unavailable')) availability = 'unavailable';
	else if (states.every((s) => s === 'recorded')) availability = 'complete';
	else {
		availability = states.some((s) => s === 'recorded') ? 'partial' : 'pending';
		const pendingAt = list.filter((_, i) => states[i] === 'pending').map((p) => p.recordedAtMs);
		if (pendingAt.length > 0) nextAt = Math.min(...pendingAt);
	}
	return {
		generationId: g.id,
		generationStatus: status,
		currency: 'USD',
		availability,
		totalCostUsd: availability === 'complete' ? usd(knownMicro) : null,
		knownSubtotalUsd: usd(knownMicro),
		retryAfterSeconds: nextAt === undefined ? null : Math.max(1, Math.ceil((nextAt - now) / 1000)),
		components: list.map((p, i) => ({ type: p.type, status: states[i], amountUsd: states[i] === 'recorded' ? usd(p.micro) : null, ...p.measures })),
		excludedCosts: EXCLUDED_COSTS,
	};
}

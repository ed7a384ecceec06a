/**
 * Outcome markers: how a test chooses what happens to a generation.
 *
 * Read from the query string of the generation's first input that has a URL (for an `assetId` input: the asset's URL):
 *   sync_outcome=completed|failed|rejected   terminal state (default completed)
 *   sync_error_code=<code>                   error code of a failed/rejected generation
 *                                            (defaults: generation_pipeline_failed / generation_input_validation_failed)
 *   sync_processing_ms=<n>                   time in PROCESSING (overrides the processingMs option)
 *   sync_pending_ms=<n>                      time in PENDING (overrides the pendingMs option)
 *   sync_duration_s=<n>                      input/output duration in seconds (default 1): drives outputDuration, cost
 *                                            estimates, the plan's output-length cap (402) and the batch 30 s limit
 * For binary or asset inputs without such a URL: an `outputFileName` (or uploaded file name, or asset name)
 * containing `sync_outcome_failed` or `sync_outcome_rejected` selects that outcome.
 */
import { ERROR_CATALOG } from './errors.cjs';

export type OutcomeKind = 'completed' | 'failed' | 'rejected';

export interface Outcome {
	kind: OutcomeKind;
	errorCode?: string;
	error?: string;
	pendingMs: number;
	processingMs: number;
	durationS: number;
}

export interface OutcomeDefaults {
	pendingMs: number;
	processingMs: number;
	durationS: number;
}

function num(v: string | null): number | undefined {
	if (v === null || v.trim() === '') return undefined;
	const n = Number(v);
	return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** `urls`: candidate input URLs in order (the first parseable one is used); `names`: file names to scan for name markers. */
export function resolveOutcome(urls: Array<string | undefined>, names: Array<string | undefined | null>, defaults: OutcomeDefaults): Outcome {
	let params: URLSearchParams | undefined;
	for (const u of urls) {
		if (!u) continue;
		try {
			params = new URL(u).searchParams;
			break;
		} catch {
			/* not a URL; try the next one */
		}
	}
	let kind: OutcomeKind = 'completed';
	const requested = params?.get('sync_outcome')?.toLowerCase();
	if (requested === 'failed' || requested === 'rejected' || requested === 'completed') kind = requested;
	else {
		for (const n of names) {
			if (!n) continue;
			if (n.includes('sync_outcome_failed')) kind = 'failed';
			else if (n.includes('sync_outcome_rejected')) kind = 'rejected';
			if (kind !== 'completed') break;
		}
	}
	const outcome: Outcome = {
		kind,
		pendingMs: num(params?.get('sync_pending_ms') ?? null) ?? defaults.pendingMs,
		processingMs: num(params?.get('sync_processing_ms') ?? null) ?? defaults.processingMs,
		durationS: num(params?.get('sync_duration_s') ?? null) ?? defaults.durationS,
	};
	if (kind !== 'completed') {
		const code = params?.get('sync_error_code') || (kind === 'failed' ? 'generation_pipeline_failed' : 'generation_input_validation_failed');
		outcome.errorCode = code;
		outcome.error = ERROR_CATALOG[code]?.message ?? `Generation ${kind}: ${code}`;
	}
	return outcome;
}

/** Duration (s) requested by the first input URL's sync_duration_s marker, if any. */
export function durationMarker(urls: Array<string | undefined>): number | undefined {
	for (const u of urls) {
		if (!u) continue;
		try {
			return num(new URL(u).searchParams.get('sync_duration_s'));
		} catch {
			/* next */
		}
	}
	return undefined;
}

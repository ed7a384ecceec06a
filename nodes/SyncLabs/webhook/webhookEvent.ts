// Turns the verified bytes of a Sync Labs webhook delivery into one typed event. Pure: no n8n imports.
import { z } from 'zod';
import type { Batch } from '../schemas/batch';
import type { Generation } from '../schemas/generation';
import { createdAtOf, errorCodeOf, outputUrlOf } from '../schemas/spellings';

/**
 * The one list of event names the triggers filter on, with their labels (webhook/eventFilter.description.ts).
 * Other statuses still produce `<kind>.<status in lower case>` and pass an empty filter.
 */
export const KNOWN_EVENTS = {
	'batch.completed': 'Batch Completed',
	'batch.failed': 'Batch Failed',
	'generation.completed': 'Generation Completed',
	'generation.failed': 'Generation Failed',
	'generation.rejected': 'Generation Rejected',
} as const;

/**
 * Batch counters in one spelling, the SDK's `BatchMetrics` (snake_case): Sync's webhook docs page shows
 * camelCase (`totalGenerations`, ...), the API and SDK snake_case; both are read, a missing one is null.
 */
export type SyncBatchMetrics = {
	total_generations: number | null;
	success_count: number | null;
	failed_count: number | null;
	pending_count: number | null;
};

export interface SyncWebhookEvent {
	event: string;
	kind: 'generation' | 'batch';
	id: string;
	status: string;
	model: string | null;
	outputUrl: string | null;
	outputDuration: number | null;
	/** null when absent or an empty string (Sync's docs example sends `"error": ""` on a COMPLETED generation). */
	error: string | null;
	/** `errorCode` or `error_code`; null when absent or empty. */
	errorCode: string | null;
	/** `createdAt`, or the batch's `created_at`. */
	createdAt: string | null;
	/** Batch counters; null for generations. */
	metrics: SyncBatchMetrics | null;
	/** The payload exactly as Sync sent it (unknown fields included). */
	payload: Record<string, unknown>;
}

export type ParseWebhookResult = { ok: true; event: SyncWebhookEvent } | { ok: false; reason: string };

const objectSchema = z.record(z.unknown());

function eventName(kind: string, status: string): string {
	return `${kind}.${status.toLowerCase()}`;
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

function count(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Both spellings of the batch counters into the SDK's snake_case. */
export function normalizeBatchMetrics(metrics: unknown): SyncBatchMetrics {
	const m = isRecord(metrics) ? metrics : {};
	return {
		total_generations: count(m.total_generations ?? m.totalGenerations),
		success_count: count(m.success_count ?? m.successCount),
		failed_count: count(m.failed_count ?? m.failedCount),
		pending_count: count(m.pending_count ?? m.pendingCount),
	};
}

// Reads every field leniently: a delivery whose signature verified came from Sync, and refusing it for a
// field of an unexpected type would lose it. Wrong-typed fields become null; `payload` keeps them.
function eventFrom(kind: 'generation' | 'batch', id: string, status: string, source: Record<string, unknown>, payload: Record<string, unknown>): SyncWebhookEvent {
	return {
		event: eventName(kind, status),
		kind,
		id,
		status,
		model: kind === 'generation' ? text(source.model) : null,
		outputUrl: outputUrlOf(source) ?? null,
		outputDuration: kind === 'generation' ? count(source.outputDuration) : null,
		error: text(source.error),
		errorCode: errorCodeOf(source) ?? null,
		createdAt: createdAtOf(source) ?? null,
		metrics: kind === 'batch' ? normalizeBatchMetrics(source.metrics) : null,
		payload,
	};
}

/** The typed event for a generation object (from a webhook or from the API). */
export function generationEvent(g: Generation, payload: Record<string, unknown> = g): SyncWebhookEvent {
	return eventFrom('generation', g.id, g.status, g, payload);
}

/** The typed event for a batch object (from a webhook or from the API). */
export function batchEvent(b: Batch, payload: Record<string, unknown> = b): SyncWebhookEvent {
	return eventFrom('batch', b.id, b.status, b, payload);
}

/** A string id, or a finite number as its decimal text: a verified delivery is not refused for the id's type. */
function idOf(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return text(value);
}

/**
 * The kind of a delivery from the fields only one kind has: SDK BatchResponse has `created_at` and `metrics`
 * (https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/common/types/BatchResponse.ts; the docs example spells it
 * `metrics` with camelCase counters), SDK Generation has `input` and `model` (common/types/Generation.ts there).
 * `metrics` may be null or absent on a batch that failed before counting, so `created_at` alone also means batch.
 */
function kindOf(payload: Record<string, unknown>): 'generation' | 'batch' {
	if (Array.isArray(payload.input) || typeof payload.model === 'string') return 'generation';
	return 'metrics' in payload || 'created_at' in payload ? 'batch' : 'generation';
}

/**
 * Parses a verified delivery body. Any JSON object with a non-empty `id` (string or number) and a string
 * `status` is an event; its kind comes from what it carries (kindOf). Only a body without a usable id and
 * status (or not a JSON object) is refused.
 */
export function parseSyncWebhook(body: Buffer | string): ParseWebhookResult {
	let json: unknown;
	try {
		json = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : body);
	} catch {
		return { ok: false, reason: 'body_not_json' };
	}
	const asObject = objectSchema.safeParse(json);
	if (!asObject.success || Array.isArray(json)) return { ok: false, reason: 'body_not_object' };
	const payload = asObject.data;

	const id = idOf(payload.id);
	const status = text(payload.status);
	if (id === null || status === null) return { ok: false, reason: 'not_a_sync_payload' };
	return { ok: true, event: eventFrom(kindOf(payload), id, status, payload, payload) };
}

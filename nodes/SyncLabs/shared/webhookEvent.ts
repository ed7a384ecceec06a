// Turns the verified bytes of a Sync Labs webhook delivery into one typed event. Pure: no n8n imports.
import { z } from 'zod';
import { batchSchema, type Batch } from './schemas/batch';
import {
	generationErrorCode,
	generationOutputUrl,
	generationSchema,
	type Generation,
} from './schemas/generation';

/** Event names the trigger can filter on. Other statuses still produce `<kind>.<status in lower case>`. */
export const KNOWN_EVENTS = [
	'batch.completed',
	'batch.failed',
	'generation.completed',
	'generation.failed',
	'generation.rejected',
] as const;

export interface SyncWebhookEvent {
	event: string;
	kind: 'generation' | 'batch';
	id: string;
	status: string;
	model: string | null;
	outputUrl: string | null;
	outputDuration: number | null;
	error: string | null;
	errorCode: string | null;
	createdAt: string | null;
	/** Batch counters; null for generations. */
	metrics: Batch['metrics'] | null;
	/** The payload exactly as Sync sent it (unknown fields included). */
	payload: Record<string, unknown>;
}

export type ParseWebhookResult = { ok: true; event: SyncWebhookEvent } | { ok: false; reason: string };

const objectSchema = z.record(z.unknown());

function eventName(kind: string, status: string): string {
	return `${kind}.${status.toLowerCase()}`;
}

/** The typed event for a generation object (from a webhook or from the API). */
export function generationEvent(g: Generation, payload: Record<string, unknown> = g): SyncWebhookEvent {
	return {
		event: eventName('generation', g.status),
		kind: 'generation',
		id: g.id,
		status: g.status,
		model: g.model ?? null,
		outputUrl: generationOutputUrl(g) ?? null,
		outputDuration: g.outputDuration ?? null,
		error: g.error ?? null,
		errorCode: generationErrorCode(g) ?? null,
		createdAt: g.createdAt ?? null,
		metrics: null,
		payload,
	};
}

/** The typed event for a batch object (from a webhook or from the API). */
export function batchEvent(b: Batch, payload: Record<string, unknown> = b): SyncWebhookEvent {
	return {
		event: eventName('batch', b.status),
		kind: 'batch',
		id: b.id,
		status: b.status,
		model: null,
		outputUrl: b.outputUrl ?? null,
		outputDuration: null,
		error: b.error ?? null,
		errorCode: b.errorCode ?? b.error_code ?? null,
		createdAt: b.created_at ?? null,
		metrics: b.metrics,
		payload,
	};
}

/** Parses a delivery body. A generation has an `input` array; a batch has `metrics`. Anything else is refused. */
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

	const generation = generationSchema.safeParse(payload);
	if (generation.success) return { ok: true, event: generationEvent(generation.data, payload) };
	const batch = batchSchema.safeParse(payload);
	if (batch.success) return { ok: true, event: batchEvent(batch.data, payload) };
	return { ok: false, reason: 'not_a_sync_payload' };
}

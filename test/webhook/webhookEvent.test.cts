import type { IDataObject } from 'n8n-workflow';
import { parseSyncWebhook } from '../../nodes/SyncLabs/webhook/webhookEvent';
import { isDuplicateDelivery, DEDUPLICATION_MAX_ENTRIES } from '../../nodes/SyncLabs/webhook/deliveryDeduplication';
import { normalizeCostEstimate } from '../../nodes/SyncLabs/schemas/costEstimate';
import { parseApiError, apiErrorMessage } from '../../nodes/SyncLabs/schemas/apiError';
import { errorCodeOf } from '../../nodes/SyncLabs/schemas/spellings';

describe('parseSyncWebhook', () => {
	it('keeps unknown fields of a generation in the payload instead of stripping them', () => {
		const body = JSON.stringify({ id: 'g', status: 'COMPLETED', input: [], model: 'sync-3', brandNew: [1, 2] });
		const result = parseSyncWebhook(body);
		expect(result.ok && result.event.payload.brandNew).toEqual([1, 2]);
	});

	it('names unknown statuses after the status instead of refusing them', () => {
		const result = parseSyncWebhook(JSON.stringify({ id: 'g', status: 'TIMED_OUT', input: [] }));
		expect(result.ok && result.event.event).toBe('generation.timed_out');
	});

	it('makes an event of any object with an id and a status, and refuses one without a usable id or status', () => {
		expect(parseSyncWebhook(JSON.stringify({ id: 'b', status: 'COMPLETED' }))).toMatchObject({ ok: true, event: { kind: 'generation', id: 'b' } });
		expect(parseSyncWebhook(JSON.stringify({ id: 5, status: 'COMPLETED', input: [] }))).toMatchObject({ ok: true, event: { kind: 'generation', id: '5' } });
		expect(parseSyncWebhook(JSON.stringify({ id: {}, status: 'COMPLETED' })).ok).toBe(false);
		expect(parseSyncWebhook(JSON.stringify({ id: Number.NaN, status: 'COMPLETED' })).ok).toBe(false);
		expect(parseSyncWebhook(JSON.stringify({ id: 'g', status: '' })).ok).toBe(false);
	});

	it('turns fields of an unexpected type into null instead of refusing the delivery, keeping them in the payload', () => {
		const result = parseSyncWebhook(JSON.stringify({ id: 'g', status: 'COMPLETED', input: 'x', outputDuration: '4', error: 7, model: null }));
		expect(result).toMatchObject({ ok: true, event: { outputDuration: null, error: null, model: null, payload: { outputDuration: '4' } } });
	});

	// SDK BatchResponse has created_at and metrics, Generation has input and model; a batch that failed before
	// counting may send metrics null or none at all.
	it.each([
		['metrics: null', { id: 'batch_abc123', status: 'FAILED', created_at: '2024-01-15T10:30:00Z', metrics: null, outputUrl: '' }],
		['no metrics key', { id: 'batch_abc123', status: 'FAILED', created_at: '2024-01-15T10:30:00Z', outputUrl: '', webhookUrl: 'https://x/hook' }],
		['camelCase createdAt and metrics null', { id: 'batch_abc123', status: 'FAILED', createdAt: '2024-01-15T10:30:00Z', metrics: null }],
	])('reads a batch delivery with %s as batch.failed with null counters', (_name, payload) => {
		expect(parseSyncWebhook(JSON.stringify(payload))).toMatchObject({
			ok: true,
			event: { kind: 'batch', event: 'batch.failed', createdAt: '2024-01-15T10:30:00Z', metrics: { total_generations: null, success_count: null, failed_count: null, pending_count: null } },
		});
	});

	it('reads a generation that carries input or model as a generation even with a metrics key', () => {
		const result = parseSyncWebhook(JSON.stringify({ id: 'g', status: 'COMPLETED', input: [], model: 'lipsync-2', metrics: null }));
		expect(result).toMatchObject({ ok: true, event: { kind: 'generation', metrics: null } });
	});

	it('reads a batch by its metrics in either spelling, a missing counter as null', () => {
		const result = parseSyncWebhook(JSON.stringify({ id: 'b', status: 'FAILED', metrics: { successCount: 1, failed_count: 2 }, error_code: '' }));
		expect(result).toMatchObject({
			ok: true,
			event: { kind: 'batch', event: 'batch.failed', errorCode: null, metrics: { total_generations: null, success_count: 1, failed_count: 2, pending_count: null } },
		});
	});
});

describe('isDuplicateDelivery', () => {
	it('remembers a key for a day and forgets it afterwards', () => {
		const store = {};
		const t0 = Date.parse('2026-11-27T00:00:00Z');
		expect(isDuplicateDelivery(store, 'a', t0)).toBe(false);
		expect(isDuplicateDelivery(store, 'a', t0 + 1000)).toBe(true);
		expect(isDuplicateDelivery(store, 'a', t0 + 25 * 3600 * 1000)).toBe(false);
	});

	it('keeps the store bounded', () => {
		const store: IDataObject = {};
		const t0 = Date.now();
		for (let i = 0; i < DEDUPLICATION_MAX_ENTRIES + 50; i++) isDuplicateDelivery(store, `k${i}`, t0 + i);
		expect(Object.keys(store.seenDeliveries as object)).toHaveLength(DEDUPLICATION_MAX_ENTRIES);
	});
});

describe('normalizeCostEstimate', () => {
	it('reads the documented array and the observed bare object the same way', () => {
		const one = { estimatedFrameCount: 90, estimatedGenerationCost: 0.3 };
		expect(normalizeCostEstimate([one])).toEqual({ ...one, estimatedCredits: null });
		expect(normalizeCostEstimate(one)).toEqual({ ...one, estimatedCredits: null });
		expect(normalizeCostEstimate({ ...one, estimatedCredits: 12 })).toMatchObject({ estimatedCredits: 12 });
	});
});

describe('parseApiError', () => {
	it('reads JSON error bodies with either error code spelling and a list of messages', () => {
		const e = parseApiError('{"statusCode":400,"message":["a","b"],"error_code":"x"}', 400);
		expect(apiErrorMessage(e)).toBe('a; b');
		expect(errorCodeOf(e)).toBe('x');
	});

	it('keeps a short text body from a proxy as the message', () => {
		expect(parseApiError('<html>Bad gateway</html>', 502)).toEqual({ statusCode: 502, message: '<html>Bad gateway</html>' });
		expect(apiErrorMessage(parseApiError('', 503))).toBe('HTTP 503');
	});
});

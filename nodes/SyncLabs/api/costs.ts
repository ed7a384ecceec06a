// Recorded costs: one generation's (GET /v2/generate/{id}/costs) and the usage export of every generation that
// finished in a time range (GET /v2/usage/generations): docs/sync-api-2026.md#costs, #usage-export. Both are
// reads, safe to repeat; neither estimates nor changes billing.
import type { IDataObject } from 'n8n-workflow';
import type { SyncContext } from '../transport';
import { generationCostSchema, usageRowSchema, type GenerationCost, type UsageRow } from '../schemas/generationCost';
import { send, type CallOptions } from './send';
import { nextCursorOf, strictList, strictObject } from './read';
import { collectPages } from './pages';

/** `GET /v2/generate/{id}/costs`: strict; an unknown or inaccessible generation is Sync's error (404). */
export async function getGenerationCost(ctx: SyncContext, generationId: string, call: CallOptions = {}): Promise<GenerationCost & IDataObject> {
	const answer = await send(ctx, { method: 'GET', path: `/v2/generate/${encodeURIComponent(generationId)}/costs`, repeatable: true }, call);
	return strictObject(ctx, generationCostSchema, answer, 'generation cost', call.itemIndex);
}

/** The most rows Sync gives in one page (its default is 100). */
export const USAGE_PAGE_MAX = 500;

export interface UsageRange {
	/** UTC ISO 8601, inclusive: generations that finished at or after it. */
	startTime: string;
	/** UTC ISO 8601, exclusive, after startTime. */
	endTime: string;
}

export interface UsageQuery extends UsageRange {
	/** 1-500. */
	limit: number;
	/** The previous page's nextCursor, always with the same range. */
	cursor?: string;
}

export interface UsagePage {
	items: Array<UsageRow & IDataObject>;
	/** Undefined on the last page (Sync sends null). */
	nextCursor: string | undefined;
}

/** `GET /v2/usage/generations`: one page, oldest first. */
export async function listUsage(ctx: SyncContext, query: UsageQuery, call: CallOptions = {}): Promise<UsagePage> {
	const qs: IDataObject = { startTime: query.startTime, endTime: query.endTime, limit: query.limit };
	if (query.cursor) qs.cursor = query.cursor;
	const answer = await send(ctx, { method: 'GET', path: '/v2/usage/generations', qs, repeatable: true }, call);
	return { items: strictList(ctx, usageRowSchema, answer, 'usage', call.itemIndex), nextCursor: nextCursorOf(answer) };
}

/** Every row of the range (or the first `limit`), following nextCursor with the same range, 500 a page. */
export async function collectUsage(ctx: SyncContext, range: UsageRange, limit: number | undefined, call: CallOptions = {}): Promise<Array<UsageRow & IDataObject>> {
	return await collectPages(
		async (size, cursor) => {
			const page = await listUsage(ctx, { ...range, limit: size, cursor }, call);
			// An empty page ends the list even if it names a cursor (no endless paging).
			return { items: page.items, cursor: page.items.length > 0 ? page.nextCursor : undefined };
		},
		limit,
		USAGE_PAGE_MAX,
		// A usage row is one generation's: it has no `id` of its own.
		(row) => row.generationId,
	);
}

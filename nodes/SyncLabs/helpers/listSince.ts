// Lists generations and batches created since a time, for the polling trigger.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { apiRequest } from '../transport';

const PAGE_SIZE = 100;
/** A bound on one poll's work: 50 pages of 100. */
const MAX_PAGES = 50;

function createdAtOf(o: IDataObject): number {
	const ms = Date.parse(String(o.createdAt ?? o.created_at ?? ''));
	return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** Generations newest first, paged with the last ID as cursor, until they are older than `sinceIso`. */
export async function listGenerationsSince(this: IPollFunctions, sinceIso: string): Promise<IDataObject[]> {
	const since = Date.parse(sinceIso);
	const out: IDataObject[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const items = (await apiRequest.call(this, 'GET', '/v2/generations', {
			qs: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
			repeatable: true,
		})) as IDataObject[];
		if (!Array.isArray(items) || items.length === 0) break;
		out.push(...items);
		if (items.length < PAGE_SIZE || createdAtOf(items[items.length - 1]) < since) break;
		cursor = String(items[items.length - 1].id);
	}
	return out.filter((g) => createdAtOf(g) >= since);
}

/** Batches created after `sinceIso` (the batch list has no paging). */
export async function listBatchesSince(this: IPollFunctions, sinceIso: string): Promise<IDataObject[]> {
	const items = (await apiRequest.call(this, 'GET', '/v2/batch', { qs: { created_after: sinceIso }, repeatable: true })) as IDataObject[];
	return Array.isArray(items) ? items : [];
}

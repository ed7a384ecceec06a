// Best-effort memory of deliveries already turned into executions, kept in the workflow's static data.
// n8n persists static data only after a successful production execution, and two simultaneous
// deliveries (or two queue-mode processes) can both miss each other: this catches re-sends, not races.
import type { IDataObject } from 'n8n-workflow';

const STORE_KEY = 'seenDeliveries';
export const DEDUPLICATION_WINDOW_SECONDS = 24 * 60 * 60;
export const DEDUPLICATION_MAX_ENTRIES = 2000;

/** Returns true if `key` was seen inside the window; otherwise records it and returns false. */
export function isDuplicateDelivery(staticData: IDataObject, key: string, nowMs: number): boolean {
	const store = (
		typeof staticData[STORE_KEY] === 'object' && staticData[STORE_KEY] !== null ? staticData[STORE_KEY] : {}
	) as Record<string, number>;
	const oldest = nowMs - DEDUPLICATION_WINDOW_SECONDS * 1000;

	if (typeof store[key] === 'number' && store[key] >= oldest) return true;

	const kept = Object.entries(store)
		.filter(([, seenAt]) => typeof seenAt === 'number' && seenAt >= oldest)
		.sort((a, b) => a[1] - b[1])
		.slice(-(DEDUPLICATION_MAX_ENTRIES - 1));
	staticData[STORE_KEY] = Object.fromEntries([...kept, [key, nowMs]]);
	return false;
}

// Reading a paged list to its end or to a limit: pages of at most 100 (docs/sync-api.md#list-generations,
// #assets), each read by the endpoint's own page function, which says where the next page starts.
export const PAGE_SIZE = 100;

export interface Page<T> {
	items: T[];
	/** Where the next page starts; undefined at the end. */
	cursor: string | undefined;
}

/**
 * Reads pages until the list ends or `limit` items are in (every item when `limit` is undefined), each page of at
 * most `pageSize` (an endpoint with larger pages passes its own: the usage export takes 500).
 */
/** An item's identity within its list, for telling a page read again from new items: its `id` by default. */
export type ItemKey<T> = (item: T) => unknown;

const byId: ItemKey<unknown> = (item) => (item as { id?: unknown }).id;

export async function collectPages<T>(
	readPage: (size: number, cursor: string | undefined) => Promise<Page<T>>,
	limit: number | undefined,
	pageSize = PAGE_SIZE,
	keyOf: ItemKey<T> = byId,
): Promise<T[]> {
	const results: T[] = [];
	// A next cursor already sent would read the same pages again, forever with Return All: the list ends there. A
	// Sync that ignores the cursor answers page 1 again: an item already read (by its key) is not output twice, and a
	// page of nothing new ends the list.
	const sent = new Set<string>();
	const seen = new Set<string>();
	let cursor: string | undefined;
	for (;;) {
		const size = limit === undefined ? pageSize : Math.min(pageSize, limit - results.length);
		const page = await readPage(size, cursor);
		const fresh = page.items.filter((item) => {
			const id = keyOf(item);
			if (typeof id !== 'string') return true;
			if (seen.has(id)) return false;
			seen.add(id);
			return true;
		});
		results.push(...fresh);
		const nothingNew = page.items.length > 0 && fresh.length === 0;
		if (page.cursor === undefined || sent.has(page.cursor) || nothingNew || (limit !== undefined && results.length >= limit)) break;
		cursor = page.cursor;
		sent.add(cursor);
	}
	return limit === undefined ? results : results.slice(0, limit);
}

// Runs an async function over items with at most `limit` in flight, keeping results in input order.
// On the first failure no new item is started and `signal` (given to every call) is aborted, so the
// running ones can stop waiting; the first error is thrown once they have all settled.

export async function mapWithConcurrency<T, R>(
	items: readonly T[],
	limit: number,
	fn: (item: T, index: number, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(items.length);
	const failed = new AbortController();
	let next = 0;
	let firstError: { error: unknown } | undefined;

	async function worker(): Promise<void> {
		while (next < items.length && !firstError) {
			const index = next++;
			try {
				results[index] = await fn(items[index], index, failed.signal);
			} catch (error) {
				if (!firstError) {
					firstError = { error };
					failed.abort();
				}
			}
		}
	}

	const workers = Array.from({ length: Math.max(1, Math.min(Math.floor(limit) || 1, items.length)) }, () => worker());
	await Promise.all(workers);
	if (firstError) throw firstError.error;
	return results;
}

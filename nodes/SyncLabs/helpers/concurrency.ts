// Runs an async function over items with at most `limit` in flight, keeping results in input order.
// On the first failure no new item is started; the error is thrown once the running ones settle.

export async function mapWithConcurrency<T, R>(
	items: readonly T[],
	limit: number,
	fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	let firstError: { error: unknown } | undefined;

	async function worker(): Promise<void> {
		while (next < items.length && !firstError) {
			const index = next++;
			try {
				results[index] = await fn(items[index], index);
			} catch (error) {
				firstError ??= { error };
			}
		}
	}

	const workers = Array.from({ length: Math.max(1, Math.min(Math.floor(limit) || 1, items.length)) }, () => worker());
	await Promise.all(workers);
	if (firstError) throw firstError.error;
	return results;
}

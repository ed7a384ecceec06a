import { DEFAULT_MARGIN_MS, SETTLE_FACTOR, TerminalWatch, type WatchedItem } from '../../nodes/SyncLabs/polling/terminalWatch';

const T0 = Date.parse('2026-11-27T06:00:00Z');
const MIN = 60_000;
const terminal = (s: string) => ['COMPLETED', 'FAILED', 'REJECTED'].includes(s);
const item = (id: string, minutes: number, status = 'COMPLETED'): WatchedItem => ({ id, status, createdAtMs: T0 + minutes * MIN });
const ids = (items: WatchedItem[]) => items.map((i) => i.id);

/** One poll over a newest-first list, paged by `pageSize`, at most `pages` pages for the top scan and each gap. */
function poll(stored: unknown, list: WatchedItem[], n8nNow: number, opts: { pages?: number; pageSize?: number; lookbackMin?: number } = {}) {
	const { pages = 50, pageSize = 2, lookbackMin = 60 } = opts;
	const w = new TerminalWatch<WatchedItem>(stored, terminal);
	const sorted = [...list].sort((a, b) => b.createdAtMs - a.createdAtMs);
	const run = (scan: ReturnType<typeof w.topScan>) => {
		for (let p = 0; p < pages && !scan.done; p++) {
			const from = scan.cursor === null ? 0 : sorted.findIndex((i) => i.id === scan.cursor) + 1;
			const page = sorted.slice(from, from + pageSize);
			w.consumePage(scan, page, from + pageSize >= sorted.length);
		}
		w.endScan(scan);
	};
	run(w.topScan(n8nNow - lookbackMin * MIN, n8nNow));
	const asked = w.pendingTurn(100);
	w.recheckResult(asked, sorted.filter((i) => asked.includes(i.id)));
	for (const gap of w.gapScans(n8nNow)) run(gap);
	return { emitted: ids(w.emitted), state: w.toState() as unknown };
}

describe('TerminalWatch', () => {
	it('on the first run emits what finished within the lookback and marks older objects processed without emitting them', () => {
		const list = [item('old', -90), item('recent', -30), item('running', -10, 'PROCESSING')];
		const first = poll(undefined, list, T0);
		expect(first.emitted).toEqual(['recent']);
		list[2].status = 'COMPLETED';
		list[0].status = 'COMPLETED';
		expect(poll(first.state, list, T0 + MIN).emitted).toEqual(['running']);
	});

	it('emits a batch-like object that stays running for hours when it finishes, once', () => {
		const list = [item('long', 0, 'PROCESSING')];
		let state = poll(undefined, list, T0, { lookbackMin: 5 }).state;
		const emitted: string[] = [];
		for (let m = 1; m < 300; m += 7) {
			list.push(item(`short${m}`, m));
			if (m > 240) list[0].status = 'FAILED';
			const r = poll(state, list, T0 + m * MIN);
			emitted.push(...r.emitted);
			state = r.state;
		}
		expect(emitted.filter((id) => id === 'long')).toHaveLength(1);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted).toHaveLength(list.length);
	});

	it('drains a backlog larger than one poll over the following polls, never skipping and never repeating', () => {
		let state = poll(undefined, [], T0).state;
		const list = Array.from({ length: 300 }, (_, i) => item(`g${i}`, 1 + i * 0.1));
		const emitted: string[] = [];
		for (let p = 0; p < 20; p++) {
			const r = poll(state, list, T0 + (40 + p) * MIN, { pages: 10, pageSize: 5 });
			emitted.push(...r.emitted);
			state = r.state;
		}
		expect(emitted.sort()).toEqual(ids(list).sort());
	});

	it('does not compare clocks after the first run: objects created "before" a fast n8n clock are still new', () => {
		const state = poll(undefined, [item('a', 0)], T0 + 10 * MIN, { lookbackMin: 0 }).state;
		// n8n is 10 min ahead; Sync creates b one minute after a, in Sync time.
		expect(poll(state, [item('a', 0), item('b', 1)], T0 + 12 * MIN, { lookbackMin: 0 }).emitted).toEqual(['b']);
	});

	it('counts everything as new after a first run that found an empty account', () => {
		const state = poll(undefined, [], T0 + 10 * MIN, { lookbackMin: 0 }).state;
		expect(poll(state, [item('x', -30), item('y', -20)], T0 + 11 * MIN).emitted.sort()).toEqual(['x', 'y']);
	});

	it('finds an object listed late below the top within the margin, and keeps only ids a later scan can meet', () => {
		const early = Array.from({ length: 10 }, (_, i) => item(`e${i}`, -120 + i));
		let state = poll(undefined, [...early, item('top', 0)], T0, { lookbackMin: 180 }).state;
		const late = item('late', -2);
		const r = poll(state, [...early, item('top', 0), late], T0 + MIN);
		expect(r.emitted).toEqual(['late']);
		state = r.state;
		expect(Object.keys((state as { seen: object }).seen).sort()).toEqual(['late', 'top']);
	});

	it('stops re-reading the window below the top once it has settled', () => {
		const list = Array.from({ length: 20 }, (_, i) => item(`g${i}`, -i * 0.1));
		let state = poll(undefined, list, T0, { lookbackMin: 60 }).state;
		for (let m = 1; m <= SETTLE_FACTOR * (DEFAULT_MARGIN_MS / MIN) + 2; m++) state = poll(state, list, T0 + m * MIN).state;
		expect((state as { settledTop: number }).settledTop).toBe(T0);
		const w = new TerminalWatch<WatchedItem>(state, terminal);
		expect(w.topScan(0, T0 + 30 * MIN).stop).toBe(T0 + 1);
	});

	it('drops a pending object the API no longer returns', () => {
		const state = poll(undefined, [item('r', 0, 'PROCESSING')], T0, { lookbackMin: 5 }).state;
		const w = new TerminalWatch<WatchedItem>(state, terminal);
		w.recheckResult(['r'], []);
		expect(w.emitted).toEqual([]);
		expect(w.toState().pending).toEqual({});
	});

	it('bounds an object listed without createdAt by the dated one above it, or +Infinity above all of them until a completed top scan passes its place', () => {
		const undated = (id: string, status = 'COMPLETED'): WatchedItem => ({ id, status, createdAtMs: Number.NaN });
		/** One top scan over `list`, newest first as given (an undated item has no createdAt to sort by). */
		const topScanOver = (stored: unknown, list: WatchedItem[], n8nNow: number) => {
			const w = new TerminalWatch<WatchedItem>(stored, terminal);
			const scan = w.topScan(n8nNow - 60 * MIN, n8nNow);
			w.consumePage(scan, list, true);
			w.endScan(scan);
			return { emitted: ids(w.emitted), state: w.toState() as { undated?: Record<string, unknown>; top: number } };
		};
		let r = topScanOver(undefined, [], T0);
		r = topScanOver(r.state, [undated('x'), item('a', 1), undated('y'), item('b', 0)], T0 + 2 * MIN);
		expect(r.emitted).toEqual(['x', 'a', 'y', 'b']);
		// Stored as JSON: +Infinity as 'inf'.
		expect(r.state.undated).toEqual({ x: 'inf', y: T0 + MIN });
		r = topScanOver(r.state, [undated('x'), item('a', 1), undated('y'), item('b', 0)], T0 + 3 * MIN);
		expect(r.emitted).toEqual([]);
		expect(r.state.undated).toEqual({ x: 'inf', y: T0 + MIN });
		// A newer dated object above x: x is bounded by it.
		r = topScanOver(r.state, [item('c', 4), undated('x'), item('a', 1)], T0 + 5 * MIN);
		expect(r.emitted).toEqual(['c']);
		expect(r.state.undated?.x).toBe(T0 + 4 * MIN);
		// z, above every dated object, is gone by the next completed top scan: bounded by where that scan stopped.
		r = topScanOver(r.state, [undated('z'), item('d', 6), item('c', 4)], T0 + 7 * MIN);
		expect(r.emitted).toEqual(['z', 'd']);
		r = topScanOver(r.state, [item('d', 6), item('c', 4)], T0 + 8 * MIN);
		expect(r.state.undated?.z).toBeLessThanOrEqual(T0 + 6 * MIN);
		expect(Number.isFinite(r.state.undated?.z)).toBe(true);
	});
});

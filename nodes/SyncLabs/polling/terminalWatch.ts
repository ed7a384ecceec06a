// Decides what a polling trigger emits so that every generation or batch that reaches a terminal state is
// emitted exactly once, whatever the timing. Pure: no requests, no clock; pollCycle.ts feeds it listed pages and
// ../SyncLabsPollingTrigger.node.ts stores `toState()` in the workflow's static data.
//
// Sync's lists order by creation, newest first, and carry no "finished at". So the state keeps, in Sync's own
// clock (n8n's clock is compared with Sync's only once, for the first run's lookback):
//   top      newest createdAt seen; the next top scan goes down to top - margin (late-listed objects),
//   seen     ids already processed whose createdAt lies where a later scan can still meet them,
//   pending  ids listed while still running, re-checked by id until terminal,
//   gaps     scans the poll budget cut short: resume from `cursor` (an id, as the list pages) down to `stop`,
//   running  first run only: a pass over what Sync lists as running, however old, so all of it is tracked.
// Pruning keeps `seen` to the windows a scan can still reach, so its size follows the creation rate over one
// margin, not the account's history.
//
//   undated  ids processed that Sync listed without createdAt (the schema allows null), each under a bound: the list
//            is in creation order, so such an object was created no later than the dated one listed just above it.
//            Each listing renews the bound; one listed above every dated object has +Infinity until a top scan goes
//            past its place without meeting it (boundUnmet). Kept for a day below the top, not one margin: deleting the
//            objects listed above it (a cleanup workflow) moves it up the list, where a top scan meets it again.

export const DEFAULT_MARGIN_MS = 5 * 60_000;

export interface WatchedItem {
	id: string;
	status: string;
	/** Sync's createdAt in ms; NaN when missing (such an item is kept under a bound, never used as a boundary). */
	createdAtMs: number;
}

export interface Gap {
	/** Resume after this id; null: the cursor went missing, so list from the top and skip what lies above `skipAbove`. */
	cursor: string | null;
	/** createdAt of the cursor item (protects `seen` around it). */
	cursorAt: number;
	/** The scan ends at the first item created before this. */
	stop: number;
	/** The top when the cut scan started: what lies in [stop, above] may have been processed by earlier polls. */
	above: number | null;
	/** First run only: items created before this are marked processed without being emitted. */
	quietBelow: number | null;
	/** Set when the cursor was lost: items created after this were processed before. */
	skipAbove: number | null;
	/** The top whose window [top - margin, top] this scan re-reads (null: not a window pass). */
	window?: number | null;
	/** The pass started once that window had settled (see SETTLE_FACTOR). */
	settling?: boolean;
}

export interface WatchState {
	v: 2;
	top: number | null;
	seen: Record<string, number>;
	pending: Record<string, number>;
	gaps: Gap[];
	/** Where the next pending re-check starts (ids in sorted order), so a long pending list is covered in turns. */
	recheckAfter: string | null;
	/** n8n's clock when `top` last rose: only compared with n8n's own clock later, to measure time passing. */
	topSince?: number | null;
	/** Top scans completed since `top` last rose: a count no clock change between restarts can advance. */
	topPolls?: number;
	/** A top whose window was fully re-read after it settled: later top scans only look above it. */
	settledTop?: number | null;
	/** Absent in states stored before it existed (read as empty). */
	undated?: Record<string, number>;
	/**
	 * First run: the pass over Sync's list filtered to running statuses is unfinished; resume after `cursor`.
	 * Without it, what was created before the first run's span and finishes later is never emitted.
	 */
	running?: { cursor: string | null } | null;
}

/**
 * The window below the top is re-read until a full pass starts this many margins (n8n time) after the top last
 * rose, and at least SETTLE_POLLS top scans after it; after that every object created up to the top has had a
 * margin to appear in the list.
 */
export const SETTLE_FACTOR = 3;

/**
 * n8n's clock alone cannot tell: a restart with another skew (10 min behind, then 10 min ahead) moves it 20 min
 * in seconds. A count of polls only moves with real polls; n8n's shortest preset interval is one minute
 * (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/cron.ts), so 6 polls span at least 5 min, one margin.
 */
export const SETTLE_POLLS = 6;

/**
 * First run: below the lookback cutoff, a generation scan goes this much further down so that what is still
 * running there is tracked (pending) and emitted when it finishes; only what is already terminal is skipped.
 * Generations run minutes, so one hour of creations is the bound (one extra pass, cut into gaps by the budget).
 */
export const FIRST_RUN_RUNNING_SPAN_MS = 60 * 60_000;

/** How far below the top an undated object's bound keeps it in `undated`. */
export const UNDATED_KEPT_MS = 24 * 60 * 60_000;

export interface Scan {
	kind: 'top' | 'gap';
	cursor: string | null;
	cursorAt: number;
	/** Undefined until the first item on a first run (then min(cutoff, newest - margin)). */
	stop: number | undefined;
	above: number | null;
	quietBelow: number | null;
	skipAbove: number | null;
	/** Newest createdAt this scan listed. */
	newest: number | null;
	done: boolean;
	/** The gap this scan continues (index into state.gaps at the start of the scan). */
	gap?: Gap;
	window: number | null;
	settling: boolean;
	/** n8n's clock at the start of the poll. */
	nowMs: number;
	/** Ids this scan listed without createdAt (endScan bounds those it did not meet). */
	undated?: Set<string>;
}

export function isWatchState(value: unknown): value is WatchState {
	const v = value as WatchState;
	return !!v && v.v === 2 && typeof v.seen === 'object' && typeof v.pending === 'object' && Array.isArray(v.gaps);
}

export function newWatchState(): WatchState {
	return { v: 2, top: null, seen: {}, pending: {}, gaps: [], recheckAfter: null };
}

export class TerminalWatch<T extends WatchedItem> {
	readonly state: WatchState;
	readonly emitted: T[] = [];
	/** True when no state existed: this poll is the first run. */
	readonly firstRun: boolean;
	private listedTop = false;

	constructor(
		stored: unknown,
		private readonly isTerminal: (status: string) => boolean,
		private readonly marginMs = DEFAULT_MARGIN_MS,
		/** How far below the first run's cutoff running objects are still looked for (batches: their whole list). */
		private readonly runningSpanMs = FIRST_RUN_RUNNING_SPAN_MS,
	) {
		this.firstRun = !isWatchState(stored);
		this.state = this.firstRun ? newWatchState() : reviveState(JSON.parse(JSON.stringify(stored)) as WatchState);
		if (this.firstRun) this.state.running = { cursor: null };
	}

	/** One page of the running pass (newest first); `end`: the list has nothing after it. */
	consumeRunning(page: T[], end: boolean): void {
		const running = this.state.running;
		if (!running) return;
		// The list filtered to running statuses keeps creation order: a dated object above bounds an undated one too.
		let above = Number.POSITIVE_INFINITY;
		for (const item of page) {
			running.cursor = item.id;
			const bound = Number.isNaN(item.createdAtMs) ? above : item.createdAtMs;
			above = bound;
			// Listed as running, terminal when read (it finished during the pass): emitted now, as a re-check would.
			if (this.isTerminal(item.status)) this.consider(item, false, bound);
			else if (!(item.id in this.state.seen)) this.state.pending[item.id] ??= bound;
		}
		if (end) this.state.running = null;
	}

	/** The running pass's cursor is gone from that list (it finished or was deleted): start the pass again. */
	runningCursorLost(): void {
		if (this.state.running) this.state.running.cursor = null;
	}

	/**
	 * The scan from the newest object down. `firstRunCutoffMs` (n8n's now - lookback, the one comparison of the two
	 * clocks) applies on the first run only: objects created before it are marked processed, not emitted.
	 */
	topScan(firstRunCutoffMs: number, nowMs: number): Scan {
		const { top, topSince, settledTop, topPolls } = this.state;
		const first = this.firstRun;
		// Only what is newer than the top when its window settled, or while a pass over the same window is under way.
		const light = top !== null && (settledTop === top || this.state.gaps.some((g) => g.window === top));
		const window = !first && top !== null && !light ? top : null;
		return {
			kind: 'top',
			cursor: null,
			cursorAt: Number.NaN,
			// Not first run and nothing ever listed: the account was empty, so everything listed now is new.
			stop: first ? undefined : top === null ? Number.NEGATIVE_INFINITY : light ? top + 1 : top - this.marginMs,
			above: top,
			quietBelow: first ? firstRunCutoffMs : null,
			skipAbove: null,
			newest: null,
			done: false,
			window,
			settling:
				window !== null &&
				topSince !== null &&
				topSince !== undefined &&
				nowMs - topSince >= SETTLE_FACTOR * this.marginMs &&
				(topPolls ?? 0) >= SETTLE_POLLS,
			nowMs,
		};
	}

	gapScans(nowMs: number): Scan[] {
		return this.state.gaps.map((gap) => ({
			window: gap.window ?? null,
			settling: gap.settling ?? false,
			nowMs,
			kind: 'gap' as const,
			cursor: gap.cursor,
			cursorAt: gap.cursorAt,
			stop: gap.stop,
			above: gap.above,
			quietBelow: gap.quietBelow,
			skipAbove: gap.skipAbove,
			newest: null,
			done: false,
			gap,
		}));
	}

	/** Feeds one listed page (newest first); `end`: the list has nothing after it. */
	consumePage(scan: Scan, page: T[], end: boolean): void {
		if (scan.kind === 'top') this.listedTop = true;
		for (const item of page) {
			const at = item.createdAtMs;
			if (!Number.isNaN(at)) {
				if (scan.newest === null || at > scan.newest) scan.newest = at;
				// First run: below the cutoff (quiet) terminal objects are skipped, running ones tracked, down to the span.
				if (scan.stop === undefined) scan.stop = Math.min(scan.quietBelow ?? at, at - this.marginMs) - this.runningSpanMs;
				if (at < scan.stop) {
					scan.done = true;
					return;
				}
			}
			scan.cursor = item.id;
			if (!Number.isNaN(at)) scan.cursorAt = at;
			const bound = Number.isNaN(at) ? this.undatedBound(scan, item.id) : at;
			if (scan.skipAbove !== null && bound > scan.skipAbove) continue;
			this.consider(item, scan.quietBelow !== null && bound < scan.quietBelow, bound);
		}
		if (end) scan.done = true;
	}

	/** An undated item's bound in this scan: the createdAt of the dated item listed above it, if any. */
	private undatedBound(scan: Scan, id: string): number {
		(scan.undated ??= new Set()).add(id);
		return Number.isNaN(scan.cursorAt) ? Number.POSITIVE_INFINITY : scan.cursorAt;
	}

	/** The list answered that the scan's cursor is no longer in it (the object was deleted): list from the top instead. */
	cursorLost(scan: Scan): void {
		// What lay above an earlier loss's skipAbove stays processed: a cursor lost again while re-listing up there
		// must not raise skipAbove (min, not max), or that stretch, its `seen` pruned, is emitted again.
		const above = scan.cursorAt + this.marginMs;
		scan.skipAbove = scan.skipAbove === null ? above : Math.min(scan.skipAbove, above);
		scan.cursor = null;
	}

	/** Records how a scan ended: a top scan moves `top`; an unfinished scan leaves (or updates) a gap. */
	endScan(scan: Scan): void {
		if (scan.kind === 'top') {
			if (scan.newest !== null && (this.state.top === null || scan.newest > this.state.top)) {
				this.state.top = scan.newest;
				this.state.topSince = scan.nowMs;
				this.state.topPolls = 0;
			} else if (this.state.top !== null) {
				this.state.topPolls = (this.state.topPolls ?? 0) + 1;
			}
			if (scan.done) this.settle(scan.window, scan.settling);
			if (scan.done) this.boundUnmet(scan);
			if (!scan.done && scan.cursor !== null) {
				this.state.gaps.push({
					cursor: scan.cursor,
					cursorAt: scan.cursorAt,
					stop: scan.stop ?? Number.NEGATIVE_INFINITY,
					above: scan.above,
					quietBelow: scan.quietBelow,
					skipAbove: null,
					window: scan.window,
					settling: scan.settling,
				});
			}
			return;
		}
		const gap = scan.gap;
		if (!gap) return;
		if (scan.done) this.settle(scan.window, scan.settling);
		if (scan.done) this.state.gaps = this.state.gaps.filter((g) => g !== gap);
		else Object.assign(gap, { cursor: scan.cursor, cursorAt: scan.cursorAt, skipAbove: scan.skipAbove });
	}

	/**
	 * A completed top scan listed everything from the newest object down to its stop. An item bounded by +Infinity (it
	 * was listed above every dated object) that this scan did not meet now lies below the stop, or is gone.
	 */
	private boundUnmet(scan: Scan): void {
		const below = scan.stop ?? Number.NEGATIVE_INFINITY;
		for (const ids of [this.state.undated ?? {}, this.state.pending]) {
			for (const [id, at] of Object.entries(ids)) if (at === Number.POSITIVE_INFINITY && !scan.undated?.has(id)) ids[id] = below;
		}
	}

	/** A settled pass over the current top's window completed: later top scans need not re-read it. */
	private settle(window: number | null, settling: boolean): void {
		if (window !== null && settling && window === this.state.top) this.state.settledTop = window;
	}

	/**
	 * Items listed with `status` for one scan or re-check. `at`: its createdAt, or for an item listed without one the
	 * bound its listing gives (a re-check by id gives none: NaN, and the bound kept while it was pending stays).
	 */
	consider(item: T, quiet = false, at = item.createdAtMs): void {
		const { seen, pending } = this.state;
		const undated = Number.isNaN(item.createdAtMs);
		const renew = undated && !Number.isNaN(at);
		if (item.id in seen) return;
		if (this.state.undated && item.id in this.state.undated) {
			if (renew) this.state.undated[item.id] = at;
			return;
		}
		const processed = (bound: number) => {
			if (undated) (this.state.undated ??= {})[item.id] = bound;
			else seen[item.id] = bound;
		};
		const terminal = this.isTerminal(item.status);
		if (item.id in pending) {
			if (!terminal) {
				if (renew) pending[item.id] = at;
				return;
			}
			processed(Number.isNaN(at) ? pending[item.id] : at);
			delete pending[item.id];
			this.emitted.push(item);
			return;
		}
		if (quiet && terminal) {
			// First run, before the cutoff: already finished before the trigger was active.
			processed(at);
		} else if (terminal) {
			processed(at);
			this.emitted.push(item);
		} else {
			pending[item.id] = at;
		}
	}

	/** The next `max` pending ids to re-check, continuing after the last turn. */
	pendingTurn(max: number): string[] {
		const ids = Object.keys(this.state.pending).sort();
		const after = this.state.recheckAfter;
		const start = after === null ? 0 : ids.findIndex((id) => id > after);
		const from = start < 0 ? 0 : start;
		const turn = [...ids.slice(from), ...ids.slice(0, from)].slice(0, max);
		return turn;
	}

	/** Result of re-checking `asked`: `found` are the objects the API returned; an id not returned no longer exists. */
	recheckResult(asked: string[], found: T[]): void {
		const byId = new Map(found.map((f) => [f.id, f]));
		for (const id of asked) {
			const item = byId.get(id);
			if (item) this.consider(item);
			else delete this.state.pending[id];
		}
		if (asked.length) this.state.recheckAfter = asked[asked.length - 1];
	}

	/**
	 * False on a first run whose first listing failed: storing the empty state would make the next poll take the
	 * whole account for new.
	 */
	get storable(): boolean {
		return !this.firstRun || this.listedTop;
	}

	/** Drops `seen` ids no later scan can meet; returns the state to store. */
	toState(): WatchState {
		const m = this.marginMs;
		const windows: Array<[number, number]> = [];
		if (this.state.top !== null) windows.push([this.state.top - m, Number.POSITIVE_INFINITY]);
		for (const g of this.state.gaps) {
			if (g.above !== null) windows.push([g.stop, g.above]);
			// A first run's gap (no top then): below its cursor the running pass may have emitted items already.
			else if (!Number.isNaN(g.cursorAt)) windows.push([g.stop, g.cursorAt]);
			if (!Number.isNaN(g.cursorAt)) windows.push([g.cursorAt - m, Math.max(g.cursorAt, g.skipAbove ?? g.cursorAt) + m]);
			else windows.push([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]);
			// A lost cursor's scan re-lists from the top; once its cursor passes skipAbove again it meets what lay
			// within a margin below it, processed before the loss (cursorLost): kept while the re-listing is above.
			if (g.skipAbove !== null) windows.push([g.skipAbove - 2 * m, g.skipAbove]);
		}
		const inWindow = (at: number) => windows.some(([lo, hi]) => at >= lo && at <= hi);
		const seen: Record<string, number> = {};
		for (const [id, at] of Object.entries(this.state.seen)) {
			// NaN createdAt (not in any window) is dropped: such an item can never be a boundary.
			if (inWindow(at)) seen[id] = at;
		}
		// +Infinity (above every dated object) stays until a top scan bounds it (boundUnmet).
		const keptFrom = this.state.top === null ? Number.POSITIVE_INFINITY : this.state.top - UNDATED_KEPT_MS;
		const undated: Record<string, number> = {};
		for (const [id, at] of Object.entries(this.state.undated ?? {})) if (at >= keptFrom || inWindow(at)) undated[id] = at;
		// JSON has no Infinity: ±Infinity is stored as '-inf' / 'inf' and read back by reviveState.
		const state = { ...this.state, seen, undated: Object.keys(undated).length ? undated : undefined };
		return JSON.parse(JSON.stringify(state, (_k, v: unknown) => (v === Number.NEGATIVE_INFINITY ? '-inf' : v === Number.POSITIVE_INFINITY ? 'inf' : v))) as WatchState;
	}
}

/** A number as toState stored it: ±Infinity as 'inf' / '-inf', NaN as null. */
function revived(value: unknown): number {
	if (typeof value === 'number') return value;
	return value === 'inf' ? Number.POSITIVE_INFINITY : value === '-inf' ? Number.NEGATIVE_INFINITY : Number.NaN;
}

/** Reads back what JSON cannot hold: a stop of -Infinity, a NaN cursorAt, bounds of ±Infinity (toState). */
function reviveState(stored: WatchState): WatchState {
	for (const g of stored.gaps) {
		if ((g.stop as unknown) === '-inf') g.stop = Number.NEGATIVE_INFINITY;
		if ((g.cursorAt as unknown) === null) g.cursorAt = Number.NaN;
	}
	for (const [id, at] of Object.entries(stored.seen)) stored.seen[id] = revived(at);
	for (const [id, at] of Object.entries(stored.pending)) stored.pending[id] = revived(at);
	const undated = stored.undated ?? {};
	for (const [id, at] of Object.entries(undated)) undated[id] = revived(at);
	return stored;
}

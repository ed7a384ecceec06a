// One poll of the Polling Trigger: which listings run, in which order, each within its share of the poll budget.
// What each listing means for exactly-once is polling/terminalWatch.ts; the requests are polling/listSince.ts.
import type { IPollFunctions } from 'n8n-workflow';
import {
	PAGE_SIZE,
	getBatch,
	getGenerationOrNothing,
	listGenerationsById,
	isCursorRefused,
	listBatches,
	listGenerationPage,
	RUNNING_GENERATION_STATUSES,
	type GenerationPage,
	type ListedItem,
} from './listSince';
import type { PollBudget } from './pollBudget';
import type { Scan, TerminalWatch } from './terminalWatch';
import { isTerminalBatchStatus } from '../schemas/batch';
import { isTerminalGenerationStatus } from '../schemas/generation';
import type { SyncWebhookEvent } from '../webhook/webhookEvent';
import { kindError, type KindOutcome, type WatchKind } from './listingFailures';

/** Share of the poll's budget the top scan may use; the rest is for re-checks and gaps. */
const TOP_SHARE = 0.5;
/** Share after which pending re-checks stop, leaving the rest for gaps. */
const RECHECK_SHARE = 0.75;
/** From this many running batches on, one relist replaces the per-batch GETs. */
const RELIST_BATCHES_FROM = 3;

/**
 * Runs the poll's listings and says how each kind went. The kinds are independent: a kind whose request fails does no
 * more this poll, the other kind goes on, and what each decided stays in its watch. A kind that failed at the last
 * poll (`failingLast`) takes its turn after the other kind's work, so that its retries cannot use up the other's budget.
 */
export async function runPollCycle(
	this: IPollFunctions,
	generations: TerminalWatch<ListedItem> | undefined,
	batches: TerminalWatch<ListedItem> | undefined,
	budget: PollBudget,
	firstRunCutoffMs: number,
	failingLast: ReadonlySet<WatchKind> = new Set(),
): Promise<Partial<Record<WatchKind, KindOutcome>>> {
	const steps: Array<[WatchKind, () => Promise<void>]> = [];
	// Order: fresh objects first, then what was running, then what an earlier poll's budget left over.
	if (generations) {
		steps.push(['generations', () => scanGenerations.call(this, generations.topScan(firstRunCutoffMs, budget.startedAt), generations, budget, TOP_SHARE)]);
		steps.push(['generations', async () => (generations.state.running ? await scanRunningGenerations.call(this, generations, budget) : undefined)]);
	}
	if (batches) steps.push(['batches', () => scanBatches.call(this, batches, budget, firstRunCutoffMs)]);
	if (generations) steps.push(['generations', () => recheckGenerations.call(this, generations, budget)]);
	if (batches) steps.push(['batches', () => recheckBatches.call(this, batches, budget)]);
	if (generations) {
		steps.push([
			'generations',
			async () => {
				for (const scan of generations.gapScans(budget.startedAt)) {
					if (!budget.allows(1)) break;
					await scanGenerations.call(this, scan, generations, budget, 1);
				}
			},
		]);
	}
	// Stable: each kind keeps its own order.
	steps.sort(([a], [b]) => Number(failingLast.has(a)) - Number(failingLast.has(b)));

	const outcomes: Partial<Record<WatchKind, KindOutcome>> = {};
	for (const [kind, step] of steps) {
		if (outcomes[kind]?.failed || budget.stop.aborted) continue;
		const before = budget.requests;
		try {
			await step();
			if (budget.requests > before) outcomes[kind] = { failed: false };
		} catch (error) {
			// Past the deadline, the failure is a request cut while retrying (429, 5xx): the next poll resumes.
			outcomes[kind] = { failed: true, error, cut: budget.stop.aborted };
		}
	}
	return outcomes;
}

async function scanGenerations(this: IPollFunctions, scan: Scan, w: TerminalWatch<ListedItem>, budget: PollBudget, share: number) {
	try {
		while (!scan.done && budget.allows(share)) {
			const cursor = scan.cursor;
			let page: GenerationPage | undefined;
			let failure: unknown;
			try {
				page = await budget.spend(() => listGenerationPage.call(this, cursor, budget.limits));
			} catch (error) {
				failure = error;
			}
			if (page) w.consumePage(scan, page.items, page.end);
			else if (cursor !== null && isCursorRefused(failure)) w.cursorLost(scan);
			else throw failure;
		}
	} finally {
		w.endScan(scan);
	}
}

/** First run (and until done): every generation Sync lists as running is tracked, however old (terminalWatch.ts `running`). */
async function scanRunningGenerations(this: IPollFunctions, w: TerminalWatch<ListedItem>, budget: PollBudget) {
	while (w.state.running && budget.allows(RECHECK_SHARE)) {
		const cursor = w.state.running.cursor;
		let page: GenerationPage | undefined;
		let failure: unknown;
		try {
			page = await budget.spend(() => listGenerationPage.call(this, cursor, { status: RUNNING_GENERATION_STATUSES, ...budget.limits }));
		} catch (error) {
			failure = error;
		}
		if (page) w.consumeRunning(page.items, page.end);
		else if (cursor !== null && isCursorRefused(failure)) w.runningCursorLost();
		else throw failure;
	}
}

async function recheckGenerations(this: IPollFunctions, w: TerminalWatch<ListedItem>, budget: PollBudget) {
	const total = Object.keys(w.state.pending).length;
	for (let done = 0; done < total && budget.allows(RECHECK_SHARE); ) {
		const ids = w.pendingTurn(Math.min(PAGE_SIZE, total - done));
		if (ids.length === 0) return;
		const found = await budget.spend(() => listGenerationsById.call(this, ids, budget.limits));
		const answered = new Set(found.map((g) => g.id));
		// What the list did not return is read alone, each read a request of the budget. Whatever ends the turn
		// (the budget, a failure), the ids already answered are recorded; the others stay pending for a later turn.
		try {
			for (const id of ids) {
				if (answered.has(id)) continue;
				if (!budget.allows(RECHECK_SHARE)) return;
				const one = await budget.spend(() => getGenerationOrNothing.call(this, id, budget.limits));
				if (one) found.push(one);
				answered.add(id);
			}
		} finally {
			w.recheckResult(
				ids.filter((id) => answered.has(id)),
				found,
			);
		}
		done += ids.length;
	}
}

/** Batches: one list of those created since top - margin (no paging in this API), then each running one by id. */
async function scanBatches(this: IPollFunctions, w: TerminalWatch<ListedItem>, budget: PollBudget, firstRunCutoffMs: number) {
	const scan = w.topScan(firstRunCutoffMs, budget.startedAt);
	// created_after inclusive or exclusive does not matter: the margin overlaps, and `seen` skips repeats.
	const after = scan.stop === undefined || scan.stop === Number.NEGATIVE_INFINITY ? undefined : new Date(scan.stop).toISOString();
	const listed = await budget.spend(() => listBatches.call(this, after, budget.limits));
	// Newest first; a batch listed without created_at first of all (its place is unknown: terminalWatch.ts bounds it).
	const at = (b: ListedItem) => (Number.isNaN(b.createdAtMs) ? Number.POSITIVE_INFINITY : b.createdAtMs);
	listed.sort((a, b) => (at(a) === at(b) ? 0 : at(b) - at(a)));
	w.consumePage(scan, listed, true);
	w.endScan(scan);
}

async function recheckBatches(this: IPollFunctions, w: TerminalWatch<ListedItem>, budget: PollBudget) {
	const pending = Object.entries(w.state.pending);
	if (pending.length === 0 || !budget.allows(RECHECK_SHARE)) return;
	let missing = pending.map(([id]) => id);
	if (pending.length >= RELIST_BATCHES_FROM) {
		// One list from the oldest running batch instead of one request per batch (the list has no paging).
		const oldest = Math.min(...pending.map(([, at]) => at).filter((at) => !Number.isNaN(at)));
		if (Number.isFinite(oldest)) {
			const listed = await budget.spend(() => listBatches.call(this, new Date(oldest - 1000).toISOString(), budget.limits));
			const byId = new Set(listed.map((b) => b.id));
			w.recheckResult(
				missing.filter((id) => byId.has(id)),
				listed,
			);
			missing = missing.filter((id) => !byId.has(id));
		}
	}
	// Not listed (or few): by id; a 404 means the batch is gone.
	if (missing.length > 1) missing = w.pendingTurn(missing.length).filter((id) => missing.includes(id)); // in turns
	for (const id of missing) {
		if (!budget.allows(RECHECK_SHARE)) return;
		const found = await budget.spend(() => getBatch.call(this, id, budget.limits));
		w.recheckResult([id], found ? [found] : []);
	}
}

/** What `list` returns; its failure becomes an error naming the kind (and, for a 402 on batches, what to do). */
async function listedOrNamedError(ctx: IPollFunctions, kind: WatchKind, list: () => Promise<ListedItem[]>): Promise<ListedItem[]> {
	let failure: unknown;
	try {
		return await list();
	} catch (error) {
		failure = error;
	}
	throw kindError(ctx, kind, failure);
}

/** The newest finished generation or batch that passes the event filter (manual test poll; one request per kind). */
export async function latestFinished(this: IPollFunctions, watch: string[], selected: (e: SyncWebhookEvent) => boolean) {
	const candidates: ListedItem[] = [];
	if (watch.includes('generation')) {
		const items = await listedOrNamedError(this, 'generations', async () => (await listGenerationPage.call(this, null)).items);
		candidates.push(...items.filter((g) => isTerminalGenerationStatus(g.status)));
	}
	if (watch.includes('batch')) {
		const items = await listedOrNamedError(this, 'batches', async () => await listBatches.call(this, undefined));
		candidates.push(...items.filter((b) => isTerminalBatchStatus(b.status)));
	}
	// An object listed without createdAt (NaN) counts as the oldest here.
	const at = (c: ListedItem) => (Number.isNaN(c.createdAtMs) ? Number.NEGATIVE_INFINITY : c.createdAtMs);
	const events = candidates
		.sort((a, b) => at(b) - at(a))
		.map((c) => c.event)
		.filter((e): e is SyncWebhookEvent => e !== null && selected(e));
	return events[0];
}

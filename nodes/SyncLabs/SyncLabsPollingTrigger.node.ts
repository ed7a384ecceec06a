import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { eventsFilter } from './webhook/eventFilter.description';
import {
	PAGE_SIZE,
	getBatch,
	getGenerationsById,
	isCursorRefused,
	listBatches,
	listGenerationPage,
	RUNNING_GENERATION_STATUSES,
	type GenerationPage,
	type ListedItem,
} from './polling/listSince';
import { isTerminalBatchStatus } from './schemas/batch';
import { isTerminalGenerationStatus } from './schemas/generation';
import { TerminalWatch, type Scan } from './polling/terminalWatch';
import type { SyncWebhookEvent } from './webhook/webhookEvent';

export class SyncLabsPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sync Labs Polling Trigger',
		name: 'syncLabsPollingTrigger',
		icon: { light: 'file:syncLabs.svg', dark: 'file:syncLabs.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Every poll: " + ($parameter["watch"] || []).join(", ")}}',
		description:
			'Starts the workflow for every Sync Labs generation or batch that finished since the last poll. A safety net for webhooks, which Sync does not retry.',
		defaults: { name: 'Sync Labs Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'syncLabsApi', required: true }],
		properties: [
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'multiOptions',
				default: ['generation'],
				options: [
					{ name: 'Batches', value: 'batch' },
					{ name: 'Generations', value: 'generation' },
				],
			},
			eventsFilter,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'First Run Lookback (Minutes)',
						name: 'lookbackMinutes',
						type: 'number',
						default: 60,
						typeOptions: { minValue: 0 },
						description:
							'On the first poll after activation, also emit what finished among the generations and batches created this long ago',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const watch = this.getNodeParameter('watch', ['generation']) as string[];
		const events = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as { lookbackMinutes?: number };
		const lookbackMs = Math.max(0, options.lookbackMinutes ?? 60) * 60_000;
		const selected = (e: SyncWebhookEvent) => events.length === 0 || events.includes(e.event);

		// A manual "Fetch Test Event" shows the latest finished object and leaves the state untouched.
		if (this.getMode() === 'manual') {
			const latest = await latestFinished.call(this, watch, selected);
			return latest ? [[{ json: latest as unknown as IDataObject }]] : null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const budget = new PollBudget(this);
		const firstRunCutoffMs = Date.now() - lookbackMs;
		const out: ListedItem[] = [];
		let failure: unknown;

		const generations = watch.includes('generation')
			? new TerminalWatch<ListedItem>(staticData.generations, isTerminalGenerationStatus)
			: undefined;
		// Batches run for hours and their list has no paging: on a first run every running batch is tracked.
		const batches = watch.includes('batch')
			? new TerminalWatch<ListedItem>(staticData.batches, isTerminalBatchStatus, undefined, Number.POSITIVE_INFINITY)
			: undefined;
		try {
			// Order: fresh objects first, then what was running, then what an earlier poll's budget left over.
			if (generations) await scanGenerations.call(this, generations.topScan(firstRunCutoffMs, budget.startedAt), generations, budget, TOP_SHARE);
			if (generations?.state.running) await scanRunningGenerations.call(this, generations, budget);
			if (batches) await scanBatches.call(this, batches, budget, firstRunCutoffMs);
			if (generations) await recheckGenerations.call(this, generations, budget);
			if (batches) await recheckBatches.call(this, batches, budget);
			if (generations) {
				for (const scan of generations.gapScans(budget.startedAt)) {
					if (!budget.allows(1)) break;
					await scanGenerations.call(this, scan, generations, budget, 1);
				}
			}
		} catch (error) {
			// What was decided before the failure is kept (an unfinished scan became a gap), so nothing is lost.
			// Cut by the deadline (a retry wait ran past it): not a failure, the next poll resumes.
			if (!budget.stop.aborted) failure = error;
		}
		for (const [key, w] of [
			['generations', generations],
			['batches', batches],
		] as const) {
			if (!w) continue;
			out.push(...w.emitted);
			if (w.storable) staticData[key] = w.toState() as unknown as IDataObject;
		}

		const emit = out
			.map((item) => item.event)
			.filter((e): e is SyncWebhookEvent => e !== null && selected(e))
			.sort((a, b) => Date.parse(a.createdAt ?? '') - Date.parse(b.createdAt ?? ''));
		if (emit.length === 0) {
			if (failure) throw failure;
			return null;
		}
		return [emit.map((event) => ({ json: event as unknown as IDataObject }))];
	}
}

/** Share of the poll's budget the top scan may use; the rest is for re-checks and gaps. */
const TOP_SHARE = 0.5;
/** Share after which pending re-checks stop, leaving the rest for gaps. */
const RECHECK_SHARE = 0.75;
/** From this many running batches on, one relist replaces the per-batch GETs. */
const RELIST_BATCHES_FROM = 3;
/** Requests per poll without a time budget (n8n before getPollBudgetMs, e.g. 2.8.4). */
const FIXED_REQUESTS = 50;
/** Requests per poll even with a time budget: one poll's execution stays at most ~20,000 items. */
const MAX_REQUESTS = 200;
/** Time bound of a poll without getPollBudgetMs (2.8.4): under 2.41's default poll budget (5 min). */
const FIXED_BUDGET_MS = 4 * 60_000;
/** Share of the budget after which no retry wait or new attempt starts, leaving room to return. */
const DEADLINE_SHARE = 0.9;

/**
 * Bounds one poll's work. n8n 2.41 tells a poll how long it may run (`getPollBudgetMs`, see
 * node_modules/n8n-workflow/dist/cjs/interfaces.d.ts, IPollFunctions); older n8n (2.8.4) has no such method,
 * so a fixed number of requests applies there.
 */
class PollBudget {
	readonly startedAt = Date.now();
	private readonly budgetMs: number | undefined;
	private readonly maxRequests: number;
	private slowestMs = 0;
	requests = 0;
	/**
	 * Fires at the deadline; passed to every request as the transport's `stop`, so a retry loop (429 Retry-After)
	 * ends there too (nodes/SyncLabs/transport/retryLoop.ts reads only `aborted`, in slices). Read on n8n's clock
	 * like the rest of the budget; no timer is needed.
	 */
	readonly stop: AbortSignal;

	constructor(ctx: IPollFunctions) {
		const getBudget = (ctx as Partial<IPollFunctions>).getPollBudgetMs;
		const ms = typeof getBudget === 'function' ? Number(getBudget.call(ctx)) : Number.NaN;
		this.budgetMs = Number.isFinite(ms) && ms > 0 ? ms : undefined;
		this.maxRequests = this.budgetMs === undefined ? FIXED_REQUESTS : MAX_REQUESTS;
		const deadline = this.startedAt + (this.budgetMs ?? FIXED_BUDGET_MS) * DEADLINE_SHARE;
		this.stop = { get aborted() { return Date.now() >= deadline; } } as unknown as AbortSignal;
	}

	/** Whether another request fits within `share` (0..1] of the budget. */
	allows(share: number): boolean {
		if (this.requests === 0) return true;
		if (this.stop.aborted) return false;
		if (this.requests >= Math.max(1, Math.floor(this.maxRequests * share))) return false;
		if (this.budgetMs === undefined) return true;
		// Stop early enough that the slowest request seen so far still ends inside the budget, twice over.
		return Date.now() - this.startedAt + 2 * this.slowestMs < this.budgetMs * share;
	}

	async spend<R>(request: () => Promise<R>): Promise<R> {
		const t = Date.now();
		this.requests++;
		try {
			return await request();
		} finally {
			this.slowestMs = Math.max(this.slowestMs, Date.now() - t);
		}
	}
}

async function scanGenerations(this: IPollFunctions, scan: Scan, w: TerminalWatch<ListedItem>, budget: PollBudget, share: number) {
	try {
		while (!scan.done && budget.allows(share)) {
			const cursor = scan.cursor;
			let page: GenerationPage | undefined;
			let failure: unknown;
			try {
				page = await budget.spend(() => listGenerationPage.call(this, cursor, { stop: budget.stop }));
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
			page = await budget.spend(() => listGenerationPage.call(this, cursor, { status: RUNNING_GENERATION_STATUSES, stop: budget.stop }));
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
		const found = await budget.spend(() => getGenerationsById.call(this, ids, budget.stop));
		w.recheckResult(ids, found);
		done += ids.length;
	}
}

/** Batches: one list of those created since top - margin (no paging in this API), then each running one by id. */
async function scanBatches(this: IPollFunctions, w: TerminalWatch<ListedItem>, budget: PollBudget, firstRunCutoffMs: number) {
	const scan = w.topScan(firstRunCutoffMs, budget.startedAt);
	// created_after inclusive or exclusive does not matter: the margin overlaps, and `seen` skips repeats.
	const after = scan.stop === undefined || scan.stop === Number.NEGATIVE_INFINITY ? undefined : new Date(scan.stop).toISOString();
	const listed = await budget.spend(() => listBatches.call(this, after, budget.stop));
	listed.sort((a, b) => b.createdAtMs - a.createdAtMs);
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
			const listed = await budget.spend(() => listBatches.call(this, new Date(oldest - 1000).toISOString(), budget.stop));
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
		const found = await budget.spend(() => getBatch.call(this, id, budget.stop));
		w.recheckResult([id], found ? [found] : []);
	}
}

/** The newest finished generation or batch that passes the event filter (manual test poll; one request per kind). */
async function latestFinished(this: IPollFunctions, watch: string[], selected: (e: SyncWebhookEvent) => boolean) {
	const candidates: ListedItem[] = [];
	if (watch.includes('generation')) {
		const page = await listGenerationPage.call(this, null);
		candidates.push(...page.items.filter((g) => isTerminalGenerationStatus(g.status)));
	}
	if (watch.includes('batch')) {
		candidates.push(...(await listBatches.call(this, undefined)).filter((b) => isTerminalBatchStatus(b.status)));
	}
	const events = candidates
		.sort((a, b) => b.createdAtMs - a.createdAtMs)
		.map((c) => c.event)
		.filter((e): e is SyncWebhookEvent => e !== null && selected(e));
	return events[0];
}

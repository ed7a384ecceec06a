// How much one poll may do: n8n's poll budget where it has one (2.41), a fixed bound otherwise (2.8.4).
import type { IPollFunctions } from 'n8n-workflow';
import type { CallOptions } from '../api';

/** The poll's bounds on one request. */
export type PollLimits = Pick<CallOptions, 'stop' | 'answerBy'>;

/** Requests per poll without a time budget (n8n before getPollBudgetMs, e.g. 2.8.4). */
const FIXED_REQUESTS = 50;
/** Requests per poll even with a time budget: one poll's execution stays at most ~20,000 items. */
const MAX_REQUESTS = 200;
/** Time bound of a poll without getPollBudgetMs (2.8.4): under 2.41's default poll budget (5 min). */
const FIXED_BUDGET_MS = 4 * 60_000;
/** Share of the budget after which no retry wait or new attempt starts, leaving room to return. */
const DEADLINE_SHARE = 0.9;

/**
 * Bounds one poll's work. n8n 2.41 tells a poll how long it may run (`getPollBudgetMs` of IPollFunctions,
 * https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/interfaces.ts); older n8n (2.8.4) has no such method,
 * so a fixed number of requests applies there.
 */
export class PollBudget {
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
	/** When a request's answer must have come: the deadline (transport/index.ts aborts an attempt still waiting then). */
	readonly answerBy: number;

	constructor(ctx: IPollFunctions) {
		const getBudget = (ctx as Partial<IPollFunctions>).getPollBudgetMs;
		const ms = typeof getBudget === 'function' ? Number(getBudget.call(ctx)) : Number.NaN;
		this.budgetMs = Number.isFinite(ms) && ms > 0 ? ms : undefined;
		this.maxRequests = this.budgetMs === undefined ? FIXED_REQUESTS : MAX_REQUESTS;
		const deadline = this.startedAt + (this.budgetMs ?? FIXED_BUDGET_MS) * DEADLINE_SHARE;
		this.stop = { get aborted() { return Date.now() >= deadline; } } as unknown as AbortSignal;
		this.answerBy = deadline;
	}

	/**
	 * Set when both kinds are watched: a request then waits for its answer at most half the time left, so that a
	 * listing that hangs (a gateway holding the batch list) leaves the other kind's steps after it the other half
	 * (pollCycle.ts runs the kinds' steps in turn). With one kind watched a request may use all of it.
	 */
	sharedByKinds = false;

	/**
	 * What each request of the poll carries, read when it is sent: no attempt starts after the deadline (`stop`), and
	 * none, retries included, waits for its answer past `answerBy` (transport/index.ts).
	 */
	get limits(): PollLimits {
		const now = Date.now();
		return { stop: this.stop, answerBy: this.sharedByKinds ? now + Math.max(0, this.answerBy - now) / 2 : this.answerBy };
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
		const result = await request();
		// Only answered requests: a failed one's time is mostly retry waits, and its kind sends no more this poll
		// (pollCycle.ts), so it must not shrink what the other kind may still do.
		this.slowestMs = Math.max(this.slowestMs, Date.now() - t);
		return result;
	}
}

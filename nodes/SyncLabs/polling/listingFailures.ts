// Which watched kind's listing keeps failing, across polls, and when the Polling Trigger reports it.
//
// n8n's rules for a poll, as in n8n 2.41.1 (https://github.com/n8n-io/n8n/blob/n8n%402.41.1/packages/core/src/execution-engine/poll-trigger-executor.ts;
// n8n 2.8.4: packages/core/src/execution-engine/active-workflows.ts, createPollExecuteFn): a poll that returns items
// saves the static data and starts an execution; one that returns null does neither; one that throws becomes a failed
// execution in the Executions list and runs the error workflow (__emitError → createErrorExecution, in
// packages/cli/src/workflows/triggers/trigger-execution-context.factory.ts), except the poll n8n runs on activation and
// at every start, whose error fails the activation itself. A throwing poll's static data is not saved. n8n's opt-in
// durable poll scheduling (packages/cli/src/scheduling/poll-trigger-node/poll-trigger-task-handler.ts) also builds each
// poll from the database, and backs the poller off after a throw (5 s, doubling).
//
// So a failure is not thrown at once (one kind's failure would hold back the other kind's items, and a 402 would fail
// every poll): it is counted, and reported as an error naming the kind once it lasted a few polls. The counts live in
// this process's memory, not in the static data: the throwing poll that reports must not lose the time of its report,
// and after a restart the count starts again, so the activation poll never throws a report.
import { NodeOperationError, type IPollFunctions } from 'n8n-workflow';
import { SyncApiError } from '../transport';

export type WatchKind = 'generations' | 'batches';

/** Consecutive failed polls of one kind after which the failure is reported. */
export const FAILED_POLLS_BEFORE_REPORT = 3;
/** At most one report in this time, per trigger node. */
export const REPORT_INTERVAL_MS = 60 * 60_000;
/**
 * A due report waits for a poll that emits nothing (throwing would hold that poll's items back), but no longer than
 * this: then it is thrown anyway, the poll's watch changes are dropped, and the next poll emits those items.
 */
export const REPORT_WAIT_MS = 60 * 60_000;
/** A node not polled for this long (its workflow was removed or deactivated) is forgotten. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

export interface FailureRecord {
	/** Consecutive polls in which this kind's listing failed. */
	polls: number;
	/** n8n's clock at the first of them. */
	since: number;
	/** The last failure's message (no secret: Sync's error text, or the request's code). */
	message: string;
	/** The last failure's HTTP status, when Sync answered. */
	status: number | null;
}

/** How one poll went for one kind: a request failed (cut: by the poll's deadline, while retrying), or it answered. */
export type KindOutcome = { failed: true; error: unknown; cut: boolean } | { failed: false };

interface NodeFailures {
	kinds: Partial<Record<WatchKind, FailureRecord>>;
	/** n8n's clock at this node's last poll, at its last report, and since when a due report waits. */
	polledAt: number;
	reportedAt: number | null;
	dueSince: number | null;
}

/** Per trigger node (workflow id and node id) of this process; entries leave once their node stops failing. */
const byNode = new Map<string, NodeFailures>();

const PLAN_HINT = 'Sync answers batch requests with 402 below its Scale plan: remove Batches from Watch (or upgrade the plan).';

function statusOf(error: unknown): number | null {
	if (error instanceof SyncApiError) return error.statusCode ?? null;
	const code = Number((error as { httpCode?: unknown } | null)?.httpCode);
	return Number.isInteger(code) && code > 0 ? code : null;
}

function messageOf(error: unknown, cut: boolean): string {
	// Cut while retrying: the transport's "stopped" error says nothing; the retried answer (429, 5xx, network) was not kept.
	if ((error as { context?: { answerLate?: unknown } } | null)?.context?.answerLate === true) {
		return 'no answer in the time the poll could give the request (Sync was still answering; the other kind went on)';
	}
	if (cut && !(error instanceof SyncApiError)) {
		return 'no answer within the poll time budget (Sync kept answering with errors that are retried: rate limits, server errors or network failures)';
	}
	return error instanceof Error ? error.message : String(error);
}

export class ListingFailures {
	private readonly key: string;
	private readonly entry: NodeFailures;

	constructor(
		private readonly ctx: IPollFunctions,
		/** The kinds this node watches; failures of others (Watch was changed) are dropped. */
		private readonly watched: WatchKind[],
		private readonly nowMs: number,
	) {
		for (const [key, e] of byNode) if (nowMs - e.polledAt > FORGET_AFTER_MS) byNode.delete(key);
		this.key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
		this.entry = byNode.get(this.key) ?? { kinds: {}, polledAt: nowMs, reportedAt: null, dueSince: null };
		this.entry.polledAt = nowMs;
		for (const kind of Object.keys(this.entry.kinds) as WatchKind[]) if (!watched.includes(kind)) delete this.entry.kinds[kind];
	}

	/** Kinds whose listing failed at the last poll: this poll does their work after the other kind's. */
	failing(): Set<WatchKind> {
		return new Set(this.watched.filter((k) => this.entry.kinds[k] !== undefined));
	}

	/** Records this poll's outcome for `kind`; undefined: the kind sent no request (its turn found the budget spent). */
	record(kind: WatchKind, outcome: KindOutcome | undefined): void {
		if (!outcome) return;
		if (!outcome.failed) {
			delete this.entry.kinds[kind];
		} else {
			const last = this.entry.kinds[kind];
			this.entry.kinds[kind] = {
				polls: (last?.polls ?? 0) + 1,
				since: last?.since ?? this.nowMs,
				message: messageOf(outcome.error, outcome.cut),
				status: statusOf(outcome.error),
			};
			// n8n's log: a warning when the failure starts (the report follows after a few polls), then debug lines.
			const log = last ? this.ctx.logger.debug : this.ctx.logger.warn;
			log.call(this.ctx.logger, `Sync Labs Polling Trigger: listing ${kind} failed: ${this.entry.kinds[kind]?.message ?? ''}`);
		}
		// Kept while failing, and for an hour after a report (a new failure then waits for the interval too).
		const reportedLately = this.entry.reportedAt !== null && this.nowMs - this.entry.reportedAt < REPORT_INTERVAL_MS;
		if (Object.keys(this.entry.kinds).length === 0 && !reportedLately) byNode.delete(this.key);
		else byNode.set(this.key, this.entry);
	}

	/**
	 * The error to throw now, if a report is due: some kind failed FAILED_POLLS_BEFORE_REPORT polls in a row and this
	 * node made no report within REPORT_INTERVAL_MS. With items to emit it waits (REPORT_WAIT_MS); `holdsItems` then
	 * says that the caller must drop this poll's watch changes, so that the next poll emits those items.
	 */
	dueReport(hasItems: boolean): { error: NodeOperationError; holdsItems: boolean } | undefined {
		const { entry, nowMs } = this;
		const kinds = this.watched.filter((k) => (entry.kinds[k]?.polls ?? 0) >= FAILED_POLLS_BEFORE_REPORT);
		if (kinds.length === 0) entry.dueSince = null;
		if (kinds.length === 0 || (entry.reportedAt !== null && nowMs - entry.reportedAt < REPORT_INTERVAL_MS)) return undefined;
		byNode.set(this.key, entry);
		if (hasItems) {
			entry.dueSince ??= nowMs;
			if (nowMs - entry.dueSince < REPORT_WAIT_MS) return undefined;
		}
		entry.reportedAt = nowMs;
		entry.dueSince = null;
		return { error: this.reportError(kinds), holdsItems: hasItems };
	}

	private reportError(kinds: WatchKind[]): NodeOperationError {
		const parts = kinds.map((k) => {
			const r = this.entry.kinds[k]!;
			return `listing ${k} failed in the last ${r.polls} polls (since ${new Date(r.since).toISOString()}): ${r.message}`;
		});
		const hints: string[] = [];
		if (kinds.includes('batches') && this.entry.kinds.batches?.status === 402) hints.push(PLAN_HINT);
		const working = this.watched.filter((k) => this.entry.kinds[k] === undefined);
		if (working.length) hints.push(`The trigger still emits ${working.join(' and ')}.`);
		hints.push('This is reported at most once an hour while it lasts.');
		return new NodeOperationError(this.ctx.getNode(), `Sync Labs Polling Trigger: ${parts.join('; ')}`, { description: hints.join(' ') });
	}
}

/** An error naming the kind whose listing failed (the manual "Fetch Test Event", which shows a failure at once). */
export function kindError(ctx: IPollFunctions, kind: WatchKind, error: unknown): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Sync Labs Polling Trigger: listing ${kind} failed: ${messageOf(error, false)}`, {
		description: kind === 'batches' && statusOf(error) === 402 ? PLAN_HINT : undefined,
	});
}

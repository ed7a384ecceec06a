// Which watched kind's listing keeps failing, across polls, and when the Polling Trigger reports it.
//
// n8n's rules for a poll (https://github.com/n8n-io/n8n/blob/n8n%402.41.1/packages/core/src/execution-engine/poll-trigger-executor.ts,
// the same in n8n@2.8.4's packages/core/src/execution-engine/active-workflows.ts, createPollExecuteFn): a poll that
// returns items saves the static data and starts an execution; one that returns null does neither; one that throws
// becomes a failed execution in the Executions list and runs the error workflow (__emitError → createErrorExecution,
// https://github.com/n8n-io/n8n/blob/n8n%402.8.4/packages/cli/src/active-workflow-manager.ts), except the poll run at
// activation, whose error fails the activation itself. A throwing poll's static data is not saved; a running n8n keeps
// its changes in memory, but n8n's opt-in durable poll scheduling reloads the static data before every poll.
//
// So: a failure is not thrown at once (one kind's failure would stop the other kind's items, and a 402 would fail every
// poll); it is counted in the static data, and reported as an error naming the kind once it lasted a few polls. The
// time of the last report is kept in this process's memory, which the throwing poll that made it cannot lose.
import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';
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

export type FailureState = Partial<Record<WatchKind, FailureRecord>>;

/** How one poll went for one kind: a request failed (cut: by the poll's deadline, while retrying), or it answered. */
export type KindOutcome = { failed: true; error: unknown; cut: boolean } | { failed: false };

const PLAN_HINT = 'Sync answers batch requests with 402 below its Scale plan: remove Batches from Watch (or upgrade the plan).';

function isRecord(value: unknown): value is FailureRecord {
	const r = value as FailureRecord;
	return !!r && typeof r.polls === 'number' && typeof r.since === 'number' && typeof r.message === 'string';
}

function statusOf(error: unknown): number | null {
	if (error instanceof SyncApiError) return error.statusCode ?? null;
	const code = Number((error as { httpCode?: unknown } | null)?.httpCode);
	return Number.isInteger(code) && code > 0 ? code : null;
}

function messageOf(outcome: { error: unknown; cut: boolean }): string {
	const error = outcome.error;
	// Cut while retrying: the transport's "stopped" error says nothing; the retried answer (429, 5xx, network) was not kept.
	if (outcome.cut && !(error instanceof SyncApiError)) return 'no answer within the poll time budget (Sync kept answering with errors that are retried: rate limits, server errors or network failures)';
	return error instanceof Error ? error.message : String(error);
}

/** The last report of each trigger node in this process: n8n's clock then, and since when a due report waits. */
const reports = new Map<string, { at: number | null; dueSince: number | null }>();

export class ListingFailures {
	readonly state: FailureState;

	constructor(
		stored: unknown,
		/** The kinds this node watches; failures of others (Watch was changed) are dropped. */
		private readonly watched: WatchKind[],
	) {
		const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
		this.state = {};
		for (const kind of watched) if (isRecord(s[kind])) this.state[kind] = { ...s[kind] };
	}

	/** Kinds whose listing failed at the last poll: the next poll does their work after the other kind's. */
	failing(): Set<WatchKind> {
		return new Set(this.watched.filter((k) => this.state[k] !== undefined));
	}

	/** Records one poll's outcome for `kind`; undefined: the kind sent no request (its turn found the budget spent). */
	record(kind: WatchKind, outcome: KindOutcome | undefined, nowMs: number): void {
		if (!outcome) return;
		if (!outcome.failed) {
			delete this.state[kind];
			return;
		}
		const last = this.state[kind];
		this.state[kind] = { polls: (last?.polls ?? 0) + 1, since: last?.since ?? nowMs, message: messageOf(outcome), status: statusOf(outcome.error) };
	}

	toState(): IDataObject | undefined {
		return Object.keys(this.state).length ? (JSON.parse(JSON.stringify(this.state)) as IDataObject) : undefined;
	}

	/**
	 * The error to throw now, if a report is due: some kind failed FAILED_POLLS_BEFORE_REPORT polls in a row and this
	 * node made no report within REPORT_INTERVAL_MS. With items to emit it waits (REPORT_WAIT_MS); `holdsItems` then
	 * says that the caller must drop this poll's watch changes, so that the next poll emits those items.
	 */
	dueReport(ctx: IPollFunctions, hasItems: boolean, nowMs: number): { error: NodeOperationError; holdsItems: boolean } | undefined {
		const kinds = this.watched.filter((k) => (this.state[k]?.polls ?? 0) >= FAILED_POLLS_BEFORE_REPORT);
		const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
		// Entries of nodes that stopped failing (or were removed) leave once an interval has passed.
		for (const [k, r] of reports) if (r.dueSince === null && (r.at === null || nowMs - r.at >= REPORT_INTERVAL_MS)) reports.delete(k);
		const last = reports.get(key) ?? { at: null, dueSince: null };
		if (kinds.length === 0 || (last.at !== null && nowMs - last.at < REPORT_INTERVAL_MS)) {
			if (kinds.length === 0) reports.delete(key);
			return undefined;
		}
		if (hasItems) {
			last.dueSince ??= nowMs;
			reports.set(key, last);
			if (nowMs - last.dueSince < REPORT_WAIT_MS) return undefined;
		}
		reports.set(key, { at: nowMs, dueSince: null });
		return { error: this.reportError(ctx, kinds), holdsItems: hasItems };
	}

	private reportError(ctx: IPollFunctions, kinds: WatchKind[]): NodeOperationError {
		const parts = kinds.map((k) => {
			const r = this.state[k]!;
			return `listing ${k} failed in the last ${r.polls} polls (since ${new Date(r.since).toISOString()}): ${r.message}`;
		});
		const hints: string[] = [];
		if (kinds.includes('batches') && this.state.batches?.status === 402) hints.push(PLAN_HINT);
		const working = this.watched.filter((k) => this.state[k] === undefined);
		if (working.length) hints.push(`The trigger still emits ${working.join(' and ')}.`);
		hints.push('This is reported at most once an hour while it lasts.');
		return new NodeOperationError(ctx.getNode(), `Sync Labs Polling Trigger: ${parts.join('; ')}`, { description: hints.join(' ') });
	}
}

/** An error naming the kind whose listing failed (the manual "Fetch Test Event", which shows a failure at once). */
export function kindError(ctx: IPollFunctions, kind: WatchKind, error: unknown): NodeOperationError {
	const status = statusOf(error);
	return new NodeOperationError(ctx.getNode(), `Sync Labs Polling Trigger: listing ${kind} failed: ${messageOf({ error, cut: false })}`, {
		description: kind === 'batches' && status === 402 ? PLAN_HINT : undefined,
	});
}

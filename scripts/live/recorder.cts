// Runs the checks one by one and keeps a row for each: the endpoint, pass/fail/skip, the HTTP status of every
// attempt (read from the node's own request helper, so a retried 429 shows as "429, 200"), the time and what was
// checked. After a refused key (401) the remaining checks are not sent: each would be refused the same way.
import type { LoadOptionsContext } from 'n8n-core';
import { errorText } from './errorText.cjs';

export type RowStatus = 'pass' | 'fail' | 'skip';

export interface Row {
	endpoint: string;
	status: RowStatus;
	/** The status of each attempt, in order; "—" when none got an answer. */
	http: string;
	ms: number;
	checked: string;
}

/** What a check that passed returns: the value later checks use, and one line saying what it checked. */
export interface Passed<T> {
	value: T;
	checked: string;
}

class SkippedCheck extends Error {}

/** Ends a check as skipped (nothing to check, e.g. an empty list), with the reason shown in its row. */
export function skip(reason: string): never {
	throw new SkippedCheck(reason);
}

export interface CheckOptions {
	/** Statuses that mean "not available to this account" rather than a fault (e.g. a plan without batches). */
	skipOn?: { statuses: readonly number[]; reason: string };
}

type FullResponse = { statusCode?: number; body?: unknown };

export class Recorder {
	readonly rows: Row[] = [];
	private statuses: number[] = [];
	private answers: unknown[] = [];
	private keyRefused = false;

	constructor(
		ctx: LoadOptionsContext,
		private readonly secret: string | undefined,
	) {
		// The transport asks for the full response (returnFullResponse): its status is recorded as it passes.
		const helpers = ctx.helpers as { httpRequestWithAuthentication: (this: unknown, ...args: unknown[]) => Promise<unknown> };
		const send = helpers.httpRequestWithAuthentication;
		const statuses = () => this.statuses;
		const answers = () => this.answers;
		helpers.httpRequestWithAuthentication = async function (this: unknown, ...args: unknown[]) {
			const response = (await send.apply(this, args)) as FullResponse;
			if (typeof response?.statusCode === 'number') statuses().push(response.statusCode);
			answers().push(response?.body);
			return response;
		};
	}

	/** The body of the running check's last answer as Sync sent it, before the client read it (an envelope the client unwraps). */
	lastAnswer(): unknown {
		return this.answers[this.answers.length - 1];
	}

	async check<T>(endpoint: string, run: () => Promise<Passed<T>>, options: CheckOptions = {}): Promise<T | undefined> {
		if (this.keyRefused) {
			this.rows.push({ endpoint, status: 'skip', http: '—', ms: 0, checked: 'not sent: the key was refused above' });
			return undefined;
		}
		this.statuses = [];
		this.answers = [];
		const started = performance.now();
		const row = (status: RowStatus, checked: string): Row => ({
			endpoint,
			status,
			http: this.statuses.length ? this.statuses.join(', ') : '—',
			ms: Math.round(performance.now() - started),
			checked,
		});
		try {
			const { value, checked } = await run();
			this.rows.push(row('pass', checked));
			return value;
		} catch (error) {
			if (error instanceof SkippedCheck) {
				this.rows.push(row('skip', error.message));
			} else if (options.skipOn && this.statuses.some((s) => options.skipOn!.statuses.includes(s))) {
				this.rows.push(row('skip', `${options.skipOn.reason}: ${errorText(error, this.statuses, this.secret)}`));
			} else {
				this.rows.push(row('fail', errorText(error, this.statuses, this.secret)));
				if (this.statuses.includes(401)) this.keyRefused = true;
			}
			return undefined;
		}
	}
}

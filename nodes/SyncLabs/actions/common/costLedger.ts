// The running total behind Max Cost per Execution: what the cost guard admitted in this execution so far, in
// every run of every Sync Labs node (Loop Over Items iterations, each tool call of an AI Agent, another Sync
// Labs node earlier in the workflow). Kept in the execution's custom data under one key, because that is the
// only state n8n keeps per execution and hands to every node run of it (docs/cost-guard.md#the-running-total):
// - it is stored with the execution, so a Wait for Webhook pause and its resume on another process or queue
//   worker continue from it (n8n reloads the stored execution data and runs on with it:
//   https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/webhooks/waiting-webhooks.ts);
// - an AI Agent's tool calls are node runs of the same execution
//   (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/requests-response.ts);
// - it shares n8n's limit of 10 keys with the workflow's own keys and Wait for Webhook's generation ID, so the
//   guard takes one key, and refuses (fails closed) when an execution cap is set and the key cannot be kept.
import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { customDataOf, hasRoomFor } from './executionCustomData';
import { microsFromDecimal, usdText } from '../../money/microDollars';

/** `$execution.customData.get("syncLabsCostGuard")`: JSON `{"admittedUsd": "<total>", "lastRunUsd": "<this run>"}`. */
export const COST_LEDGER_KEY = 'syncLabsCostGuard';

export interface CostLedger {
	/** What the guard admitted in this execution before this run, in micro-dollars. */
	admittedMicros: number;
	/** Adds this run's admitted estimates; false when n8n did not keep the value (custom data full). */
	record(runMicros: number): boolean;
}

interface StoredLedger {
	admittedUsd?: unknown;
	lastRunUsd?: unknown;
}

function stored(value: unknown): StoredLedger | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	try {
		const parsed: unknown = JSON.parse(value);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as StoredLedger) : undefined;
	} catch {
		return undefined;
	}
}

function microsOf(value: unknown): number | undefined {
	return typeof value === 'string' ? microsFromDecimal(value, 'up') : undefined;
}

/**
 * The execution's ledger, or why there is none: no custom data in this context, the 10 keys taken, or a value
 * that is not the guard's (then the total is unknown, and an execution cap cannot be kept).
 */
export function openCostLedger(ctx: IExecuteFunctions): CostLedger | { problem: string } {
	const data = customDataOf(ctx);
	if (!data?.set) return { problem: 'this run has no execution custom data to keep the running total in' };
	if (!hasRoomFor(data, COST_LEDGER_KEY)) {
		return { problem: `the execution's custom data already holds n8n's limit of 10 keys, so the running total ("${COST_LEDGER_KEY}") cannot be kept` };
	}
	const raw = data.get(COST_LEDGER_KEY);
	const before = raw === undefined || raw === '' ? 0 : microsOf(stored(raw)?.admittedUsd);
	if (before === undefined || before < 0) {
		return { problem: `the execution's custom data "${COST_LEDGER_KEY}" holds ${JSON.stringify(String(raw).slice(0, 80))}, which is not a running total this node wrote` };
	}
	return {
		admittedMicros: before,
		record(runMicros) {
			const value = JSON.stringify({ admittedUsd: usdText(before + runMicros), lastRunUsd: usdText(runMicros) });
			data.set?.(COST_LEDGER_KEY, value);
			return data.get(COST_LEDGER_KEY) === value;
		},
	};
}

/**
 * What the last guarded run admitted, for the item the resume webhook of Wait for Webhook outputs: that run
 * created exactly one generation and paused right after (actions/generation/create.operation.ts).
 */
export function lastRunMicros(ctx: IWebhookFunctions): number | undefined {
	const data = customDataOf(ctx);
	let value = data?.get(COST_LEDGER_KEY);
	if (!data) {
		// n8n 2.8's webhook context has no data proxy; its expressions still know $execution.customData.
		try {
			value = ctx.evaluateExpression(`{{ $execution.customData.get("${COST_LEDGER_KEY}") }}`);
		} catch {
			value = undefined;
		}
	}
	return microsOf(stored(value)?.lastRunUsd);
}

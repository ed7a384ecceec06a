// The cost guard of every operation that bills (docs/cost-guard.md). One call, before the first billed request:
// each item that has a cap is priced by Sync's own estimator (actions/common/estimateCreates.ts), then admitted in
// index order until the next would pass a cap. An item over Max Cost per Item, or past Max Cost per Execution
// (the running total of actions/common/costLedger.ts), is refused in one sentence naming it, its estimate and the
// cap; so is, while a cap is set, an item Sync cannot price, unless Allow Unestimated Items is on (the guard fails
// closed). Without continue-on-fail the first refusal stops the node before anything is created. All sums are in
// integer micro-dollars (money/microDollars.ts).
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { mapWithConcurrency } from './concurrency';
import { openCostLedger } from './costLedger';
import { estimateCreate, knownUnestimated, type CreateEstimate, type PricedCreate } from './estimateCreates';
import type { CostCaps } from './costGuard.descriptions';
import { shownUsd, usdNumber } from '../../money/microDollars';

export { BINARY_INPUT_UNPRICEABLE, type PricedCreate } from './estimateCreates';
export { costCapsFrom, costGuardOptions, type CostCaps, type CostGuardOptions } from './costGuard.descriptions';

/** One input item and everything it would create (one generation; a dub's languages; a batch file's rows). */
export interface GuardedItem {
	itemIndex: number;
	/** From its options (costCapsFrom); undefined: the item is not guarded, estimated or counted. */
	caps: CostCaps | undefined;
	creates: PricedCreate[];
	/** How a refusal names it; default "Item <itemIndex>". */
	name?: string;
}

/** Why an item was refused. `withItsBatch`: a row of a batch refused as a whole for another row's reason. */
export type RefusalReason = 'perItemCap' | 'executionCap' | 'unestimated' | 'noRunningTotal' | 'withItsBatch';

export type CostVerdict =
	| {
			admitted: true;
			/** Sync's estimate of the item's creates together, micro-dollars (what could be estimated). */
			estimatedMicros: number;
			/** The same, per create. */
			createMicros: number[];
			/** What could not be estimated (only with Allow Unestimated Items). */
			unestimated: string[];
	  }
	| { admitted: false; reason: RefusalReason; error: NodeOperationError };

export interface GuardSettings {
	/** The items are one batch: refused all together when one is (rows are never dropped); the first refusal is thrown. */
	asOneBatch?: { rows: number };
}

/** Estimate requests in flight at once: Sync lists no rate limit for them (docs/sync-api-2026.md#rate-limits). */
const ESTIMATE_CONCURRENCY = 4;

const CAP_NAMES = { perItemMicros: 'Max Cost per Item', perExecutionMicros: 'Max Cost per Execution' } as const;

function capsSet(caps: CostCaps): string {
	return (Object.keys(CAP_NAMES) as Array<keyof typeof CAP_NAMES>)
		.filter((cap) => caps[cap] !== undefined)
		.map((cap) => `${CAP_NAMES[cap]} (${shownUsd(caps[cap]!)})`)
		.join(' and ');
}

interface Priced {
	estimates: CreateEstimate[];
	micros: number;
	unestimated: string[];
}

async function price(ctx: IExecuteFunctions, item: GuardedItem, caps: CostCaps): Promise<Priced> {
	// Refused anyway while Allow Unestimated Items is off: no estimate request is spent on it.
	const refusedAnyway = !caps.allowUnestimated && item.creates.some((create) => knownUnestimated(create).length > 0);
	const estimates: CreateEstimate[] = [];
	for (const create of item.creates) {
		estimates.push(refusedAnyway ? { micros: 0, unestimated: knownUnestimated(create) } : await estimateCreate(ctx, item.itemIndex, create));
	}
	const unestimated = [...new Set(estimates.flatMap((e) => e.unestimated))];
	return { estimates, micros: estimates.reduce((sum, e) => sum + e.micros, 0), unestimated };
}

type Refused = Extract<CostVerdict, { admitted: false }>;
type Capped = GuardedItem & { caps: CostCaps };

function refusal(ctx: IExecuteFunctions, item: GuardedItem, reason: RefusalReason, message: string, description: string): Refused {
	return { admitted: false, reason, error: new NodeOperationError(ctx.getNode(), message, { itemIndex: item.itemIndex, description }) };
}

const nameOf = (item: GuardedItem) => item.name ?? `Item ${item.itemIndex}`;

const NOTHING_BILLED = 'Nothing was billed for it: the guard asks Sync for an estimate before the first create (docs/cost-guard.md).';

/**
 * The verdicts in index order, from the estimates and the execution's total before this run: the rules of
 * docs/cost-guard.md#what-it-does. `priced` is undefined for an item whose execution cap has no running total.
 */
function decide(ctx: IExecuteFunctions, guarded: Capped[], priced: Array<Priced | undefined>, totalBefore: number, ledgerProblem: string | undefined) {
	const verdicts = new Map<number, CostVerdict>();
	let total = totalBefore;
	let closedBy: string | undefined;
	guarded.forEach((item, n) => {
		const name = nameOf(item);
		const { caps } = item;
		const p = priced[n];
		const refuse = (reason: RefusalReason, message: string, description = NOTHING_BILLED) => verdicts.set(item.itemIndex, refusal(ctx, item, reason, message, description));
		if (p === undefined) {
			refuse('noRunningTotal', `${name} was not created: Max Cost per Execution (${shownUsd(caps.perExecutionMicros!)}) is set, but ${ledgerProblem}`, `${NOTHING_BILLED} Free a custom data key, or remove Max Cost per Execution and keep Max Cost per Item.`);
			return;
		}
		const estimate = shownUsd(p.micros);
		if (p.unestimated.length > 0 && !caps.allowUnestimated) {
			refuse(
				'unestimated',
				`${name} was not created while ${capsSet(caps)} is set: it could not be estimated (${p.unestimated.join('; ')}); turn on Allow Unestimated Items to create it anyway`,
				`${NOTHING_BILLED} A binary input is priced once it is uploaded first (Asset → Upload) and passed by its asset ID.`,
			);
			return;
		}
		if (caps.perItemMicros !== undefined && p.micros > caps.perItemMicros) {
			refuse('perItemCap', `${name} is estimated by Sync at ${estimate}, above Max Cost per Item (${shownUsd(caps.perItemMicros)}), so it was not created`);
			return;
		}
		if (caps.perExecutionMicros !== undefined) {
			const cap = shownUsd(caps.perExecutionMicros);
			if (closedBy !== undefined) {
				refuse('executionCap', `${name} (estimated by Sync at ${estimate}) was not created: ${closedBy} before it would already have brought this execution's estimated cost above Max Cost per Execution (${cap}), and items are admitted in order`);
				return;
			}
			if (total + p.micros > caps.perExecutionMicros) {
				closedBy = name;
				refuse(
					'executionCap',
					`${name} is estimated by Sync at ${estimate}, which would bring this execution's estimated cost from ${shownUsd(total)} to ${shownUsd(total + p.micros)}, above Max Cost per Execution (${cap}), so it was not created`,
					`${NOTHING_BILLED} The execution's total counts every item the guard admitted in it, in every Sync Labs node run (loop iterations and AI Agent tool calls included).`,
				);
				return;
			}
		}
		total += p.micros;
		verdicts.set(item.itemIndex, { admitted: true, estimatedMicros: p.micros, createMicros: p.estimates.map((e) => e.micros), unestimated: p.unestimated });
	});
	return { verdicts, runMicros: total - totalBefore };
}

/**
 * Throws the first refusal where nothing may be created: without continue-on-fail, or for a batch (then every
 * row is refused with it, the sentence saying the batch was not created either).
 */
function stopAtFirstRefusal(ctx: IExecuteFunctions, guarded: Capped[], verdicts: Map<number, CostVerdict>, settings: GuardSettings): void {
	const refused = guarded.map((item) => verdicts.get(item.itemIndex)!).find((verdict): verdict is Refused => !verdict.admitted);
	if (!refused) return;
	if (settings.asOneBatch) {
		const { rows } = settings.asOneBatch;
		refused.error.message = `${refused.error.message}; the batch of ${rows} row${rows === 1 ? '' : 's'} was not created either (a batch is created whole or not at all)`;
		for (const item of guarded) if (verdicts.get(item.itemIndex)!.admitted) verdicts.set(item.itemIndex, { admitted: false, reason: 'withItsBatch', error: refused.error });
		throw refused.error;
	}
	if (!ctx.continueOnFail()) throw refused.error;
}

/**
 * Prices the guarded items with Sync's estimator and decides, in index order, which may be created. Returns each
 * guarded item's verdict by item index (items without caps have none: they are neither estimated nor counted).
 * Without continue-on-fail, or for a batch, the first refusal is thrown before anything is created. The
 * admitted estimates are added to the execution's running total before the caller creates anything.
 */
export async function guardCosts(ctx: IExecuteFunctions, items: GuardedItem[], settings: GuardSettings = {}): Promise<Map<number, CostVerdict>> {
	const guarded = items.filter((item): item is Capped => item.caps !== undefined).sort((a, b) => a.itemIndex - b.itemIndex);
	if (guarded.length === 0) return new Map();

	const ledger = openCostLedger(ctx);
	const ledgerProblem = 'problem' in ledger ? ledger.problem : undefined;
	// An execution cap without a running total is refused anyway: no estimate request is spent on it.
	const priced = await mapWithConcurrency(guarded, ESTIMATE_CONCURRENCY, async (item) =>
		ledgerProblem !== undefined && item.caps.perExecutionMicros !== undefined ? undefined : await price(ctx, item, item.caps),
	);
	const { verdicts, runMicros } = decide(ctx, guarded, priced, 'problem' in ledger ? 0 : ledger.admittedMicros, ledgerProblem);
	stopAtFirstRefusal(ctx, guarded, verdicts, settings);

	const admitted = guarded.filter((item) => verdicts.get(item.itemIndex)!.admitted);
	if (admitted.length > 0 && !('problem' in ledger) && !ledger.record(runMicros)) {
		// Not kept after all: an execution cap cannot be honoured, so the items it applies to are refused (fail closed).
		for (const item of admitted.filter((i) => i.caps.perExecutionMicros !== undefined)) {
			const cap = shownUsd(item.caps.perExecutionMicros!);
			verdicts.set(item.itemIndex, refusal(ctx, item, 'noRunningTotal', `${nameOf(item)} was not created: Max Cost per Execution (${cap}) is set, but n8n did not keep the running total in the execution's custom data`, NOTHING_BILLED));
		}
		stopAtFirstRefusal(ctx, guarded, verdicts, settings);
	}
	return verdicts;
}

/** The fields a created item carries when the guard admitted it: `estimatedCostUsd`, and what it could not estimate. */
export function estimatedCostFields(verdict: CostVerdict | undefined, createIndex?: number): IDataObject {
	if (!verdict?.admitted) return {};
	const micros = createIndex === undefined ? verdict.estimatedMicros : verdict.createMicros[createIndex] ?? 0;
	return { estimatedCostUsd: usdNumber(micros), ...(verdict.unestimated.length > 0 ? { unestimatedCost: verdict.unestimated } : {}) };
}

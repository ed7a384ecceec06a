// The cost guard's options, for the Options collection of every operation that bills (Generation → Create,
// Batch → Create, and any other create added later), and how their values become caps in micro-dollars.
import type { INodeProperties } from 'n8n-workflow';
import { microsFromNumber } from '../../money/microDollars';

/** The guard's options as the parameter reader returns them. */
export interface CostGuardOptions {
	maxCostPerItemUsd?: number;
	maxCostPerExecutionUsd?: number;
	allowUnestimatedItems?: boolean;
}

/** An item's caps in micro-dollars; an absent cap is not checked. */
export interface CostCaps {
	perItemMicros?: number;
	perExecutionMicros?: number;
	allowUnestimated: boolean;
}

export const costGuardOptions: INodeProperties[] = [
	{
		displayName: 'Allow Unestimated Items',
		name: 'allowUnestimatedItems',
		type: 'boolean',
		default: false,
		description:
			'Whether to create, while a cap is set, items Sync cannot price beforehand (binary inputs, the dubbing part of a dub, an estimate Sync refused or that failed). Off, they are refused. Their estimated part still counts.',
	},
	{
		displayName: 'Max Cost per Execution (USD)',
		name: 'maxCostPerExecutionUsd',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		description:
			'Refuse, before anything is billed, the items that would bring the estimated cost of this execution above this: every Sync Labs run of the execution counts, Loop Over Items iterations and AI Agent tool calls included. One estimate request per item.',
	},
	{
		displayName: 'Max Cost per Item (USD)',
		name: 'maxCostPerItemUsd',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		description: 'Refuse, before anything is billed, an item Sync estimates above this. One estimate request per item.',
	},
];

/** A cap in micro-dollars, rounded down (a cap never allows more than it says); beyond 9 billion USD, that. */
function capMicros(usd: number | undefined): number | undefined {
	if (usd === undefined) return undefined;
	return microsFromNumber(usd, 'down') ?? (usd > 0 ? Number.MAX_SAFE_INTEGER : 0);
}

/** The caps an item's options set, or undefined when none is set (the guard then leaves the item alone). */
export function costCapsFrom(options: CostGuardOptions): CostCaps | undefined {
	const perItemMicros = capMicros(options.maxCostPerItemUsd);
	const perExecutionMicros = capMicros(options.maxCostPerExecutionUsd);
	if (perItemMicros === undefined && perExecutionMicros === undefined) return undefined;
	return { perItemMicros, perExecutionMicros, allowUnestimated: options.allowUnestimatedItems === true };
}

// Generation → Get Cost: the recorded cost of one generation, with its availability and parts, each amount kept
// as Sync's decimal text and added as a number (money/costAmounts.ts); optionally waiting until it is final
// (waitForCost.ts). docs/costs.md.
import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getGenerationCost } from '../../api';
import { readerFor } from '../../parameters';
import { withAmountNumbers } from '../../money/costAmounts';
import { MAX_WAIT_SECONDS } from '../common/descriptions';
import { requireText } from '../common/validation';
import { generationIdField } from './descriptions';
import { DEFAULT_COST_INTERVAL_SECONDS, DEFAULT_COST_MAX_WAIT_SECONDS, waitForFinalCost } from './waitForCost';

const properties: INodeProperties[] = [
	generationIdField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Check Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				default: DEFAULT_COST_INTERVAL_SECONDS,
				typeOptions: { minValue: 1 },
				description: 'With Wait for Final Cost: the wait between two checks when Sync Labs suggests none (it usually says when to ask again)',
			},
			{
				displayName: 'Max Wait Time (Seconds)',
				name: 'maxWaitTime',
				type: 'number',
				default: DEFAULT_COST_MAX_WAIT_SECONDS,
				typeOptions: { minValue: 1, maxValue: MAX_WAIT_SECONDS },
				description: 'With Wait for Final Cost: give up with an error naming the generation after this long',
			},
			{
				displayName: 'Wait for Final Cost',
				name: 'waitForFinalCost',
				type: 'boolean',
				default: false,
				description:
					'Whether to wait while the cost is pending or partial, asking again when Sync Labs suggests, until it is complete or unavailable. Costs are usually recorded within 10 minutes after a generation finishes.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['generation'], operation: ['getCost'] } }, properties);

interface GetCostOptions {
	waitForFinalCost?: boolean;
	maxWaitTime?: number;
	pollInterval?: number;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, stop: AbortSignal): Promise<INodeExecutionData[]> {
	const read = readerFor(this, itemIndex, properties);
	const id = requireText(this, itemIndex, 'Generation ID', read.text('generationId'));
	const options = read.collection<GetCostOptions>('options');
	let cost = await getGenerationCost(this, id, { itemIndex, stop });
	if (options.waitForFinalCost) {
		cost = await waitForFinalCost(
			this,
			id,
			cost,
			itemIndex,
			{ maxWaitMs: (options.maxWaitTime ?? DEFAULT_COST_MAX_WAIT_SECONDS) * 1000, intervalMs: (options.pollInterval ?? DEFAULT_COST_INTERVAL_SECONDS) * 1000 },
			stop,
		);
	}
	return [{ json: withAmountNumbers(cost) }];
}

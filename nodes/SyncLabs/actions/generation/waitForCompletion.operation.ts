import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { pollToItem, type CompletionOptions } from './completion';
import { requireText } from '../common/validation';
import { byDisplayName } from './sortOptions';
import { generationIdField } from './descriptions';
import { completionOptions } from './completion.descriptions';

const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	default: 5,
	typeOptions: { minValue: 1, maxValue: 50 },
	description: 'How many generations are watched at the same time',
};

// Sync sends no webhook to a generation created elsewhere, so this operation always polls.
const properties: INodeProperties[] = [
	generationIdField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...completionOptions.filter((o) => o.name !== 'toleranceSeconds'),
			concurrencyOption,
		].sort(byDisplayName),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['generation'], operation: ['waitForCompletion'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, stop?: AbortSignal): Promise<INodeExecutionData[]> {
	const id = requireText(this, itemIndex, 'Generation ID', this.getNodeParameter('generationId', itemIndex, undefined, { extractValue: true }));
	const options = this.getNodeParameter('options', itemIndex, {}) as CompletionOptions;
	return [await pollToItem(this, id, itemIndex, options, stop)];
}

export function concurrency(this: IExecuteFunctions): number {
	return (this.getNodeParameter('options', 0, {}) as { concurrency?: number }).concurrency ?? 5;
}

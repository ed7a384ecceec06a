import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { pollToItem, type CompletionOptions } from './completion';
import { readerFor } from '../../parameters';
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
	const read = readerFor(this, itemIndex, properties);
	const id = read.text('generationId');
	const options = read.collection<CompletionOptions>('options');
	return [await pollToItem(this, id, itemIndex, options, stop)];
}

export function concurrency(this: IExecuteFunctions): number {
	return readerFor(this, 0, properties).collection<{ concurrency?: number }>('options').concurrency ?? 5;
}

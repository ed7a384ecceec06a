import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getGeneration } from '../../api';
import { readerFor } from '../../parameters';
import { generationIdField } from './descriptions';
import { generationOutputFields } from './outputOption';

const properties: INodeProperties[] = [
	generationIdField,
	...generationOutputFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Progress',
				name: 'includeProgress',
				type: 'boolean',
				default: false,
				description: 'Whether to add the live progress_percent of a running generation',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['generation'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const read = readerFor(this, itemIndex, properties);
	const id = read.text('generationId');
	const options = read.collection<{ includeProgress?: boolean }>('options');
	return [{ json: await getGeneration(this, id, { itemIndex, includeProgress: options.includeProgress }) }];
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getGeneration } from '../../api';
import { requireText } from '../common/validation';
import { generationIdField } from './descriptions';

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
	const id = requireText(this, itemIndex, 'Generation ID', this.getNodeParameter('generationId', itemIndex, undefined, { extractValue: true }));
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeProgress?: boolean };
	return [{ json: await getGeneration(this, id, { itemIndex, includeProgress: options.includeProgress }) }];
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { collectGenerations } from '../../api';
import { normalizedGeneration } from './generationOutput';
import { resultLimit } from '../common/limit';
import { returnAllAndLimit } from '../common/descriptions';
import { requireListOf } from '../common/validation';

/** The SDK's GenerationStatus (node_modules/@sync.so/sdk/dist/api/resources/common/types/GenerationStatus.d.ts). */
const statusOptions = [
	{ name: 'Completed', value: 'COMPLETED' },
	{ name: 'Failed', value: 'FAILED' },
	{ name: 'Pending', value: 'PENDING' },
	{ name: 'Processing', value: 'PROCESSING' },
	{ name: 'Rejected', value: 'REJECTED' },
];

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Generation IDs',
				name: 'ids',
				type: 'string',
				default: '',
				description: 'Comma-separated generation IDs to return',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				default: [],
				options: statusOptions,
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['generation'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { ids?: string; status?: unknown };
	const status = requireListOf(this, itemIndex, 'Status', filters.status, statusOptions.map((o) => o.value));
	const ids = (filters.ids ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);

	const generations = await collectGenerations(this, { status, ids }, limit, { itemIndex });
	return generations.map((g) => ({ json: normalizedGeneration(g) }));
}


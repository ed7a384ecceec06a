import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { collectGenerations } from '../../api';
import { normalizedGeneration } from './generationOutput';
import { resultLimit } from '../common/limit';
import { returnAllAndLimit } from '../common/descriptions';
import { readerFor } from '../../parameters';
import { projectIdFrom, projectIdOption } from '../project/projectOption';
import { generationOutputFields } from './outputOption';

/** The SDK's GenerationStatus (https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/common/types/GenerationStatus.ts). */
const statusOptions = [
	{ name: 'Completed', value: 'COMPLETED' },
	{ name: 'Failed', value: 'FAILED' },
	{ name: 'Pending', value: 'PENDING' },
	{ name: 'Processing', value: 'PROCESSING' },
	{ name: 'Rejected', value: 'REJECTED' },
];

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	...generationOutputFields,
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
			projectIdOption('Only the generations of this project'),
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
	const limit = resultLimit(this, itemIndex, properties);
	const filters = readerFor(this, itemIndex, properties).collection<{ ids?: string[]; projectId?: string; status?: string[] }>('filters');
	const projectId = projectIdFrom(this, itemIndex, filters);
	const status = filters.status ?? [];
	const ids = filters.ids ?? [];

	const generations = await collectGenerations(this, { status, ids, projectId }, limit, { itemIndex });
	return generations.map((g) => ({ json: normalizedGeneration(g) }));
}


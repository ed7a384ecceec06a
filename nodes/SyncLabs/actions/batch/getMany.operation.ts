import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { listBatches } from '../../api';
import { readerFor } from '../../parameters';
import { resultLimit } from '../common/limit';
import { returnAllAndLimit } from '../common/descriptions';

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
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only batches created after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only batches created before this time',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Completed', value: 'COMPLETED' },
					{ name: 'Failed', value: 'FAILED' },
					{ name: 'Jobs Created', value: 'JOBS_CREATED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Processing', value: 'PROCESSING' },
				],
				default: 'PROCESSING',
				description: 'Only batches in this status',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['batch'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, itemIndex, properties);
	// Dates come back as ISO 8601 (empty or null: no bound); Status is one of its dropdown's values.
	const filters = readerFor(this, itemIndex, properties).collection<{ status?: string; createdAfter?: string; createdBefore?: string }>('filters');


	// The list is not paginated: one answer, newest first.
	const list = await listBatches(this, { status: filters.status, createdAfter: filters.createdAfter, createdBefore: filters.createdBefore }, { itemIndex });
	const selected = limit === undefined ? list : list.slice(0, limit);
	return selected.map((batch) => ({ json: batch }));
}

import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { apiRequest } from '../../transport';
import { readerFor } from '../../parameters';
import { parseResponse } from '../../schemas/parseResponse';
import { batchSchema } from '../../schemas/batch';
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

	const qs: IDataObject = {};
	if (filters.status) qs.status = filters.status;
	if (filters.createdAfter) qs.created_after = filters.createdAfter;
	if (filters.createdBefore) qs.created_before = filters.createdBefore;

	// The list is not paginated: one answer, newest first.
	const response = await apiRequest.call(this, 'GET', '/v2/batch', { qs, repeatable: true, itemIndex });
	const list: unknown[] = Array.isArray(response)
		? response
		: Array.isArray((response as { items?: unknown[] } | undefined)?.items)
			? (response as { items: unknown[] }).items
			: [];
	const selected = limit === undefined ? list : list.slice(0, limit);
	return selected.map((batch) => ({ json: parseResponse(this, batchSchema, batch, 'batch', itemIndex) }));
}

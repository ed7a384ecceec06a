import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { listBatches } from '../../api';
import { invalidInput } from '../common/validation';
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

function isoDate(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const date = new Date(value as string);
	if (Number.isNaN(date.getTime())) throw invalidInput(ctx, itemIndex, field, `is "${String(value).slice(0, 80)}", which is not a date and time`);
	return date.toISOString();
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { status?: string; createdAfter?: string; createdBefore?: string };

	const after = isoDate(this, itemIndex, 'Created After', filters.createdAfter);
	const before = isoDate(this, itemIndex, 'Created Before', filters.createdBefore);

	// The list is not paginated: one answer, newest first.
	const list = await listBatches(this, { status: filters.status, createdAfter: after, createdBefore: before }, { itemIndex });
	const selected = limit === undefined ? list : list.slice(0, limit);
	return selected.map((batch) => ({ json: batch }));
}

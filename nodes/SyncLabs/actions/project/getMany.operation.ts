import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { collectProjects } from '../../api';
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
				displayName: 'Search Query',
				name: 'searchQuery',
				type: 'string',
				default: '',
				description: 'Only projects whose name matches this text',
			},
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Last Updated (Newest First)', value: 'updatedAt' },
					{ name: 'Name', value: 'name' },
				],
				default: 'updatedAt',
				description: 'Order of the returned projects',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, stop: AbortSignal): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, itemIndex, properties);
	const filters = readerFor(this, itemIndex, properties).collection<{ searchQuery?: string; sortBy?: 'updatedAt' | 'name' }>('filters');
	const projects = await collectProjects(this, { searchQuery: filters.searchQuery || undefined, sortBy: filters.sortBy }, limit, { itemIndex, stop });
	return projects.map((project) => ({ json: project }));
}

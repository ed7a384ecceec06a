import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { collectAssets } from '../../api';
import type { AssetType } from '../../schemas/asset';
import { resultLimit } from '../common/limit';
import { returnAllAndLimit } from '../common/descriptions';
import { readerFor } from '../../parameters';
import { projectIdFrom, projectIdOption } from '../project/projectOption';

/** The SDK's AssetType (https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/common/types/AssetType.ts). */
const typeOptions: Array<{ name: string; value: AssetType }> = [
	{ name: 'Audio', value: 'AUDIO' },
	{ name: 'Image', value: 'IMAGE' },
	{ name: 'Video', value: 'VIDEO' },
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
			projectIdOption('Only the assets of this project'),
			{
				displayName: 'Search Query',
				name: 'searchQuery',
				type: 'string',
				default: '',
				description: 'Only assets whose name contains this text',
			},
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Date (Newest First)', value: 'dateDesc' },
					{ name: 'Date (Oldest First)', value: 'dateAsc' },
					{ name: 'Duration (Longest First)', value: 'durationDesc' },
					{ name: 'Duration (Shortest First)', value: 'durationAsc' },
					{ name: 'Name (A to Z)', value: 'nameAsc' },
					{ name: 'Name (Z to A)', value: 'nameDesc' },
					{ name: 'Size (Largest First)', value: 'sizeDesc' },
					{ name: 'Size (Smallest First)', value: 'sizeAsc' },
					{ name: 'Type (A to Z)', value: 'kindAsc' },
					{ name: 'Type (Z to A)', value: 'kindDesc' },
				],
				default: 'dateDesc',
				description: 'Order of the returned assets',
			},
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				options: typeOptions,
				default: [],
				description: 'Only assets of these types',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, itemIndex, properties);
	const filters = readerFor(this, itemIndex, properties).collection<{ projectId?: string; searchQuery?: string; sortBy?: string; types?: string[] }>('filters');
	const projectId = projectIdFrom(this, itemIndex, filters);
	const types = filters.types ?? [];

	const assets = await collectAssets(this, { types: types as AssetType[], searchQuery: filters.searchQuery, sortBy: filters.sortBy, projectId }, limit, { itemIndex });
	return assets.map((asset) => ({ json: asset }));
}

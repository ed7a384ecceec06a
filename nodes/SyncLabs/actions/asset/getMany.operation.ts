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
import { requireListOf } from '../common/validation';

/** The SDK's AssetType (node_modules/@sync.so/sdk/dist/api/resources/common/types/AssetType.d.ts). */
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
	const limit = resultLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { searchQuery?: string; sortBy?: string; types?: unknown };
	const types = requireListOf(this, itemIndex, 'Types', filters.types, typeOptions.map((o) => o.value));

	const assets = await collectAssets(this, { types, searchQuery: filters.searchQuery?.trim(), sortBy: filters.sortBy }, limit, { itemIndex });
	return assets.map((asset) => ({ json: asset }));
}

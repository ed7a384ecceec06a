import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getAsset } from '../../api';
import { readerFor } from '../../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Asset ID',
		name: 'assetId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2c4e1a9b-6f3d-4e8a-9b0c-1d2e3f4a5b6c',
		description: 'The ID of the asset',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = readerFor(this, itemIndex, properties).text('assetId');
	return [{ json: await getAsset(this, id, { itemIndex }) }];
}

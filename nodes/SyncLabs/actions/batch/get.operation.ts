import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getBatch } from '../../api';
import { readerFor } from '../../parameters';
import { batchIdField } from './descriptions';

const properties: INodeProperties[] = [batchIdField];

export const description = updateDisplayOptions({ show: { resource: ['batch'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = readerFor(this, itemIndex, properties).text('batchId');
	return [{ json: await getBatch(this, id, { itemIndex }) }];
}

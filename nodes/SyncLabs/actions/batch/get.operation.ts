import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { apiRequest } from '../../transport';
import { readerFor } from '../../parameters';
import { parseResponse } from '../../schemas/parseResponse';
import { batchSchema } from '../../schemas/batch';
import { batchIdField } from './descriptions';

const properties: INodeProperties[] = [batchIdField];

export const description = updateDisplayOptions({ show: { resource: ['batch'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = readerFor(this, itemIndex, properties).text('batchId');
	const response = await apiRequest.call(this, 'GET', `/v2/batch/${encodeURIComponent(id)}`, { repeatable: true, itemIndex });
	return [{ json: parseResponse(this, batchSchema, response, 'batch', itemIndex) }];
}

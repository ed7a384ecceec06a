import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { getBatch, getBatchResults } from '../../api';
import { readerFor } from '../../parameters';
import { isTerminalBatchStatus } from '../../schemas/batch';
import { batchIdField } from './descriptions';
import { parseResultLines } from './results';

const properties: INodeProperties[] = [
	batchIdField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Batch ID',
				name: 'includeBatchId',
				type: 'boolean',
				default: false,
				description: 'Whether to add the batch ID to every output item, as batchId',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['batch'], operation: ['getResults'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const read = readerFor(this, itemIndex, properties);
	const id = read.text('batchId');
	const options = read.collection<{ includeBatchId?: boolean }>('options');
	const batch = await getBatch(this, id, { itemIndex });
	if (!isTerminalBatchStatus(batch.status)) {
		throw new NodeOperationError(this.getNode(), `Batch ${batch.id} is ${batch.status}; its results are available once it is COMPLETED or FAILED`, {
			itemIndex,
			description: 'Wait for the batch webhook, or check again later with Batch → Get. Batches can take up to 24 hours.',
		});
	}
	if (!batch.outputUrl) {
		throw new NodeOperationError(this.getNode(), `Batch ${batch.id} is ${batch.status} but has no results URL (outputUrl)`, { itemIndex });
	}
	const text = await getBatchResults(this, batch.outputUrl, { itemIndex });
	return parseResultLines(text).map((line) => ({
		json: (options.includeBatchId ? { ...line, batchId: batch.id } : line) as IDataObject,
	}));
}

import { NodeOperationError, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getGeneration, getGenerationDownloadUrl } from '../../api';
import { DEFAULT_BINARY_PROPERTY, downloadOutputAsBinary } from '../../transport/download';
import { normalizedGeneration } from './generationOutput';
import { readerFor } from '../../parameters';
import { generationIdField } from './descriptions';
import { outputUrlOf } from '../../schemas/spellings';

const properties: INodeProperties[] = [
	generationIdField,
	{
		displayName: 'Output Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: DEFAULT_BINARY_PROPERTY,
		description: 'Binary property that receives the video',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['generation'], operation: ['downloadOutput'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const read = readerFor(this, itemIndex, properties);
	const id = read.text('generationId');
	const property = read.text('binaryPropertyName') || DEFAULT_BINARY_PROPERTY;
	const generation = await getGeneration(this, id, { itemIndex });
	if (generation.status !== 'COMPLETED') {
		throw new NodeOperationError(this.getNode(), `Generation ${id} has no output yet: its status is ${generation.status}`, { itemIndex });
	}
	// The output URL on the generation expires after about a week; the download endpoint signs a fresh one.
	const freshUrl = await getGenerationDownloadUrl(this, id, { itemIndex }).catch(() => undefined);
	const url = freshUrl ?? outputUrlOf(generation);
	if (!url) throw new NodeOperationError(this.getNode(), `Generation ${id} is COMPLETED but has no output URL`, { itemIndex });
	const binary = await downloadOutputAsBinary(this, url, id, property);
	return [{ json: normalizedGeneration(generation), binary }];
}

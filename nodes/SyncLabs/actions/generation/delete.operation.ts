import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { deleteGeneration } from '../../api';
import { normalizedGeneration } from './generationOutput';
import { readerFor } from '../../parameters';
import { generationIdField } from './descriptions';

const properties: INodeProperties[] = [
	{ ...generationIdField, description: 'The ID of a finished generation; running ones cannot be deleted' },
];

export const description = updateDisplayOptions({ show: { resource: ['generation'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, stop: AbortSignal): Promise<INodeExecutionData[]> {
	const id = readerFor(this, itemIndex, properties).text('generationId');
	const response = await deleteGeneration(this, id, { itemIndex, stop });
	const deleted = response ? normalizedGeneration(response) : {};
	return [{ json: { deleted: true, id, ...deleted } }];
}

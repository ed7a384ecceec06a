import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { deleteGeneration } from '../../api';
import { normalizedGeneration } from './generationOutput';
import { readerFor } from '../../parameters';
import { generationIdField } from './descriptions';
import { deleteAfterReadingEveryId, type ItemDelete } from '../common/alreadyDeleted';

const properties: INodeProperties[] = [
	{ ...generationIdField, description: 'The ID of a finished generation; running ones cannot be deleted' },
];

export const description = updateDisplayOptions({ show: { resource: ['generation'], operation: ['delete'] } }, properties);

async function remove(ctx: IExecuteFunctions, itemIndex: number, id: string, stop: AbortSignal): Promise<ItemDelete> {
	const response = await deleteGeneration(ctx, id, { itemIndex, stop });
	const generation = response ? normalizedGeneration(response) : {};
	return { output: [{ json: { deleted: true, id, ...generation } }], deleted: true };
}

export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await deleteAfterReadingEveryId(
		this,
		items,
		(itemIndex) => readerFor(this, itemIndex, properties).text('generationId'),
		async (itemIndex, id, stop) => await remove(this, itemIndex, id, stop),
		{ plural: 'Generations', singular: 'generation' },
	);
}

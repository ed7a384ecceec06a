import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { deleteGeneration } from '../../api';
import { normalizedGeneration } from './generationOutput';
import { readerFor } from '../../parameters';
import { generationIdField } from './descriptions';
import { runAfterCheckingEveryItem } from '../common/everyItemFirst';
import { withAlreadyDeleted, type DeletedObject } from '../common/alreadyDeleted';

const properties: INodeProperties[] = [
	{ ...generationIdField, description: 'The ID of a finished generation; running ones cannot be deleted' },
];

export const description = updateDisplayOptions({ show: { resource: ['generation'], operation: ['delete'] } }, properties);

async function remove(ctx: IExecuteFunctions, itemIndex: number, id: string, stop: AbortSignal, deleted: DeletedObject[]): Promise<INodeExecutionData[]> {
	const response = await deleteGeneration(ctx, id, { itemIndex, stop });
	deleted.push({ id, itemIndex });
	const generation = response ? normalizedGeneration(response) : {};
	return [{ json: { deleted: true, id, ...generation } }];
}

// A delete cannot be undone: every item's ID is read before the first delete (common/everyItemFirst.ts), so a bad
// item 2 stops the node before items 0 and 1 are deleted, and an error that stops the node after some deletes names
// them (common/alreadyDeleted.ts).
export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const deleted: DeletedObject[] = [];
	try {
		return await runAfterCheckingEveryItem(
			this,
			items,
			async (itemIndex) => readerFor(this, itemIndex, properties).text('generationId'),
			async (itemIndex, id, stop) => await remove(this, itemIndex, id, stop, deleted),
		);
	} catch (error) {
		throw withAlreadyDeleted(this, error, deleted, { plural: 'Generations', singular: 'generation' });
	}
}

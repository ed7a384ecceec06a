import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { deleteVoice } from '../../api';
import { readerFor } from '../../parameters';
import { voiceIdField } from './voiceIdField';
import { runAfterCheckingEveryItem } from '../common/everyItemFirst';
import { withAlreadyDeleted, type DeletedObject } from '../common/alreadyDeleted';

const properties: INodeProperties[] = [voiceIdField('The ID of a cloned voice; deleting it frees a clone slot of your plan')];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['delete'] } }, properties);

async function remove(ctx: IExecuteFunctions, itemIndex: number, id: string, stop: AbortSignal, deleted: DeletedObject[]): Promise<INodeExecutionData[]> {
	const done = await deleteVoice(ctx, id, { itemIndex, stop });
	if (done) deleted.push({ id, itemIndex });
	return [{ json: { deleted: done, id } }];
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
			async (itemIndex) => readerFor(this, itemIndex, properties).text('voiceId'),
			async (itemIndex, id, stop) => await remove(this, itemIndex, id, stop, deleted),
		);
	} catch (error) {
		throw withAlreadyDeleted(this, error, deleted, { plural: 'Voices', singular: 'voice' });
	}
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { deleteVoice } from '../../api';
import { readerFor } from '../../parameters';
import { voiceIdField } from './voiceIdField';
import { deleteAfterReadingEveryId, type ItemDelete } from '../common/alreadyDeleted';

const properties: INodeProperties[] = [voiceIdField('The ID of a cloned voice; deleting it frees a clone slot of your plan')];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['delete'] } }, properties);

async function remove(ctx: IExecuteFunctions, itemIndex: number, id: string, stop: AbortSignal): Promise<ItemDelete> {
	const done = await deleteVoice(ctx, id, { itemIndex, stop });
	return { output: [{ json: { deleted: done, id } }], deleted: done };
}

export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await deleteAfterReadingEveryId(
		this,
		items,
		(itemIndex) => readerFor(this, itemIndex, properties).text('voiceId'),
		async (itemIndex, id, stop) => await remove(this, itemIndex, id, stop),
		{ plural: 'Voices', singular: 'voice' },
	);
}

import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { deleteVoice } from '../../api';
import { readerFor } from '../../parameters';
import { voiceIdField } from './voiceIdField';

const properties: INodeProperties[] = [voiceIdField('The ID of a cloned voice; deleting it frees a clone slot of your plan')];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, stop: AbortSignal): Promise<INodeExecutionData[]> {
	const id = readerFor(this, itemIndex, properties).text('voiceId');
	const deleted = await deleteVoice(this, id, { itemIndex, stop });
	return [{ json: { deleted, id } }];
}

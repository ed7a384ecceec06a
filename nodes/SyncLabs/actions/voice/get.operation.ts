import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getVoice } from '../../api';
import { readerFor } from '../../parameters';
import { voiceIdField } from './voiceIdField';
import { voiceOutput } from './voiceOutput';

const properties: INodeProperties[] = [voiceIdField('A built-in voice ID or the ID of a cloned voice')];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, stop: AbortSignal): Promise<INodeExecutionData[]> {
	const id = readerFor(this, itemIndex, properties).text('voiceId');
	return [{ json: voiceOutput(await getVoice(this, id, { itemIndex, stop })) }];
}

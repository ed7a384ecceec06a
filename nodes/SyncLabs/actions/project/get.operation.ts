import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getProject } from '../../api';
import { readerFor } from '../../parameters';
import { checkedProjectId } from './projectId';

const properties: INodeProperties[] = [
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 6533643b-aceb-4c40-967e-d9ba9baac39e',
		description: 'The ID of the project',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, stop: AbortSignal): Promise<INodeExecutionData[]> {
	const id = checkedProjectId(this, itemIndex, 'Project ID', readerFor(this, itemIndex, properties).text('projectId')) as string;
	return [{ json: await getProject(this, id, { itemIndex, stop }) }];
}

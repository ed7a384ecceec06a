import type { INodeProperties } from 'n8n-workflow';
import type { SyncOperation } from '../operation';
import * as clone from './clone.operation';
import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations: Record<string, SyncOperation> = {
	clone,
	delete: deleteOperation,
	get,
	getMany,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['voice'] } },
		options: [
			{ name: 'Clone', value: 'clone', action: 'Clone a voice', description: 'Clone a voice from an audio or video sample' },
			{ name: 'Delete', value: 'delete', action: 'Delete a voice', description: 'Delete a cloned voice' },
			{ name: 'Get', value: 'get', action: 'Get a voice', description: 'Get a voice by ID' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many voices', description: 'Get the built-in and cloned voices text to speech can use' },
		],
		default: 'getMany',
	},
	...clone.description,
	...deleteOperation.description,
	...get.description,
	...getMany.description,
];

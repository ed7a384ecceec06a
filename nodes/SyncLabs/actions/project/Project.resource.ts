import type { INodeProperties } from 'n8n-workflow';
import type { SyncOperation } from '../operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations: Record<string, SyncOperation> = {
	create,
	get,
	getMany,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['project'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a project',
				description: 'Create a project that groups generations and assets; a repeated create returns the same project',
			},
			{ name: 'Get', value: 'get', action: 'Get a project', description: 'Get a project by ID' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many projects', description: 'Get many projects' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
];

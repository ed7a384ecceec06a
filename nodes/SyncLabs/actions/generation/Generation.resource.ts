import type { INodeProperties } from 'n8n-workflow';
import type { SyncOperation } from '../operation';
import * as get from './get.operation';

export const operations: Record<string, SyncOperation> = {
	get,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['generation'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a generation', description: 'Get a generation by ID' },
		],
		default: 'get',
	},
	...get.description,
];

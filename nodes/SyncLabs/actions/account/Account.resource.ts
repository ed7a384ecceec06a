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
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the account',
				description: 'Get the plan, billing model, limits and balance of the account behind the credential',
			},
		],
		default: 'get',
	},
	...get.description,
];

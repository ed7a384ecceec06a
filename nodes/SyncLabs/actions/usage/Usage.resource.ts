import type { INodeProperties } from 'n8n-workflow';
import type { SyncOperation } from '../operation';
import * as getMany from './getMany.operation';

export const operations: Record<string, SyncOperation> = {
	getMany,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['usage'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get the cost of many generations',
				description: 'Get every generation that finished in a time range, each with its recorded cost',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];

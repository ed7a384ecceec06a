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
		displayOptions: { show: { resource: ['model'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many models',
				description: 'Get many of the models your account can use',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];

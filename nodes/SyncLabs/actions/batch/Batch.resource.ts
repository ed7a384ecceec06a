import type { INodeProperties } from 'n8n-workflow';
import type { SyncOperation } from '../operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getResults from './getResults.operation';

export const operations: Record<string, SyncOperation> = {
	create,
	get,
	getMany,
	getResults,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['batch'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a batch',
				description: 'Submit 20 to 500 generation requests as one batch (Scale plan)',
			},
			{ name: 'Get', value: 'get', action: 'Get a batch', description: 'Get a batch by ID' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many batches', description: 'Get many batches' },
			{
				name: 'Get Results',
				value: 'getResults',
				action: 'Get the results of a batch',
				description: 'Download the results file of a finished batch, one item per request',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...getResults.description,
];

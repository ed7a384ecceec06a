import type { INodeProperties } from 'n8n-workflow';
import type { SyncOperation } from '../operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as upload from './upload.operation';

export const operations: Record<string, SyncOperation> = {
	get,
	getMany,
	upload,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['asset'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get an asset', description: 'Get an asset by ID' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many assets', description: 'Get many assets' },
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload an asset',
				description: 'Upload a video, audio or image file from an input binary field',
			},
		],
		default: 'upload',
	},
	...get.description,
	...getMany.description,
	...upload.description,
];

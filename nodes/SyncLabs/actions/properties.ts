// The node's parameters: the resource selector and each resource's operations and fields.
import type { INodeProperties } from 'n8n-workflow';
import * as generation from './generation/Generation.resource';

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Generation', value: 'generation' }],
		default: 'generation',
	},
	...generation.description,
];

import type { INodeProperties } from 'n8n-workflow';
import type { SyncOperation } from '../operation';
import * as generate from './generate.operation';

export const operations: Record<string, SyncOperation> = {
	generate,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['speech'] } },
		options: [
			{
				name: 'Generate',
				value: 'generate',
				action: 'Generate speech',
				description: 'Speak a script with a voice: hosted audio to reuse as the audio of several videos',
			},
		],
		default: 'generate',
	},
	...generate.description,
];

import type { INodeProperties } from 'n8n-workflow';
import type { SyncOperation } from '../operation';
import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as downloadOutput from './downloadOutput.operation';
import * as dub from './dub.operation';
import * as estimateCost from './estimateCost.operation';
import * as get from './get.operation';
import * as getCost from './getCost.operation';
import * as getMany from './getMany.operation';
import * as waitForCompletion from './waitForCompletion.operation';

export const operations: Record<string, SyncOperation> = {
	create,
	delete: deleteOperation,
	downloadOutput,
	dub,
	estimateCost,
	get,
	getCost,
	getMany,
	waitForCompletion,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['generation'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a generation', description: 'Lip-sync a video or image to audio or text' },
			{ name: 'Delete', value: 'delete', action: 'Delete a generation', description: 'Delete a finished generation' },
			{ name: 'Download Output', value: 'downloadOutput', action: 'Download the output of a generation', description: 'Download the finished video as binary data' },
			{ name: 'Dub', value: 'dub', action: 'Dub a video into other languages', description: 'Translate and dub a video\'s speech and lip-sync it, one generation per language' },
			{ name: 'Estimate Cost', value: 'estimateCost', action: 'Estimate the cost of a generation', description: 'Estimate the price before creating a generation' },
			{ name: 'Get', value: 'get', action: 'Get a generation', description: 'Get a generation by ID' },
			{
				name: 'Get Cost',
				value: 'getCost',
				action: 'Get the cost of a generation',
				description: 'Get what Sync Labs recorded a generation cost, with its parts (lip sync, dubbing, speech)',
			},
			{ name: 'Get Many', value: 'getMany', action: 'Get many generations', description: 'List generations, newest first' },
			{ name: 'Wait for Completion', value: 'waitForCompletion', action: 'Wait for a generation to finish', description: 'Poll a generation created elsewhere until it finishes' },
		],
		default: 'create',
	},
	...create.description,
	...deleteOperation.description,
	...downloadOutput.description,
	...dub.description,
	...estimateCost.description,
	...get.description,
	...getCost.description,
	...getMany.description,
	...waitForCompletion.description,
];

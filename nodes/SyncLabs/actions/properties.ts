// The node's parameters: the resource selector and each resource's operations and fields, and the description
// each operation gives an AI Agent's model when the node runs as its tool.
import type { INodeProperties } from 'n8n-workflow';
import * as account from './account/Account.resource';
import * as asset from './asset/Asset.resource';
import * as batch from './batch/Batch.resource';
import * as generation from './generation/Generation.resource';
import * as model from './model/Model.resource';
import * as project from './project/Project.resource';
import * as speech from './speech/Speech.resource';
import * as usage from './usage/Usage.resource';
import * as voice from './voice/Voice.resource';
import { toolDescriptionFields } from './asTool/toolDescriptions';

export const resourceField: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Account', value: 'account' },
		{ name: 'Asset', value: 'asset' },
		{ name: 'Batch', value: 'batch' },
		{ name: 'Generation', value: 'generation' },
		{ name: 'Model', value: 'model' },
		{ name: 'Project', value: 'project' },
		{ name: 'Speech', value: 'speech' },
		{ name: 'Usage', value: 'usage' },
		{ name: 'Voice', value: 'voice' },
	],
	default: 'generation',
};

const resourceProperties: INodeProperties[] = [
	...account.description,
	...asset.description,
	...batch.description,
	...generation.description,
	...model.description,
	...project.description,
	...speech.description,
	...usage.description,
	...voice.description,
];

export const properties: INodeProperties[] = [
	// First, where n8n puts the Tool Description it adds to other nodes' tool variants (actions/asTool/toolDescriptions.ts).
	...toolDescriptionFields(resourceProperties),
	resourceField,
	...resourceProperties,
];

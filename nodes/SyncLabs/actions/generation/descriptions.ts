// Parameter definitions used by several Generation operations.
import type { INodeProperties } from 'n8n-workflow';

export const generationIdField: INodeProperties = {
	displayName: 'Generation ID',
	name: 'generationId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 6533643b-aceb-4c40-967e-d9ba9baac39e',
	description: 'The ID of the generation',
};

// Parameter definitions reused by several operations.
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

export function returnAllAndLimit(maxValue = 1000): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, maxValue },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

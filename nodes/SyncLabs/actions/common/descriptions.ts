// Parameter definitions used by operations of several resources.
import type { INodeProperties } from 'n8n-workflow';

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

/**
 * The longest any Max Wait Time may be: 30 days. A wait is a date n8n stores (putExecutionToWait) or a deadline the
 * node polls against; without a bound a value such as "1e13" seconds passes as a number and makes no real date.
 */
export const MAX_WAIT_SECONDS = 30 * 24 * 60 * 60;

// The "Events" filter shared by the webhook trigger and the polling trigger.
import type { INodeProperties } from 'n8n-workflow';

export const eventsFilter: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	default: [],
	description: 'Which events start the workflow. Leave empty for all.',
	options: [
		{ name: 'Batch Completed', value: 'batch.completed' },
		{ name: 'Batch Failed', value: 'batch.failed' },
		{ name: 'Generation Completed', value: 'generation.completed' },
		{ name: 'Generation Failed', value: 'generation.failed' },
		{ name: 'Generation Rejected', value: 'generation.rejected' },
	],
};

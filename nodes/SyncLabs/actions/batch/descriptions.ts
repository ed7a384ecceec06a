// Parameter definitions used by several Batch operations.
import type { INodeProperties } from 'n8n-workflow';

export const batchIdField: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. batch_abc123',
	description: 'The ID of the batch',
};

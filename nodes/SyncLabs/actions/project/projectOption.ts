// The "Project ID" option other resources' operations carry (Generation → Create, Asset → Upload, each row of
// Batch → Create) and the project filter of Generation → Get Many and Asset → Get Many
// (docs/sync-api-2026.md#projects): one declaration, read as an identifier and checked as a UUID.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { checkedProjectId } from './projectId';

export const PROJECT_ID_FIELD = 'Project ID';

export function projectIdOption(description: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: PROJECT_ID_FIELD,
		name: 'projectId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 6533643b-aceb-4c40-967e-d9ba9baac39e',
		description,
		...extra,
	};
}

/** The option's project ID as read by the parameter reader, checked; undefined when empty. */
export function projectIdFrom(ctx: IExecuteFunctions, itemIndex: number, options: { projectId?: string }): string | undefined {
	return checkedProjectId(ctx, itemIndex, PROJECT_ID_FIELD, options.projectId);
}

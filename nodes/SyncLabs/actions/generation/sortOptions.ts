import type { INodeProperties } from 'n8n-workflow';

/** n8n lists collection options alphabetically; combined option lists are sorted the same way. */
export function byDisplayName(a: INodeProperties, b: INodeProperties): number {
	return a.displayName.localeCompare(b.displayName);
}

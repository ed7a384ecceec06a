// "From List" of Project → Get's Project ID (node version 3): Sync searches project names itself and pages with
// `nextCursor` (docs/sync-api-2026.md#projects), which n8n hands back as the next page's token.
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { listProjects } from '../api';
import { LIST_PAGE_SIZE } from './listSearchLimits';

const retry = { maxRetries: 1 };

export async function searchProjects(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = await listProjects(this, { limit: LIST_PAGE_SIZE, searchQuery: filter?.trim() || undefined, cursor: paginationToken }, { parse: 'tolerant', retry });
	const results = page.items.flatMap(({ value: project }) =>
		project ? [{ name: project.name || project.id, value: project.id, description: [project.updatedAt?.slice(0, 16).replace('T', ' '), project.id].filter(Boolean).join(' · ') }] : [],
	);
	return { results, paginationToken: page.nextCursor };
}

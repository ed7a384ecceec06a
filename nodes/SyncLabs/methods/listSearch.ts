// "From List" of the version-2 ID fields (resource locators). n8n calls these with the text typed in the
// search box and the token of the previous page (https://github.com/n8n-io/n8n/blob/master/packages/nodes-base/nodes/Airtable/v2/methods/listSearch.ts
// does the same for Airtable); the list asks for the next page when the user scrolls to its end.
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { listAssets, listBatches, listGenerations } from '../api';
import type { AssetType } from '../schemas/asset';
import type { Generation } from '../schemas/generation';
import { LIST_PAGE_SIZE, MAX_PAGES_PER_SEARCH } from './listSearchLimits';
import { readerFor } from '../parameters';
import { inputSourceFields } from '../actions/generation/inputs.descriptions';


const retry = { maxRetries: 1 };

function matches(filter: string | undefined, ...fields: Array<string | null | undefined>): boolean {
	const needle = filter?.trim().toLowerCase();
	if (!needle) return true;
	return fields.some((field) => field?.toLowerCase().includes(needle));
}

/** "2026-12-01 20:14" from an ISO timestamp; the raw value if it does not parse. */
function shortDate(iso: string | null | undefined): string | undefined {
	if (!iso) return undefined;
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 16).replace('T', ' ');
}

function generationItem(generation: Generation): INodeListSearchItems {
	// What tells generations apart comes first: the editor cuts long names at the dropdown's width.
	const fileName = typeof generation.outputFileName === 'string' && generation.outputFileName ? generation.outputFileName : undefined;
	const created = shortDate(generation.createdAt);
	const parts = fileName ? [fileName, generation.status, generation.model, created] : [created, generation.status, generation.model];
	return { name: parts.filter(Boolean).join(' · '), value: generation.id, description: generation.id };
}

/** Newest first; the cursor is the id of the last generation of the previous page (docs/sync-api.md#list-generations). */
export async function searchGenerations(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	let cursor = paginationToken;
	for (let page = 0; page < MAX_PAGES_PER_SEARCH; page++) {
		const rows = await listGenerations(this, { limit: LIST_PAGE_SIZE, cursor }, { retry, parse: 'tolerant' });
		for (const row of rows) {
			const generation = row.value;
			if (!generation) continue;
			const fileName = typeof generation.outputFileName === 'string' ? generation.outputFileName : undefined;
			if (matches(filter, generation.id, generation.model, generation.status, fileName)) results.push(generationItem(generation));
		}
		const last = rows.at(-1)?.raw;
		cursor = rows.length === LIST_PAGE_SIZE && typeof last?.id === 'string' ? last.id : undefined;
		if (!cursor || results.length > 0) break;
	}
	return { results, paginationToken: cursor };
}

async function searchAssetsOfTypes(ctx: ILoadOptionsFunctions, types: AssetType[], filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	// Sync searches asset names itself (docs/sync-api.md#assets).
	const page = await listAssets(ctx, { limit: LIST_PAGE_SIZE, sortBy: 'dateDesc', types, searchQuery: filter?.trim(), cursor: paginationToken }, { retry, parse: 'tolerant' });
	const assets = page.items.flatMap((asset) => (asset.value ? [asset.value] : []));
	const results = assets.map((asset) => ({
		name: asset.name || asset.id,
		value: asset.id,
		description: [asset.type, shortDate(asset.createdAt), asset.id].filter(Boolean).join(' · '),
		...(asset.url ? { url: asset.url } : {}),
	}));
	return { results, paginationToken: page.nextCursor };
}

export async function searchAssets(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchAssetsOfTypes(this, [], filter, paginationToken);
}

/** Only assets the chosen Visual Input Type can use: videos, or images for an image input. */
export async function searchVisualAssets(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const visualType = readerFor(this, undefined, inputSourceFields(true)).choice('visualType');
	return await searchAssetsOfTypes(this, [visualType === 'image' ? 'IMAGE' : 'VIDEO'], filter, paginationToken);
}

export async function searchAudioAssets(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchAssetsOfTypes(this, ['AUDIO'], filter, paginationToken);
}

/** The batch list has no pagination: one answer, newest first (docs/sync-api.md#batches). */
export async function searchBatches(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const rows = await listBatches(this, {}, { retry, parse: 'tolerant' });
	const results: INodeListSearchItems[] = [];
	for (const row of rows) {
		const batch = row.value;
		if (!batch) continue;
		if (!matches(filter, batch.id, batch.status)) continue;
		const total = batch.metrics.total_generations;
		const label = [shortDate(batch.created_at), batch.status, total != null ? `${total} generations` : undefined].filter(Boolean).join(' · ');
		results.push({ name: label || batch.id, value: batch.id, description: batch.id });
	}
	return { results };
}
export { searchVoices } from './voiceSearch';
export { searchProjects } from './projectSearch';

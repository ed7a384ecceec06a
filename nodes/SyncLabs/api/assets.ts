// Assets: the upload's presigned URL and registration, get, list (docs/sync-api.md#assets, #asset-upload). The
// bytes go to the presigned URL through transport/signedUrl.ts, not through the API.
import type { IDataObject, NodeApiError } from 'n8n-workflow';
import type { SyncContext } from '../transport';
import { assetSchema, presignedUploadSchema, type Asset, type AssetType } from '../schemas/asset';
import type { z } from 'zod';
import { send, type CallOptions } from './send';
import { nextCursorOf, strictList, strictObject, tolerantList, type ReadOptions, type Tolerated } from './read';
import { collectPages } from './pages';
import { mayHaveBeenCarriedOut, strictMadeObject } from './madeAnswer';

const WHAT = 'asset';

export type PresignedUpload = z.infer<typeof presignedUploadSchema> & IDataObject;

/** `POST /v2/assets/upload` (step 1): a presigned URL for one file of at most 5 GB. Asking twice creates nothing. */
export async function requestAssetUpload(
	ctx: SyncContext,
	file: { fileName: string; contentType: string; size: number },
	call: CallOptions = {},
): Promise<PresignedUpload> {
	const answer = await send(ctx, { method: 'POST', path: '/v2/assets/upload', body: { fileName: file.fileName, contentType: file.contentType, size: file.size }, repeatable: true }, call);
	return strictObject(ctx, presignedUploadSchema, answer, 'presigned upload answer', call.itemIndex);
}

export interface RegisterAssetRequest {
	/** The `url` of the presigned upload answer. */
	url: string;
	type: AssetType;
	name?: string;
	visibility?: 'USER' | 'ORGANIZATION';
	/** The project the asset joins (docs/sync-api-2026.md#projects). */
	projectId?: string;
}

/**
 * `POST /v2/assets` (step 3): registers the uploaded file. Registering twice makes two assets: never repeated after a
 * 5xx. An answer of an unexpected shape is still an asset: the error carries its id (context.assetId); after a 5xx,
 * a 408 or no answer the error says the asset may exist (context.assetMayBeRegistered).
 */
export async function registerAsset(ctx: SyncContext, request: RegisterAssetRequest, call: CallOptions = {}): Promise<Asset & IDataObject> {
	const body: IDataObject = { url: request.url, type: request.type };
	if (request.name) body.name = request.name;
	if (request.visibility) body.visibility = request.visibility;
	if (request.projectId) body.projectId = request.projectId;
	const answer = await send(ctx, { method: 'POST', path: '/v2/assets', body, repeatable: false }, call).catch((error: unknown) => {
		if (mayHaveBeenCarriedOut(ctx, error)) Object.assign((error as NodeApiError).context, { assetMayBeRegistered: true });
		throw error;
	});
	return strictMadeObject(ctx, assetSchema, answer, WHAT, call.itemIndex, ({ id, url }) => ({ assetRegistered: true, ...(id === undefined ? {} : { assetId: id }), ...(url === undefined ? {} : { assetUrl: url }) }));
}

/** `GET /v2/assets/{id}`: strict. */
export async function getAsset(ctx: SyncContext, id: string, call: CallOptions = {}): Promise<Asset & IDataObject> {
	const answer = await send(ctx, { method: 'GET', path: `/v2/assets/${encodeURIComponent(id)}`, repeatable: true }, call);
	return strictObject(ctx, assetSchema, answer, WHAT, call.itemIndex);
}

export interface AssetListQuery {
	/** Sent comma-separated, as the docs say (the SDK JSON-encodes them). */
	types?: readonly AssetType[];
	/** Sync searches the names itself. */
	searchQuery?: string;
	/** Only the assets of this project. */
	projectId?: string;
	sortBy?: string;
	/** 1-100. */
	limit: number;
	/** The `nextCursor` of the previous page. */
	cursor?: string;
}

export interface AssetPage<T> {
	items: T[];
	/** Undefined on the last page. */
	nextCursor: string | undefined;
}

/** `GET /v2/assets`: one page `{ items, nextCursor }`. */
export async function listAssets(ctx: SyncContext, query: AssetListQuery, options?: ReadOptions & { parse?: 'strict' }): Promise<AssetPage<Asset & IDataObject>>;
export async function listAssets(ctx: SyncContext, query: AssetListQuery, options: ReadOptions & { parse: 'tolerant' }): Promise<AssetPage<Tolerated<Asset>>>;
export async function listAssets(ctx: SyncContext, query: AssetListQuery, options: ReadOptions = {}): Promise<AssetPage<Asset & IDataObject> | AssetPage<Tolerated<Asset>>> {
	const qs: IDataObject = { limit: query.limit };
	if (query.types?.length) qs.types = query.types.join(',');
	if (query.searchQuery) qs.searchQuery = query.searchQuery;
	if (query.projectId) qs.projectId = query.projectId;
	if (query.sortBy) qs.sortBy = query.sortBy;
	if (query.cursor) qs.cursor = query.cursor;
	const answer = await send(ctx, { method: 'GET', path: '/v2/assets', qs, repeatable: true }, options);
	const nextCursor = nextCursorOf(answer);
	if (options.parse === 'tolerant') return { items: tolerantList(ctx, assetSchema, answer, WHAT, options.itemIndex), nextCursor };
	return { items: strictList(ctx, assetSchema, answer, WHAT, options.itemIndex), nextCursor };
}

/** Every asset of the list (or the first `limit`), following `nextCursor`: strict. */
export async function collectAssets(
	ctx: SyncContext,
	filters: Omit<AssetListQuery, 'limit' | 'cursor'>,
	limit: number | undefined,
	call: CallOptions = {},
): Promise<Array<Asset & IDataObject>> {
	return await collectPages(async (size, cursor) => {
		const page = await listAssets(ctx, { ...filters, limit: size, cursor }, call);
		// An empty page ends the list even if it names a cursor (no endless paging).
		return { items: page.items, cursor: page.items.length > 0 ? page.nextCursor : undefined };
	}, limit);
}

// Generations: create, get, list, delete and the download URL (docs/sync-api.md#create-generation, #get-generation,
// #list-generations, #delete-generation, #download-url). Every answer is a generation object (schemas/generation.ts).
import type { IDataObject, NodeApiError } from 'n8n-workflow';
import type { SyncContext } from '../transport';
import { generationSchema, type Generation } from '../schemas/generation';
import { send, type CallOptions } from './send';
import { deleteOnce } from './deleteOnce';
import { strictList, strictObject, tolerantList, tolerantObject, type ReadOptions, type Tolerated } from './read';
import { collectPages } from './pages';
import { mayHaveBeenCarriedOut, strictMadeObject } from './madeAnswer';

const WHAT = 'generation';

/** The JSON body of `POST /v2/generate` (actions/generation/generationRequest.ts builds it from the parameters). */
export type CreateGenerationBody = IDataObject & { model: string; input: IDataObject[] };

export interface CreateGenerationRequest {
	/** The JSON body, or the SDK's multipart form carrying the same fields and the files (submitGeneration.ts). */
	body: CreateGenerationBody | FormData;
	/** The same key on every attempt at the same item makes a repeat safe (docs/sync-api.md#idempotency-keys). */
	idempotencyKey: string;
}

/** `POST /v2/generate`. Keyed, so repeated after a 5xx or a reset, even after the stop signal: strict. */
export async function createGeneration(ctx: SyncContext, request: CreateGenerationRequest, call: CallOptions = {}): Promise<Generation & IDataObject> {
	const answer = await send(
		ctx,
		{ method: 'POST', path: '/v2/generate', body: request.body, headers: { 'Idempotency-Key': request.idempotencyKey }, repeatable: true, settleAfterStop: true },
		call,
	).catch((error: unknown) => {
		// No repeat got a usable answer either (a 5xx, a 408, a lost connection): the generation may exist
		// (context.generationMayBeCreated, read by actions/generation/createdGenerations.ts).
		if (mayHaveBeenCarriedOut(ctx, error)) Object.assign((error as NodeApiError).context, { generationMayBeCreated: true });
		throw error;
	});
	// An answer of a shape the node does not expect is still a generation Sync created and bills: the error names
	// it (context.generationId, read by actions/generation/createdGenerations.ts and actions/common/itemErrors.ts).
	return strictMadeObject(ctx, generationSchema, answer, WHAT, call.itemIndex, ({ id }) => ({ generationCreated: true, ...(id === undefined ? {} : { generationId: id }) }));
}

export interface GetGenerationOptions extends ReadOptions {
	/** Adds the live `progress_percent` of a running generation (`include=progress`). */
	includeProgress?: boolean;
}

function getRequest(id: string, includeProgress: boolean | undefined) {
	return { method: 'GET', path: `/v2/generate/${encodeURIComponent(id)}`, qs: includeProgress ? { include: 'progress' } : undefined, repeatable: true } as const;
}

/** `GET /v2/generate/{id}`: strict, or tolerant (undefined when the answer is not an object). */
export async function getGeneration(ctx: SyncContext, id: string, options?: GetGenerationOptions & { parse?: 'strict' }): Promise<Generation & IDataObject>;
export async function getGeneration(ctx: SyncContext, id: string, options: GetGenerationOptions & { parse: 'tolerant' }): Promise<Tolerated<Generation> | undefined>;
export async function getGeneration(ctx: SyncContext, id: string, options: GetGenerationOptions = {}): Promise<(Generation & IDataObject) | Tolerated<Generation> | undefined> {
	const answer = await send(ctx, getRequest(id, options.includeProgress), options);
	return options.parse === 'tolerant' ? tolerantObject(generationSchema, answer) : strictObject(ctx, generationSchema, answer, WHAT, options.itemIndex);
}

export interface GenerationListQuery {
	/** Only generations in these statuses (sent comma-separated, as the docs say; the SDK JSON-encodes them). */
	status?: readonly string[];
	/** Only these generations (comma-separated). */
	ids?: readonly string[];
	/** Only the generations of this project; an inaccessible project gives an empty list (docs/sync-api-2026.md#projects). */
	projectId?: string;
	/** 1-100; always sent: without it the list is neither paged nor ordered. */
	limit: number;
	/** The id of the last generation of the previous page. */
	cursor?: string;
}

function listRequest(query: GenerationListQuery) {
	const qs: IDataObject = {};
	if (query.status?.length) qs.status = query.status.join(',');
	if (query.ids?.length) qs.ids = query.ids.join(',');
	if (query.projectId) qs.projectId = query.projectId;
	qs.limit = query.limit;
	if (query.cursor) qs.cursor = query.cursor;
	return { method: 'GET', path: '/v2/generations', qs, repeatable: true } as const;
}

/** `GET /v2/generations`: one page, newest first. A page shorter than `limit` is the last. */
export async function listGenerations(ctx: SyncContext, query: GenerationListQuery, options?: ReadOptions & { parse?: 'strict' }): Promise<Array<Generation & IDataObject>>;
export async function listGenerations(ctx: SyncContext, query: GenerationListQuery, options: ReadOptions & { parse: 'tolerant' }): Promise<Array<Tolerated<Generation>>>;
export async function listGenerations(ctx: SyncContext, query: GenerationListQuery, options: ReadOptions = {}): Promise<Array<Generation & IDataObject> | Array<Tolerated<Generation>>> {
	const answer = await send(ctx, listRequest(query), options);
	return options.parse === 'tolerant' ? tolerantList(ctx, generationSchema, answer, WHAT, options.itemIndex) : strictList(ctx, generationSchema, answer, WHAT, options.itemIndex);
}

/** Every generation of the list (or the first `limit`), page after page with the last id as cursor: strict. */
export async function collectGenerations(
	ctx: SyncContext,
	filters: Omit<GenerationListQuery, 'limit' | 'cursor'>,
	limit: number | undefined,
	call: CallOptions = {},
): Promise<Array<Generation & IDataObject>> {
	return await collectPages(async (size, cursor) => {
		const items = await listGenerations(ctx, { ...filters, limit: size, cursor }, call);
		return { items, cursor: items.length < size ? undefined : items[items.length - 1].id };
	}, limit);
}

/**
 * `DELETE /v2/generations/{id}` (only finished generations; 409 while running). Sync answers with the deleted
 * generation: returned as sent, typed when it matches, undefined for an empty answer; the delete already
 * happened, so a surprising answer is no error. When the first attempt's outcome is unknown (a 5xx, a reset) the
 * repeat's 404 means that attempt deleted the generation: undefined too, as nothing describes it any more; a 404
 * of a first attempt, or of a repeat after a 429, is Sync's "no such generation" (api/deleteOnce.ts).
 */
export async function deleteGeneration(ctx: SyncContext, id: string, call: CallOptions = {}): Promise<IDataObject | undefined> {
	const outcome = await deleteOnce(ctx, `/v2/generations/${encodeURIComponent(id)}`, call);
	const deleted = 'answer' in outcome ? tolerantObject(generationSchema, outcome.answer) : undefined;
	return deleted ? (deleted.value ?? deleted.raw) : undefined;
}

/** `GET /v2/generations/{id}/download`: a freshly signed output URL, sent as text; undefined when the text is no URL. */
export async function getGenerationDownloadUrl(ctx: SyncContext, id: string, call: CallOptions = {}): Promise<string | undefined> {
	const answer = await send(ctx, { method: 'GET', path: `/v2/generations/${encodeURIComponent(id)}/download`, text: true, repeatable: true }, call);
	const url = String(answer ?? '').trim();
	return /^https?:\/\//.test(url) ? url : undefined;
}

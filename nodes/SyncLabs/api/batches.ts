// Batches: create, get, list and the results file (docs/sync-api.md#batches). Every answer but a dry run's
// is a batch object (schemas/batch.ts); the list has no paging.
import type { IDataObject, NodeApiError } from 'n8n-workflow';
import type { SyncContext } from '../transport';
import { downloadBatchResults } from '../transport/resultsFile';
import { batchSchema, type Batch } from '../schemas/batch';
import { send, type CallOptions } from './send';
import { strictList, strictObject, tolerantList, tolerantObject, type ReadOptions, type Tolerated } from './read';
import { mayHaveBeenCarriedOut, strictMadeObject } from './madeAnswer';

const WHAT = 'batch';

/**
 * The multipart form with the JSONL file (actions/batch/create.operation.ts builds it with its `input` file,
 * `webhook_url` and `dry_run` parts), or the rows of the JSON form.
 */
export type CreateBatchRequest = { form: FormData } | { rows: readonly BatchRow[]; webhookUrl?: string; dryRun?: boolean };

/** One row: a JSONL line of the file, or an element of `rows` (actions/batch/jsonl.ts checks them). */
export interface BatchRow {
	request_id: string;
	endpoint: string;
	payload: Record<string, unknown>;
}

/** What a dry run answers instead of a batch. */
export interface ValidatedBatch extends IDataObject {
	status: 'VALIDATED';
}

function createBody(request: CreateBatchRequest): FormData | IDataObject {
	if ('form' in request) return request.form;
	const rows = request.rows.map((row) => ({ ...row }) as IDataObject);
	return { rows, ...(request.webhookUrl ? { webhook_url: request.webhookUrl } : {}), ...(request.dryRun ? { dry_run: true } : {}) };
}

/**
 * `POST /v2/batch`. Batch creation has no idempotency key: never repeated after a 5xx or a reset (a 429 still
 * is). Strict; a dry run answers `{ status: "VALIDATED" }` without a batch.
 */
export async function createBatch(ctx: SyncContext, request: CreateBatchRequest, call: CallOptions = {}): Promise<(Batch & IDataObject) | ValidatedBatch> {
	const answer = await send(ctx, { method: 'POST', path: '/v2/batch', body: createBody(request), repeatable: false }, call).catch((error: unknown) => {
		// After a 5xx, a 408 or no answer the batch may exist (context.batchMayBeCreated).
		if (mayHaveBeenCarriedOut(ctx, error)) Object.assign((error as NodeApiError).context, { batchMayBeCreated: true });
		throw error;
	});
	const body = answer as IDataObject | undefined;
	if (body && typeof body === 'object' && body.status === 'VALIDATED' && body.id === undefined) return { status: 'VALIDATED' };
	// An answer of a shape the node does not expect is still a batch Sync created and bills: the error carries its
	// id (context.batchId) so the caller can name it (actions/batch/create.operation.ts).
	return strictMadeObject(ctx, batchSchema, answer, WHAT, call.itemIndex, ({ id }) => ({ batchCreated: true, ...(id === undefined ? {} : { batchId: id }) }));
}

/** `GET /v2/batch/{id}`: strict, or tolerant (undefined when the answer is not an object). */
export async function getBatch(ctx: SyncContext, id: string, options?: ReadOptions & { parse?: 'strict' }): Promise<Batch & IDataObject>;
export async function getBatch(ctx: SyncContext, id: string, options: ReadOptions & { parse: 'tolerant' }): Promise<Tolerated<Batch> | undefined>;
export async function getBatch(ctx: SyncContext, id: string, options: ReadOptions = {}): Promise<(Batch & IDataObject) | Tolerated<Batch> | undefined> {
	const answer = await send(ctx, { method: 'GET', path: `/v2/batch/${encodeURIComponent(id)}`, repeatable: true }, options);
	return options.parse === 'tolerant' ? tolerantObject(batchSchema, answer) : strictObject(ctx, batchSchema, answer, WHAT, options.itemIndex);
}

export interface BatchListQuery {
	/** One batch status. */
	status?: string;
	/** ISO 8601 date-times. */
	createdAfter?: string;
	createdBefore?: string;
}

/** `GET /v2/batch`: every matching batch in one answer, newest first (read as any list: api/read.ts). */
export async function listBatches(ctx: SyncContext, query: BatchListQuery, options?: ReadOptions & { parse?: 'strict' }): Promise<Array<Batch & IDataObject>>;
export async function listBatches(ctx: SyncContext, query: BatchListQuery, options: ReadOptions & { parse: 'tolerant' }): Promise<Array<Tolerated<Batch>>>;
export async function listBatches(ctx: SyncContext, query: BatchListQuery, options: ReadOptions = {}): Promise<Array<Batch & IDataObject> | Array<Tolerated<Batch>>> {
	const qs: IDataObject = {};
	if (query.status) qs.status = query.status;
	if (query.createdAfter) qs.created_after = query.createdAfter;
	if (query.createdBefore) qs.created_before = query.createdBefore;
	const answer = await send(ctx, { method: 'GET', path: '/v2/batch', qs, repeatable: true }, options);
	return options.parse === 'tolerant' ? tolerantList(ctx, batchSchema, answer, WHAT, options.itemIndex) : strictList(ctx, batchSchema, answer, WHAT, options.itemIndex);
}

/**
 * A finished batch's results file (its `outputUrl`, a 302 to a signed JSONL file whose line format is
 * undocumented), as text: transport/resultsFile.ts sends the API key only under the credential's base URL.
 */
export async function getBatchResults(ctx: SyncContext, outputUrl: string, call: CallOptions = {}): Promise<string> {
	return await downloadBatchResults(ctx, outputUrl, call.itemIndex ?? 0, call.retry);
}

// The polling trigger's requests: a page of generations (newest first, cursor = last id), generations by id,
// batches created after a time, one batch by id. Each answer becomes typed, watchable items.
// API: docs/sync-api.md#list-generations (limit, cursor, ids) and #batches (get, list).
// One page per call, not the client's collectGenerations: a poll stops between pages when its budget ends and
// the next poll resumes from the cursor it saved (polling/terminalWatch.ts). Reads are tolerant (api/read.ts),
// where the action node's strict reads throw, so one malformed object cannot stop every later poll: an object with
// an id and a status is emitted with what it has (a field missing or of another type is null in the event, as the
// webhook trigger reads a delivery: webhook/webhookEvent.ts), one without them is skipped.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import type { Batch } from '../schemas/batch';
import type { Generation } from '../schemas/generation';
import type { WatchedItem } from './terminalWatch';
import type { PollLimits } from './pollBudget';
import { batchEvent, generationEvent, type SyncWebhookEvent } from '../webhook/webhookEvent';
import { SyncApiError } from '../transport';
import { getBatch as getBatchById, getGeneration, listBatches as listBatchesAfter, listGenerations, type Tolerated } from '../api';
import { createdAtOf } from '../schemas/spellings';

export const PAGE_SIZE = 100;

export interface ListedItem extends WatchedItem {
	/** Null when the object has no status (it is tracked, but cannot be emitted as an event). */
	event: SyncWebhookEvent | null;
}

function watched(raw: IDataObject, event: SyncWebhookEvent | null): ListedItem | undefined {
	if (typeof raw.id !== 'string' || raw.id === '') return undefined;
	return { id: raw.id, status: String(raw.status ?? ''), createdAtMs: Date.parse(createdAtOf(raw) ?? ''), event };
}

function hasStatus(raw: IDataObject): boolean {
	return typeof raw.status === 'string' && raw.status !== '';
}

function toGeneration(read: Tolerated<Generation> | undefined): ListedItem | undefined {
	if (!read) return undefined;
	// Listed lacking a field the schema requires (input): the event reads every field leniently anyway.
	const generation = read.value ?? (hasStatus(read.raw) ? (read.raw as unknown as Generation) : undefined);
	return watched(read.raw, generation ? generationEvent(generation) : null);
}

function toBatch(read: Tolerated<Batch> | undefined): ListedItem | undefined {
	if (!read) return undefined;
	// Listed lacking a field the schema requires (metrics): the event reads every field leniently anyway.
	const batch = read.value ?? (hasStatus(read.raw) ? (read.raw as unknown as Batch) : undefined);
	return watched(read.raw, batch ? batchEvent(batch) : null);
}

export interface GenerationPage {
	items: ListedItem[];
	/** The list has nothing after this page. */
	end: boolean;
}

/** True when the API refused the cursor itself (the generation it names was deleted). */
export function isCursorRefused(error: unknown): boolean {
	return error instanceof SyncApiError && (error.statusCode === 400 || error.statusCode === 404 || error.statusCode === 422);
}

/** Statuses of a generation still running (docs/sync-api.md#list-generations: `status` takes a comma-separated list). */
export const RUNNING_GENERATION_STATUSES = 'PENDING,PROCESSING';

/** One page of generations (only those in `status`, when given), newest first, after `cursor` (the last id of the previous page). */
export async function listGenerationPage(
	this: IPollFunctions,
	cursor: string | null,
	{ limit = PAGE_SIZE, status, ...limits }: { limit?: number; status?: string } & PollLimits = {},
): Promise<GenerationPage> {
	const raw = await listGenerations(this, { status: status?.split(','), limit, cursor: cursor ?? undefined }, { ...limits, parse: 'tolerant' });
	return { items: raw.map(toGeneration).filter((g): g is ListedItem => g !== undefined), end: raw.length < limit };
}

/**
 * Generations by id (at most 100, comma-separated as the docs say); only asked ids are taken from the answer.
 * An asked id it does not return is read alone (getGenerationOrNothing) before it counts as deleted: a pending
 * generation dropped by mistake would never be emitted. polling/pollCycle.ts does those reads, one budgeted
 * request each, so a poll that ends among them keeps what it already read.
 */
export async function listGenerationsById(this: IPollFunctions, ids: string[], limits: PollLimits = {}): Promise<ListedItem[]> {
	if (ids.length === 0) return [];
	const raw = await listGenerations(this, { ids, limit: PAGE_SIZE }, { ...limits, parse: 'tolerant' });
	const asked = new Set(ids);
	return raw.map(toGeneration).filter((g): g is ListedItem => g !== undefined && asked.has(g.id));
}

/** What `read` returns, or undefined when the object no longer exists (404). */
async function unlessGone(read: () => Promise<ListedItem | undefined>): Promise<ListedItem | undefined> {
	let failure: unknown;
	try {
		return await read();
	} catch (error) {
		failure = error;
	}
	if (failure instanceof SyncApiError && failure.statusCode === 404) return undefined;
	throw failure;
}

/** One generation, or undefined when it no longer exists (404). */
export async function getGenerationOrNothing(this: IPollFunctions, id: string, limits: PollLimits = {}): Promise<ListedItem | undefined> {
	return await unlessGone(async () =>
		toGeneration(await getGeneration(this, id, { ...limits, parse: 'tolerant' })),
	);
}

/** Batches created after `afterIso` (every batch when undefined); the batch list has no paging. */
export async function listBatches(this: IPollFunctions, afterIso: string | undefined, limits: PollLimits = {}): Promise<ListedItem[]> {
	const raw = await listBatchesAfter(this, { createdAfter: afterIso }, { ...limits, parse: 'tolerant' });
	return raw.map(toBatch).filter((b): b is ListedItem => b !== undefined);
}

/** One batch, or undefined when it no longer exists (404). */
export async function getBatch(this: IPollFunctions, id: string, limits: PollLimits = {}): Promise<ListedItem | undefined> {
	return await unlessGone(async () =>
		toBatch(await getBatchById(this, id, { ...limits, parse: 'tolerant' })),
	);
}

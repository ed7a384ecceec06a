// Projects: create (idempotent with a client id), get, list (docs/sync-api-2026.md#projects).
import type { IDataObject } from 'n8n-workflow';
import type { SyncContext } from '../transport';
import { projectSchema, type Project, type ProjectMode, type ProjectVisibility } from '../schemas/project';
import { send, type CallOptions } from './send';
import { nextCursorOf, strictList, strictObject, tolerantList, type ReadOptions, type Tolerated } from './read';
import { collectPages } from './pages';

const WHAT = 'project';

export interface CreateProjectRequest {
	/**
	 * The client's UUID: the same id again returns the existing project and ignores the other fields, so the
	 * create is safe to repeat; an id of another user or organization, or of a deleted project, is a 409.
	 */
	id: string;
	name: string;
	description?: string;
	visibility?: ProjectVisibility;
	mode?: ProjectMode;
	defaultWorkflow?: string;
}

/** `POST /v2/projects`: always with a client id, so repeated after a 5xx or a reset like any keyed create. */
export async function createProject(ctx: SyncContext, request: CreateProjectRequest, call: CallOptions = {}): Promise<Project & IDataObject> {
	const body: IDataObject = { id: request.id, name: request.name };
	for (const key of ['description', 'visibility', 'mode', 'defaultWorkflow'] as const) {
		if (request[key] !== undefined && request[key] !== '') body[key] = request[key];
	}
	const answer = await send(ctx, { method: 'POST', path: '/v2/projects', body, repeatable: true, settleAfterStop: true }, call);
	return strictObject(ctx, projectSchema, answer, WHAT, call.itemIndex);
}

/** `GET /v2/projects/{id}`: strict; 404 when the project is not accessible. */
export async function getProject(ctx: SyncContext, id: string, call: CallOptions = {}): Promise<Project & IDataObject> {
	const answer = await send(ctx, { method: 'GET', path: `/v2/projects/${encodeURIComponent(id)}`, repeatable: true }, call);
	return strictObject(ctx, projectSchema, answer, WHAT, call.itemIndex);
}

export interface ProjectListQuery {
	/** Sync matches the names itself. */
	searchQuery?: string;
	sortBy?: 'updatedAt' | 'name';
	/** 1-100 (Sync's default is 10, so it is always sent). */
	limit: number;
	cursor?: string;
}

export interface ProjectPage<T> {
	items: T[];
	/** Undefined on the last page (Sync leaves `nextCursor` out, or sends null). */
	nextCursor: string | undefined;
}

/** `GET /v2/projects`: one page `{ items, nextCursor }`, most recently updated first. */
export async function listProjects(ctx: SyncContext, query: ProjectListQuery, options?: ReadOptions & { parse?: 'strict' }): Promise<ProjectPage<Project & IDataObject>>;
export async function listProjects(ctx: SyncContext, query: ProjectListQuery, options: ReadOptions & { parse: 'tolerant' }): Promise<ProjectPage<Tolerated<Project>>>;
export async function listProjects(ctx: SyncContext, query: ProjectListQuery, options: ReadOptions = {}): Promise<ProjectPage<Project & IDataObject> | ProjectPage<Tolerated<Project>>> {
	const qs: IDataObject = { limit: query.limit };
	if (query.searchQuery) qs.searchQuery = query.searchQuery;
	if (query.sortBy) qs.sortBy = query.sortBy;
	if (query.cursor) qs.cursor = query.cursor;
	const answer = await send(ctx, { method: 'GET', path: '/v2/projects', qs, repeatable: true }, options);
	const nextCursor = nextCursorOf(answer);
	if (options.parse === 'tolerant') return { items: tolerantList(ctx, projectSchema, answer, WHAT, options.itemIndex), nextCursor };
	return { items: strictList(ctx, projectSchema, answer, WHAT, options.itemIndex), nextCursor };
}

/** Every project of the list (or the first `limit`), following `nextCursor`: strict. */
export async function collectProjects(
	ctx: SyncContext,
	filters: Omit<ProjectListQuery, 'limit' | 'cursor'>,
	limit: number | undefined,
	call: CallOptions = {},
): Promise<Array<Project & IDataObject>> {
	return await collectPages(async (size, cursor) => {
		const page = await listProjects(ctx, { ...filters, limit: size, cursor }, call);
		// An empty page ends the list even if it names a cursor (no endless paging).
		return { items: page.items, cursor: page.items.length > 0 ? page.nextCursor : undefined };
	}, limit);
}

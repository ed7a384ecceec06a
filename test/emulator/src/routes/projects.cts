// Project endpoints: create (idempotent by a client-given id), list (cursor, searchQuery, sortBy), get, attach an
// asset (204) and detach it from the draft content (204) (docs/sync-api-2026.md#projects).
import { randomUUID } from 'crypto';
import { z } from 'zod';
import { ApiError, codedError } from '../errors.cjs';
import type { Ctx, Route } from '../context.cjs';
import { intParam } from '../context.cjs';
import type { Reply } from '../http.cjs';
import { json, readJson } from '../http.cjs';
import { materializeConfiguredProjects, projectView, visibleTo } from '../projects.cjs';
import { parseOr400 } from '../schemas.cjs';
import type { ProjectRecord } from '../surfaces-state.cjs';

/** Values seen in Sync's docs; the enum is cut off there, so Sync may accept more. */
export const DEFAULT_WORKFLOWS = ['lipsync', 'translate_and_dub', 'change_appearance', 'image_to_video', 'edit_dialogue'] as const;

const CreateProjectSchema = z
	.object({
		name: z.string().min(1).max(255),
		id: z.string().uuid().optional(),
		visibility: z.enum(['USER', 'ORGANIZATION']).optional(),
		mode: z.enum(['CREATOR', 'DEVELOPER']).optional(),
		description: z.string().max(2000).optional(),
		defaultWorkflow: z.enum(DEFAULT_WORKFLOWS).nullable().optional(),
	})
	.strict();

const AttachSchema = z.object({ assetId: z.string().min(1) }).strict();

function conflict(): ApiError {
	return codedError(409, 'project_conflict', { field: 'id' });
}

async function create(ctx: Ctx) {
	const { core } = ctx;
	const raw = await readJson(ctx.req, (n) => (ctx.record.bodyBytes += n));
	ctx.record.json = raw;
	const body = parseOr400(CreateProjectSchema, raw ?? {}, { errorCode: 'generation_input_validation_failed' });
	materializeConfiguredProjects(core);
	const { projects } = core.state.surfaces;
	const status = core.config.projectCreateStatus;
	if (body.id !== undefined) {
		if (core.config.foreignProjectIds.includes(body.id)) throw conflict();
		const existing = projects.get(body.id);
		// The same id again returns the existing project and ignores the other fields.
		if (existing) {
			if (!visibleTo(existing, ctx.apiKey)) throw conflict();
			return json(status, projectView(existing));
		}
	}
	const now = core.now();
	const p: ProjectRecord = {
		id: body.id ?? randomUUID(),
		seq: core.state.surfaces.nextProjectSeq(),
		name: body.name,
		description: body.description,
		visibility: body.visibility ?? 'USER',
		mode: body.mode ?? 'CREATOR',
		defaultWorkflow: body.defaultWorkflow ?? null,
		createdAtMs: now,
		updatedAtMs: now,
		apiKey: ctx.apiKey,
	};
	projects.set(p.id, p);
	core.counters.projectsCreated += 1;
	return json(status, projectView(p));
}

interface ProjectCursor {
	o: number;
	s: string;
	q: string;
}

function encodeCursor(c: ProjectCursor): string {
	return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string, sortBy: string, search: string): number {
	let c: Partial<ProjectCursor> = {};
	try {
		c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<ProjectCursor>;
	} catch {
		/* invalid */
	}
	if (!Number.isInteger(c.o) || (c.o as number) < 0) throw new ApiError(400, ['cursor is invalid'], { field: 'cursor' });
	if (c.s !== sortBy || c.q !== search) throw new ApiError(400, ['cursor belongs to another searchQuery or sortBy'], { field: 'cursor' });
	return c.o as number;
}

async function list(ctx: Ctx) {
	const { core } = ctx;
	const q = ctx.query;
	const limit = intParam(q, 'limit', 1, 100) ?? 10;
	const sortBy = q.get('sortBy') ?? 'updatedAt';
	if (sortBy !== 'updatedAt' && sortBy !== 'name') throw new ApiError(400, ['sortBy must be one of the following values: updatedAt, name'], { field: 'sortBy' });
	const search = q.get('searchQuery') ?? '';
	materializeConfiguredProjects(core);
	let all = [...core.state.surfaces.projects.values()].filter((p) => visibleTo(p, ctx.apiKey));
	if (search) all = all.filter((p) => p.name.toLowerCase().includes(search.toLowerCase()));
	all.sort(sortBy === 'name' ? (a, b) => a.name.localeCompare(b.name) || a.seq - b.seq : (a, b) => b.updatedAtMs - a.updatedAtMs || b.seq - a.seq);
	const cursor = q.get('cursor');
	const start = cursor ? decodeCursor(cursor, sortBy, search) : 0;
	const body: Record<string, unknown> = { items: all.slice(start, start + limit).map(projectView) };
	if (start + limit < all.length) body.nextCursor = encodeCursor({ o: start + limit, s: sortBy, q: search });
	else if (core.config.projectsLastPageCursor === 'null') body.nextCursor = null;
	return json(200, body);
}

function find(ctx: Ctx): ProjectRecord {
	materializeConfiguredProjects(ctx.core);
	const p = ctx.core.state.surfaces.projects.get(ctx.params[0]);
	if (!p || !visibleTo(p, ctx.apiKey)) throw codedError(404, 'project_not_found', { message: `Project with id ${ctx.params[0]} not found` });
	return p;
}

async function get(ctx: Ctx) {
	return json(200, projectView(find(ctx)));
}

function empty(ctx: Ctx): Reply {
	return { status: ctx.core.config.projectAssetAnswer === 'empty200' ? 200 : 204 };
}

async function attach(ctx: Ctx): Promise<Reply> {
	const raw = await readJson(ctx.req, (n) => (ctx.record.bodyBytes += n));
	ctx.record.json = raw;
	const p = find(ctx);
	const { assetId } = parseOr400(AttachSchema, raw ?? {}, { errorCode: 'generation_input_validation_failed' });
	if (!ctx.core.state.assets.has(assetId)) throw new ApiError(422, [`Asset ${assetId} does not belong to this organization`], { field: 'assetId' });
	const { projectAssets, detachedDrafts } = ctx.core.state.surfaces;
	const set = projectAssets.get(p.id) ?? new Set<string>();
	set.add(assetId);
	projectAssets.set(p.id, set);
	detachedDrafts.delete(`${p.id}/${assetId}`);
	p.updatedAtMs = ctx.core.now();
	return empty(ctx);
}

/** Detaches the asset from the project's draft content only: it stays in the project's asset library. */
async function detach(ctx: Ctx): Promise<Reply> {
	const p = find(ctx);
	if (ctx.core.config.accountOwnerless) throw codedError(422, 'api_key_owner_required');
	ctx.core.state.surfaces.detachedDrafts.add(`${p.id}/${ctx.params[1]}`);
	return empty(ctx);
}

const ID = '([^/]+)';
export const projectRoutes: Route[] = [
	{ method: 'POST', pattern: /^\/v2\/projects$/, auth: true, handler: create },
	{ method: 'GET', pattern: /^\/v2\/projects$/, auth: true, handler: list },
	{ method: 'GET', pattern: new RegExp(`^/v2/projects/${ID}$`), auth: true, handler: get },
	{ method: 'POST', pattern: new RegExp(`^/v2/projects/${ID}/assets$`), auth: true, handler: attach },
	{ method: 'DELETE', pattern: new RegExp(`^/v2/projects/${ID}/assets/${ID}$`), auth: true, handler: detach },
];

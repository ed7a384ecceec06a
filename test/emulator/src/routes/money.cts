// Money: GET /v2/generate/{id}/costs, GET /v2/usage/generations (finished in [startTime, endTime), oldest first,
// cursor), GET /v2/account and GET /v2/account/organizations (docs/sync-api-2026.md#costs, #usage-export, #account).
import { createHash } from 'crypto';
import { ApiError } from '../errors.cjs';
import type { Core, Ctx, Route } from '../context.cjs';
import { intParam } from '../context.cjs';
import { json } from '../http.cjs';
import { billedParts, costView } from '../costs.cjs';
import type { GenerationRecord } from '../state.cjs';
import { generationStatus, terminalAt, TERMINAL } from '../state.cjs';
import { PLAN_MAX_OUTPUT_S } from './generation-create.cjs';
import type { Plan } from '../types.cjs';

export const ORGANIZATION = { id: '5d1e7c3a-9b2f-4e8d-a6c1-0f3b2a1d4e5c', name: 'Emulator organization' };
export const ACCOUNT_USER = { id: '8a2b4c6d-1e3f-4a5b-9c7d-2e4f6a8b0c1d', email: 'owner@example.test', name: 'Emulator Owner' };
export const BILLING_URL = 'https://sync.so/billing';
/** Concurrent generations per plan (docs/sync-api.md#plan-limits); enterprise is not published. */
export const PLAN_CONCURRENCY: Record<Plan, number | null> = { free: 1, hobbyist: 1, creator: 3, growth: 6, scale: 15, enterprise: null };
export const USAGE_MAX_LIMIT = 500;
export const USAGE_DEFAULT_LIMIT = 100;

function generation(ctx: Ctx): GenerationRecord {
	const g = ctx.core.state.generations.get(ctx.params[0]);
	if (!g) throw new ApiError(404, `Generation with id ${ctx.params[0]} not found`);
	return g;
}

async function costs(ctx: Ctx) {
	return json(200, costView(ctx.core, generation(ctx)));
}

function time(ctx: Ctx, name: string): number {
	const raw = ctx.query.get(name);
	if (raw === null || raw.trim() === '') throw new ApiError(400, [`${name} is required (UTC ISO 8601, e.g. 2026-11-12T00:00:00Z)`], { field: name });
	const ms = Date.parse(raw);
	if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(ms)) throw new ApiError(400, [`${name} must be an ISO 8601 date-time`], { field: name });
	return ms;
}

/** Never the whole key: a short id derived from it, a name and the first characters. */
function apiKeyView(core: Core, key: string): unknown {
	const prefix = `${key.slice(0, Math.min(4, Math.floor(key.length / 2)))}…`;
	if (core.config.usageApiKeyShape === 'string') return prefix;
	return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), name: 'API key', prefix };
}

interface UsageCursor {
	s: number;
	e: number;
	f: number;
	c: number;
	i: string;
}

type Row = { g: GenerationRecord; f: number };

function after(r: Row, c: UsageCursor): boolean {
	if (r.f !== c.f) return r.f > c.f;
	if (r.g.createdAtMs !== c.c) return r.g.createdAtMs > c.c;
	return r.g.id > c.i;
}

async function usage(ctx: Ctx) {
	const { core } = ctx;
	const start = time(ctx, 'startTime');
	const end = time(ctx, 'endTime');
	if (!(end > start)) throw new ApiError(400, ['endTime must be after startTime'], { field: 'endTime' });
	const limit = intParam(ctx.query, 'limit', 1, USAGE_MAX_LIMIT) ?? USAGE_DEFAULT_LIMIT;
	const now = core.now();
	// Finished generations only, by the time they finished: start inclusive, end exclusive, oldest first.
	let rows: Row[] = [...core.state.generations.values()]
		.filter((g) => TERMINAL.has(generationStatus(g, now)))
		.map((g) => ({ g, f: terminalAt(g) }))
		.filter((r) => r.f >= start && r.f < end)
		.sort((a, b) => a.f - b.f || a.g.createdAtMs - b.g.createdAtMs || (a.g.id < b.g.id ? -1 : 1));
	const cursorText = ctx.query.get('cursor');
	if (cursorText) {
		let c: Partial<UsageCursor> = {};
		try {
			c = JSON.parse(Buffer.from(cursorText, 'base64url').toString('utf8')) as Partial<UsageCursor>;
		} catch {
			/* invalid */
		}
		if (typeof c.f !== 'number' || typeof c.c !== 'number' || typeof c.i !== 'string') throw new ApiError(400, ['cursor is invalid'], { field: 'cursor' });
		if (c.s !== start || c.e !== end) throw new ApiError(400, ['cursor must be sent with the same startTime and endTime'], { field: 'cursor' });
		rows = rows.filter((r) => after(r, c as UsageCursor));
	}
	const page = rows.slice(0, limit);
	const last = page[page.length - 1];
	const items = page.map(({ g, f }) => ({
		...costView(core, g),
		createdAt: new Date(g.createdAtMs).toISOString(),
		finishedAt: new Date(f).toISOString(),
		model: g.model,
		apiKey: apiKeyView(core, g.apiKey),
	}));
	const nextCursor = rows.length > limit && last ? Buffer.from(JSON.stringify({ s: start, e: end, f: last.f, c: last.g.createdAtMs, i: last.g.id })).toString('base64url') : null;
	return json(200, { items, nextCursor });
}

function checkOrganizationHeader(ctx: Ctx): void {
	const raw = ctx.req.headers['x-sync-organization-id'];
	const id = Array.isArray(raw) ? raw[0] : raw;
	if (id === undefined) return;
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new ApiError(400, ['x-sync-organization-id must be a UUID'], { field: 'x-sync-organization-id' });
	if (id !== ORGANIZATION.id) throw new ApiError(403, 'This credential cannot act in that organization.', { field: 'x-sync-organization-id' });
}

function cents(micro: number): number {
	return Math.round(micro / 1e4);
}

function micro(decimal: unknown): number {
	return typeof decimal === 'string' ? Math.round(Number(decimal) * 1e6) : 0;
}

function balance(core: Core, model: string): Record<string, unknown> {
	const gens = [...core.state.generations.values()];
	const views = gens.map((g) => costView(core, g));
	const spent = views.reduce((s, v) => s + micro(v.knownSubtotalUsd), 0);
	const now = core.now();
	const ttsSeconds = [...core.state.surfaces.ttsAudio.values()].reduce((s, a) => s + a.durationS, 0);
	if (model === 'credits') {
		const held = gens.filter((g) => !TERMINAL.has(generationStatus(g, now)) && g.billing).reduce((s, g) => {
			const p = billedParts(g.billing as NonNullable<GenerationRecord['billing']>, g.model);
			return s + p.lipsync + p.dubbing + p.speech;
		}, 0);
		const total = Math.round(core.config.creditBalanceUsd * 1e6) - spent;
		return { balance: (total / 1e6).toFixed(6), available: ((total - held) / 1e6).toFixed(6), inFlight: (held / 1e6).toFixed(6) };
	}
	if (model === 'free') {
		return { generationsUsed: gens.length, generationsMax: 3, ttsUsed: core.state.surfaces.ttsAudio.size, ttsMax: 10, monthlyResetDate: null };
	}
	const incomplete = views.some((v) => v.availability === 'pending' || v.availability === 'partial');
	return {
		totalCostCents: incomplete ? null : cents(spent),
		totalFrames: gens.reduce((s, g) => s + (generationStatus(g, now) === 'COMPLETED' ? g.billing?.frames ?? 0 : 0), 0),
		totalTtsSeconds: Math.round(ttsSeconds * 100) / 100,
	};
}

async function account(ctx: Ctx) {
	checkOrganizationHeader(ctx);
	const { core } = ctx;
	const c = core.config;
	const plan = c.plan;
	const billingModel = c.billingModel ?? (plan === 'free' ? 'free' : plan === 'enterprise' ? 'enterprise' : 'usage');
	const body: Record<string, unknown> = {
		account: c.accountOwnerless ? null : ACCOUNT_USER,
		organization: ORGANIZATION,
		credentialType: 'api_key',
		billingModel,
		billingUrl: BILLING_URL,
	};
	if (!c.accountOmitsLimits) {
		const maxOutput = PLAN_MAX_OUTPUT_S[plan];
		body.plan = { name: plan };
		body.limits = {
			concurrentGenerations: c.concurrencyLimit ?? PLAN_CONCURRENCY[plan],
			maxOutputSeconds: Number.isFinite(maxOutput) ? maxOutput : null,
			voiceClones: c.voiceCloneSlots,
			voiceClonesUsed: core.state.surfaces.voices.size,
			voiceClonesPerHour: c.voiceCloneRateLimitPerHour,
			ttsRequestsPerMinute: c.ttsRateLimitPerMinute,
		};
		body.balance = balance(core, billingModel);
	}
	return json(200, body);
}

async function organizations(ctx: Ctx) {
	checkOrganizationHeader(ctx);
	return json(200, { organizations: [ORGANIZATION] });
}

const ID = '([^/]+)';
export const moneyRoutes: Route[] = [
	{ method: 'GET', pattern: new RegExp(`^/v2/generate/${ID}/costs$`), auth: true, handler: costs },
	{ method: 'GET', pattern: /^\/v2\/usage\/generations$/, auth: true, handler: usage },
	{ method: 'GET', pattern: /^\/v2\/account$/, auth: true, handler: account },
	{ method: 'GET', pattern: /^\/v2\/account\/organizations$/, auth: true, handler: organizations },
];

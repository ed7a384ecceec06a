// Voice endpoints: list (no paging), get, clone from a Sync-hosted sample (10 per hour per key on Sync's clock,
// clone slots, unique names), delete; and the public preview files (docs/sync-api-2026.md#voices).
import { randomBytes, randomUUID } from 'crypto';
import { z } from 'zod';
import { ApiError, codedError } from '../errors.cjs';
import type { Core, Ctx, Route } from '../context.cjs';
import type { Reply } from '../http.cjs';
import { json, readJson } from '../http.cjs';
import { TINY_WAV } from '../media.cjs';
import { parseOr400 } from '../schemas.cjs';
import type { AssetRecord } from '../state.cjs';
import type { VoiceRecord } from '../surfaces-state.cjs';

export interface BuiltInVoice {
	id: string;
	name: string;
	restricted?: boolean;
}

/**
 * ElevenLabs voices every organization sees. The first id and name are the example of Sync's voice-cloning guide;
 * the last voice carries `restriction` (it cannot speak now).
 */
export const BUILT_IN_VOICES: readonly BuiltInVoice[] = [
	{ id: 'EXAVITQu4vr4xnSDxMaL', name: 'Rachel' },
	{ id: 'pNInz6obpgDQGcFmaJgB', name: 'Adam' },
	{ id: 'ErXwobaYiN019PkySvjV', name: 'Antoni' },
	{ id: 'MF3mGyEYCl7XYWbV9V6O', name: 'Elli' },
	{ id: 'TxGEqnHWrfWFTfGW9XjX', name: 'Josh', restricted: true },
];

const HOUR_MS = 3_600_000;

function restriction(core: Core): unknown {
	const shape = core.config.voiceRestrictionShape;
	if (shape === 'string') return 'unavailable';
	if (shape === 'boolean') return true;
	return { reason: 'unavailable', message: 'This voice cannot synthesize speech at the moment.' };
}

function withIds(core: Core, v: Record<string, unknown>, id: string, providerVoiceId: string, cloned: boolean): Record<string, unknown> {
	const spelling = core.config.voiceIdSpelling;
	if (spelling === 'voiceId') return { voiceId: id, ...v };
	if (spelling === 'id') return { id, ...v };
	return cloned ? { id, internalVoiceId: id, voiceId: providerVoiceId, ...v } : { id, voiceId: id, ...v };
}

export function builtInView(core: Core, b: BuiltInVoice): Record<string, unknown> {
	const v = withIds(core, { provider: 'elevenlabs', name: b.name, previewUrl: `${core.baseUrl}/voice-previews/${b.id}.wav` }, b.id, b.id, false);
	if (b.restricted) v.restriction = restriction(core);
	return v;
}

export function cloneView(core: Core, r: VoiceRecord): Record<string, unknown> {
	return withIds(core, { provider: 'elevenlabs', name: r.name, previewUrl: `${core.baseUrl}/voice-previews/${r.id}.wav` }, r.id, r.providerVoiceId, true);
}

/** A usable `voiceId` (a built-in id or a clone's Sync UUID) → what it is; the provider-side id of a clone is not one. */
export function findVoice(core: Core, id: string): { builtIn?: BuiltInVoice; clone?: VoiceRecord } | undefined {
	const builtIn = BUILT_IN_VOICES.find((b) => b.id === id);
	if (builtIn) return { builtIn };
	const clone = core.state.surfaces.voices.get(id);
	return clone ? { clone } : undefined;
}

function checkProvider(ctx: Ctx): void {
	const provider = ctx.query.get('provider');
	if (provider !== null && provider !== 'elevenlabs') throw new ApiError(400, ['provider must be one of the following values: elevenlabs'], { field: 'provider' });
}

async function list(ctx: Ctx) {
	checkProvider(ctx);
	const { core } = ctx;
	const voices = [...BUILT_IN_VOICES.map((b) => builtInView(core, b)), ...[...core.state.surfaces.voices.values()].map((r) => cloneView(core, r))];
	return json(200, core.config.voicesListShape === 'items' ? { items: voices } : voices);
}

function voiceNotFound(id: string): ApiError {
	return codedError(404, 'voice_not_found', { message: `Voice ${id} not found` });
}

async function get(ctx: Ctx) {
	checkProvider(ctx);
	const found = findVoice(ctx.core, ctx.params[0]);
	if (!found) throw voiceNotFound(ctx.params[0]);
	return json(200, found.builtIn ? builtInView(ctx.core, found.builtIn) : cloneView(ctx.core, found.clone as VoiceRecord));
}

// Field names from Sync's MCP server (`voices_clone-voice`); the docs page is cut off before its field list.
const CloneSchema = z
	.object({
		name: z.string().trim().min(1).max(255),
		url: z.string().url().optional(),
		assetId: z.string().min(1).optional(),
		provider: z.literal('elevenlabs').optional(),
		description: z.string().max(1000).optional(),
	})
	.strict();

interface Sample {
	kind: 'AUDIO' | 'VIDEO' | 'IMAGE';
	size?: number;
	name: string;
	url: string;
}

/** The sample must already be in Sync storage: an uploaded file (its public URL) or an uploaded asset. */
function resolveSample(core: Core, body: z.infer<typeof CloneSchema>): Sample {
	const { state, baseUrl } = core;
	if (body.assetId !== undefined) {
		const asset: AssetRecord | undefined = state.assets.get(body.assetId);
		if (!asset) throw codedError(422, 'voice_sample_not_accessible', { field: 'assetId' });
		if (asset.inputType !== 'UPLOAD') throw codedError(422, 'voice_sample_upload_required', { field: 'assetId' });
		return { kind: asset.type, size: asset.size, name: asset.name, url: asset.url };
	}
	const url = body.url as string;
	const uploads = `${baseUrl}/media/uploads/`;
	if (url.startsWith(uploads)) {
		const up = state.uploads.get(url.slice(uploads.length).split('/')[0]);
		if (!up || !up.received) throw codedError(422, 'voice_sample_not_accessible', { field: 'url' });
		const kind = up.contentType.startsWith('audio/') ? 'AUDIO' : up.contentType.startsWith('video/') ? 'VIDEO' : 'IMAGE';
		return { kind, size: up.size, name: up.fileName, url };
	}
	const media = `${baseUrl}/media/`;
	if (url.startsWith(media)) {
		const asset = state.assets.get(url.slice(media.length).split('/')[0]);
		if (!asset) throw codedError(422, 'voice_sample_not_accessible', { field: 'url' });
		return { kind: asset.type, size: asset.size, name: asset.name, url };
	}
	throw codedError(422, 'voice_sample_upload_required', { field: 'url' });
}

async function clone(ctx: Ctx) {
	const { core } = ctx;
	const c = core.config;
	const raw = await readJson(ctx.req, (n) => (ctx.record.bodyBytes += n));
	ctx.record.json = raw;
	// Every request counts against the hourly window, whatever its outcome (the rate-limits guide counts requests).
	const wait = core.state.surfaces.rates.take('voices.clone', ctx.apiKey, c.voiceCloneRateLimitPerHour, HOUR_MS, core.now());
	if (wait !== undefined) {
		throw codedError(429, 'rate_limit_exceeded', { message: `Rate limit exceeded: at most ${c.voiceCloneRateLimitPerHour} voice clones per hour.` });
	}
	const body = parseOr400(CloneSchema, raw ?? {}, { errorCode: 'generation_input_validation_failed' });
	if ((body.url === undefined) === (body.assetId === undefined)) {
		throw new ApiError(400, ['Give exactly one of url or assetId'], { field: 'url', errorCode: 'generation_input_validation_failed' });
	}
	const voices = core.state.surfaces.voices;
	if (voices.size >= c.voiceCloneSlots) throw codedError(403, 'voice_clone_limit_reached');
	if ([...voices.values()].some((v) => v.name === body.name)) {
		throw codedError(409, 'voice_name_conflict', { field: 'name' });
	}
	const sample = resolveSample(core, body);
	if (sample.kind === 'IMAGE') throw codedError(422, 'voice_sample_type_unsupported', { field: body.assetId ? 'assetId' : 'url' });
	if (sample.kind === 'VIDEO' && (sample.size ?? 0) > c.voiceSampleMaxVideoBytes) throw codedError(413, 'voice_sample_source_too_large', { field: body.assetId ? 'assetId' : 'url' });
	if (sample.name.includes('sync_sample_too_short')) throw codedError(422, 'voice_sample_too_short', { field: body.assetId ? 'assetId' : 'url' });
	const record: VoiceRecord = {
		id: randomUUID(),
		providerVoiceId: randomBytes(15).toString('base64url').slice(0, 20),
		name: body.name,
		apiKey: ctx.apiKey,
		createdAtMs: core.now(),
		sampleUrl: sample.url,
	};
	voices.set(record.id, record);
	core.counters.voicesCloned += 1;
	return json(c.voiceCloneStatus, cloneView(core, record));
}

async function remove(ctx: Ctx): Promise<Reply> {
	const { core } = ctx;
	const id = ctx.params[0];
	if (!core.state.surfaces.voices.delete(id)) throw voiceNotFound(id);
	core.counters.voicesDeleted += 1;
	return core.config.voiceDeleteAnswer === 'empty204' ? { status: 204 } : json(200, true);
}

async function preview(): Promise<Reply> {
	return { status: 200, raw: TINY_WAV, headers: { 'Content-Type': 'audio/wav' } };
}

const ID = '([^/]+)';
export const voiceRoutes: Route[] = [
	{ method: 'GET', pattern: /^\/v2\/voices$/, auth: true, handler: list },
	{ method: 'POST', pattern: /^\/v2\/voices$/, auth: true, handler: clone },
	{ method: 'GET', pattern: new RegExp(`^/v2/voices/${ID}$`), auth: true, handler: get },
	{ method: 'DELETE', pattern: new RegExp(`^/v2/voices/${ID}$`), auth: true, handler: remove },
	{ method: 'GET', pattern: /^\/voice-previews\/[^/]+\.wav$/, auth: false, raw: true, handler: preview },
];

// Runtime mirrors of the @sync.so/sdk 0.3.0 response types, tied to the .d.ts files at compile time: each schema's
// inferred type must be assignable to the SDK type (so a value that passes the schema is a valid SDK value).
// The emulator sends `null` for unset optional fields (as the live API does for nullable columns); the SDK types
// them as optional, so nulls are removed before checking (`withoutNulls`).
import type { Sync } from '@sync.so/sdk';
import { z } from 'zod';

const model = z.enum(['lipsync-2', 'lipsync-1.9.0-beta', 'lipsync-2-pro', 'react-1', 'sync-3']);
const video = z.object({
	type: z.literal('video'),
	url: z.string().optional(),
	assetId: z.string().optional(),
	segments_secs: z.array(z.array(z.number())).optional(),
	segments_frames: z.array(z.array(z.number())).optional(),
}).strict();
const audio = z.object({ type: z.literal('audio'), url: z.string().optional(), assetId: z.string().optional(), refId: z.string().optional() }).strict();
const tts = z.object({
	type: z.literal('text'),
	provider: z.object({
		name: z.literal('elevenlabs'),
		voiceId: z.string(),
		script: z.string(),
		stability: z.number().optional(),
		similarityBoost: z.number().optional(),
	}).strict(),
	refId: z.string().optional(),
}).strict();
const input = z.union([video, audio, tts]);
const options = z.object({
	sync_mode: z.enum(['bounce', 'loop', 'cut_off', 'silence', 'remap']).optional(),
	model_mode: z.enum(['lips', 'face', 'head']).optional(),
	prompt: z.enum(['happy', 'sad', 'angry', 'disgusted', 'surprised', 'neutral']).optional(),
	temperature: z.number().optional(),
	active_speaker_detection: z
		.object({
			auto_detect: z.boolean().optional(),
			frame_number: z.number().optional(),
			coordinates: z.array(z.number()).optional(),
			bounding_boxes: z.array(z.array(z.number()).optional()).optional(),
		})
		.strict()
		.optional(),
	occlusion_detection_enabled: z.boolean().optional(),
}).strict();
const segment = z.object({
	startTime: z.number(),
	endTime: z.number(),
	audioInput: z.object({ refId: z.string(), startTime: z.number().optional(), endTime: z.number().optional() }).strict(),
}).strict();

/** Generation fields of SDK 0.3.0 plus the [newer] documented ones (errorCode, outputFileName, projectId, progress_percent). */
export const GenerationShape = z.object({
	createdAt: z.string().datetime(),
	error: z.string().optional(),
	error_code: z.string().optional(),
	id: z.string().uuid(),
	input: z.array(input).min(1),
	model,
	options: options.optional(),
	outputDuration: z.number().optional(),
	outputUrl: z.string().url().optional(),
	segments: z.array(segment).optional(),
	segmentOutputUrl: z.string().optional(),
	status: z.enum(['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'REJECTED']),
	webhookUrl: z.string().optional(),
	errorCode: z.string().optional(),
	outputFileName: z.string().optional(),
	projectId: z.string().optional(),
	progress_percent: z.number().min(0).max(100).optional(),
}).strict();

export const GenerationNotificationShape = GenerationShape.extend({ status: z.enum(['COMPLETED', 'FAILED']) });

export const EstimatedCostShape = z.object({ estimatedFrameCount: z.number(), estimatedGenerationCost: z.number() }).strict();

export const BatchShape = z.object({
	id: z.string(),
	created_at: z.string().datetime(),
	status: z.enum(['PENDING', 'JOBS_CREATED', 'PROCESSING', 'COMPLETED', 'FAILED']),
	metrics: z.object({
		total_generations: z.number().int(),
		success_count: z.number().int(),
		failed_count: z.number().int(),
		pending_count: z.number().int(),
	}).strict(),
	webhookUrl: z.string().optional(),
	outputUrl: z.string().url(),
}).strict();

export const ValidationShape = z.object({ status: z.literal('VALIDATED') }).strict();

export const AssetShape = z.object({
	id: z.string(),
	createdAt: z.string().datetime(),
	updatedAt: z.string().datetime(),
	name: z.string().optional(),
	url: z.string().optional(),
	size: z.number().int().optional(),
	format: z.string().optional(),
	type: z.enum(['AUDIO', 'VIDEO', 'IMAGE']),
	inputType: z.enum(['UPLOAD', 'URL', 'RECORD', 'TTS', 'EXTRACT', 'PLATFORM_IMPORT']).optional(),
	durationSeconds: z.number().optional(),
	thumbnailUrl: z.string().optional(),
	visibility: z.enum(['USER', 'ORGANIZATION']),
	width: z.number().int().optional(),
	height: z.number().int().optional(),
}).strict();

export const PaginatedAssetsShape = z.object({
	items: z.array(AssetShape),
	nextCursor: z.string().optional(),
	totalCount: z.number().int().optional(),
}).strict();

export const ModelInfoShape = z.object({
	id: z.string(),
	name: z.string(),
	type: z.enum(['lipsync', 'react']),
	version: z.string(),
	description: z.string().optional(),
	deprecatedAt: z.string().optional(),
}).strict();

export const ErrorBodyShape = z.object({
	statusCode: z.number().int(),
	message: z.union([z.string(), z.array(z.string())]),
	error: z.string().optional(),
	errorCode: z.string().optional(),
	suggestion: z.string().optional(),
	field: z.string().optional(),
}).passthrough();

// ---- compile-time ties to the SDK .d.ts ----
type Assignable<From, To> = From extends To ? true : false;
const check = <T extends true,>(): T | undefined => undefined;
check<Assignable<z.infer<typeof GenerationShape>, Sync.Generation>>();
check<Assignable<z.infer<typeof GenerationNotificationShape>, Sync.GenerationNotification>>();
check<Assignable<z.infer<typeof EstimatedCostShape>, Sync.EstimatedGenerationCost>>();
check<Assignable<z.infer<typeof BatchShape>, Sync.BatchResponse>>();
check<Assignable<z.infer<typeof ValidationShape>, Sync.ValidationResponse>>();
check<Assignable<z.infer<typeof AssetShape>, Sync.Asset>>();
check<Assignable<z.infer<typeof PaginatedAssetsShape>, Sync.PaginatedAssetsResponse>>();
check<Assignable<z.infer<typeof ModelInfoShape>, Sync.ModelInfo>>();
check<Assignable<z.infer<typeof ErrorBodyShape>, Sync.GenerationError>>();

/** Deep copy without null-valued object properties. */
export function withoutNulls<T>(value: T): T {
	if (Array.isArray(value)) return value.map(withoutNulls) as unknown as T;
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
		return out as T;
	}
	return value;
}

/** Parses (after dropping nulls) and returns the zod issues as readable text when the value does not match. */
export function conforms(schema: z.ZodTypeAny, value: unknown): string {
	const r = schema.safeParse(withoutNulls(value));
	return r.success ? 'ok' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

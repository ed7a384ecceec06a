// zod schemas for request bodies, and the conversion of zod failures into the API's 400 body.
import { z } from 'zod';
import { ApiError } from './errors.cjs';

export const MODELS = ['lipsync-2', 'lipsync-1.9.0-beta', 'lipsync-2-pro', 'react-1', 'sync-3'] as const;
export type ModelName = (typeof MODELS)[number];
export const GENERATION_STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'REJECTED'] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];
export const BATCH_STATUSES = ['PENDING', 'JOBS_CREATED', 'PROCESSING', 'COMPLETED', 'FAILED'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const ASSET_TYPES = ['AUDIO', 'VIDEO', 'IMAGE'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];
export const ASSET_SORTS = [
	'nameAsc',
	'nameDesc',
	'dateAsc',
	'dateDesc',
	'durationAsc',
	'durationDesc',
	'sizeAsc',
	'sizeDesc',
	'kindAsc',
	'kindDesc',
] as const;

const mediaRef = {
	url: z.string().url().optional(),
	assetId: z.string().min(1).optional(),
};
const pairs = z.array(z.array(z.number()).length(2));

export const VideoInputSchema = z
	.object({ type: z.literal('video'), ...mediaRef, segments_secs: pairs.optional(), segments_frames: pairs.optional() })
	.passthrough();
export const ImageInputSchema = z.object({ type: z.literal('image'), ...mediaRef }).passthrough();
export const AudioInputSchema = z.object({ type: z.literal('audio'), ...mediaRef, refId: z.string().min(1).optional() }).passthrough();
export const ElevenLabsSchema = z
	.object({
		name: z.literal('elevenlabs'),
		voiceId: z.string().min(1),
		script: z.string().min(1),
		stability: z.number().min(0).max(1).optional(),
		similarityBoost: z.number().min(0).max(1).optional(),
	})
	.passthrough();
export const TextInputSchema = z
	.object({ type: z.literal('text'), provider: ElevenLabsSchema, refId: z.string().min(1).optional() })
	.passthrough();
export const InputSchema = z.discriminatedUnion('type', [VideoInputSchema, ImageInputSchema, AudioInputSchema, TextInputSchema]);
export type InputItem = z.infer<typeof InputSchema>;

export const ActiveSpeakerSchema = z
	.object({
		auto_detect: z.boolean().optional(),
		frame_number: z.number().int().min(0).optional(),
		coordinates: z.array(z.number()).length(2).optional(),
		bounding_boxes: z.array(z.array(z.number()).length(4).nullable()).optional(),
	})
	.passthrough();

export const GenerationOptionsSchema = z
	.object({
		sync_mode: z.enum(['bounce', 'loop', 'cut_off', 'silence', 'remap']).optional(),
		model_mode: z.enum(['lips', 'face', 'head']).optional(),
		prompt: z.enum(['happy', 'sad', 'angry', 'disgusted', 'surprised', 'neutral']).optional(),
		temperature: z.number().min(0).max(1).optional(),
		active_speaker_detection: ActiveSpeakerSchema.optional(),
		occlusion_detection_enabled: z.boolean().optional(),
		reasoning_enabled: z.boolean().optional(),
	})
	.passthrough();

// Only the SDK's keys (GenerationSegment and SegmentAudioInput in https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/common/types/):
// a typo such as `start` is refused, not ignored. The crop/overlap rules are in
// routes/generation-create.ts.
export const SegmentSchema = z
	.object({
		startTime: z.number().min(0),
		endTime: z.number().min(0),
		audioInput: z
			.object({ refId: z.string().min(1), startTime: z.number().min(0).optional(), endTime: z.number().min(0).optional() })
			.strict(),
	})
	.strict();
export type Segment = z.infer<typeof SegmentSchema>;

export const CreateGenerationSchema = z
	.object({
		model: z.string({ required_error: 'model is required' }).min(1),
		input: z.array(InputSchema, { required_error: 'input is required' }).min(1),
		options: GenerationOptionsSchema.optional(),
		segments: z.array(SegmentSchema).optional(),
		webhookUrl: z.string().url().optional(),
		outputFileName: z.string().max(255).optional(),
		projectId: z.string().uuid().optional(),
		dubParams: z
			.object({
				targetLang: z.string().min(1),
				sourceLang: z.string().min(1).optional(),
				numSpeakers: z.number().int().min(0).optional(),
				providerName: z.string().min(1).optional(),
			})
			.passthrough()
			.optional(),
		dialogueEdit: z.object({ id: z.string().min(1) }).passthrough().optional(),
	})
	// A validating API refuses unknown top-level fields, so a misspelt key in the node fails a test instead of
	// being ignored (docs/wire-fidelity.md). Fields are those of the SDK's CreateGenerationDto plus the documented newer ones.
	.strict();
export type CreateGenerationBody = z.infer<typeof CreateGenerationSchema>;

export const EstimateSchema = z.object({
	model: z.string().min(1),
	duration: z.number().finite().positive(),
	fps: z.number().finite().positive().optional(),
	reasoningEnabled: z.boolean().optional(),
})
	// Every JSON create body refuses unknown keys like CreateGenerationSchema: fields from
	// docs/sync-api.md#cost-estimate (estimate), #asset-upload (upload, register), #batches (batch from rows).
	.strict();

export const UploadRequestSchema = z.object({
	fileName: z.string().min(1).max(1024),
	contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'contentType must be a MIME type'),
	size: z.number().int().positive(),
})
	.strict();

export const CreateAssetSchema = z.object({
	url: z.string().url(),
	type: z.enum(ASSET_TYPES),
	name: z.string().min(1).max(1024).optional(),
	visibility: z.enum(['USER', 'ORGANIZATION']).optional(),
	projectId: z.string().uuid().optional(),
})
	.strict();

export const AssetsBatchSchema = z.object({
	ids: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(100)]),
});

export const BatchRowSchema = z.object({
	request_id: z.string().min(1),
	endpoint: z.string(),
	payload: z.unknown(),
});

export const BatchJsonBodySchema = z.object({
	rows: z.array(z.unknown()),
	webhook_url: z.string().url().optional(),
	dry_run: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
})
	.strict();

/** Parse or throw a 400 in the API's shape (message = one line per issue, field = first failing path). */
export function parseOr400<T extends z.ZodTypeAny>(
	schema: T,
	value: unknown,
	opts: { errorCode?: string; fieldPrefix?: string; extra?: Record<string, unknown> } = {},
): z.infer<T> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	throw zodTo400(result.error, opts);
}

export function zodTo400(
	error: z.ZodError,
	opts: { errorCode?: string; fieldPrefix?: string; extra?: Record<string, unknown> } = {},
): ApiError {
	const join = (path: Array<string | number>) => [opts.fieldPrefix, ...path].filter((p) => p !== undefined && p !== '').join('.');
	const messages = error.issues.map((i) => {
		const at = join(i.path);
		return at ? `${at}: ${i.message}` : i.message;
	});
	const first = error.issues[0];
	return new ApiError(400, messages, {
		errorCode: opts.errorCode ?? 'generation_input_validation_failed',
		field: first ? join(first.path) || undefined : undefined,
		extra: opts.extra,
	});
}

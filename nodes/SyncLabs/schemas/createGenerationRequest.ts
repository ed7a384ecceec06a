// The body of `POST /v2/generate` (and of each batch row's `payload`), as Sync's create request types it:
// SDK 0.3.0 `CreateGenerationDto` with its `Input`, `GenerationOptions` and `GenerationSegment` types
// (@sync.so/sdk dist/api/resources/common/types), plus the newer documented fields (docs/sync-api.md#create-generation,
// #inputs, #options). Wire types are checked as sent: a string is a string, a number a number, never text that
// looks like one. The node checks every create body against it before the first create of a run, so a body Sync
// would refuse is refused before anything is billed; test/actions/generation/createRequestSchema.test.cts
// cross-checks it against the SDK's declarations.
import { z } from 'zod';

/** `outputFileName`: letters, digits, `_` and `-`, at most 255, no extension (docs/sync-api.md#create-generation). */
export const OUTPUT_FILE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;
/** What the node accepts as an input's `refId` (the segments refer to it; docs/sync-api.md#segments). */
export const REF_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

const mediaSource = {
	url: z.string().url().optional(),
	assetId: z.string().min(1).optional(),
};
const refId = z.string().regex(REF_ID_PATTERN, 'must be 1-64 letters, digits, ".", "_", ":" or "-"').optional();
/** SDK Video `segments_secs` / `segments_frames` (deprecated, still typed): `[[start, end], ...]`. */
const legacyRanges = z.array(z.array(z.number())).optional();

// Input items keep unknown keys (passthrough), as Sync's own validation does for inputs and options
// (test/emulator/src/schemas.cts mirrors it); the top level refuses them.
const videoInputSchema = z.object({ type: z.literal('video'), ...mediaSource, segments_secs: legacyRanges, segments_frames: legacyRanges }).passthrough();
/** newer: an image input, sync-3 only (docs/sync-api.md#inputs). */
const imageInputSchema = z.object({ type: z.literal('image'), ...mediaSource }).passthrough();
const audioInputSchema = z.object({ type: z.literal('audio'), ...mediaSource, refId }).passthrough();
const elevenLabsSchema = z
	.object({
		name: z.literal('elevenlabs'),
		voiceId: z.string().min(1),
		script: z.string().min(1).max(5000),
		stability: z.number().min(0).max(1).optional(),
		similarityBoost: z.number().min(0).max(1).optional(),
	})
	.passthrough();
const textInputSchema = z.object({ type: z.literal('text'), provider: elevenLabsSchema, refId }).passthrough();

export const generationInputItemSchema = z.discriminatedUnion('type', [videoInputSchema, imageInputSchema, audioInputSchema, textInputSchema]);

export const generationOptionsSchema = z
	.object({
		sync_mode: z.enum(['bounce', 'loop', 'cut_off', 'silence', 'remap']).optional(),
		model_mode: z.enum(['lips', 'face', 'head']).optional(),
		prompt: z.enum(['happy', 'sad', 'angry', 'disgusted', 'surprised', 'neutral']).optional(),
		temperature: z.number().min(0).max(1).optional(),
		active_speaker_detection: z
			.object({
				auto_detect: z.boolean().optional(),
				frame_number: z.number().int().min(0).optional(),
				coordinates: z.array(z.number()).optional(),
				// SDK `(number[] | undefined)[]`: a frame without a box is null in JSON.
				bounding_boxes: z.array(z.array(z.number()).nullish()).optional(),
			})
			.passthrough()
			.optional(),
		occlusion_detection_enabled: z.boolean().optional(),
		/** newer (docs/sync-api.md#options). */
		reasoning_enabled: z.boolean().optional(),
	})
	.passthrough();

// Sync's segment rules (docs/sync-api.md#segments): only the SDK's keys, times >= 0, end after start, an audio crop
// with both startTime and endTime or neither, and no two segments overlapping.
const segmentAudioInputSchema = z
	.object({ refId: z.string().min(1), startTime: z.number().min(0).optional(), endTime: z.number().min(0).optional() })
	.strict()
	.superRefine((a, ctx) => {
		if ((a.startTime === undefined) !== (a.endTime === undefined)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: [a.startTime === undefined ? 'startTime' : 'endTime'], message: 'an audio crop needs both startTime and endTime, or neither' });
		} else if (a.startTime !== undefined && a.endTime !== undefined && a.endTime <= a.startTime) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['endTime'], message: 'endTime must be after startTime' });
		}
	});

export const generationSegmentsSchema = z
	.array(
		z
			.object({ startTime: z.number().min(0), endTime: z.number().min(0), audioInput: segmentAudioInputSchema })
			.strict()
			.refine((s) => s.endTime > s.startTime, { message: 'endTime must be after startTime', path: ['endTime'] }),
	)
	.superRefine((segments, ctx) => {
		const order = segments.map((s, i) => ({ ...s, i })).sort((a, b) => a.startTime - b.startTime);
		for (let k = 1; k < order.length; k++) {
			if (order[k].startTime < order[k - 1].endTime) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: [order[k].i, 'startTime'], message: `overlaps segment ${order[k - 1].i + 1} (segments may not overlap)` });
				return;
			}
		}
	});

type InputItem = z.infer<typeof generationInputItemSchema>;

/** The input rules of docs/sync-api.md#create-generation: one visual, at least one audio, several only with segments. */
function checkInputRules(body: { input: InputItem[]; segments?: Array<{ audioInput: { refId: string } }>; dubParams?: unknown }, ctx: z.RefinementCtx) {
	const visuals = body.input.filter((i) => i.type === 'video' || i.type === 'image');
	if (visuals.length !== 1) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['input'], message: `must hold exactly one video or image input, not ${visuals.length}` });
	}
	body.input.forEach((item, i) => {
		if ((item.type === 'video' || item.type === 'image' || item.type === 'audio') && (item.url === undefined) === (item.assetId === undefined)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['input', i], message: 'needs exactly one of url or assetId' });
		}
	});
	const audios = body.input.filter((i): i is Extract<InputItem, { type: 'audio' | 'text' }> => i.type === 'audio' || i.type === 'text');
	// dubParams (newer) makes Sync produce the audio itself (docs: dubbing tutorial).
	if (audios.length === 0 && body.dubParams === undefined) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['input'], message: 'must hold at least one audio or text input' });
	}
	const segments = body.segments ?? [];
	if (segments.length === 0) {
		if (audios.length > 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['input'], message: `holds ${audios.length} audio inputs, which needs segments saying which plays when` });
		return;
	}
	const known = new Set<string>();
	audios.forEach((audio) => {
		const index = body.input.indexOf(audio);
		if (audio.refId === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['input', index, 'refId'], message: 'is required when segments are given' });
		else if (known.has(audio.refId)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['input', index, 'refId'], message: `"${audio.refId}" is used by another audio input; each needs its own` });
		else known.add(audio.refId);
	});
	segments.forEach((segment, i) => {
		if (!known.has(segment.audioInput.refId)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['segments', i, 'audioInput', 'refId'], message: `"${segment.audioInput.refId}" is the refId of no audio input` });
		}
	});
}

export const createGenerationRequestSchema = z
	.object({
		model: z.string().min(1),
		input: z.array(generationInputItemSchema).min(1),
		options: generationOptionsSchema.optional(),
		segments: generationSegmentsSchema.optional(),
		webhookUrl: z.string().url().optional(),
		outputFileName: z.string().regex(OUTPUT_FILE_NAME_PATTERN, 'must be at most 255 letters, digits, "_" and "-", without an extension').optional(),
		/** newer (docs/sync-api.md#create-generation; a UUID: docs/sync-api-2026.md#projects). */
		projectId: z.string().uuid().optional(),
		/** newer: translate and dub; Sync makes the audio (dubbing tutorial). */
		dubParams: z.object({ targetLang: z.string().min(1) }).passthrough().optional(),
	})
	// Unknown top-level fields are refused: a misspelt key would otherwise be ignored by Sync or refused by it
	// after other creates were billed.
	.strict()
	.superRefine(checkInputRules);

export type CreateGenerationRequest = z.infer<typeof createGenerationRequestSchema>;

/** The first problem of a body as `{ path, message }` (path like `options.temperature`), or undefined when it is valid. */
export function createRequestProblem(body: unknown): { path: Array<string | number>; message: string } | undefined {
	const result = createGenerationRequestSchema.safeParse(body);
	if (result.success) return undefined;
	const issue = result.error.issues[0];
	return { path: issue.path, message: issue.message };
}

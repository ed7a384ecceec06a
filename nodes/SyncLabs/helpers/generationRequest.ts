// Builds the body of `POST /v2/generate` from the node's parameters for one item, validating every field
// before anything is sent. Binary inputs are returned separately: the caller decides between multipart
// and the asset upload.
import { type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';
import { readBinaryInput, type BinaryInput, type MediaKind } from './binaryInput';
import { invalidInput, requireHttpUrl, requireNumberInRange, requireText } from './validation';

export const MAX_SCRIPT_LENGTH = 5000;

export interface GenerationRequest {
	body: IDataObject & { model: string; input: IDataObject[] };
	/** Binary inputs to upload; their place in `input` is filled once uploaded (asset) or sent as a file part. */
	files: Array<{ part: MediaKind; input: BinaryInput }>;
}

export interface CreateOptions {
	activeSpeakerDetection?: boolean;
	emotion?: string;
	modelMode?: string;
	occlusionDetection?: boolean;
	outputFileName?: string;
	reasoningEnabled?: boolean;
	segments?: string | IDataObject[];
	similarityBoost?: number;
	stability?: number;
	syncMode?: string;
	temperature?: number;
	webhookUrl?: string;
}

const segmentsSchema = z.array(
	z
		.object({
			startTime: z.number(),
			endTime: z.number(),
			audioInput: z
				.object({ refId: z.string().min(1), startTime: z.number().optional(), endTime: z.number().optional() })
				.passthrough(),
		})
		.passthrough()
		.refine((s) => s.endTime > s.startTime, { message: 'endTime must be after startTime' }),
);

function param<T>(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: T): T {
	return ctx.getNodeParameter(name, itemIndex, fallback) as T;
}

async function visualInput(ctx: IExecuteFunctions, itemIndex: number, model: string, request: GenerationRequest) {
	const type = param(ctx, 'visualType', itemIndex, 'video') as MediaKind;
	if (type === 'image' && !model.startsWith('sync-3')) {
		throw invalidInput(ctx, itemIndex, 'Visual Input Type', `image inputs need the sync-3 model, not "${model}"`);
	}
	const source = param(ctx, 'visualSource', itemIndex, 'url');
	if (source === 'url') {
		request.body.input.push({ type, url: requireHttpUrl(ctx, itemIndex, 'Visual URL', param(ctx, 'visualUrl', itemIndex, '')) });
	} else if (source === 'assetId') {
		request.body.input.push({ type, assetId: requireText(ctx, itemIndex, 'Visual Asset ID', ctx.getNodeParameter('visualAssetId', itemIndex, '', { extractValue: true })) });
	} else if (source === 'binary') {
		const property = param(ctx, 'visualBinaryProperty', itemIndex, 'data');
		request.files.push({ part: type, input: await readBinaryInput(ctx, itemIndex, 'Visual Input Binary Field', property, type) });
	} else {
		throw invalidInput(ctx, itemIndex, 'Visual Source', `unknown source "${source}"`);
	}
}

async function audioInput(ctx: IExecuteFunctions, itemIndex: number, options: CreateOptions, request: GenerationRequest) {
	const source = param(ctx, 'audioSource', itemIndex, 'url');
	if (source === 'url') {
		request.body.input.push({ type: 'audio', url: requireHttpUrl(ctx, itemIndex, 'Audio URL', param(ctx, 'audioUrl', itemIndex, '')) });
	} else if (source === 'assetId') {
		request.body.input.push({ type: 'audio', assetId: requireText(ctx, itemIndex, 'Audio Asset ID', ctx.getNodeParameter('audioAssetId', itemIndex, '', { extractValue: true })) });
	} else if (source === 'binary') {
		const property = param(ctx, 'audioBinaryProperty', itemIndex, 'audio');
		request.files.push({ part: 'audio', input: await readBinaryInput(ctx, itemIndex, 'Audio Input Binary Field', property, 'audio') });
	} else if (source === 'text') {
		const voiceId = requireText(ctx, itemIndex, 'Voice ID', param(ctx, 'voiceId', itemIndex, ''));
		const script = requireText(ctx, itemIndex, 'Script', param(ctx, 'script', itemIndex, ''));
		if (script.length > MAX_SCRIPT_LENGTH) {
			throw invalidInput(ctx, itemIndex, 'Script', `is ${script.length} characters long; Sync accepts at most ${MAX_SCRIPT_LENGTH}`);
		}
		const provider: IDataObject = { name: 'elevenlabs', voiceId, script };
		if (options.stability !== undefined) provider.stability = requireNumberInRange(ctx, itemIndex, 'Voice Stability', options.stability, 0, 1);
		if (options.similarityBoost !== undefined) {
			provider.similarityBoost = requireNumberInRange(ctx, itemIndex, 'Voice Similarity Boost', options.similarityBoost, 0, 1);
		}
		request.body.input.push({ type: 'text', provider });
	} else {
		throw invalidInput(ctx, itemIndex, 'Audio Source', `unknown source "${source}"`);
	}
}

function generationOptions(ctx: IExecuteFunctions, itemIndex: number, model: string, options: CreateOptions): IDataObject {
	const out: IDataObject = {};
	if (options.syncMode) out.sync_mode = options.syncMode;
	if (options.temperature !== undefined) out.temperature = requireNumberInRange(ctx, itemIndex, 'Temperature', options.temperature, 0, 1);
	if (options.activeSpeakerDetection !== undefined) out.active_speaker_detection = { auto_detect: options.activeSpeakerDetection };
	if (options.occlusionDetection !== undefined) out.occlusion_detection_enabled = options.occlusionDetection;
	if (options.reasoningEnabled !== undefined) out.reasoning_enabled = options.reasoningEnabled;
	if (options.modelMode || options.emotion) {
		if (!model.startsWith('react-1')) {
			throw invalidInput(ctx, itemIndex, options.modelMode ? 'Model Mode' : 'Emotion', `only applies to the react-1 model, not "${model}"`);
		}
		if (options.modelMode) out.model_mode = options.modelMode;
		if (options.emotion) out.prompt = options.emotion;
	}
	return out;
}

function parseSegments(ctx: IExecuteFunctions, itemIndex: number, value: CreateOptions['segments']): IDataObject[] | undefined {
	if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw invalidInput(ctx, itemIndex, 'Segments (JSON)', 'is not valid JSON');
		}
	}
	const result = segmentsSchema.safeParse(parsed);
	if (!result.success) {
		const issue = result.error.issues[0];
		throw invalidInput(ctx, itemIndex, 'Segments (JSON)', `${issue.path.join('.') || 'value'}: ${issue.message}`);
	}
	return result.data as IDataObject[];
}

/** Reads and validates everything for one item's generation; throws before any request on bad input. */
export async function buildGenerationRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	overrides: { webhookUrl?: string } = {},
): Promise<GenerationRequest> {
	const model = requireText(ctx, itemIndex, 'Model', param(ctx, 'model', itemIndex, ''));
	const options = param<CreateOptions>(ctx, 'options', itemIndex, {});
	const request: GenerationRequest = { body: { model, input: [] }, files: [] };

	await visualInput(ctx, itemIndex, model, request);
	await audioInput(ctx, itemIndex, options, request);

	const genOptions = generationOptions(ctx, itemIndex, model, options);
	if (Object.keys(genOptions).length > 0) request.body.options = genOptions;

	const segments = parseSegments(ctx, itemIndex, options.segments);
	if (segments) request.body.segments = segments;

	if (options.outputFileName) {
		if (!/^[A-Za-z0-9_-]{1,255}$/.test(options.outputFileName)) {
			throw invalidInput(ctx, itemIndex, 'Output File Name', 'may only contain letters, digits, "_" and "-" (at most 255, no extension)');
		}
		request.body.outputFileName = options.outputFileName;
	}

	const webhookUrl = overrides.webhookUrl ?? options.webhookUrl;
	if (webhookUrl) request.body.webhookUrl = overrides.webhookUrl ?? requireHttpUrl(ctx, itemIndex, 'Webhook URL', webhookUrl);
	return request;
}

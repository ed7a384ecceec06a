// Builds the body of `POST /v2/generate` from the node's parameters for one item, validating every field
// before anything is sent. Binary inputs are returned separately: the caller decides between multipart
// and the asset upload.
import { type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { readBinaryInput, type BinaryInput, type MediaKind } from '../common/binaryInput';
import { invalidInput, requireHttpUrl, requireText } from '../common/validation';
import { readerFor, type ParameterReader } from '../../parameters';
import { inputSourceFields, MAX_SCRIPT_LENGTH, modelField } from './inputs.descriptions';
import {
	createRequestProblem,
	generationSegmentsSchema,
	OUTPUT_FILE_NAME_PATTERN,
	REF_ID_PATTERN,
} from '../../schemas/createGenerationRequest';
import { projectIdFrom } from '../project/projectOption';

export { MAX_SCRIPT_LENGTH };

export interface GenerationRequest {
	body: IDataObject & { model: string; input: IDataObject[] };
	/** Binary inputs to upload; their place in `input` is filled once uploaded (asset) or sent as a file part. */
	files: Array<{ part: MediaKind; input: BinaryInput; /** The input's `refId` (segments), set on the asset input. */ refId?: string }>;
}

/** One entry of the "Additional Audio Inputs" option: another audio (or text to speech) input for segments. */
export interface AdditionalAudioInput {
	refId?: string;
	source?: string;
	url?: string;
	assetId?: string;
	voiceId?: string;
	script?: string;
}

/** Create's options as the parameter reader returns them: each of its kind, dropdowns checked, JSON parsed. */
export interface CreateOptions {
	activeSpeakerDetection?: boolean;
	additionalAudioInputs?: { input?: AdditionalAudioInput[] };
	audioRefId?: string;
	emotion?: string;
	modelMode?: string;
	occlusionDetection?: boolean;
	outputFileName?: string;
	projectId?: string;
	reasoningEnabled?: boolean;
	/** Parsed; undefined when left empty. */
	segments?: unknown;
	similarityBoost?: number;
	stability?: number;
	syncMode?: string;
	temperature?: number;
	webhookUrl?: string;
}

// The model and the media inputs, as Create declares them (Estimate Cost by inputs declares the same without binary files).
const INPUT_FIELDS = [modelField, ...inputSourceFields(true)];

async function visualInput(ctx: IExecuteFunctions, itemIndex: number, model: string, request: GenerationRequest, read: ParameterReader) {
	const type = read.choice<MediaKind>('visualType');
	if (type === 'image' && !model.startsWith('sync-3')) {
		throw invalidInput(ctx, itemIndex, 'Visual Input Type', `is Image, which only the sync-3 models accept; the model is "${model}"`);
	}
	const source = read.choice('visualSource');
	if (source === 'url') {
		request.body.input.push({ type, url: requireHttpUrl(ctx, itemIndex, 'Visual URL', read.text('visualUrl')) });
	} else if (source === 'assetId') {
		request.body.input.push({ type, assetId: read.text('visualAssetId') });
	} else if (source === 'binary') {
		const property = read.text('visualBinaryProperty');
		request.files.push({ part: type, input: await readBinaryInput(ctx, itemIndex, 'Visual Input Binary Field', property, type) });
	} else {
		throw invalidInput(ctx, itemIndex, 'Visual Source', `is "${source}", which is none of url, assetId, binary`);
	}
}

function refIdOf(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown): string | undefined {
	const refId = typeof value === 'string' ? value.trim() : '';
	if (refId === '') return undefined;
	if (!REF_ID_PATTERN.test(refId)) {
		throw invalidInput(ctx, itemIndex, field, `is "${refId.slice(0, 80)}" (${refId.length} characters); use 1-64 letters, digits, ".", "_", ":" or "-"`);
	}
	return refId;
}

function ttsInput(ctx: IExecuteFunctions, itemIndex: number, label: string, voiceId: unknown, script: unknown): IDataObject & { provider: IDataObject } {
	const voice = requireText(ctx, itemIndex, `${label}Voice ID`, voiceId);
	const text = requireText(ctx, itemIndex, `${label}Script`, script);
	if (text.length > MAX_SCRIPT_LENGTH) {
		throw invalidInput(ctx, itemIndex, `${label}Script`, `is ${text.length} characters long; Sync accepts at most ${MAX_SCRIPT_LENGTH}`);
	}
	return { type: 'text', provider: { name: 'elevenlabs', voiceId: voice, script: text } };
}

async function audioInput(ctx: IExecuteFunctions, itemIndex: number, options: CreateOptions, request: GenerationRequest, read: ParameterReader) {
	const refId = refIdOf(ctx, itemIndex, 'Audio Reference ID', options.audioRefId);
	const before = request.body.input.length;
	const source = read.choice('audioSource');
	if (source === 'url') {
		request.body.input.push({ type: 'audio', url: requireHttpUrl(ctx, itemIndex, 'Audio URL', read.text('audioUrl')) });
	} else if (source === 'assetId') {
		request.body.input.push({ type: 'audio', assetId: read.text('audioAssetId') });
	} else if (source === 'binary') {
		const property = read.text('audioBinaryProperty');
		const file = { part: 'audio' as const, input: await readBinaryInput(ctx, itemIndex, 'Audio Input Binary Field', property, 'audio') };
		request.files.push(refId ? { ...file, refId } : file);
	} else if (source === 'text') {
		const input = ttsInput(ctx, itemIndex, '', read.text('voiceId'), read.text('script'));
		const { provider } = input;
		if (options.stability !== undefined) provider.stability = options.stability;
		if (options.similarityBoost !== undefined) provider.similarityBoost = options.similarityBoost;
		request.body.input.push(input);
	} else {
		throw invalidInput(ctx, itemIndex, 'Audio Source', `is "${source}", which is none of url, assetId, binary, text`);
	}
	if (refId && request.body.input.length > before) request.body.input[before].refId = refId;
}

/** The "Additional Audio Inputs" option: more audio or text inputs, each with its own refId, for segments. */
function additionalAudioInputs(ctx: IExecuteFunctions, itemIndex: number, options: CreateOptions, request: GenerationRequest) {
	const entries = options.additionalAudioInputs?.input ?? [];
	entries.forEach((entry, n) => {
		const label = `Additional Audio Inputs ${n + 1}: `;
		const refId = refIdOf(ctx, itemIndex, `${label}Reference ID`, entry.refId);
		if (!refId) throw invalidInput(ctx, itemIndex, `${label}Reference ID`, 'is required, so segments can refer to this input');
		const source = entry.source ?? 'url';
		let input: IDataObject;
		if (source === 'url') input = { type: 'audio', url: requireHttpUrl(ctx, itemIndex, `${label}Audio URL`, entry.url ?? '') };
		else if (source === 'assetId') input = { type: 'audio', assetId: requireText(ctx, itemIndex, `${label}Audio Asset ID`, entry.assetId ?? '') };
		else if (source === 'text') input = ttsInput(ctx, itemIndex, label, entry.voiceId ?? '', entry.script ?? '');
		else throw invalidInput(ctx, itemIndex, `${label}Source`, `is "${source}", which is none of url, assetId, text`);
		request.body.input.push({ ...input, refId });
	});
}

/**
 * The rules Sync documents for segments (docs/sync-api.md#segments, #create-generation): every audio or text input carries a
 * unique refId, every segment names one of them, and several audio inputs only make sense with segments.
 */
function checkSegmentReferences(ctx: IExecuteFunctions, itemIndex: number, request: GenerationRequest, segments: IDataObject[] | undefined) {
	const audios: Array<{ refId?: unknown }> = [
		...request.body.input.filter((i) => i.type === 'audio' || i.type === 'text'),
		...request.files.filter((f) => f.part === 'audio').map((f) => ({ refId: f.refId })),
	];
	if (!segments) {
		if (audios.length > 1) {
			throw invalidInput(ctx, itemIndex, 'Additional Audio Inputs', `make ${audios.length} audio inputs, so Segments (JSON) must say which one plays when`);
		}
		return;
	}
	const known = new Set<string>();
	for (const audio of audios) {
		if (typeof audio.refId !== 'string') {
			throw invalidInput(ctx, itemIndex, 'Audio Reference ID', `is empty, but Segments (JSON) has ${segments.length} segment${segments.length === 1 ? '' : 's'} that must refer to audio inputs by reference ID`);
		}
		if (known.has(audio.refId)) {
			const uses = audios.filter((a) => a.refId === audio.refId).length;
			throw invalidInput(ctx, itemIndex, 'Audio Reference ID', `"${audio.refId}" is used by ${uses} audio inputs; each needs its own`);
		}
		known.add(audio.refId);
	}
	segments.forEach((segment, i) => {
		const refId = (segment.audioInput as IDataObject).refId as string;
		if (!known.has(refId)) {
			throw invalidInput(
				ctx,
				itemIndex,
				'Segments (JSON)',
				`segment ${i + 1} of ${segments.length} refers to "${refId}", which is not the reference ID of any audio input (they are: ${[...known].join(', ')})`,
			);
		}
	});
}

export function generationOptions(ctx: IExecuteFunctions, itemIndex: number, model: string, options: CreateOptions): IDataObject {
	const out: IDataObject = {};
	if (options.syncMode) out.sync_mode = options.syncMode;
	if (options.temperature !== undefined) out.temperature = options.temperature;
	if (options.activeSpeakerDetection !== undefined) out.active_speaker_detection = { auto_detect: options.activeSpeakerDetection };
	if (options.occlusionDetection !== undefined) out.occlusion_detection_enabled = options.occlusionDetection;
	if (options.reasoningEnabled !== undefined) out.reasoning_enabled = options.reasoningEnabled;
	if (options.modelMode || options.emotion) {
		if (!model.startsWith('react-1')) {
			throw invalidInput(ctx, itemIndex, options.modelMode ? 'Model Mode' : 'Emotion', `only applies to the react-1 model, and the model is "${model}"`);
		}
		if (options.modelMode) out.model_mode = options.modelMode;
		if (options.emotion) out.prompt = options.emotion;
	}
	return out;
}

/** `value` is already parsed by the parameter reader (an array, or undefined when left empty). */
function parseSegments(ctx: IExecuteFunctions, itemIndex: number, value: CreateOptions['segments']): IDataObject[] | undefined {
	if (value === undefined || (Array.isArray(value) && value.length === 0)) return undefined;
	const result = generationSegmentsSchema.safeParse(value);
	if (!result.success) {
		const issue = result.error.issues[0];
		const [first, ...rest] = issue.path;
		const where =
			typeof first === 'number'
				? `segment ${first + 1}${rest.length ? ` (${rest.join('.')})` : ''}`
				: issue.path.length
					? `"${issue.path.join('.')}"`
					: 'the list of segments';
		throw invalidInput(ctx, itemIndex, 'Segments (JSON)', `has a problem in ${where}: ${issue.message}`);
	}
	// The option's default text "[]" means none (its description in create.operation.ts).
	return result.data.length > 0 ? (result.data as IDataObject[]) : undefined;
}

/**
 * The Output File Name as sent: text, or a number (an order number from a sheet) as its decimal text. Anything else,
 * or text that is no valid name, is refused here: sent as it is, Sync would refuse it after other items were billed.
 */
export function outputFileNameOf(ctx: IExecuteFunctions, itemIndex: number, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const name = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof name !== 'string') {
		throw invalidInput(ctx, itemIndex, 'Output File Name', `is ${describeValue(value)}; it must be text (letters, digits, "_" and "-")`);
	}
	if (!OUTPUT_FILE_NAME_PATTERN.test(name)) {
		throw invalidInput(
			ctx,
			itemIndex,
			'Output File Name',
			`is "${name.slice(0, 80)}" (${name.length} characters); use at most 255 letters, digits, "_" and "-", without an extension`,
		);
	}
	return name;
}

/** A short view of a value of any type, for an error message: `the number 7`, `a list of 2 values`, `"text"`. */
function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return `a list of ${value.length} value${value.length === 1 ? '' : 's'}`;
	if (typeof value === 'string') return `"${value.slice(0, 80)}"`;
	if (typeof value === 'object') return 'an object';
	return `the ${typeof value} ${String(value).slice(0, 80)}`;
}

/** The node's name for the field a create body's path points at (schemas/createGenerationRequest.ts paths). */
const OPTION_FIELDS: Record<string, string> = {
	sync_mode: 'Sync Mode',
	temperature: 'Temperature',
	active_speaker_detection: 'Active Speaker Detection',
	occlusion_detection_enabled: 'Occlusion Detection',
	reasoning_enabled: 'Reasoning',
	model_mode: 'Model Mode',
	prompt: 'Emotion',
};

function fieldOfBodyPath(path: Array<string | number>, input: IDataObject[]): string {
	const [head, index] = path;
	if (head === 'model') return 'Model';
	if (head === 'outputFileName') return 'Output File Name';
	if (head === 'webhookUrl') return 'Webhook URL';
	if (head === 'segments') return 'Segments (JSON)';
	if (head === 'options') return OPTION_FIELDS[String(index)] ?? 'Options';
	const item = typeof index === 'number' ? input[index] : undefined;
	if (item?.type === 'video' || item?.type === 'image') return 'Visual Input';
	if (item?.type === 'text') return item.refId ? `Text to speech input "${String(item.refId)}"` : 'Script';
	if (item) return item.refId ? `Audio input "${String(item.refId)}"` : 'Audio Input';
	return 'Visual and audio inputs';
}

/**
 * Checks the whole create body against Sync's create request (schemas/createGenerationRequest.ts), wire types
 * included, before the first create of the run: whatever the checks above let through, Sync would refuse.
 * Binary inputs stand in as asset inputs, as they are sent once uploaded (submitGeneration.ts).
 */
function checkCreateBody(ctx: IExecuteFunctions, itemIndex: number, request: GenerationRequest): void {
	const input = [
		...request.files.map((file) => ({ type: file.part, assetId: 'uploaded-from-binary', ...(file.refId !== undefined ? { refId: file.refId } : {}) })),
		...request.body.input,
	];
	const problem = createRequestProblem({ ...request.body, input });
	if (!problem) return;
	let value: unknown = { ...request.body, input };
	for (const key of problem.path) value = (value as Record<string | number, unknown> | undefined)?.[key];
	const where = problem.path.join('.') || 'the body';
	throw invalidInput(
		ctx,
		itemIndex,
		fieldOfBodyPath(problem.path, input),
		`gives ${where} = ${describeValue(value)} in the create request, which Sync Labs refuses: ${problem.message}`,
	);
}

/**
 * Reads and validates everything for one item's generation; throws before any request on bad input.
 * `options`: Create's options, already read by the caller (Estimate Cost has none).
 */
export async function buildGenerationRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	overrides: { webhookUrl?: string } = {},
	options: CreateOptions = {},
): Promise<GenerationRequest> {
	const read = readerFor(ctx, itemIndex, INPUT_FIELDS);
	const model = requireText(ctx, itemIndex, modelField.displayName, read.text('model'));
	const request: GenerationRequest = { body: { model, input: [] }, files: [] };

	await visualInput(ctx, itemIndex, model, request, read);
	await audioInput(ctx, itemIndex, options, request, read);
	additionalAudioInputs(ctx, itemIndex, options, request);

	const genOptions = generationOptions(ctx, itemIndex, model, options);
	if (Object.keys(genOptions).length > 0) request.body.options = genOptions;

	const segments = parseSegments(ctx, itemIndex, options.segments);
	checkSegmentReferences(ctx, itemIndex, request, segments);
	if (segments) request.body.segments = segments;

	const outputFileName = outputFileNameOf(ctx, itemIndex, options.outputFileName);
	if (outputFileName !== undefined) request.body.outputFileName = outputFileName;
	const projectId = projectIdFrom(ctx, itemIndex, options);
	if (projectId) request.body.projectId = projectId;

	const webhookUrl = overrides.webhookUrl ?? options.webhookUrl;
	if (webhookUrl) request.body.webhookUrl = overrides.webhookUrl ?? requireHttpUrl(ctx, itemIndex, 'Webhook URL', webhookUrl);
	checkCreateBody(ctx, itemIndex, request);
	return request;
}

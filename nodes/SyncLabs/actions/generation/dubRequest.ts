// Builds the creates of one item of Generation → Dub: one `POST /v2/generate` body per target language, each a
// video input and `dubParams` and nothing Sync would take as audio (docs/sync-api-2026.md#dubbing), each with its
// own Idempotency-Key. Everything is read and checked here, before any request of the run.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readBinaryInput } from '../common/binaryInput';
import { invalidInput, requireHttpUrl, requireText } from '../common/validation';
import { describeGiven, readerFor, type ParameterReader } from '../../parameters';
import { createRequestProblem, OUTPUT_FILE_NAME_PATTERN } from '../../schemas/createGenerationRequest';
import { AUTO_SOURCE, LANGUAGE_CODE_PATTERN, listedSpelling, DUB_LANGUAGES } from './dubLanguages';
import { generationOptions, outputFileNameOf, type GenerationRequest } from './generationRequest';
import { resolveIdempotencyKey } from './submitGeneration';
import { PROJECT_ID_FIELD, projectIdFrom } from '../project/projectOption';
import type { CompletionOptions } from './completion';

/** Dub's options as the parameter reader returns them. */
export type DubOptions = CompletionOptions & {
	activeSpeakerDetection?: boolean;
	concurrency?: number;
	idempotencyKey?: string;
	occlusionDetection?: boolean;
	outputFileName?: string;
	projectId?: string;
	reasoningEnabled?: boolean;
	syncMode?: string;
	temperature?: number;
	webhookUrl?: string;
};

/** One language's create. */
export interface DubCreate {
	targetLanguage: string;
	body: GenerationRequest['body'];
	idempotencyKey: string;
}

/** One item's dub: its options, its binary video (uploaded once for all its languages) and one create per language. */
export interface PreparedDub {
	options: DubOptions;
	model: string;
	files: GenerationRequest['files'];
	creates: DubCreate[];
}

const LISTED = new Set(DUB_LANGUAGES.map((language) => language.code));

/**
 * A code the reader let through (listed, or another one with Allow Other Language Codes on) checked for what it
 * says: another code must look like a language code, and one of the list written in another case is refused,
 * since Sync compares codes as written (pt-BR).
 */
function checkedCode(ctx: IExecuteFunctions, itemIndex: number, field: string, verb: 'is' | 'has', code: string): string {
	if (LISTED.has(code) || code === AUTO_SOURCE) return code;
	const listed = listedSpelling(code);
	const given = `${verb === 'has' ? 'has ' : 'is '}"${code.slice(0, 40)}"${verb === 'has' ? ' among its values' : ''}`;
	if (listed) throw invalidInput(ctx, itemIndex, field, `${given}, which Sync Labs writes ${listed}`);
	if (!LANGUAGE_CODE_PATTERN.test(code)) {
		throw invalidInput(ctx, itemIndex, field, `${given}, which is not a language code such as es, fil or pt-BR`);
	}
	return code;
}

/**
 * The target languages, each once, in the order given. Language codes name the same language whatever their case
 * (RFC 5646 section 2.1.1), so another code given twice in two cases is one language, dubbed (and billed) once.
 */
function targetLanguagesOf(ctx: IExecuteFunctions, itemIndex: number, read: ParameterReader, source: string): string[] {
	const given = read.list('targetLanguages');
	if (given.length === 0) throw invalidInput(ctx, itemIndex, 'Target Languages', 'is required: choose at least one language to dub into');
	// "auto" is Source Language's Detect Automatically, no language to dub into (it would reach Sync with Allow Other Language Codes on).
	if (given.includes(AUTO_SOURCE)) {
		throw invalidInput(ctx, itemIndex, 'Target Languages', `has "${AUTO_SOURCE}" among its values, which means Detect Automatically and applies only to the Source Language`);
	}
	const byCase = new Map<string, string>();
	for (const code of given.map((value) => checkedCode(ctx, itemIndex, 'Target Languages', 'has', value))) {
		if (!byCase.has(code.toLowerCase())) byCase.set(code.toLowerCase(), code);
	}
	const languages = [...byCase.values()];
	const spoken = languages.find((code) => code.toLowerCase() === source.toLowerCase());
	if (spoken !== undefined) {
		throw invalidInput(ctx, itemIndex, 'Target Languages', `has "${spoken}", which is the Source Language: the video already speaks it`);
	}
	return languages;
}

async function videoInput(ctx: IExecuteFunctions, itemIndex: number, read: ParameterReader, request: GenerationRequest): Promise<void> {
	const source = read.choice('visualSource');
	if (source === 'url') request.body.input.push({ type: 'video', url: requireHttpUrl(ctx, itemIndex, 'Video URL', read.text('visualUrl')) });
	else if (source === 'assetId') request.body.input.push({ type: 'video', assetId: read.text('visualAssetId') });
	else {
		const property = read.text('visualBinaryProperty');
		request.files.push({ part: 'video', input: await readBinaryInput(ctx, itemIndex, 'Video Input Binary Field', property, 'video') });
	}
}

/** The node's name for the field a create body's path points at (schemas/createGenerationRequest.ts paths). */
const BODY_FIELDS: Record<string, string> = {
	model: 'Model',
	input: 'Video',
	dubParams: 'Target Languages',
	outputFileName: 'Output File Name',
	webhookUrl: 'Webhook URL',
	projectId: PROJECT_ID_FIELD,
	sync_mode: 'Sync Mode',
	temperature: 'Temperature',
	active_speaker_detection: 'Active Speaker Detection',
	occlusion_detection_enabled: 'Occlusion Detection',
	reasoning_enabled: 'Reasoning',
};

/**
 * The whole body checked against Sync's create request, as Create checks its own: whatever the checks above let
 * through, Sync would refuse after earlier creates were billed. A binary video stands in as the asset it becomes.
 */
function checkBody(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject, files: GenerationRequest['files']): void {
	const input = [...files.map((file) => ({ type: file.part, assetId: 'uploaded-from-binary' })), ...(body.input as IDataObject[])];
	const problem = createRequestProblem({ ...body, input });
	if (!problem) return;
	let value: unknown = { ...body, input };
	for (const key of problem.path) value = (value as Record<string | number, unknown> | undefined)?.[key];
	const [head, next] = problem.path;
	const field = BODY_FIELDS[String(head === 'options' ? next : head)] ?? 'Options';
	throw invalidInput(
		ctx,
		itemIndex,
		field,
		`gives ${problem.path.join('.') || 'the body'} = ${describeGiven(value)} in the create request, which Sync Labs refuses: ${problem.message}`,
	);
}

/**
 * Reads and checks one item's dub: the video, the languages and the options, and builds one create per language.
 * `oneLanguage`: Wait for Webhook resumes the execution once, so it dubs into one language only.
 */
export async function prepareDub(
	ctx: IExecuteFunctions,
	itemIndex: number,
	properties: INodeProperties[],
	settings: { webhookUrl?: string; oneLanguage?: boolean } = {},
): Promise<PreparedDub> {
	const read = readerFor(ctx, itemIndex, properties);
	const options = read.collection<DubOptions>('options');
	const model = requireText(ctx, itemIndex, 'Model Name or ID', read.text('model'));
	const request: GenerationRequest = { body: { model, input: [] }, files: [] };
	await videoInput(ctx, itemIndex, read, request);

	// Read on its own too, so a value that is no switch is refused even when every code is listed.
	read.switch('allowOtherLanguageCodes');
	const source = checkedCode(ctx, itemIndex, 'Source Language', 'is', read.choice('sourceLanguage'));
	const languages = targetLanguagesOf(ctx, itemIndex, read, source);
	if (settings.oneLanguage && languages.length > 1) {
		throw invalidInput(
			ctx,
			itemIndex,
			'Target Languages',
			`has ${languages.length} languages (${languages.join(', ')}), but Completion "Wait for Webhook" dubs into one per execution: Sync's callback resumes it once. Use "Poll Until Done" for several languages, or Loop Over Items with one language each`,
		);
	}

	const lipSync = generationOptions(ctx, itemIndex, model, options);
	if (Object.keys(lipSync).length > 0) request.body.options = lipSync;
	const outputFileName = outputFileNameOf(ctx, itemIndex, options.outputFileName);
	const webhookUrl = settings.webhookUrl ?? (options.webhookUrl ? requireHttpUrl(ctx, itemIndex, 'Webhook URL', options.webhookUrl) : undefined);
	if (webhookUrl) request.body.webhookUrl = webhookUrl;
	const projectId = projectIdFrom(ctx, itemIndex, options);
	if (projectId) request.body.projectId = projectId;

	const creates = languages.map((targetLanguage): DubCreate => {
		const body: GenerationRequest['body'] = { ...request.body, input: [...request.body.input] };
		if (outputFileName !== undefined) {
			// One file per language: the name the user gave, then the language.
			const name = `${outputFileName}-${targetLanguage}`;
			if (!OUTPUT_FILE_NAME_PATTERN.test(name)) {
				throw invalidInput(ctx, itemIndex, 'Output File Name', `is ${outputFileName.length} characters long; with "-${targetLanguage}" appended it must stay within 255`);
			}
			body.outputFileName = name;
		}
		body.dubParams = { targetLang: targetLanguage, ...(source !== AUTO_SOURCE ? { sourceLang: source } : {}) };
		checkBody(ctx, itemIndex, body, request.files);
		return { targetLanguage, body, idempotencyKey: resolveIdempotencyKey(ctx, itemIndex, options.idempotencyKey, `-${targetLanguage}`) };
	});
	return { options, model, files: request.files, creates };
}

// Generation → Dub: Sync translates a video's speech, dubs it and lip-syncs the video to the dubbed audio, in one
// generation per target language (docs/sync-api-2026.md#dubbing). Its own operation rather than a mode of Create,
// so the panel shows only what a dub takes: a video, languages, and no audio, text or image input
// (docs/dubbing.md#why-its-own-operation). Each language's generation goes through Create's submit path and gets
// everything a Create gets: its own Idempotency-Key, the completion modes, the download, concurrency, error
// items and every created generation named in an error (actions/generation/createdGenerations.ts).
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type IWebhookFunctions,
} from 'n8n-workflow';
import { finishedGenerationItem, pollSettingsFrom } from './completion';
import { completionModeField, createCompletionOptions } from './completion.descriptions';
import { createOnlyOptions, DEFAULT_CREATE_CONCURRENCY, waitForOwnWebhook } from './create.operation';
import { createdGenerationsOfRun, noteUncertainGeneration, withCreatedGenerations, withItemGeneration, type CreatedGeneration } from './createdGenerations';
import { AUTO_SOURCE, dubLanguageOptions } from './dubLanguages';
import { asksForProviderName, withProviderName } from './dubProviderName';
import { prepareDub, type DubCreate, type PreparedDub } from './dubRequest';
import { normalizedGeneration } from './generationOutput';
import { modelField } from './inputs.descriptions';
import { generationOutputFields } from './outputOption';
import { AS_TOOL_ONLY, NOT_AS_TOOL } from '../asTool/runsAsTool';
import { pollGeneration } from './pollGeneration';
import { byDisplayName } from './sortOptions';
import { submitGeneration } from './submitGeneration';
import {
	assertGenerationCanBeBound,
	refuseSeveralItemsForWebhook,
	reserveGenerationKey,
	resumeUrlFor,
} from './waitForWebhook';
import { isModelSetPerItem, modelProblemError, modelProblems, shownModel } from '../common/accountModels';
import { mapWithConcurrency } from '../common/concurrency';
import { BINARY_INPUT_UNPRICEABLE, costCapsFrom, costGuardOptions, estimatedCostFields, guardCosts, type CostVerdict } from '../common/costGuard';
import { asNodeError, errorItem } from '../common/itemErrors';
import { reusedKeyRefusals } from '../common/sharedIdempotencyKeys';
import { runPerItem } from '../common/runPerItem';
import { readerFor } from '../../parameters';
import type { Generation } from '../../schemas/generation';

/** Create's options that apply to a dub: the lip-sync step's settings, naming, project, idempotency, concurrency, a webhook. */
const DUB_OPTION_NAMES = [
	'activeSpeakerDetection',
	'concurrency',
	'idempotencyKey',
	'occlusionDetection',
	'outputFileName',
	'projectId',
	'reasoningEnabled',
	'syncMode',
	'temperature',
	'webhookUrl',
];

/** What an option means in a dub, where it differs from Create. */
const DUB_OPTION_TEXT: Record<string, string> = {
	concurrency:
		'How many generations (one per item and language) are created and polled at the same time. Sync plans allow 1 (Hobbyist) to 15 (Scale) generations in flight; extra creates wait for a free slot.',
	idempotencyKey:
		'Leave empty for an automatic key per execution, item and language, so a retried request never creates a second generation. A key set here gets "-<language>" appended.',
	outputFileName: 'Base name of the output files without extension; "-<language>" is appended (promo → promo-es). Letters, digits, "_" and "-".',
	projectId: 'The project every language\'s generation joins',
	syncMode: 'What to do when the dubbed speech is longer or shorter than the video',
};

const dubOptions: INodeProperties[] = createOnlyOptions
	.filter((option) => DUB_OPTION_NAMES.includes(option.name))
	.map((option) => (DUB_OPTION_TEXT[option.name] ? { ...option, description: DUB_OPTION_TEXT[option.name] } : option));

const binarySource = { name: 'Binary File', value: 'binary', description: 'A file from an earlier node (uploaded to Sync\'s asset storage by this node)' };

// The video fields keep Create's parameter names (visualSource, visualUrl, ...), so switching between Create and
// Dub keeps the video, and version 2 shows the asset as a From List / By ID picker (actions/versionProperties.ts).
const videoSource: INodeProperties = {
	displayName: 'Video Source',
	name: 'visualSource',
	type: 'options',
	default: 'url',
	description: 'The video to dub; Sync translates the speech of its audio track',
	options: [
		{ name: 'URL', value: 'url', description: 'A public URL Sync Labs can fetch' },
		{ name: 'Asset ID', value: 'assetId', description: 'A video already in your Sync Labs assets' },
		binarySource,
	],
};

const properties: INodeProperties[] = [
	modelField,
	// An AI Agent's tool gets no binary data (actions/asTool/forTheModel.ts): its variant lists the sources without
	// Binary File, as Create's do (inputs.descriptions.ts); n8n keeps the value of the one displayed.
	{ ...videoSource, displayOptions: NOT_AS_TOOL },
	{ ...videoSource, options: videoSource.options!.filter((o) => o !== binarySource), displayOptions: AS_TOOL_ONLY },
	{
		displayName: 'Video URL',
		name: 'visualUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/speaker.mp4',
		displayOptions: { show: { visualSource: ['url'] } },
	},
	{
		displayName: 'Video Asset ID',
		name: 'visualAssetId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { visualSource: ['assetId'] } },
	},
	{
		displayName: 'Video Input Binary Field',
		name: 'visualBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the video',
		displayOptions: { show: { visualSource: ['binary'] }, ...NOT_AS_TOOL },
	},
	{
		displayName: 'Target Languages',
		name: 'targetLanguages',
		type: 'multiOptions',
		default: [],
		required: true,
		options: dubLanguageOptions(),
		description:
			'The languages to dub into: one generation, and one output item, per language. An expression may give a list or text such as "es, de".',
	},
	{
		displayName: 'Source Language',
		name: 'sourceLanguage',
		type: 'options',
		default: AUTO_SOURCE,
		options: [{ name: 'Detect Automatically', value: AUTO_SOURCE, description: 'Sync detects the spoken language' }, ...dubLanguageOptions()].sort((a, b) =>
			a.name.localeCompare(b.name),
		),
		description: 'The language spoken in the video',
	},
	{
		displayName: 'Allow Other Language Codes',
		name: 'allowOtherLanguageCodes',
		type: 'boolean',
		default: false,
		description:
			'Whether a language code outside the lists (given by an expression, e.g. "sr") is sent to Sync, which then decides whether it dubs into it. Sync refuses an unknown code only at its create, when the creates before it may already be billed.',
	},
	completionModeField,
	{
		displayName:
			'Wait for Webhook dubs into one language per execution: Sync\'s callback resumes it once. For several languages use Poll Until Done, or Loop Over Items with one language each.',
		name: 'oneLanguageNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { completion: ['webhook'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...dubOptions, ...createCompletionOptions, ...costGuardOptions].sort(byDisplayName),
	},
	...generationOutputFields,
];

export const description = updateDisplayOptions({ show: { resource: ['generation'], operation: ['dub'] } }, properties);

/** An item's dub, with the cost guard's verdict when the item has a cap (actions/common/costGuard.ts). */
type Guarded = PreparedDub & { cost?: CostVerdict };
type Prepared = Guarded | { failure: unknown };

/**
 * Reads and checks every item's dub before the first create, an Idempotency Key another item sends for the same
 * language with another request and the model against the account's models included (actions/common/accountModels.ts),
 * then the cost caps, exactly as Create does: without continue-on-fail one bad
 * or refused item stops the node before anything is billed; with it, that item becomes its error item and the
 * others go on. The guard sees one item per input item, its languages as its creates, so they are capped together
 * (docs/cost-guard.md#for-a-dub).
 */
async function prepareAll(ctx: IExecuteFunctions, items: INodeExecutionData[], settings: { webhookUrl?: string; oneLanguage?: boolean } = {}): Promise<Prepared[]> {
	const prepared: Prepared[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push(await prepareDub(ctx, itemIndex, properties, settings));
		} catch (failure) {
			if (!ctx.continueOnFail()) throw asNodeError(ctx, failure as Error, itemIndex);
			prepared.push({ failure });
		}
	}
	const keyed = prepared.flatMap((item, itemIndex) =>
		'failure' in item
			? []
			: item.creates.map((create) => ({
					itemIndex,
					key: create.idempotencyKey,
					body: create.body,
					binaryInputs: item.files.length,
					shownKey: `"${create.idempotencyKey}" (dubbing into ${create.targetLanguage})`,
				})),
	);
	for (const { itemIndex, error } of reusedKeyRefusals(ctx, keyed, 'generation')) {
		if (!ctx.continueOnFail()) throw error;
		prepared[itemIndex] = { failure: error };
	}
	const uses = prepared.flatMap((item, itemIndex) => ('failure' in item ? [] : [{ itemIndex, model: item.model }]));
	for (const { use, problem } of await modelProblems(ctx, uses, isModelSetPerItem(ctx))) {
		const failure = modelProblemError(ctx, use.itemIndex, 'Model', `is ${shownModel(use.model)}`, problem);
		if (!ctx.continueOnFail()) throw failure;
		prepared[use.itemIndex] = { failure };
	}
	const costs = await guardCosts(
		ctx,
		prepared.flatMap((item, itemIndex) => {
			if ('failure' in item) return [];
			// Sync sees a binary video only once it is uploaded; the dubbing part of every create is unpriced anyway
			// (actions/common/estimateCreates.ts knownUnestimated).
			const unpriceable = item.files.length > 0 ? { unpriceable: BINARY_INPUT_UNPRICEABLE } : {};
			const name = `Item ${itemIndex} (dubbing into ${item.creates.map((create) => create.targetLanguage).join(', ')})`;
			return [{ itemIndex, name, caps: costCapsFrom(item.options), creates: item.creates.map((create) => ({ body: create.body, ...unpriceable })) }];
		}),
	);
	for (const [itemIndex, cost] of costs) prepared[itemIndex] = cost.admitted ? { ...(prepared[itemIndex] as Guarded), cost } : { failure: cost.error };
	return prepared;
}

async function submitDub(ctx: IExecuteFunctions, itemIndex: number, item: PreparedDub, create: DubCreate, stop?: AbortSignal): Promise<Generation> {
	// A binary video always goes through the asset upload (the SDK's multipart form has no dubParams part), once
	// per item for all its languages (submitGeneration.ts).
	const submit = async (sent: DubCreate) =>
		await submitGeneration(ctx, itemIndex, { body: sent.body, files: item.files }, { idempotencyKey: sent.idempotencyKey, uploadThresholdBytes: 0, stop });
	return await submit(create).catch(async (error: unknown) => {
		if (!asksForProviderName(error, create)) throw error;
		return await submit(withProviderName(create));
	});
}

/** The output item of one language's generation: the generation, and the language it dubs into. */
function inLanguage(item: INodeExecutionData, targetLanguage: string): INodeExecutionData {
	return { ...item, json: { ...item.json, targetLanguage } };
}

/** The output item of one language's create, with the guard's estimate of that create when the guard ran. */
function withEstimate(output: INodeExecutionData, item: Guarded, create: DubCreate): INodeExecutionData {
	return { ...output, json: { ...output.json, ...estimatedCostFields(item.cost, item.creates.indexOf(create)) } };
}

const dubbingInto = (message: string, targetLanguage: string) => `${message} (dubbing into ${targetLanguage})`;

/** The node's error for one language's generation, saying which language (the error that stops the node). */
function languageError(ctx: IExecuteFunctions, error: unknown, itemIndex: number, targetLanguage: string): Error {
	const nodeError = asNodeError(ctx, error as Error, itemIndex) as Error & { context?: IDataObject };
	if (nodeError.context?.targetLanguage === undefined) {
		nodeError.message = dubbingInto(nodeError.message, targetLanguage);
		if (nodeError.context) nodeError.context.targetLanguage = targetLanguage;
	}
	return nodeError;
}

/**
 * The error item of one language's generation. The error itself is left as it is: the languages of one item share
 * one upload, so they may fail with the same error object. The item says the language where n8n keeps it: next to
 * the error in the regular output, inside `error` on the error output (whose json must hold only `message` and
 * `error` to be routed there: actions/common/itemErrors.ts).
 */
function languageErrorItem(ctx: IExecuteFunctions, error: Error, itemIndex: number, targetLanguage: string): INodeExecutionData {
	const item = errorItem(ctx, error, itemIndex);
	const { json } = item;
	if (ctx.getNode().onError === 'continueErrorOutput') {
		const inner = json.error as IDataObject;
		const message = dubbingInto(String(json.message), targetLanguage);
		return { ...item, json: { message, error: { ...inner, message, targetLanguage } } };
	}
	return { ...item, json: { ...json, error: dubbingInto(String(json.error), targetLanguage), targetLanguage } };
}

interface Unit {
	itemIndex: number;
	prepared: Prepared;
	create?: DubCreate;
}

export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const completion = readerFor(this, 0, properties).choice('completion');
	const created = createdGenerationsOfRun(this);
	if (completion === 'webhook') return await dubAndWaitForWebhook(this, items, created);

	const prepared = await prepareAll(this, items);
	const concurrency = readerFor(this, 0, properties).option<number>('options', 'concurrency') ?? DEFAULT_CREATE_CONCURRENCY;
	// One unit per item and language, in that order; an item refused before any request is one unit.
	const units = prepared.flatMap<Unit>((item, itemIndex) =>
		'failure' in item ? [{ itemIndex, prepared: item }] : item.creates.map((create) => ({ itemIndex, prepared: item, create })),
	);

	const dubOne = async ({ itemIndex, prepared: item, create }: Unit, stop: AbortSignal): Promise<INodeExecutionData[]> => {
		if ('failure' in item) throw item.failure;
		const { targetLanguage } = create!;
		const generation = await submitDub(this, itemIndex, item, create!, stop).catch((error: unknown) => {
			// 503 IDEMPOTENCY_OUTCOME_UNKNOWN may name the generation the create made (docs/sync-api.md#idempotency-keys).
			noteUncertainGeneration(created, error, itemIndex, targetLanguage);
			throw error;
		});
		const entry: CreatedGeneration = { id: generation.id, itemIndex, status: generation.status, targetLanguage };
		created.push(entry);
		if (completion !== 'poll') return [withEstimate(inLanguage({ json: normalizedGeneration(generation) }, targetLanguage), item, create!)];
		try {
			const finished = await pollGeneration(this, generation.id, itemIndex, pollSettingsFrom(item.options), stop);
			entry.status = finished.status;
			return [withEstimate(inLanguage(await finishedGenerationItem(this, finished, itemIndex, item.options), targetLanguage), item, create!)];
		} catch (error) {
			throw withItemGeneration(this, error, itemIndex, generation.id);
		}
	};

	try {
		const outputs = await mapWithConcurrency(units, Math.max(1, Math.floor(concurrency)), async (unit, _index, stop) => {
			const language = unit.create?.targetLanguage;
			try {
				const output = await dubOne(unit, stop);
				return output.map((entry) => ({ ...entry, pairedItem: { item: unit.itemIndex } }));
			} catch (error) {
				if (language === undefined) {
					if (!this.continueOnFail()) throw asNodeError(this, error as Error, unit.itemIndex);
					return [errorItem(this, error as Error, unit.itemIndex)];
				}
				if (!this.continueOnFail()) throw languageError(this, error, unit.itemIndex, language);
				return [languageErrorItem(this, asNodeError(this, error as Error, unit.itemIndex), unit.itemIndex, language)];
			}
		});
		return [outputs.flat()];
	} catch (error) {
		throw withCreatedGenerations(this, error, created);
	}
}

/**
 * Wait for Webhook, as in Create: one item and one language, the generation bound to this execution's resume before
 * the create, and the pause skipped when it already ended (actions/generation/waitForWebhook.ts).
 */
async function dubAndWaitForWebhook(ctx: IExecuteFunctions, items: INodeExecutionData[], created: CreatedGeneration[]): Promise<INodeExecutionData[][]> {
	const refused = refuseSeveralItemsForWebhook(ctx, items);
	if (refused) return refused;
	try {
		return await runPerItem(ctx, items, 1, async (itemIndex) => {
			assertGenerationCanBeBound(ctx, itemIndex);
			const [item] = await prepareAll(ctx, items, { webhookUrl: resumeUrlFor(ctx), oneLanguage: true });
			if ('failure' in item) throw item.failure;
			// Again: the cost guard's running total may have taken the last free custom data key.
			assertGenerationCanBeBound(ctx, itemIndex);
			const [create] = item.creates;
			const { targetLanguage } = create;
			// From here on an error is this language's: its error item says so, as in Poll Until Done.
			const failed = (error: Error): INodeExecutionData[] => {
				if (ctx.continueOnFail()) return [languageErrorItem(ctx, error, itemIndex, targetLanguage)];
				throw languageError(ctx, error, itemIndex, targetLanguage);
			};
			const reservation = reserveGenerationKey(ctx);
			let generation: Generation;
			try {
				generation = await submitDub(ctx, itemIndex, item, create);
			} catch (error) {
				reservation.restore();
				noteUncertainGeneration(created, error, itemIndex, targetLanguage);
				return failed(asNodeError(ctx, error as Error, itemIndex));
			}
			const entry: CreatedGeneration = { id: generation.id, itemIndex, status: generation.status, targetLanguage };
			created.push(entry);
			try {
				return [withEstimate(inLanguage(await waitForOwnWebhook(ctx, generation, item.options, itemIndex, entry), targetLanguage), item, create)];
			} catch (error) {
				return failed(withItemGeneration(ctx, error, itemIndex, generation.id));
			}
		});
	} catch (error) {
		throw withCreatedGenerations(ctx, error, created);
	}
}

/**
 * The resume webhook's item for a dub carries its language too. Read from the node's parameters as execute() read
 * them (one language: Wait for Webhook refuses more); left out when they cannot be read here, since the resume
 * must never throw (actions/generation/waitForWebhook.ts finishedWebhookItem).
 */
export function withResumedLanguage(ctx: IWebhookFunctions, item: INodeExecutionData): INodeExecutionData {
	try {
		const read = readerFor(ctx, undefined, properties);
		const [targetLanguage] = read.list('targetLanguages');
		return targetLanguage ? inLanguage(item, targetLanguage) : item;
	} catch {
		return item;
	}
}

import {
	updateDisplayOptions,
	type IDataObject,
	type IDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { finishedGenerationItem, pollSettingsFrom, type CompletionOptions } from './completion';
import { pollGeneration } from './pollGeneration';
import { createdGenerationsOfRun, noteUncertainGeneration, withCreatedGenerations, withItemGeneration, type CreatedGeneration } from './createdGenerations';
import { buildGenerationRequest, type CreateOptions, type GenerationRequest } from './generationRequest';
import { normalizedGeneration } from './generationOutput';
import {
	DEFAULT_UPLOAD_THRESHOLD_MB,
	resolveIdempotencyKey,
	submitGeneration,
} from './submitGeneration';
import {
	assertGenerationCanBeBound,
	refuseSeveralItemsForWebhook,
	currentGeneration,
	finishedWebhookItem,
	pauseUntilWebhook,
	rememberGeneration,
	reserveGenerationKey,
	resumeUrlFor,
} from './waitForWebhook';
import { isTerminalGenerationStatus, type Generation } from '../../schemas/generation';
import { isModelSetPerItem, modelProblemError, modelProblems, shownModel } from '../common/accountModels';
import { asNodeError } from '../common/itemErrors';
import { reusedKeyRefusals } from '../common/sharedIdempotencyKeys';
import { runPerItem } from '../common/runPerItem';
import { byDisplayName } from './sortOptions';
import { completionModeField, createCompletionOptions } from './completion.descriptions';
import { inputSourceFields, modelField, segmentInputOptions } from './inputs.descriptions';
import { EMOTIONS, MODEL_MODES, optionsOf, SYNC_MODES } from './choices';
import { readerFor } from '../../parameters';
import { projectIdOption } from '../project/projectOption';
import { generationOutputFields } from './outputOption';
import { BINARY_INPUT_UNPRICEABLE, costCapsFrom, costGuardOptions, estimatedCostFields, guardCosts, type CostGuardOptions, type CostVerdict } from '../common/costGuard';

export const DEFAULT_CREATE_CONCURRENCY = 3;

// Options that apply only to some models, inputs or completion modes are hidden otherwise. Root paths ("/model")
// are read from the node's parameters (getPropertyValues, https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/node-helpers.ts).
// n8n drops hidden collection values when it loads a workflow, so each rule hides an option only where the
// code ignores it (or refuses it: Model Mode and Emotion on another model); test/actions/generation/createOptionsDisplay.test.cts.
// An exact value, not a `_cnd: { startsWith }` condition: n8n 2.8's parameter validation calls startsWith on the
// model of every operation and throws where it is undefined (publish fails: "Error validating node parameters").
const REACT_1_ONLY: IDisplayOptions = { show: { '/model': ['react-1'] } };
const TEXT_TO_SPEECH_ONLY: IDisplayOptions = { show: { '/audioSource': ['text'] } };
// Wait for Webhook creates one generation and uses this execution's resume URL (actions/generation/waitForWebhook.ts).
const NOT_WITH_WEBHOOK: IDisplayOptions = { hide: { '/completion': ['webhook'] } };

const uploadThresholdOption: INodeProperties = {
	displayName: 'Upload Threshold (MB)',
	name: 'uploadThresholdMb',
	type: 'number',
	default: DEFAULT_UPLOAD_THRESHOLD_MB,
	typeOptions: { minValue: 0 },
	description:
		'Binary inputs up to this size are sent in the create request; larger ones are streamed to Sync\'s asset storage first',
};

/** Create's own options; Dub offers those that apply to a dub (dub.operation.ts). */
export const createOnlyOptions: INodeProperties[] = [
	{
		displayName: 'Active Speaker Detection',
		name: 'activeSpeakerDetection',
		type: 'boolean',
		default: false,
		description: 'Whether to detect automatically which face is speaking when several are visible',
	},
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		default: DEFAULT_CREATE_CONCURRENCY,
		typeOptions: { minValue: 1, maxValue: 50 },
		description:
			'How many items are created (and polled) at the same time. Sync plans allow 1 (Hobbyist) to 15 (Scale) generations in flight; extra creates wait for a free slot.',
		displayOptions: NOT_WITH_WEBHOOK,
	},
	{
		displayName: 'Emotion',
		name: 'emotion',
		type: 'options',
		default: 'neutral',
		description: 'React-1 only: the emotion to express',
		displayOptions: REACT_1_ONLY,
		options: optionsOf(EMOTIONS),
	},
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		description:
			'Leave empty for an automatic key that is the same for this execution and item, so a retried request never creates a second generation',
	},
	{
		displayName: 'Model Mode',
		name: 'modelMode',
		type: 'options',
		default: 'face',
		description: 'React-1 only: which region the model animates',
		displayOptions: REACT_1_ONLY,
		options: optionsOf(MODEL_MODES),
	},
	{
		displayName: 'Occlusion Detection',
		name: 'occlusionDetection',
		type: 'boolean',
		default: false,
		description: 'Whether to handle hands or microphones in front of the face (slower)',
	},
	{
		displayName: 'Output File Name',
		name: 'outputFileName',
		type: 'string',
		default: '',
		description: 'Base name of the output file without extension; letters, digits, "_" and "-"',
	},
	projectIdOption('The project the generation joins (binary inputs are then uploaded as assets first)'),
	{
		displayName: 'Reasoning',
		name: 'reasoningEnabled',
		type: 'boolean',
		default: false,
		description: 'Whether to enable reasoning on models that support it (priced differently)',
	},
	{
		displayName: 'Segments (JSON)',
		name: 'segments',
		type: 'json',
		default: '[]',
		description:
			'Multi-segment generation: an array of {"startTime", "endTime", "audioInput": {"refId"}} objects, each refId that of an audio input (Audio Reference ID, Additional Audio Inputs). Leave as [] for none.',
	},
	{
		displayName: 'Sync Mode',
		name: 'syncMode',
		type: 'options',
		default: 'loop',
		description: 'What to do when video and audio lengths differ',
		options: optionsOf(SYNC_MODES),
	},
	{
		displayName: 'Temperature',
		name: 'temperature',
		type: 'number',
		default: 0.5,
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		description: 'Expressiveness, from 0 (least) to 1 (most)',
	},
	// Shown when either input is a binary file: displayOptions cannot say "or", so the option is listed twice
	// with rules that never both match; the editor collects every option of one name (getOptionProperties in
	// n8n's CollectionParameter.vue) and getNodeParameters keeps the value of the displayed one.
	{ ...uploadThresholdOption, displayOptions: { show: { '/visualSource': ['binary'] } } },
	{ ...uploadThresholdOption, displayOptions: { show: { '/audioSource': ['binary'] }, hide: { '/visualSource': ['binary'] } } },
	{
		displayName: 'Voice Similarity Boost',
		name: 'similarityBoost',
		type: 'number',
		default: 0.75,
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		description: 'Text to speech: how closely the voice follows the original',
		displayOptions: TEXT_TO_SPEECH_ONLY,
	},
	{
		displayName: 'Voice Stability',
		name: 'stability',
		type: 'number',
		default: 0.5,
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		description: 'Text to speech: lower gives a broader emotional range',
		displayOptions: TEXT_TO_SPEECH_ONLY,
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/.../syncLabs',
		description:
			'Where Sync Labs posts the result, e.g. the production URL of a Sync Labs Trigger',
		displayOptions: NOT_WITH_WEBHOOK,
	},
];

const properties: INodeProperties[] = [
	modelField,
	...inputSourceFields(true),
	completionModeField,
	...generationOutputFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...createOnlyOptions, ...segmentInputOptions, ...createCompletionOptions, ...costGuardOptions].sort(byDisplayName),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['generation'], operation: ['create'] } }, properties);

type Options = CreateOptions & CompletionOptions & CostGuardOptions & { concurrency?: number; idempotencyKey?: string; uploadThresholdMb?: number };

interface PreparedCreate {
	options: Options;
	request: GenerationRequest;
	idempotencyKey: string;
	/** The cost guard's verdict, when the item has a cap (actions/common/costGuard.ts). */
	cost?: CostVerdict;
}

/** The output item of a created generation, with the guard's estimate when the guard ran. */
function withEstimate(output: INodeExecutionData, item: PreparedCreate): INodeExecutionData {
	return item.cost ? { ...output, json: { ...output.json, ...estimatedCostFields(item.cost) } } : output;
}

/** Reads and checks one item's whole create request; throws the item's input error before any request. */
async function prepareOne(ctx: IExecuteFunctions, itemIndex: number, overrides: { webhookUrl?: string } = {}): Promise<PreparedCreate> {
	const options = readerFor(ctx, itemIndex, properties).collection<Options>('options');
	const request = await buildGenerationRequest(ctx, itemIndex, overrides, options);
	return { options, request, idempotencyKey: resolveIdempotencyKey(ctx, itemIndex, options.idempotencyKey) };
}

async function submitPrepared(ctx: IExecuteFunctions, itemIndex: number, prepared: PreparedCreate, stop?: AbortSignal) {
	const thresholdMb = typeof prepared.options.uploadThresholdMb === 'number' ? prepared.options.uploadThresholdMb : DEFAULT_UPLOAD_THRESHOLD_MB;
	return await submitGeneration(ctx, itemIndex, prepared.request, {
		idempotencyKey: prepared.idempotencyKey,
		uploadThresholdBytes: thresholdMb * 1024 * 1024,
		stop,
	});
}

/**
 * Reads and checks every item's create before the first one is sent, an Idempotency Key another item sends with
 * another request (actions/common/sharedIdempotencyKeys.ts) and the model against the account's models included
 * (actions/common/accountModels.ts), then the cost caps (actions/common/costGuard.ts): without
 * continue-on-fail one bad or refused item stops the node before anything is billed; with it, that item becomes
 * its error item and the others go on.
 */
async function prepareAll(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	overrides: { webhookUrl?: string } = {},
): Promise<Array<PreparedCreate | { failure: unknown }>> {
	const prepared: Array<PreparedCreate | { failure: unknown }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push(await prepareOne(ctx, itemIndex, overrides));
		} catch (failure) {
			if (!ctx.continueOnFail()) throw asNodeError(ctx, failure as Error, itemIndex);
			prepared.push({ failure });
		}
	}
	const keyed = prepared.flatMap((item, itemIndex) =>
		'failure' in item ? [] : [{ itemIndex, key: item.idempotencyKey, body: item.request.body, binaryInputs: item.request.files.length }],
	);
	for (const { itemIndex, error } of reusedKeyRefusals(ctx, keyed, 'generation')) {
		if (!ctx.continueOnFail()) throw error;
		prepared[itemIndex] = { failure: error };
	}
	const uses = prepared.flatMap((item, itemIndex) => ('failure' in item ? [] : [{ itemIndex, model: item.request.body.model }]));
	for (const { use, problem } of await modelProblems(ctx, uses, isModelSetPerItem(ctx))) {
		const failure = modelProblemError(ctx, use.itemIndex, 'Model', `is ${shownModel(use.model)}`, problem);
		if (!ctx.continueOnFail()) throw failure;
		prepared[use.itemIndex] = { failure };
	}
	const costs = await guardCosts(
		ctx,
		prepared.flatMap((item, itemIndex) => {
			if ('failure' in item) return [];
			const unpriceable = item.request.files.length > 0 ? { unpriceable: BINARY_INPUT_UNPRICEABLE } : {};
			return [{ itemIndex, caps: costCapsFrom(item.options), creates: [{ body: item.request.body, ...unpriceable }] }];
		}),
	);
	for (const [itemIndex, cost] of costs) prepared[itemIndex] = cost.admitted ? { ...(prepared[itemIndex] as PreparedCreate), cost } : { failure: cost.error };
	return prepared;
}

export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const completion = readerFor(this, 0, properties).choice('completion');

	const created = createdGenerationsOfRun(this);
	if (completion === 'webhook') {
		const refused = refuseSeveralItemsForWebhook(this, items);
		if (refused) return refused;
		try {
			return await runPerItem(this, items, 1, async (itemIndex) => {
				assertGenerationCanBeBound(this, itemIndex);
				const [item] = await prepareAll(this, items, { webhookUrl: resumeUrlFor(this) });
				if ('failure' in item) throw item.failure;
				// Again: the cost guard's running total may have taken the last free custom data key.
				assertGenerationCanBeBound(this, itemIndex);
				const reservation = reserveGenerationKey(this);
				let generation: Generation;
				try {
					generation = await submitPrepared(this, itemIndex, item);
				} catch (error) {
					// No generation is bound to this run (one Sync may have made is named in the error): no placeholder
					// may stay where the README's Code node reads the id.
					reservation.restore();
					noteUncertainGeneration(created, error, itemIndex);
					throw asNodeError(this, error as Error, itemIndex);
				}
				const entry: CreatedGeneration = { id: generation.id, itemIndex, status: generation.status };
				created.push(entry);
				try {
					return [withEstimate(await waitForOwnWebhook(this, generation, item.options, itemIndex, entry), item)];
				} catch (error) {
					throw withItemGeneration(this, error, itemIndex, generation.id);
				}
			});
		} catch (error) {
			throw withCreatedGenerations(this, error, created);
		}
	}

	const prepared = await prepareAll(this, items);
	const concurrency = readerFor(this, 0, properties).option<number>('options', 'concurrency');
	try {
		return await runPerItem(this, items, concurrency ?? DEFAULT_CREATE_CONCURRENCY, async (itemIndex, stop) => {
			const item = prepared[itemIndex];
			if ('failure' in item) throw item.failure;
			const generation = await submitPrepared(this, itemIndex, item, stop).catch((error: unknown) => {
				// 503 IDEMPOTENCY_OUTCOME_UNKNOWN may name the generation the create made (docs/sync-api.md#idempotency-keys).
				noteUncertainGeneration(created, error, itemIndex);
				throw error;
			});
			const entry: CreatedGeneration = { id: generation.id, itemIndex, status: generation.status };
			created.push(entry);
			if (completion !== 'poll') return [withEstimate({ json: normalizedGeneration(generation) }, item)];
			try {
				const finished = await pollGeneration(this, generation.id, itemIndex, pollSettingsFrom(item.options), stop);
				entry.status = finished.status;
				return [withEstimate(await finishedGenerationItem(this, finished, itemIndex, item.options), item)];
			} catch (error) {
				throw withItemGeneration(this, error, itemIndex, generation.id);
			}
		});
	} catch (error) {
		throw withCreatedGenerations(this, error, created);
	}
}

/**
 * Wait for Webhook after the create: the resume webhook accepts only this generation, and downstream finds its id
 * even after an expired wait; a generation that already ended needs no wait.
 */
export async function waitForOwnWebhook(
	ctx: IExecuteFunctions,
	generation: Generation,
	options: Options,
	itemIndex: number,
	entry: CreatedGeneration,
): Promise<INodeExecutionData> {
	rememberGeneration(ctx, generation.id);
	// The check only spares a wait for an already finished generation. When it fails, the generation is
	// still billed and Sync still calls the resume URL: pause anyway (expiry + Get recovers it).
	const current = await currentGeneration(ctx, generation.id, itemIndex).catch((error: Error) => {
		ctx.logger.warn('Sync Labs: status check after the create failed; waiting for the webhook anyway', {
			generationId: generation.id,
			reason: error.message,
		});
		return undefined;
	});
	if (current) entry.status = current.status;
	if (current && isTerminalGenerationStatus(current.status)) {
		return await finishedWebhookItem(ctx, current as IDataObject, options, itemIndex);
	}
	await pauseUntilWebhook(ctx, options.maxWaitTime);
	return { json: normalizedGeneration(current ?? generation) };
}

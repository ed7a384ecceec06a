import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { pollToItem, type CompletionOptions } from './completion';
import { buildGenerationRequest, type CreateOptions, type GenerationRequest } from './generationRequest';
import { normalizedGeneration } from './generationOutput';
import {
	DEFAULT_UPLOAD_THRESHOLD_MB,
	resolveIdempotencyKey,
	submitGeneration,
} from './submitGeneration';
import {
	assertGenerationCanBeBound,
	assertOneItemForWebhook,
	currentGeneration,
	finishedWebhookItem,
	pauseUntilWebhook,
	rememberGeneration,
	reserveGenerationKey,
	resumeUrlFor,
} from './waitForWebhook';
import { isTerminalGenerationStatus } from '../../schemas/generation';
import { generationIdOf } from '../../transport';
import { asNodeError, errorItem } from '../common/itemErrors';
import { runPerItem } from '../common/runPerItem';
import { byDisplayName } from './sortOptions';
import { completionModeField, createCompletionOptions } from './completion.descriptions';
import { inputSourceFields, modelField, segmentInputOptions } from './inputs.descriptions';
import { EMOTIONS, MODEL_MODES, optionsOf, SYNC_MODES } from './choices';
import { readerFor } from '../../parameters';
import { projectIdOption } from '../project/projectOption';

export const DEFAULT_CREATE_CONCURRENCY = 3;

// Options that apply only to some models, inputs or completion modes are hidden otherwise. Root paths ("/model")
// are read from the node's parameters (getPropertyValues, node_modules/n8n-workflow/dist/cjs/node-helpers.js).
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

const createOnlyOptions: INodeProperties[] = [
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...createOnlyOptions, ...segmentInputOptions, ...createCompletionOptions].sort(byDisplayName),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['generation'], operation: ['create'] } }, properties);

type Options = CreateOptions & CompletionOptions & { concurrency?: number; idempotencyKey?: string; uploadThresholdMb?: number };

interface PreparedCreate {
	options: Options;
	request: GenerationRequest;
	idempotencyKey: string;
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

async function createOne(ctx: IExecuteFunctions, itemIndex: number, overrides: { webhookUrl?: string } = {}) {
	const prepared = await prepareOne(ctx, itemIndex, overrides);
	return { generation: await submitPrepared(ctx, itemIndex, prepared), options: prepared.options };
}

interface CreatedGeneration {
	id: string;
	itemIndex: number;
	/** Named by Sync's 503 IDEMPOTENCY_OUTCOME_UNKNOWN: it may exist. */
	uncertain?: boolean;
}

/** The node's error, extended with the generations this run already created (they are billed and keep running). */
function withCreatedGenerations(ctx: IExecuteFunctions, error: unknown, created: CreatedGeneration[]): unknown {
	if (created.length === 0) return error;
	const list = [...created]
		.sort((a, b) => a.itemIndex - b.itemIndex)
		.map((c) => `${c.id} (item ${c.itemIndex}${c.uncertain ? ', outcome unknown: check it with "Get"' : ''})`)
		.join(', ');
	const nodeError = asNodeError(ctx, error as Error, 0) as NodeOperationError;
	nodeError.message = `${nodeError.message}. Generations already created by this node: ${list}`;
	nodeError.description = [
		nodeError.description,
		`These generations were created before the failure and keep running at Sync Labs: ${list}. Continue with "Get" or "Wait for Completion" instead of running this node again, which would create them again.`,
	]
		.filter(Boolean)
		.join(' ');
	return nodeError;
}

export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const completion = readerFor(this, 0, properties).choice('completion');

	if (completion === 'webhook') {
		try {
			assertOneItemForWebhook(this, items.length);
		} catch (error) {
			// Thrown with On Error = continue, n8n would pass the input through as if it had succeeded
			// (n8n-core workflow-execute.js handleNodeExecutionError): every item is refused instead.
			if (!this.continueOnFail()) throw asNodeError(this, error as Error, 0);
			return [items.map((_, itemIndex) => errorItem(this, error as Error, itemIndex))];
		}
		return await runPerItem(this, items, 1, async (itemIndex) => {
			assertGenerationCanBeBound(this, itemIndex);
			const reservation = reserveGenerationKey(this);
			let created: Awaited<ReturnType<typeof createOne>>;
			try {
				created = await createOne(this, itemIndex, { webhookUrl: resumeUrlFor(this) });
			} catch (error) {
				// Nothing was created: no placeholder may stay where the README's Code node reads the id.
				reservation.restore();
				throw asNodeError(this, error as Error, itemIndex);
			}
			const { generation, options } = created;
			// The resume webhook accepts only this generation; downstream finds it here even after an expired wait.
			rememberGeneration(this, generation.id);
			// The check only spares a wait for an already finished generation. When it fails, the generation is
			// still billed and Sync still calls the resume URL: pause anyway (expiry + Get recovers it).
			const current = await currentGeneration(this, generation.id, itemIndex).catch((error: Error) => {
				this.logger.warn('Sync Labs: status check after the create failed; waiting for the webhook anyway', {
					generationId: generation.id,
					reason: error.message,
				});
				return undefined;
			});
			if (current && isTerminalGenerationStatus(current.status)) {
				return [await finishedWebhookItem(this, current as IDataObject, options, itemIndex)];
			}
			await pauseUntilWebhook(this, options.maxWaitTime);
			return [{ json: normalizedGeneration(current ?? generation) }];
		});
	}

	// Every item's input is checked before the first create: without continue-on-fail one bad item stops the
	// node before anything is billed; with it, the bad item becomes its error item and the others go on.
	const prepared: Array<PreparedCreate | { failure: unknown }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push(await prepareOne(this, itemIndex));
		} catch (failure) {
			if (!this.continueOnFail()) throw asNodeError(this, failure as Error, itemIndex);
			prepared.push({ failure });
		}
	}

	const created: CreatedGeneration[] = [];
	const firstOptions = readerFor(this, 0, properties).collection<Options>('options');
	try {
		return await runPerItem(this, items, firstOptions.concurrency ?? DEFAULT_CREATE_CONCURRENCY, async (itemIndex, stop) => {
			const item = prepared[itemIndex];
			if ('failure' in item) throw item.failure;
			const generation = await submitPrepared(this, itemIndex, item, stop).catch((error: unknown) => {
				// 503 IDEMPOTENCY_OUTCOME_UNKNOWN may name the generation the create made (docs/sync-api.md#idempotency-keys).
				const maybe = generationIdOf(error);
				if (maybe) created.push({ id: maybe, itemIndex, uncertain: true });
				throw error;
			});
			created.push({ id: generation.id, itemIndex });
			if (completion === 'poll') return [await pollToItem(this, generation.id, itemIndex, item.options, stop)];
			return [{ json: normalizedGeneration(generation) }];
		});
	} catch (error) {
		throw withCreatedGenerations(this, error, created);
	}
}

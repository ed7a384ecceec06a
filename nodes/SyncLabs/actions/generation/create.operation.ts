import {
	updateDisplayOptions,
	type IDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { pollToItem, type CompletionOptions } from '../../helpers/completion';
import { buildGenerationRequest, type CreateOptions } from '../../helpers/generationRequest';
import { normalizedGeneration } from '../../helpers/generationOutput';
import {
	DEFAULT_UPLOAD_THRESHOLD_MB,
	resolveIdempotencyKey,
	submitGeneration,
} from '../../helpers/submitGeneration';
import { assertOneItemForWebhook, pauseUntilWebhook, resumeUrlFor } from '../../helpers/waitForWebhook';
import { runPerItem } from '../runPerItem';
import { byDisplayName } from '../sortOptions';
import { completionModeField, createCompletionOptions } from './completion.descriptions';
import { inputSourceFields, modelField, segmentInputOptions } from './inputs.descriptions';

export const DEFAULT_CREATE_CONCURRENCY = 3;

// Options that apply only to some models, inputs or completion modes are hidden otherwise. Root paths ("/model")
// are read from the node's parameters (getPropertyValues, node_modules/n8n-workflow/dist/cjs/node-helpers.js).
// n8n drops hidden collection values when it loads a workflow, so each rule hides an option only where the
// code ignores it (or refuses it: Model Mode and Emotion on another model); test/node/createOptionsDisplay.test.ts.
const REACT_1_ONLY: IDisplayOptions = { show: { '/model': [{ _cnd: { startsWith: 'react-1' } }] } };
const TEXT_TO_SPEECH_ONLY: IDisplayOptions = { show: { '/audioSource': ['text'] } };
// Wait for Webhook creates one generation and uses this execution's resume URL (helpers/waitForWebhook.ts).
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
		options: ['angry', 'disgusted', 'happy', 'neutral', 'sad', 'surprised'].map((e) => ({
			name: e.charAt(0).toUpperCase() + e.slice(1),
			value: e,
		})),
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
		options: [
			{ name: 'Face', value: 'face', description: 'Lips and facial expression' },
			{ name: 'Head', value: 'head', description: 'Face plus natural head movement' },
			{ name: 'Lips', value: 'lips', description: 'Lips only' },
		],
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
		options: [
			{ name: 'Bounce', value: 'bounce', description: 'Play the video back and forth to fill' },
			{ name: 'Cut Off', value: 'cut_off', description: 'Cut the audio to the video length' },
			{ name: 'Loop', value: 'loop', description: 'Loop the video to fill' },
			{ name: 'Remap', value: 'remap', description: 'Speed the video up or down to match' },
			{ name: 'Silence', value: 'silence', description: 'Pad the audio with silence' },
		],
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

async function createOne(ctx: IExecuteFunctions, itemIndex: number, overrides: { webhookUrl?: string } = {}) {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Options;
	const request = await buildGenerationRequest(ctx, itemIndex, overrides);
	const thresholdMb = typeof options.uploadThresholdMb === 'number' ? options.uploadThresholdMb : DEFAULT_UPLOAD_THRESHOLD_MB;
	const generation = await submitGeneration(ctx, itemIndex, request, {
		idempotencyKey: resolveIdempotencyKey(ctx, itemIndex, options.idempotencyKey),
		uploadThresholdBytes: thresholdMb * 1024 * 1024,
	});
	return { generation, options };
}

export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const completion = this.getNodeParameter('completion', 0, 'poll') as string;

	if (completion === 'webhook') {
		assertOneItemForWebhook(this, items.length);
		return await runPerItem(this, items, 1, async (itemIndex) => {
			const { generation, options } = await createOne(this, itemIndex, { webhookUrl: resumeUrlFor(this) });
			await pauseUntilWebhook(this, options.maxWaitTime);
			return [{ json: normalizedGeneration(generation) }];
		});
	}

	const firstOptions = this.getNodeParameter('options', 0, {}) as Options;
	return await runPerItem(this, items, firstOptions.concurrency ?? DEFAULT_CREATE_CONCURRENCY, async (itemIndex) => {
		const { generation, options } = await createOne(this, itemIndex);
		if (completion === 'poll') return [await pollToItem(this, generation.id, itemIndex, options)];
		return [{ json: normalizedGeneration(generation) }];
	});
}

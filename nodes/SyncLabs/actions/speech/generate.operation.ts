// Speech → Generate (docs/sync-api-2026.md#text-to-speech): a script and a voice give hosted audio and its length,
// made once and reusable as the audio input of several generations. The asynchronous job is used where the
// organization has it (keyed, so safe to repeat, and polled); Sync's 503 there means "not enabled", and the
// synchronous call is used instead, which is never repeated after a 5xx or a timeout (it has no key), also not by
// n8n's Retry On Fail (synchronousOncePerRun.ts). Speech is billed by the character, so every item is read and
// checked before the first request (common/everyItemFirst.ts), and an error that stops the node names every
// speech the run made (madeSpeech.ts).
import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { createSpeechJob, SPEECH_JOBS_NOT_ENABLED, synthesizeSpeech, type SpeechRequest } from '../../api';
import { readerFor } from '../../parameters';
import { runAfterCheckingEveryItem } from '../common/everyItemFirst';
import { reusedKeyRefusals } from '../common/sharedIdempotencyKeys';
import { invalidInput } from '../common/validation';
import { MAX_SCRIPT_LENGTH } from '../generation/inputs.descriptions';
import { defaultIdempotencyKey, resolveIdempotencyKey } from '../generation/submitGeneration';
import { nameBasedUuid } from '../project/projectId';
import { voiceIdField } from '../voice/voiceIdField';
import { downloadSpeech } from './downloadSpeech';
import { noteUncertainSpeech, noteUnreadableSpeech, withItemSpeech, withMadeSpeech, type MadeSpeech } from './madeSpeech';
import { refuseAfterUnknownOutcome, rememberMadeSpeech, rememberUnknownOutcome, rememberUnreadableSpeech, speechMadeBefore } from './synchronousOncePerRun';
import { waitForSpeechJob } from './waitForSpeechJob';
import { MAX_WAIT_SECONDS } from '../common/descriptions';

const properties: INodeProperties[] = [
	voiceIdField('The voice that speaks: a built-in voice ID or the ID of a cloned voice'),
	{
		displayName: 'Script',
		name: 'script',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: `What the voice says, at most ${MAX_SCRIPT_LENGTH} characters`,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Download Audio',
				name: 'downloadAudio',
				type: 'boolean',
				default: false,
				description: 'Whether to add the audio file to the output item as binary data, besides its URL',
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					'For the asynchronous job: the same key returns the job made with it instead of a new one. Leave empty for a key that is the same for this execution and item.',
			},
			{
				displayName: 'Max Wait Time (Seconds)',
				name: 'maxWaitTime',
				type: 'number',
				default: 300,
				typeOptions: { minValue: 1, maxValue: MAX_WAIT_SECONDS },
				description: 'How long to wait for an asynchronous job before giving up with an error naming the job',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 0.01, numberPrecision: 2 },
				description: 'Wait between two checks of an asynchronous job (Sync asks for 3 seconds)',
			},
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				hint: 'The name of the output binary field for the audio, with Download Audio on',
			},
			{
				displayName: 'Similarity Boost',
				name: 'similarityBoost',
				type: 'number',
				default: 0.75,
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				description: 'How closely the speech follows the voice, from 0 to 1',
			},
			{
				displayName: 'Stability',
				name: 'stability',
				type: 'number',
				default: 0.5,
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				description: 'From 0 (more expressive) to 1 (steadier)',
			},
			{
				displayName: 'Synthesis',
				name: 'synthesis',
				type: 'options',
				options: [
					{
						name: 'Job Where Available',
						value: 'auto',
						description: 'An asynchronous job, safe to retry; where the organization does not have jobs, a synchronous request',
					},
					{ name: 'Synchronous', value: 'sync', description: 'One synchronous request, never repeated after a server error or a timeout' },
				],
				default: 'auto',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['speech'], operation: ['generate'] } }, properties);

interface GenerateOptions {
	binaryPropertyName?: string;
	downloadAudio?: boolean;
	idempotencyKey?: string;
	maxWaitTime?: number;
	pollInterval?: number;
	similarityBoost?: number;
	stability?: number;
	synthesis?: 'auto' | 'sync';
}

/** The job's key: the one given, else a UUID of this item's run (not a generation's key: another endpoint). */
function jobKey(ctx: IExecuteFunctions, itemIndex: number, given: string | undefined): string {
	if ((given ?? '').trim() !== '') return resolveIdempotencyKey(ctx, itemIndex, given);
	return nameBasedUuid(`speech:${defaultIdempotencyKey(ctx, itemIndex)}`);
}

/** One item's speech as read and checked before any request: the request, the job's key (none: synchronous), the options. */
interface PreparedSpeech {
	request: SpeechRequest;
	key: string | undefined;
	/** The key is the Idempotency Key option's, not the automatic one. */
	keyGiven: boolean;
	options: GenerateOptions;
}

async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedSpeech> {
	const read = readerFor(ctx, itemIndex, properties);
	const voiceId = read.text('voiceId');
	const script = read.text('script');
	if (script.length > MAX_SCRIPT_LENGTH) {
		throw invalidInput(ctx, itemIndex, 'Script', `is ${script.length} characters long; Sync speaks at most ${MAX_SCRIPT_LENGTH}`);
	}
	const options = read.collection<GenerateOptions>('options');
	const request: SpeechRequest = { script, voiceId, stability: options.stability, similarityBoost: options.similarityBoost };
	const key = options.synthesis === 'sync' ? undefined : jobKey(ctx, itemIndex, options.idempotencyKey);
	return { request, key, keyGiven: key !== undefined && (options.idempotencyKey ?? '').trim() !== '', options };
}

/** Makes one item's speech, recording in `made` every speech it makes or may have made (madeSpeech.ts). */
async function generate(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ request, key, keyGiven, options }: PreparedSpeech,
	stop: AbortSignal,
	made: MadeSpeech[],
): Promise<INodeExecutionData[]> {
	const { voiceId } = request;
	let json: IDataObject;
	const job =
		key === undefined
			? SPEECH_JOBS_NOT_ENABLED
			: await createSpeechJob(ctx, request, key, { itemIndex, stop }).catch((error: unknown) => {
					if (!noteUnreadableSpeech(made, error, { itemIndex, synthesis: 'job', keyGiven })) noteUncertainSpeech(ctx, made, error, { itemIndex, synthesis: 'job', keyGiven });
					throw error;
				});
	if (job === SPEECH_JOBS_NOT_ENABLED) {
		if (key !== undefined) ctx.logger.debug('Sync Labs: asynchronous text to speech is not enabled for this organization; using the synchronous request');
		refuseAfterUnknownOutcome(ctx, itemIndex);
		const speech =
			(speechMadeBefore(ctx, itemIndex) as Awaited<ReturnType<typeof synthesizeSpeech>> | undefined) ??
			(await synthesizeSpeech(ctx, request, { itemIndex, stop }).catch((error: unknown) => {
				const unreadable = noteUnreadableSpeech(made, error, { itemIndex, synthesis: 'synchronous' });
				if (unreadable) rememberUnreadableSpeech(ctx, itemIndex, unreadable);
				else if (noteUncertainSpeech(ctx, made, error, { itemIndex, synthesis: 'synchronous' })) rememberUnknownOutcome(ctx, itemIndex, error);
				throw error;
			}));
		rememberMadeSpeech(ctx, itemIndex, speech);
		made.push({ itemIndex, synthesis: 'synchronous', id: speech.id, url: speech.url });
		json = { ...speech, voiceId, synthesis: 'synchronous' };
	} else {
		const entry: MadeSpeech = { itemIndex, synthesis: 'job', id: job.id, status: job.status, keyGiven };
		made.push(entry);
		const settings = { intervalMs: (options.pollInterval ?? 3) * 1000, maxWaitMs: (options.maxWaitTime ?? 300) * 1000, keyGiven };
		const done = await waitForSpeechJob(ctx, job, itemIndex, settings, stop, (seen) => {
			entry.status = seen.status;
			if (typeof seen.url === 'string' && seen.url !== '') entry.url = seen.url;
		});
		json = { ...done, voiceId, synthesis: 'job' } as IDataObject;
	}

	if (!options.downloadAudio) return [{ json }];
	const property = options.binaryPropertyName || 'data';
	return [{ json, binary: { [property]: await downloadSpeech(ctx, String(json.url), String(json.id), itemIndex) } }];
}

export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const made: MadeSpeech[] = [];
	try {
		return await runAfterCheckingEveryItem(
			this,
			items,
			async (itemIndex) => await prepare(this, itemIndex),
			async (itemIndex, prepared, stop) =>
				await generate(this, itemIndex, prepared, stop, made).catch((error: unknown) => {
					throw withItemSpeech(this, error, itemIndex, made);
				}),
			(prepared) =>
				reusedKeyRefusals(
					this,
					prepared.flatMap(({ itemIndex, value }) => (value.key === undefined ? [] : [{ itemIndex, key: value.key, body: value.request }])),
					'speech job',
				),
		);
	} catch (error) {
		throw withMadeSpeech(this, error, made);
	}
}

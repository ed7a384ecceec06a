// Voice → Clone (docs/sync-api-2026.md#voices): the sample must be in Sync storage, so a binary sample is uploaded
// as an asset first (actions/common/assetUpload.ts) and cloned by its asset ID. Cloning has no idempotency key:
// the request is sent once, and after an answer that leaves its outcome unknown (a 5xx, a timeout) the voices
// are listed and the clone of that name, if any, is the result. The name is checked against the organization's
// clones (not the built-in voices: names are unique only among clones) before anything is uploaded or cloned, so
// a taken name costs none of the 10 clones an hour; every item is read and checked before the first request
// (common/everyItemFirst.ts), a name two items would clone included, so a bad item 1 costs no clone for item 0
// either; and an error that stops the node names every voice the run cloned (clonedVoices.ts).
import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { cloneVoice, listVoices, type VoiceSample } from '../../api';
// Not an endpoint, so not in the client's index (test/api/everyEndpoint.cts calls every function it exports).
import { mayHaveBeenCarriedOut } from '../../api/madeAnswer';
import { readerFor } from '../../parameters';
import { isClonedVoice, voiceIdOf, type Voice } from '../../schemas/voice';
import { uploadBinaryAsAsset } from '../common/assetUpload';
import { oncePerRun, type RepeatRefusal } from '../common/oncePerRun';
import { runAfterCheckingEveryItem } from '../common/everyItemFirst';
import { inferMediaKind, readBinaryInput, type BinaryInput } from '../common/binaryInput';
import { invalidInput, requireHttpUrl, requireText } from '../common/validation';
import { saidPlainly, syncRefusal } from '../common/plainSyncError';
import { withClonedVoices, type ClonedVoice } from './clonedVoices';
import { voiceOutput } from './voiceOutput';

/** A video sample's source may be at most 1 GiB (Sync answers 413 `voice_sample_source_too_large` above). */
export const MAX_VIDEO_SAMPLE_BYTES = 1024 ** 3;
/** Clone requests Sync takes per API key and hour. */
export const CLONES_PER_HOUR = 10;

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Narrator (Anna)',
		description: 'Name of the new voice; no other voice cloned in your organization may have it (built-in voices\' names do not count)',
	},
	{
		displayName: 'Sample Source',
		name: 'sampleSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Binary File', value: 'binary', description: 'An audio or video file from an earlier node (uploaded to Sync first)' },
			{ name: 'Asset ID', value: 'assetId', description: 'An audio or video file uploaded to your Sync Labs assets' },
			{ name: 'Sync-Hosted URL', value: 'url', description: 'The URL of a file uploaded to Sync; other URLs are refused by Sync' },
		],
		default: 'binary',
	},
	{
		displayName: 'Input Binary Field',
		name: 'sampleBinaryProperty',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field holding the sample',
		description: '30 seconds to 2 minutes of one speaker, without music or noise; a video is read for its first 2 minutes of audio',
		displayOptions: { show: { sampleSource: ['binary'] } },
	},
	{
		displayName: 'Sample Asset ID',
		name: 'sampleAssetId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
		description: 'An uploaded audio or video asset',
		displayOptions: { show: { sampleSource: ['assetId'] } },
	},
	{
		displayName: 'Sample URL',
		name: 'sampleUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://assets.sync.so/...',
		description: 'The URL of an audio or video file already in Sync storage',
		displayOptions: { show: { sampleSource: ['url'] } },
	},
	{
		displayName: `Sync Labs clones at most ${CLONES_PER_HOUR} voices an hour per API key, and a failed clone is not repeated: it has no idempotency key.`,
		name: 'cloneNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['clone'] } }, properties);

/** The voice's name and its sample: in Sync storage already, or a binary file to upload first. */
type Prepared = { name: string } & ({ sample: VoiceSample } | { upload: BinaryInput });

/** Reads and checks everything before any request. */
async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<Prepared> {
	const read = readerFor(ctx, itemIndex, properties);
	const name = requireText(ctx, itemIndex, 'Name', read.text('name'));
	const source = read.choice<'binary' | 'assetId' | 'url'>('sampleSource');
	if (source === 'assetId') return { name, sample: { assetId: requireText(ctx, itemIndex, 'Sample Asset ID', read.text('sampleAssetId')) } };
	if (source === 'url') return { name, sample: { url: requireHttpUrl(ctx, itemIndex, 'Sample URL', read.text('sampleUrl')) } };

	const field = 'Input Binary Field';
	const propertyName = read.text('sampleBinaryProperty');
	const binary = ctx.getInputData()[itemIndex]?.binary?.[propertyName];
	// A missing property gets readBinaryInput's error (it lists the properties that exist).
	const kind = binary ? inferMediaKind(binary) : 'audio';
	if (kind !== 'audio' && kind !== 'video') {
		throw invalidInput(ctx, itemIndex, field, `"${propertyName}" holds ${binary?.mimeType ? `a ${binary.mimeType} file` : 'a file of unknown type'}; a voice is cloned from an audio or video file`);
	}
	const upload = await readBinaryInput(ctx, itemIndex, field, propertyName, kind);
	if (kind === 'video' && upload.size > MAX_VIDEO_SAMPLE_BYTES) {
		throw invalidInput(ctx, itemIndex, field, `"${propertyName}" holds "${upload.fileName}", ${upload.size} bytes of video; Sync clones from a video of at most 1 GiB: send its audio track instead`);
	}
	return { name, upload };
}

/**
 * An item whose Name an earlier item of the run clones: Sync would refuse it (409 voice_name_conflict) after the
 * earlier clone. Names are compared as sent and as Sync's conflict rule and the list check below compare them:
 * exactly (docs/sync-api-2026.md#voices says only "unique in the organization").
 */
function namesClonedTwice(ctx: IExecuteFunctions, prepared: Array<{ itemIndex: number; value: Prepared }>): Array<{ itemIndex: number; error: Error }> {
	const firstWithName = new Map<string, number>();
	const refusals: Array<{ itemIndex: number; error: Error }> = [];
	for (const { itemIndex, value } of prepared) {
		const first = firstWithName.get(value.name);
		if (first === undefined) {
			firstWithName.set(value.name, itemIndex);
			continue;
		}
		const error = invalidInput(ctx, itemIndex, 'Name', `is "${value.name}", the name item ${first} clones in this run; voice names are unique in an organization`);
		error.description = `Sync Labs would refuse this clone (409) after item ${first}'s. Give each item its own name, or clone the voice once and use its ID. Nothing was uploaded or cloned for item ${itemIndex}.`;
		refusals.push({ itemIndex, error });
	}
	return refusals;
}

function nameTaken(ctx: IExecuteFunctions, itemIndex: number, name: string, existing: Voice): NodeOperationError {
	const id = voiceIdOf(existing);
	// A clone Sync lists without an ID yet (its schema makes the ids optional) has none to show or use.
	const which = id === '' ? ', listed without an ID yet' : ` (ID ${id})`;
	const use = id === '' ? 'wait until Sync Labs lists its ID' : "use that voice's ID";
	return new NodeOperationError(ctx.getNode(), `A voice named "${name}" already exists in your organization${which} (item ${itemIndex})`, {
		itemIndex,
		description: `Voice names are unique in an organization: ${use}, or clone under another name. Nothing was uploaded or cloned for this item.`,
	});
}


function plainly(error: unknown, name: string, itemIndex: number): unknown {
	const conflict = syncRefusal(error, 409);
	if (conflict) {
		return saidPlainly(conflict, `A voice named "${name}" already exists in your organization (item ${itemIndex})`, 'Voice names are unique in an organization: use that voice\'s ID, or clone under another name.');
	}
	const limited = syncRefusal(error, 429);
	if (limited) {
		return saidPlainly(
			limited,
			`Sync Labs clones at most ${CLONES_PER_HOUR} voices an hour per API key, and this hour's are used (item ${itemIndex})`,
			'Nothing was cloned for this item. Run its clone again later; the node does not repeat it, since another request within the hour is refused too.',
		);
	}
	const slots = syncRefusal(error, 403, ['voice_clone_limit_reached']);
	if (slots) {
		return saidPlainly(slots, `Every voice clone slot of your Sync Labs plan is used (item ${itemIndex})`, 'Delete a cloned voice you no longer need (Voice → Delete), or upgrade the plan.');
	}
	const tooLarge = syncRefusal(error, 413);
	if (tooLarge) {
		return saidPlainly(tooLarge, `The sample's video is larger than Sync Labs clones from (item ${itemIndex})`, 'Sync reads at most 1 GiB of video for a voice sample: send the audio track alone, or a shorter video.');
	}
	const external = syncRefusal(error, 422, ['voice_sample_upload_required']);
	if (external) {
		return saidPlainly(
			external,
			`Sync Labs clones only from a sample in its own storage, and the sample is not (item ${itemIndex})`,
			'Give the sample as a binary file (the node uploads it first) or as the ID of an uploaded asset.',
		);
	}
	return error;
}

/**
 * After a clone whose outcome is unknown (`made` false) or which Sync made with an answer the node cannot read (`made`
 * true): the voices are listed and the one of that name is used; the errors say what may exist.
 */
async function afterUnknownOutcome(ctx: IExecuteFunctions, itemIndex: number, name: string, error: Error, made: boolean): Promise<Voice & IDataObject> {
	const mark = (failure: NodeOperationError) => {
		Object.assign(failure.context, made ? { voiceCloned: true } : { voiceMayBeCloned: true });
		return failure;
	};
	const outcome = made ? `Cloning voice "${name}" made a voice, but Sync Labs answered "${error.message}"` : `Cloning voice "${name}" failed with "${error.message}"`;
	let found: (Voice & IDataObject) | undefined;
	try {
		found = (await listVoices(ctx, { itemIndex })).find((voice) => isClonedVoice(voice) && voice.name === name);
	} catch (listing) {
		throw mark(
			new NodeOperationError(ctx.getNode(), `${outcome}, and ${made ? 'listing the voices to find it failed' : 'whether it was cloned is unknown'} (item ${itemIndex})`, {
				itemIndex,
				description: `The clone was not repeated (it has no idempotency key), and listing the voices to look for it failed too (${(listing as Error).message}). Look for a voice named "${name}" with Voice → Get Many before cloning again.`,
			}),
		);
	}
	if (found) {
		// The name was free before the clone (checked above) and is unique: this is the voice the clone made.
		ctx.logger.warn(`Sync Labs: cloning voice "${name}" answered "${error.message}", but the voice exists; using it`, { voiceId: voiceIdOf(found) });
		return found;
	}
	if (made) {
		throw mark(
			new NodeOperationError(ctx.getNode(), `${outcome}, and no voice of that name is listed yet (item ${itemIndex})`, {
				itemIndex,
				description: `Sync Labs made the clone, so it was not cloned again (the name is taken). A clone still being prepared may appear later: read its ID with Voice → Get Many.`,
			}),
		);
	}
	throw mark(
		new NodeOperationError(ctx.getNode(), `Cloning voice "${name}" failed with "${error.message}", and no voice of that name exists now (item ${itemIndex})`, {
			itemIndex,
			description: `The clone was not repeated: it has no idempotency key, so a repeat could clone twice. No voice named "${name}" was listed after the failure; a clone still in progress may appear later. Check with Voice → Get Many, then run the clone again.`,
		}),
	);
}

/** The clone of one item: the name checked free, the sample uploaded if binary, the voice cloned once. */
async function cloneOnce(ctx: IExecuteFunctions, itemIndex: number, prepared: Prepared, stop: AbortSignal): Promise<Voice & IDataObject> {
	const { name } = prepared;

	// A built-in ElevenLabs voice of that name ("Rachel") is not the organization's: Sync refuses a name only when a
	// clone has it (docs/sync-api-2026.md#voices).
	const existing = (await listVoices(ctx, { itemIndex, stop })).find((voice) => isClonedVoice(voice) && voice.name === name);
	if (existing) throw nameTaken(ctx, itemIndex, name, existing);

	let sample: VoiceSample;
	if ('sample' in prepared) sample = prepared.sample;
	else {
		const asset = await uploadBinaryAsAsset.call(ctx, itemIndex, prepared.upload, { field: 'Input Binary Field', stop });
		sample = { assetId: asset.id };
	}

	let voice: Voice & IDataObject;
	try {
		voice = await cloneVoice(ctx, { name, sample }, { itemIndex, stop });
	} catch (error) {
		// An answer the node cannot read is still a clone Sync made (api/voices.ts): looked for by name, as after no answer.
		const made = (error as NodeOperationError).context?.voiceCloned === true;
		if (!made && !mayHaveBeenCarriedOut(ctx, error)) throw plainly(error, name, itemIndex);
		voice = await afterUnknownOutcome(ctx, itemIndex, name, error as Error, made);
		if (voiceIdOf(voice) === '') {
			// Sync lists it without an ID yet (a clone still being prepared): made, but nothing to output or speak with.
			const unlisted = new NodeOperationError(ctx.getNode(), `Cloning voice "${name}" answered "${(error as Error).message}"; a voice of that name exists now, but Sync Labs lists it without an ID yet (item ${itemIndex})`, {
				itemIndex,
				description: `It is most likely the clone this request made, so it was not cloned again (the name is taken). Read its ID later with Voice → Get Many.`,
			});
			unlisted.context.voiceCloned = true;
			throw unlisted;
		}
	}
	return voice;
}

/**
 * What a later attempt of n8n's Retry On Fail says instead of cloning again (common/oncePerRun.ts): a clone has no
 * idempotency key, so after an attempt that cloned the voice, or may have, it is not sent again.
 */
function cloneRefusal(error: unknown, name: string, itemIndex: number): RepeatRefusal | undefined {
	const context = (error as NodeOperationError).context ?? {};
	if (context.voiceCloned !== true && context.voiceMayBeCloned !== true) return undefined;
	return {
		message: `Voice "${name}" was not cloned again: an earlier attempt ended with "${(error as Error).message}" (item ${itemIndex})`,
		description: (error as NodeOperationError).description ?? '',
		context: context.voiceCloned === true ? { voiceCloned: true } : { voiceMayBeCloned: true },
	};
}

async function clone(ctx: IExecuteFunctions, itemIndex: number, prepared: Prepared, stop: AbortSignal, cloned: ClonedVoice[]): Promise<INodeExecutionData[]> {
	const { name } = prepared;
	// A later attempt of Retry On Fail gets this item's voice again instead of finding its name taken.
	const voice = await oncePerRun(ctx, itemIndex, 'voice clone', async () => await cloneOnce(ctx, itemIndex, prepared, stop), (error) => cloneRefusal(error, name, itemIndex)).catch(
		(error: unknown) => {
			// Made, but Sync lists it without an ID yet: the node's error names it too.
			if ((error as NodeOperationError).context?.voiceCloned === true) cloned.push({ id: '', name, itemIndex });
			throw error;
		},
	);
	cloned.push({ id: voiceIdOf(voice), name, itemIndex });
	return [{ json: voiceOutput(voice) }];
}

export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const cloned: ClonedVoice[] = [];
	try {
		return await runAfterCheckingEveryItem(
			this,
			items,
			async (itemIndex) => await prepare(this, itemIndex),
			async (itemIndex, prepared, stop) => await clone(this, itemIndex, prepared, stop, cloned),
			(prepared) => namesClonedTwice(this, prepared),
		);
	} catch (error) {
		throw withClonedVoices(this, error, cloned);
	}
}

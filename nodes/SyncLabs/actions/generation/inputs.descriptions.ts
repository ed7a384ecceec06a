// The media inputs of a generation, shared by Create and Estimate Cost (by inputs).
import type { INodeProperties } from 'n8n-workflow';
import { optionsOf, VISUAL_TYPES } from './choices';
import { AS_TOOL_ONLY, NOT_AS_TOOL } from '../asTool/runsAsTool';

/** The longest script Sync speaks (docs/sync-api.md#inputs). */
export const MAX_SCRIPT_LENGTH = 5000;

export const modelField: INodeProperties = {
	displayName: 'Model Name or ID',
	name: 'model',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getModels' },
	default: 'lipsync-2',
	description:
		'Lip-sync model. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const binarySourceOption = { name: 'Binary File', value: 'binary', description: 'A file from an earlier node (uploaded by this node)' };

/** Visual and audio source fields; without binary files for operations that cannot upload. */
export function inputSourceFields(allowBinary: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Visual Input Type',
			name: 'visualType',
			type: 'options',
			default: 'video',
			options: optionsOf(VISUAL_TYPES),
		},
		{
			displayName: 'Visual Source',
			name: 'visualSource',
			type: 'options',
			default: 'url',
			options: [
				{ name: 'URL', value: 'url', description: 'A public URL Sync Labs can fetch' },
				{ name: 'Asset ID', value: 'assetId', description: 'A file already in your Sync Labs assets' },
				binarySourceOption,
			],
		},
		{
			displayName: 'Visual URL',
			name: 'visualUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/speaker.mp4',
			displayOptions: { show: { visualSource: ['url'] } },
		},
		{
			displayName: 'Visual Asset ID',
			name: 'visualAssetId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { visualSource: ['assetId'] } },
		},
		{
			displayName: 'Visual Input Binary Field',
			name: 'visualBinaryProperty',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field holding the video or image',
			displayOptions: { show: { visualSource: ['binary'] }, ...NOT_AS_TOOL },
		},
		{
			displayName: 'Audio Source',
			name: 'audioSource',
			type: 'options',
			default: 'url',
			options: [
				{ name: 'URL', value: 'url', description: 'A public URL Sync Labs can fetch' },
				{ name: 'Asset ID', value: 'assetId', description: 'A file already in your Sync Labs assets' },
				binarySourceOption,
				{ name: 'Text to Speech', value: 'text', description: 'Speak a script with an ElevenLabs or Sync voice' },
			],
		},
		{
			displayName: 'Audio URL',
			name: 'audioUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/voice.wav',
			displayOptions: { show: { audioSource: ['url'] } },
		},
		{
			displayName: 'Audio Asset ID',
			name: 'audioAssetId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { audioSource: ['assetId'] } },
		},
		{
			displayName: 'Audio Input Binary Field',
			name: 'audioBinaryProperty',
			type: 'string',
			default: 'audio',
			required: true,
			hint: 'The name of the input binary field holding the audio',
			displayOptions: { show: { audioSource: ['binary'] }, ...NOT_AS_TOOL },
		},
		{
			displayName: 'Voice ID',
			name: 'voiceId',
			type: 'string',
			default: '',
			required: true,
			description: 'An ElevenLabs voice ID, or the ID of a voice cloned in Sync Studio',
			displayOptions: { show: { audioSource: ['text'] } },
		},
		{
			displayName: 'Script',
			name: 'script',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 4 },
			description: `What the speaker says, at most ${MAX_SCRIPT_LENGTH} characters`,
			displayOptions: { show: { audioSource: ['text'] } },
		},
	];
	if (!allowBinary) return fields.filter((field) => !BINARY_FIELDS.includes(field.name)).map(withoutBinarySource);
	// An AI Agent's tool gets no binary data (actions/asTool/forTheModel.ts): its variant of the node lists each
	// source without Binary File. Options cannot be hidden one by one, so each source is declared twice, one
	// per variant; n8n keeps the value of the one displayed.
	return fields.flatMap((field) =>
		isSourceField(field) ? [{ ...field, displayOptions: NOT_AS_TOOL }, { ...withoutBinarySource(field), displayOptions: AS_TOOL_ONLY }] : [field],
	);
}

const BINARY_FIELDS = ['visualBinaryProperty', 'audioBinaryProperty'];

function isSourceField(field: INodeProperties): boolean {
	return field.type === 'options' && (field.name === 'visualSource' || field.name === 'audioSource');
}

function withoutBinarySource(field: INodeProperties): INodeProperties {
	return isSourceField(field) ? { ...field, options: field.options?.filter((o) => !('value' in o) || o.value !== 'binary') } : field;
}

/**
 * Create options for multi-segment generations (additive): the refId of the main audio input and more audio
 * or text inputs, each with its own refId, that `segments[].audioInput.refId` refers to (docs/sync-api.md#segments).
 */
export const segmentInputOptions: INodeProperties[] = [
	{
		displayName: 'Audio Reference ID',
		name: 'audioRefId',
		type: 'string',
		default: '',
		placeholder: 'voice-a',
		description: 'The refId of the audio input above, for Segments (JSON) to refer to',
	},
	{
		displayName: 'Additional Audio Inputs',
		name: 'additionalAudioInputs',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Audio Input',
		description: 'More audio or text-to-speech inputs for a multi-segment generation; each needs a reference ID that a segment refers to',
		typeOptions: { multipleValues: true },
		options: [
			{
				displayName: 'Audio Input',
				name: 'input',
				values: [
					{
						displayName: 'Audio Asset ID',
						name: 'assetId',
						type: 'string',
						default: '',
						displayOptions: { show: { source: ['assetId'] } },
					},
					{
						displayName: 'Audio URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/voice-b.wav',
						displayOptions: { show: { source: ['url'] } },
					},
					{
						displayName: 'Reference ID',
						name: 'refId',
						type: 'string',
						default: '',
						placeholder: 'voice-b',
						description: 'The refId segments use to refer to this input',
					},
					{
						displayName: 'Script',
						name: 'script',
						type: 'string',
						default: '',
						typeOptions: { rows: 4 },
						description: `What the speaker says, at most ${MAX_SCRIPT_LENGTH} characters`,
						displayOptions: { show: { source: ['text'] } },
					},
					{
						displayName: 'Source',
						name: 'source',
						type: 'options',
						default: 'url',
						options: [
							{ name: 'URL', value: 'url', description: 'A public URL Sync Labs can fetch' },
							{ name: 'Asset ID', value: 'assetId', description: 'A file already in your Sync Labs assets' },
							{ name: 'Text to Speech', value: 'text', description: 'Speak a script with an ElevenLabs or Sync voice' },
						],
					},
					{
						displayName: 'Voice ID',
						name: 'voiceId',
						type: 'string',
						default: '',
						description: 'An ElevenLabs voice ID, or the ID of a voice cloned in Sync Studio',
						displayOptions: { show: { source: ['text'] } },
					},
				],
			},
		],
	},
];

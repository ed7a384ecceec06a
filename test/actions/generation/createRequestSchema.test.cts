// The zod schema of Sync's create request (nodes/SyncLabs/schemas/createGenerationRequest.ts), the one check every
// create body and batch row goes through before the first create, cross-checked against the @sync.so/sdk 0.3.0
// declarations with the TypeScript checker (test/wire/sdkTypeCheck.cts): on every SDK field the two agree (a body the
// SDK types accept passes, a wrong wire type fails both); where they differ, the difference is a documented newer
// field (docs/sync-api.md) or one of Sync's documented input rules, which types cannot express.
import type { Sync } from '@sync.so/sdk';
import type { z } from 'zod';
import { createGenerationRequestSchema, createRequestProblem, generationOptionsSchema } from '../../../nodes/SyncLabs/schemas/createGenerationRequest';
import { checkAgainstSdk } from '../../wire/sdkTypeCheck.cjs';

const VIDEO = { type: 'video', url: 'https://media.example.com/speaker.mp4' };
const AUDIO = { type: 'audio', url: 'https://media.example.com/voice.wav' };
const base = { model: 'lipsync-2', input: [VIDEO, AUDIO] };

/** Bodies that use every field of the SDK's CreateGenerationDto (and its Input, GenerationOptions, GenerationSegment). */
const SDK_VALID: Array<[string, unknown]> = [
	['the smallest body', base],
	['assets instead of URLs', { model: 'sync-3', input: [{ type: 'video', assetId: 'asset-v' }, { type: 'audio', assetId: 'asset-a' }] }],
	['text to speech with every provider field', { model: 'react-1', input: [VIDEO, { type: 'text', provider: { name: 'elevenlabs', voiceId: 'v1', script: 'Hi', stability: 0.3, similarityBoost: 0.9 }, refId: 'tts' }] }],
	[
		'every option',
		{
			...base,
			options: {
				sync_mode: 'remap',
				model_mode: 'head',
				prompt: 'surprised',
				temperature: 1,
				active_speaker_detection: { auto_detect: false, frame_number: 12, coordinates: [100, 200], bounding_boxes: [[1, 2, 3, 4], [5, 6, 7, 8]] },
				occlusion_detection_enabled: true,
			},
			webhookUrl: 'https://n8n.example.com/webhook/abc',
			outputFileName: 'take_1-final',
		},
	],
	[
		'segments with an audio crop, and the deprecated video ranges',
		{
			model: 'lipsync-2-pro',
			input: [{ ...VIDEO, segments_secs: [[0, 5]], segments_frames: [[0, 120]] }, { ...AUDIO, refId: 'a' }, { ...AUDIO, refId: 'b' }],
			segments: [
				{ startTime: 0, endTime: 2.5, audioInput: { refId: 'a' } },
				{ startTime: 2.5, endTime: 4, audioInput: { refId: 'b', startTime: 1, endTime: 2.5 } },
			],
		},
	],
];

/** Wrong wire types (text that looks like a number or a switch, a number for a name) and unknown values. */
const SDK_INVALID: Array<[string, unknown]> = [
	['outputFileName as a number', { ...base, outputFileName: 12345 }],
	['outputFileName as a list', { ...base, outputFileName: ['take'] }],
	['temperature as text', { ...base, options: { temperature: '0.5' } }],
	['occlusion_detection_enabled as text', { ...base, options: { occlusion_detection_enabled: 'false' } }],
	['auto_detect as text', { ...base, options: { active_speaker_detection: { auto_detect: 'true' } } }],
	['an unknown sync_mode', { ...base, options: { sync_mode: 'stretch' } }],
	['an unknown emotion', { ...base, options: { prompt: 'bored' } }],
	['model as a number', { ...base, model: 2 }],
	['webhookUrl as a number', { ...base, webhookUrl: 42 }],
	['an input URL as a number', { ...base, input: [{ type: 'video', url: 7 }, AUDIO] }],
	['an unknown input type', { ...base, input: [VIDEO, { type: 'speech', url: AUDIO.url }] }],
	['stability as text', { ...base, input: [VIDEO, { type: 'text', provider: { name: 'elevenlabs', voiceId: 'v', script: 's', stability: '0.5' } }] }],
	['another TTS provider', { ...base, input: [VIDEO, { type: 'text', provider: { name: 'playht', voiceId: 'v', script: 's' } }] }],
	['a segment time as text', { ...base, input: [VIDEO, { ...AUDIO, refId: 'a' }], segments: [{ startTime: '0', endTime: 2, audioInput: { refId: 'a' } }] }],
	['a misspelt segment key', { ...base, input: [VIDEO, { ...AUDIO, refId: 'a' }], segments: [{ start: 0, endTime: 2, audioInput: { refId: 'a' } }] }],
	['a misspelt top-level key', { ...base, webhook_url: 'https://n8n.example.com/webhook/abc' }],
	['no input', { model: 'lipsync-2' }],
];

/** Newer fields Sync documents and SDK 0.3.0 lacks (docs/sync-api.md#inputs, #options, #create-generation). */
const NEWER: Array<[string, unknown]> = [
	['an image input (sync-3)', { model: 'sync-3', input: [{ type: 'image', url: 'https://media.example.com/face.png' }, AUDIO] }],
	['reasoning_enabled', { ...base, options: { reasoning_enabled: true } }],
	['projectId', { ...base, projectId: '6533643b-aceb-4c40-967e-d9ba9baac39e' }],
	['dubParams instead of an audio input', { model: 'lipsync-2', input: [VIDEO], dubParams: { targetLang: 'es' } }],
];

/** Sync's documented input rules (docs/sync-api.md#create-generation, #inputs, #segments): types say nothing of them. */
const RULES: Array<[string, unknown]> = [
	['two visual inputs', { ...base, input: [VIDEO, VIDEO, AUDIO] }],
	['no audio input', { ...base, input: [VIDEO] }],
	['both url and assetId', { ...base, input: [{ ...VIDEO, assetId: 'asset-v' }, AUDIO] }],
	['two audio inputs without segments', { ...base, input: [VIDEO, AUDIO, AUDIO] }],
	['a segment naming no input', { ...base, input: [VIDEO, { ...AUDIO, refId: 'a' }], segments: [{ startTime: 0, endTime: 2, audioInput: { refId: 'b' } }] }],
	['overlapping segments', { ...base, input: [VIDEO, { ...AUDIO, refId: 'a' }], segments: [{ startTime: 0, endTime: 2, audioInput: { refId: 'a' } }, { startTime: 1, endTime: 3, audioInput: { refId: 'a' } }] }],
	['an output file name with an extension', { ...base, outputFileName: 'take.mp4' }],
];

const sdkVerdicts = (cases: Array<[string, unknown]>) => checkAgainstSdk(cases.map(([, value]) => ({ type: 'Sync.CreateGenerationDto', value })));

describe('the create request schema against the SDK 0.3.0 types', () => {
	it('every body the SDK types accept, using every SDK field, passes the schema', () => {
		expect(SDK_VALID.map(([name, body]) => [name, createRequestProblem(body) ?? 'OK'])).toEqual(SDK_VALID.map(([name]) => [name, 'OK']));
		expect(sdkVerdicts(SDK_VALID)).toEqual(SDK_VALID.map(() => 'OK'));
	});

	it('a wrong wire type or an unknown value fails both the schema and the SDK types', () => {
		expect(SDK_INVALID.filter(([, body]) => createRequestProblem(body) === undefined).map(([name]) => name)).toEqual([]);
		const verdicts = sdkVerdicts(SDK_INVALID);
		expect(SDK_INVALID.filter((_, i) => verdicts[i] === 'OK').map(([name]) => name)).toEqual([]);
	});

	it('the newer documented fields pass the schema, though SDK 0.3.0 does not know them', () => {
		expect(NEWER.map(([name, body]) => [name, createRequestProblem(body) ?? 'OK'])).toEqual(NEWER.map(([name]) => [name, 'OK']));
		expect(sdkVerdicts(NEWER).every((verdict) => verdict !== 'OK')).toBe(true);
	});

	it('Sync\'s documented input rules fail the schema, though the SDK types allow them', () => {
		expect(RULES.filter(([, body]) => createRequestProblem(body) === undefined).map(([name]) => name)).toEqual([]);
		expect(sdkVerdicts(RULES)).toEqual(RULES.map(() => 'OK'));
	});

	it('names the field of the first problem by its path in the body', () => {
		expect(createRequestProblem({ ...base, options: { temperature: '0.5' } })).toEqual({ path: ['options', 'temperature'], message: 'Expected number, received string' });
		expect(createRequestProblem({ ...base, outputFileName: 12345 })).toEqual({ path: ['outputFileName'], message: 'Expected string, received number' });
	});
});

// Compile-time: every field of the SDK's body has a place in the schema's parsed type (a typo or a removed field
// fails `npm run typecheck`). Values the SDK types as enums are plain strings or enums here.
type SchemaBody = z.output<typeof createGenerationRequestSchema>;
type SdkKeysInSchema = Exclude<keyof Sync.CreateGenerationDto, keyof SchemaBody>;
const everySdkKeyIsInTheSchema: SdkKeysInSchema extends never ? true : false = true;
// The options keep unknown keys (passthrough), so their keys are read from the schema's shape.
type SdkOptionKeysInSchema = Exclude<keyof Sync.GenerationOptions, keyof typeof generationOptionsSchema.shape>;
const everySdkOptionIsInTheSchema: SdkOptionKeysInSchema extends never ? true : false = true;
void everySdkKeyIsInTheSchema;
void everySdkOptionIsInTheSchema;

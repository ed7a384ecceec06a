// The dropdowns of a generation whose values go to Sync as they are, each one list for the editor (the
// parameter's options) and for the check before any request (generationRequest.ts): an expression can
// resolve to any text, and n8n checks no options value at run time (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/node-execution-context/utils/validate-value-against-schema.ts
// validates only parameters with `validateType`). Values: the SDK's SyncMode, ModelMode and Emotion
// (https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/common/types), image inputs for sync-3 (docs/sync-api.md#inputs).
import type { INodePropertyOptions } from 'n8n-workflow';

type Choices = Record<string, { name: string; description?: string }>;

export const SYNC_MODES = {
	bounce: { name: 'Bounce', description: 'Play the video back and forth to fill' },
	cut_off: { name: 'Cut Off', description: 'Cut the audio to the video length' },
	loop: { name: 'Loop', description: 'Loop the video to fill' },
	remap: { name: 'Remap', description: 'Speed the video up or down to match' },
	silence: { name: 'Silence', description: 'Pad the audio with silence' },
} satisfies Choices;

export const MODEL_MODES = {
	face: { name: 'Face', description: 'Lips and facial expression' },
	head: { name: 'Head', description: 'Face plus natural head movement' },
	lips: { name: 'Lips', description: 'Lips only' },
} satisfies Choices;

export const EMOTIONS = {
	angry: { name: 'Angry' },
	disgusted: { name: 'Disgusted' },
	happy: { name: 'Happy' },
	neutral: { name: 'Neutral' },
	sad: { name: 'Sad' },
	surprised: { name: 'Surprised' },
} satisfies Choices;

export const VISUAL_TYPES = {
	video: { name: 'Video' },
	image: { name: 'Image (Sync-3 Only)' },
} satisfies Choices;

/** The parameter's options, in the list's order. */
export function optionsOf(choices: Choices): INodePropertyOptions[] {
	return Object.entries(choices).map(([value, { name, description }]) => ({ name, value, ...(description ? { description } : {}) }));
}

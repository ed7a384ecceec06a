// The Voice ID field of Voice → Get and Delete and Speech → Generate. Named `voiceId` like the text-to-speech
// fields of Generation → Create, so version 3 turns all of them into the same From List / By ID picker
// (actions/versionProperties.ts).
import type { INodeProperties } from 'n8n-workflow';

export function voiceIdField(description: string): INodeProperties {
	return {
		displayName: 'Voice ID',
		name: 'voiceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. EXAVITQu4vr4xnSDxMaL',
		description,
	};
}

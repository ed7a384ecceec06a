// A voice as the node outputs it: everything Sync sent, `id` always set (Sync may spell it `voiceId` only) and
// `usable` false when Sync marks the voice as unable to speak now (docs/sync-api-2026.md#voices).
import type { IDataObject } from 'n8n-workflow';
import { isRestricted, voiceIdOf, type Voice } from '../../schemas/voice';

export function voiceOutput(voice: Voice & IDataObject): IDataObject {
	return { ...voice, id: voiceIdOf(voice), usable: !isRestricted(voice) } as IDataObject;
}

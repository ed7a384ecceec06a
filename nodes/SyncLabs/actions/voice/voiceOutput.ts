// A voice as the node outputs it: everything Sync sent, `id` always set (Sync may spell it `voiceId` only; empty for
// a voice Sync lists without either) and `usable` false when the voice cannot speak now: Sync marks it so, or it has
// no id to send (docs/sync-api-2026.md#voices).
import type { IDataObject } from 'n8n-workflow';
import { canSpeak, voiceIdOf, type Voice } from '../../schemas/voice';

export function voiceOutput(voice: Voice & IDataObject): IDataObject {
	return { ...voice, id: voiceIdOf(voice), usable: canSpeak(voice) } as IDataObject;
}

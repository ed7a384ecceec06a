// "From List" of the voice fields (node version 3): Sync's voice list has no paging and no search
// (docs/sync-api-2026.md#voices), so one request reads it whole and the node filters it by the text typed.
// Voices Sync marks as unable to speak now stay listable (a saved choice must stay findable) but come last,
// labelled.
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { listVoices } from '../api';
import { isRestricted, voiceIdOf } from '../schemas/voice';

const retry = { maxRetries: 1 };

export async function searchVoices(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	const usable: INodeListSearchItems[] = [];
	const restricted: INodeListSearchItems[] = [];
	for (const { value: voice } of await listVoices(this, { parse: 'tolerant', retry })) {
		if (!voice) continue;
		const id = voiceIdOf(voice);
		const name = voice.name || id;
		if (needle && !name.toLowerCase().includes(needle) && !id.toLowerCase().includes(needle)) continue;
		const cannotSpeak = isRestricted(voice);
		(cannotSpeak ? restricted : usable).push({
			name: cannotSpeak ? `${name} (cannot speak at the moment)` : name,
			value: id,
			description: id,
			...(voice.previewUrl ? { url: voice.previewUrl } : {}),
		});
	}
	return { results: [...usable, ...restricted] };
}

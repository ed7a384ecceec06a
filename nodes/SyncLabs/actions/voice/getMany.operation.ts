import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { listVoices } from '../../api';
import { readerFor } from '../../parameters';
import { canSpeak, voiceIdOf } from '../../schemas/voice';
import { resultLimit } from '../common/limit';
import { returnAllAndLimit } from '../common/descriptions';
import { voiceOutput } from './voiceOutput';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Search Query',
				name: 'searchQuery',
				type: 'string',
				default: '',
				description: 'Only voices whose name or ID contains this text (any case)',
			},
			{
				displayName: 'Usable Only',
				name: 'usableOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to leave out voices Sync marks as unable to speak at the moment',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, stop: AbortSignal): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, itemIndex, properties);
	const filters = readerFor(this, itemIndex, properties).collection<{ searchQuery?: string; usableOnly?: boolean }>('filters');
	const needle = (filters.searchQuery ?? '').toLowerCase();
	// One unpaged list: Sync has no search or paging for voices, so both happen here.
	const voices = (await listVoices(this, { itemIndex, stop })).filter(
		(voice) =>
			(!filters.usableOnly || canSpeak(voice)) &&
			(needle === '' || [voice.name, voiceIdOf(voice)].some((text) => (text ?? '').toLowerCase().includes(needle))),
	);
	return (limit === undefined ? voices : voices.slice(0, limit)).map((voice) => ({ json: voiceOutput(voice) }));
}

// The action node's parameters for each version. Version 1 is the node as first published (string ID
// fields); version 2 turns the generation, asset and batch ID fields into resource locators (From List /
// By ID) and changes nothing else; version 3 does the same for the voice fields (also those inside Additional
// Audio Inputs) and Project → Get's project ID, and its Output parameter defaults to Simplified. n8n runs a
// saved node with the description of its typeVersion
// (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/versioned-node-type.ts), so v1 workflows keep their
// string IDs; the operations read IDs with `extractValue`, which accepts both forms
// (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/node-execution-context/utils/extract-value.ts).
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { properties } from './properties';
import { OUTPUT_PARAMETER } from './generation/outputOption';

export type SyncLabsVersion = 1 | 2 | 3;

// Generation IDs are UUIDs (docs/sync-api.md#get-generation). Asset and batch IDs are documented only as strings
// (AssetId and BatchId in https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/common/types), so By ID takes any text.
const UUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

interface LocatorSpec {
	/** A method of `methods.listSearch` (nodes/SyncLabs/methods/listSearch.ts). */
	searchListMethod: string;
	listPlaceholder: string;
	idPlaceholder: string;
	idValidation?: { regex: string; errorMessage: string };
}

/** The ID fields that become resource locators in version 2, by parameter name (names never change). */
export const LOCATOR_FIELDS: Record<string, LocatorSpec> = {
	generationId: {
		searchListMethod: 'searchGenerations',
		listPlaceholder: 'Select a generation...',
		idPlaceholder: 'e.g. 6533643b-aceb-4c40-967e-d9ba9baac39e',
		idValidation: { regex: UUID_REGEX, errorMessage: 'A generation ID is a UUID, e.g. 6533643b-aceb-4c40-967e-d9ba9baac39e' },
	},
	assetId: {
		searchListMethod: 'searchAssets',
		listPlaceholder: 'Select an asset...',
		idPlaceholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
	},
	visualAssetId: {
		searchListMethod: 'searchVisualAssets',
		listPlaceholder: 'Select a video or image asset...',
		idPlaceholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
	},
	audioAssetId: {
		searchListMethod: 'searchAudioAssets',
		listPlaceholder: 'Select an audio asset...',
		idPlaceholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
	},
	batchId: {
		searchListMethod: 'searchBatches',
		listPlaceholder: 'Select a batch...',
		idPlaceholder: 'e.g. batch_abc123',
	},
};

/**
 * The ID fields that become resource locators in version 3. Voice IDs are ElevenLabs ids or Sync UUIDs
 * (docs/sync-api-2026.md#voices), so By ID takes any text; project IDs are UUIDs.
 */
export const VERSION_3_LOCATOR_FIELDS: Record<string, LocatorSpec> = {
	voiceId: {
		searchListMethod: 'searchVoices',
		listPlaceholder: 'Select a voice...',
		idPlaceholder: 'e.g. EXAVITQu4vr4xnSDxMaL',
	},
	projectId: {
		searchListMethod: 'searchProjects',
		listPlaceholder: 'Select a project...',
		idPlaceholder: 'e.g. 6533643b-aceb-4c40-967e-d9ba9baac39e',
		idValidation: { regex: UUID_REGEX, errorMessage: 'A project ID is a UUID, e.g. 6533643b-aceb-4c40-967e-d9ba9baac39e' },
	},
};

/** Version-3 names that are converted inside collections and fixed collections too (Additional Audio Inputs). */
const NESTED_IN_VERSION_3 = new Set(['voiceId']);

/** The version-2 form of a version-1 ID field: same name, label, description and display conditions. */
function asLocator(field: INodeProperties, spec: LocatorSpec): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: field.required,
		...(field.description !== undefined ? { description: field.description } : {}),
		...(field.hint !== undefined ? { hint: field.hint } : {}),
		...(field.displayOptions !== undefined ? { displayOptions: field.displayOptions } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: spec.listPlaceholder,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.idPlaceholder,
				...(spec.idValidation
					? { validation: [{ type: 'regex' as const, properties: { regex: spec.idValidation.regex, errorMessage: spec.idValidation.errorMessage } }] }
					: {}),
			},
		],
	};
}

/** A field in its version-3 form: a voice or project ID field becomes a locator, a collection's voice fields too. */
function withVersion3Locators(field: INodeProperties, topLevel: boolean): INodeProperties {
	const spec = VERSION_3_LOCATOR_FIELDS[field.name];
	if (spec && field.type === 'string' && (topLevel || NESTED_IN_VERSION_3.has(field.name))) return asLocator(field, spec);
	if (field.type === 'collection') return { ...field, options: (field.options as INodeProperties[]).map((option) => withVersion3Locators(option, false)) };
	if (field.type === 'fixedCollection') {
		return {
			...field,
			options: (field.options as INodePropertyCollection[]).map((group) => ({ ...group, values: group.values.map((value) => withVersion3Locators(value, false)) })),
		};
	}
	return field;
}

export function versionProperties(version: SyncLabsVersion): INodeProperties[] {
	if (version === 1) return properties;
	const version2 = properties.map((field) => {
		const spec = LOCATOR_FIELDS[field.name];
		return spec && field.type === 'string' ? asLocator(field, spec) : field;
	});
	if (version === 2) return version2;
	return version2.map((field) => withVersion3Output(withVersion3Locators(field, true)));
}

/** Version 3 outputs Simplified generations unless told otherwise (actions/generation/outputOption.ts); 1 and 2 keep Raw. */
function withVersion3Output(field: INodeProperties): INodeProperties {
	return field.name === OUTPUT_PARAMETER ? { ...field, default: 'simple' } : field;
}

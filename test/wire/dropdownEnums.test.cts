// Every value of every dropdown whose value goes to Sync as it is, type-checked against the SDK enum it maps to
// (@sync.so/sdk 0.3.0, with the TypeScript checker as in fidelity.test.cts). Every static dropdown of the three
// nodes is either mapped to an SDK type here, listed as the node's own choice, or as newer than the SDK, so a new
// dropdown is classified.
import type { INodeProperties, INodePropertyCollection, INodeTypeDescription } from 'n8n-workflow';
import { SyncLabs } from '../../nodes/SyncLabs/SyncLabs.node';
import { SyncLabsTrigger } from '../../nodes/SyncLabs/SyncLabsTrigger.node';
import { SyncLabsPollingTrigger } from '../../nodes/SyncLabs/SyncLabsPollingTrigger.node';
import { KNOWN_MODELS } from '../../nodes/SyncLabs/methods/knownModels';
import { checkAgainstSdk } from './sdkTypeCheck.cjs';
import { REFERENCE_REQUESTS } from './exceptions.cjs';

/** `<node>:<resource>.<operation>.<parameter path>` → the SDK type each of its values must satisfy. */
const SDK_ENUMS: Record<string, string> = {
	'syncLabs:generation.create.options.syncMode': 'Sync.SyncMode',
	'syncLabs:generation.dub.options.syncMode': 'Sync.SyncMode',
	'syncLabs:generation.create.options.modelMode': 'Sync.ModelMode',
	'syncLabs:generation.create.options.emotion': 'Sync.Emotion',
	// The image input is newer than SDK 0.3.0 (test/wire/exceptions.cts, input[type=image]).
	'syncLabs:generation.create.visualType': "Sync.Video['type'] | 'image'",
	'syncLabs:generation.estimateCost.visualType': "Sync.Video['type'] | 'image'",
	'syncLabs:generation.getMany.filters.status': 'Sync.GenerationStatus',
	'syncLabs:batch.getMany.filters.status': 'Sync.BatchStatus',
	'syncLabs:asset.upload.options.visibility': 'Sync.AssetVisibility',
	'syncLabs:asset.getMany.filters.sortBy': 'Sync.AssetSort',
	'syncLabs:asset.getMany.filters.types': 'Sync.AssetType',
	// Event names are `<kind>.<status in lower case>` (webhook/webhookEvent.ts eventName).
	'syncLabsTrigger:events': 'Lowercase<`generation.${Sync.GenerationStatus}` | `batch.${Sync.BatchStatus}`>',
	'syncLabsPollingTrigger:events': 'Lowercase<`generation.${Sync.GenerationStatus}` | `batch.${Sync.BatchStatus}`>',
};

/**
 * Dropdowns of the surfaces newer than SDK 0.3.0, whose values go to Sync: each checked against the field's shape
 * in the reference requests (test/wire/exceptions.cts REFERENCE_REQUESTS).
 */
const REFERENCE_ENUMS: Record<string, { kind: string; field: string }> = {
	'syncLabs:project.create.options.defaultWorkflow': { kind: 'POST /v2/projects (json)', field: 'defaultWorkflow' },
	'syncLabs:project.create.options.mode': { kind: 'POST /v2/projects (json)', field: 'mode' },
	'syncLabs:project.create.options.visibility': { kind: 'POST /v2/projects (json)', field: 'visibility' },
	'syncLabs:project.getMany.filters.sortBy': { kind: 'GET /v2/projects (query)', field: 'sortBy' },
};

/** Dropdowns that choose what the node does; their values are never sent to Sync. */
const NODE_CHOICES = [
	'syncLabs:resource',
	'syncLabs:account.operation',
	'syncLabs:asset.operation',
	'syncLabs:batch.operation',
	'syncLabs:generation.operation',
	'syncLabs:model.operation',
	'syncLabs:project.operation',
	'syncLabs:speech.operation',
	'syncLabs:usage.operation',
	'syncLabs:voice.operation',
	'syncLabs:speech.generate.options.synthesis',
	'syncLabs:voice.clone.sampleSource',
	'syncLabs:generation.create.visualSource',
	'syncLabs:generation.create.audioSource',
	'syncLabs:generation.create.completion',
	'syncLabs:generation.dub.visualSource',
	'syncLabs:generation.dub.completion',
	'syncLabs:generation.create.options.additionalAudioInputs.input.source',
	'syncLabs:generation.estimateCost.estimateBy',
	'syncLabs:generation.estimateCost.visualSource',
	'syncLabs:generation.estimateCost.audioSource',
	'syncLabs:batch.create.source',
	// The node's Output parameter and the generation fields it picks (actions/generation/outputOption.ts).
	...['create', 'get', 'getMany'].flatMap((operation) => [`syncLabs:generation.${operation}.output`, `syncLabs:generation.${operation}.fields`]),
	'syncLabsPollingTrigger:watch',
];

/**
 * Dropdowns whose values go to Sync but have no SDK 0.3.0 type: dubParams is newer (test/wire/exceptions.cts). Their
 * list is checked against the emulator's and docs/dubbing.md instead (test/actions/generation/dub.test.cts).
 */
const NEWER_THAN_SDK = ['syncLabs:generation.dub.targetLanguages', 'syncLabs:generation.dub.sourceLanguage'];

interface Dropdown {
	key: string;
	values: unknown[];
}

function scope(property: INodeProperties): string {
	const show = property.displayOptions?.show ?? {};
	return [show.resource, show.operation].map((v) => (Array.isArray(v) ? v.join('|') : undefined)).filter(Boolean).join('.');
}

function collect(node: string, properties: INodeProperties[], into: Map<string, Dropdown>, prefix?: string): void {
	for (const property of properties) {
		const path = prefix ? `${prefix}.${property.name}` : [scope(property), property.name].filter(Boolean).join('.');
		if ((property.type === 'options' || property.type === 'multiOptions') && !property.typeOptions?.loadOptionsMethod) {
			const key = `${node}:${path}`;
			const values = (property.options ?? []).map((o) => (o as { value: unknown }).value);
			// One key may be listed twice (per version, or per displayOptions): the union of its values.
			into.set(key, { key, values: [...new Set([...(into.get(key)?.values ?? []), ...values])] });
		} else if (property.type === 'collection') {
			collect(node, property.options as INodeProperties[], into, path);
		} else if (property.type === 'fixedCollection') {
			for (const group of property.options as INodePropertyCollection[]) collect(node, group.values, into, `${path}.${group.name}`);
		}
	}
}

function dropdowns(): Map<string, Dropdown> {
	const found = new Map<string, Dropdown>();
	const action = new SyncLabs();
	for (const version of Object.values(action.nodeVersions)) collect('syncLabs', version.description.properties, found);
	for (const node of [new SyncLabsTrigger(), new SyncLabsPollingTrigger()]) {
		const description = node.description as INodeTypeDescription;
		collect(description.name, description.properties, found);
	}
	return found;
}

describe('dropdown values against the @sync.so/sdk 0.3.0 enums', () => {
	const found = dropdowns();

	it('classifies every static dropdown of the three nodes: mapped to an SDK type, or the node\'s own choice', () => {
		const unclassified = [...found.keys()].filter(
			(key) => !(key in SDK_ENUMS) && !(key in REFERENCE_ENUMS) && !NODE_CHOICES.includes(key) && !NEWER_THAN_SDK.includes(key),
		);
		expect(unclassified).toEqual([]);
		const gone = [...Object.keys(SDK_ENUMS), ...Object.keys(REFERENCE_ENUMS), ...NODE_CHOICES, ...NEWER_THAN_SDK].filter((key) => !found.has(key));
		expect(gone).toEqual([]);
	});

	it('offers only values of the SDK enum a dropdown maps to', () => {
		const cases = Object.entries(SDK_ENUMS).flatMap(([key, type]) => found.get(key)!.values.map((value) => ({ key, type, value })));
		cases.push(...KNOWN_MODELS.map((value) => ({ key: 'syncLabs:generation.*.model (KNOWN_MODELS)', type: 'Sync.Model', value })));
		const results = checkAgainstSdk(cases.map(({ type, value }) => ({ type, value })));
		const wrong = cases.map((c, i) => ({ ...c, result: results[i] })).filter((c) => c.result !== 'OK').map((c) => `${c.key} ${JSON.stringify(c.value)}: ${c.result}`);
		expect(wrong).toEqual([]);
		expect(cases.length).toBeGreaterThan(40);
	});

	it('offers only values the reference allows for the dropdowns of surfaces newer than the SDK', () => {
		const wrong = Object.entries(REFERENCE_ENUMS).flatMap(([key, { kind, field }]) =>
			found
				.get(key)!
				.values.filter((value) => !REFERENCE_REQUESTS[kind].fields[field].shape.safeParse(value).success)
				.map((value) => `${key} ${JSON.stringify(value)}`),
		);
		expect(wrong).toEqual([]);
		expect(REFERENCE_REQUESTS['POST /v2/projects (json)'].fields.mode.shape.safeParse('STUDIO').success).toBe(false);
	});

	it('fails on a value outside the SDK enum, so the check is not vacuous', () => {
		expect(checkAgainstSdk([{ type: 'Sync.SyncMode', value: 'pingpong' }])[0]).toMatch(/not assignable/);
		expect(checkAgainstSdk([{ type: SDK_ENUMS['syncLabsTrigger:events'], value: 'generation.done' }])[0]).toMatch(/not assignable/);
	});
});

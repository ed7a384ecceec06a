// n8n's scanner wants the items of options, multiOptions and collection parameters sorted by name once there
// are five or more (eslint-plugin-n8n-nodes-base rules *-type-unsorted-items, MIN_ITEMS_TO_ALPHABETIZE = 5,
// compared with localeCompare). The rules read only literal arrays in the source; lists built from shared
// objects (actions/generation/choices.ts, KNOWN_EVENTS, sorted collections) are checked here, on the built
// descriptions of every node version.
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { SyncLabs } from '../../nodes/SyncLabs/SyncLabs.node';
import { SyncLabsTrigger } from '../../nodes/SyncLabs/SyncLabsTrigger.node';
import { SyncLabsPollingTrigger } from '../../nodes/SyncLabs/SyncLabsPollingTrigger.node';

const MIN_ITEMS_TO_ALPHABETIZE = 5;

function isSorted(names: string[]): boolean {
	return names.every((name, i) => i === 0 || names[i - 1].localeCompare(name) <= 0);
}

function unsorted(where: string, properties: INodeProperties[], found: string[]): void {
	for (const property of properties) {
		const path = `${where} › ${property.displayName}`;
		if (property.type === 'options' || property.type === 'multiOptions') {
			const names = ((property.options ?? []) as INodePropertyOptions[]).map((o) => o.name);
			if (names.length >= MIN_ITEMS_TO_ALPHABETIZE && !isSorted(names)) found.push(`${path}: ${names.join(', ')}`);
		} else if (property.type === 'collection') {
			const items = property.options as INodeProperties[];
			const names = items.map((p) => p.displayName);
			if (names.length >= MIN_ITEMS_TO_ALPHABETIZE && !isSorted(names)) found.push(`${path}: ${names.join(', ')}`);
			unsorted(path, items, found);
		} else if (property.type === 'fixedCollection') {
			for (const group of property.options as INodePropertyCollection[]) unsorted(`${path} › ${group.displayName}`, group.values, found);
		}
	}
}

describe('option lists as n8n’s scanner wants them', () => {
	it('sorts by name every options, multiOptions and collection list of five or more items, in every node version', () => {
		const found: string[] = [];
		for (const [version, node] of Object.entries(new SyncLabs().nodeVersions)) unsorted(`Sync Labs v${version}`, node.description.properties, found);
		for (const node of [new SyncLabsTrigger(), new SyncLabsPollingTrigger()]) {
			const description = node.description as INodeTypeDescription;
			unsorted(description.displayName, description.properties, found);
		}
		expect(found).toEqual([]);
	});

	it('finds an unsorted list, so the check is not vacuous', () => {
		const found: string[] = [];
		const options = ['E', 'D', 'C', 'B', 'A'].map((name) => ({ name, value: name }));
		unsorted('probe', [{ displayName: 'Probe', name: 'probe', type: 'options', default: 'A', options }], found);
		expect(found).toHaveLength(1);
	});
});

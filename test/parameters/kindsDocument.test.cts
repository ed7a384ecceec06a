// docs/parameters-from-expressions.md lists every parameter with its kind. The list is generated from the node
// descriptions and the reader's registry; this test regenerates it and fails when the page says otherwise,
// printing the list to paste between the page's "kinds:start" and "kinds:end" markers.
import fs from 'node:fs';
import path from 'node:path';
import { kindOf, type Kind } from '../../nodes/SyncLabs/parameters';
import { describedFields, nodeDescriptions } from './descriptionFields.cjs';

const PAGE = path.resolve(__dirname, '../../docs/parameters-from-expressions.md');

function kindText(kind: Kind): string {
	switch (kind.kind) {
		case 'switch':
			return 'switch';
		case 'number': {
			const what = kind.integer ? 'whole number' : 'number';
			if (kind.min !== undefined && kind.max !== undefined) return `${what}, ${kind.min} to ${kind.max}`;
			if (kind.min !== undefined) return `${what}, at least ${kind.min}`;
			return kind.max !== undefined ? `${what}, at most ${kind.max}` : what;
		}
		case 'text':
			return `${kind.numbers ? 'text (ID, name or key: a number is its digits)' : 'text'}${kind.required ? ', required' : ''}`;
		case 'choice':
			return `choice: ${kind.values.join(', ')}${kind.ignoreCase ? ' (any case)' : ''}`;
		case 'openChoice':
			return `open choice: ${kind.values.join(', ')}${kind.ignoreCase ? ' (any case)' : ''}; ${kind.otherValues.rule}`;
		case 'list':
			return `list of ${kind.element.kind === 'text' ? 'IDs' : kindText(kind.element)}`;
		case 'json':
			return `JSON ${kind.shape}`;
		case 'dateTime':
			return 'date and time';
		case 'collection':
			return 'collection (its options below)';
		case 'fixedCollection':
			return 'fixed collection (its values below)';
		case 'notice':
			return 'notice (no value)';
	}
}

/** "generation: create, estimateCost" from a root parameter's display rule, or "all". */
function whereShown(show: Record<string, unknown> | undefined): string {
	const resources = (show?.resource as string[] | undefined) ?? [];
	const operations = (show?.operation as string[] | undefined) ?? [];
	if (resources.length === 0) return 'all';
	return resources.map((r) => (operations.length ? `${r}: ${operations.join(', ')}` : r)).join('; ');
}

export function kindsList(): string {
	const sections: string[] = [];
	const descriptions = nodeDescriptions();
	const groups = [
		{ title: 'Sync Labs (action node, every version; versions 2 and 3 hold IDs as resource locators (pickers), read as the same text)', nodes: descriptions.filter((d) => d.node.startsWith('syncLabs v')) },
		{ title: 'Sync Labs Trigger', nodes: descriptions.filter((d) => d.node === 'syncLabsTrigger') },
		{ title: 'Sync Labs Polling Trigger', nodes: descriptions.filter((d) => d.node === 'syncLabsPollingTrigger') },
	];
	for (const group of groups) {
		const rows = new Map<string, Set<string>>();
		for (const node of group.nodes) {
			for (const field of describedFields(node.properties)) {
				if (field.declaration.type === 'notice') continue;
				const key = `| \`${field.path.join('.')}\` | ${field.label} | ${kindText(kindOf(field.declaration))} |`;
				const where = whereShown(field.root.displayOptions?.show as Record<string, unknown> | undefined);
				rows.set(key, (rows.get(key) ?? new Set()).add(where));
			}
		}
		const lines = [...rows].map(([row, where]) => `${row} ${[...where].join('; ')} |`);
		const header = group.nodes[0].perItem ? '| Parameter | Label | Kind | Shown for |' : '| Parameter | Label | Kind | |';
		sections.push(`### ${group.title}\n\n${header}\n|---|---|---|---|\n${lines.join('\n')}`);
	}
	return sections.join('\n\n');
}

describe('the page listing every parameter\'s kind', () => {
	it('lists exactly the parameters the nodes declare, each with the kind the reader gives it', () => {
		const page = fs.readFileSync(PAGE, 'utf8');
		const listed = /<!-- kinds:start -->\n([\s\S]*?)\n<!-- kinds:end -->/.exec(page)?.[1];
		expect(listed).toBe(kindsList());
	});
});

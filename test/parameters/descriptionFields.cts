// Every parameter the three nodes declare, in every version, with options inside collections and fixed
// collections: the property tests are generated from this walk, so a parameter added to a description is
// tested (and must have a kind) without anyone listing it.
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { SyncLabs } from '../../nodes/SyncLabs/SyncLabs.node';
import { SyncLabsTrigger } from '../../nodes/SyncLabs/SyncLabsTrigger.node';
import { SyncLabsPollingTrigger } from '../../nodes/SyncLabs/SyncLabsPollingTrigger.node';

export interface NodeDescription {
	/** "syncLabs v2", "syncLabsTrigger", ... */
	node: string;
	version: number;
	properties: INodeProperties[];
	/** Whether the node reads its parameters per item (the action node) or without items (the triggers). */
	perItem: boolean;
}

export function nodeDescriptions(): NodeDescription[] {
	const action = new SyncLabs();
	const actionVersions = Object.keys(action.nodeVersions).map(Number);
	return [
		...actionVersions.map((version) => ({
			node: `syncLabs v${version}`,
			version,
			properties: action.nodeVersions[version].description.properties,
			perItem: true,
		})),
		{ node: 'syncLabsTrigger', version: 1, properties: new SyncLabsTrigger().description.properties, perItem: false },
		{ node: 'syncLabsPollingTrigger', version: 1, properties: new SyncLabsPollingTrigger().description.properties, perItem: false },
	];
}

export type FieldPath = Array<string | number>;

/** One parameter as the reader meets it: the root parameter that holds it, and where it sits inside. */
export interface DescribedField {
	/** The root parameter's declaration (what readParameter is given). */
	root: INodeProperties;
	declaration: INodeProperties;
	/** From the node's parameters: ["options", "additionalAudioInputs", "input", 0, "url"]. */
	path: FieldPath;
	/** The name a refusal gives it: its displayName, or "Additional Audio Inputs 1: Audio URL" inside an entry. */
	label: string;
}

/** The root parameters and everything inside them, depth first. */
export function describedFields(properties: INodeProperties[]): DescribedField[] {
	const out: DescribedField[] = [];
	const walk = (root: INodeProperties, declaration: INodeProperties, path: FieldPath, label: string) => {
		out.push({ root, declaration, path, label });
		if (declaration.type === 'collection') {
			for (const option of (declaration.options ?? []) as INodeProperties[]) {
				// An option listed twice in one collection (two display rules) is one option. The same path under
				// another root (each operation's own Options) is another option, and is walked.
				if (out.some((f) => f.root === root && f.path.join('.') === [...path, option.name].join('.'))) continue;
				walk(root, option, [...path, option.name], option.displayName);
			}
		}
		if (declaration.type === 'fixedCollection') {
			const groups = (declaration.options ?? []) as INodePropertyCollection[];
			const multiple = declaration.typeOptions?.multipleValues === true;
			for (const group of groups) {
				const groupLabel = groups.length === 1 ? declaration.displayName : `${declaration.displayName} → ${group.displayName}`;
				const entryLabel = multiple ? `${groupLabel} 1` : groupLabel;
				const entryPath = multiple ? [...path, group.name, 0] : [...path, group.name];
				for (const value of group.values) walk(root, value, [...entryPath, value.name], `${entryLabel}: ${value.displayName}`);
			}
		}
	};
	for (const property of properties) walk(property, property, [property.name], property.displayName);
	return out;
}

/** `value` placed at `path` inside an empty parameter tree, e.g. { options: { additionalAudioInputs: { input: [{ url: value }] } } }. */
export function placed(path: FieldPath, value: unknown, base: Record<string, unknown> = {}): Record<string, unknown> {
	const tree = structuredClone(base);
	let node: Record<string | number, unknown> = tree;
	path.forEach((key, i) => {
		if (i === path.length - 1) {
			node[key] = value;
			return;
		}
		const next = node[key];
		if (typeof next !== 'object' || next === null) node[key] = typeof path[i + 1] === 'number' ? [] : {};
		node = node[key] as Record<string | number, unknown>;
	});
	return tree;
}

/** The value at `path`, or undefined. */
export function valueAt(tree: unknown, path: FieldPath): unknown {
	return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), tree);
}

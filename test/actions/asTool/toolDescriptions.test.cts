// Every operation tells an AI Agent's model what it does, what it needs, what it returns and whether it is billed
// (actions/asTool/toolDescriptions.ts), in the tool variant only, while the node picker keeps its short actions.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { SyncLabs } from '../../../nodes/SyncLabs/SyncLabs.node';
import { TOOL_DESCRIPTIONS } from '../../../nodes/SyncLabs/actions/asTool/toolDescriptions';

const versions = Object.entries(new SyncLabs().nodeVersions);
const properties = versions[versions.length - 1][1].description.properties;

const operations = properties
	.filter((p) => p.name === 'operation')
	.flatMap((p) => (p.displayOptions?.show?.resource ?? []).flatMap((resource) => (p.options as INodePropertyOptions[]).map((o) => ({ resource: String(resource), operation: String(o.value), action: o.action ?? '' }))));

const toolDescriptionOf = (props: INodeProperties[], resource: string, operation: string) =>
	props.filter((p) => p.name === 'toolDescription' && p.displayOptions?.show?.resource?.includes(resource) && p.displayOptions.show.operation?.includes(operation));

describe('tool descriptions', () => {
	it.each(operations.map((o) => [`${o.resource} → ${o.operation}`, o] as const))('%s has one, in every node version, shown only as a tool', (_name, { resource, operation }) => {
		for (const [, node] of versions) {
			const fields = toolDescriptionOf(node.description.properties, resource, operation);
			expect(fields).toHaveLength(1);
			expect(fields[0].displayOptions?.show?.['@tool']).toEqual([true]);
			expect(fields[0].default).toBe(TOOL_DESCRIPTIONS[resource][operation]);
		}
	});

	it.each(operations.map((o) => [`${o.resource} → ${o.operation}`, o] as const))('%s says whether it is billed and fits an OpenAI function description', (_name, { resource, operation }) => {
		const text = TOOL_DESCRIPTIONS[resource][operation];
		expect(text).toMatch(/\bbilled\b/);
		expect(text.length).toBeLessThanOrEqual(1024);
	});

	it('keeps the node picker\'s action texts short: the model\'s wording lives in the tool description', () => {
		const long = operations.filter((o) => o.action.length > 40 || o.action === TOOL_DESCRIPTIONS[o.resource][o.operation]);
		expect(long).toEqual([]);
	});

	it('says which operations bill: creating and dubbing generations, batches and speech', () => {
		const billing = operations
			.filter((o) => !/(Free|Not billed)/.test(TOOL_DESCRIPTIONS[o.resource][o.operation]))
			.map((o) => `${o.resource}.${o.operation}`)
			.sort();
		expect(billing).toEqual(['batch.create', 'generation.create', 'generation.dub', 'speech.generate']);
	});
});

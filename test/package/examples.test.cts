// The example workflows must keep matching the nodes: every Sync Labs parameter they set must exist
// (parameter names are a public interface; renaming one would silently break saved workflows).
import fs from 'fs';
import path from 'path';
import { NodeHelpers, type INodeProperties, type INodeType, type IVersionedNodeType } from 'n8n-workflow';
import { SyncLabs } from '../../nodes/SyncLabs/SyncLabs.node';
import { SyncLabsPollingTrigger } from '../../nodes/SyncLabs/SyncLabsPollingTrigger.node';
import { SyncLabsTrigger } from '../../nodes/SyncLabs/SyncLabsTrigger.node';
import { syncLabsToolNodeType } from '../runner/index.cjs';

const examplesDir = path.join(__dirname, '..', '..', 'examples');
const nodeTypes: Record<string, INodeType | IVersionedNodeType> = {
	'n8n-nodes-synclabs.syncLabs': new SyncLabs(),
	// The node as an AI Agent's tool (n8n makes this variant of a node that is usable as a tool).
	'n8n-nodes-synclabs.syncLabsTool': syncLabsToolNodeType(),
	'n8n-nodes-synclabs.syncLabsTrigger': new SyncLabsTrigger(),
	'n8n-nodes-synclabs.syncLabsPollingTrigger': new SyncLabsPollingTrigger(),
};

function knownNames(properties: INodeProperties[]): { top: Set<string>; options: Set<string> } {
	const top = new Set(properties.map((p) => p.name));
	const options = new Set(
		properties.flatMap((p) => (p.type === 'collection' ? (p.options ?? []).map((o) => (o as INodeProperties).name) : [])),
	);
	return { top, options };
}

const files = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json'));

describe('example workflows', () => {
	it('exist for each documented use case', () => {
		expect(files.sort()).toEqual(['ai-agent-lip-sync.json', 'batch.json', 'daily-spend-report.json', 'dub-into-languages.json', 'lip-sync-from-urls.json', 'route-webhook-events.json', 'upload-file-with-text-to-speech.json']);
	});

	it('daily-spend-report runs at 00:15 UTC and asks for the whole previous UTC day, start inclusive and end exclusive', () => {
		const workflow = JSON.parse(fs.readFileSync(path.join(examplesDir, 'daily-spend-report.json'), 'utf8'));
		expect(workflow.settings.timezone).toBe('UTC');
		const schedule = workflow.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-base.scheduleTrigger');
		expect(schedule.parameters.rule.interval).toEqual([{ field: 'days', daysInterval: 1, triggerAtHour: 0, triggerAtMinute: 15 }]);
		const usage = workflow.nodes.find((n: { parameters: { resource?: string } }) => n.parameters.resource === 'usage');
		expect(usage.parameters).toMatchObject({
			operation: 'getMany',
			startTime: "={{ $now.setZone('UTC').startOf('day').minus({ days: 1 }).toISO() }}",
			endTime: "={{ $now.setZone('UTC').startOf('day').toISO() }}",
			returnAll: true,
		});
		expect(workflow.connections[schedule.name].main[0][0].node).toBe(usage.name);
	});

	it.each(files)('%s only sets parameters the Sync Labs nodes define, with the package credential', (file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8'));
		const syncNodes = workflow.nodes.filter((n: { type: string }) => n.type.startsWith('n8n-nodes-synclabs.'));
		expect(syncNodes.length).toBeGreaterThan(0);
		for (const node of syncNodes) {
			expect(nodeTypes[node.type]).toBeDefined();
			const type = NodeHelpers.getVersionedNodeType(nodeTypes[node.type], node.typeVersion);
			const { top, options } = knownNames(type.description.properties);
			for (const [name, value] of Object.entries(node.parameters as Record<string, unknown>)) {
				expect(top.has(name) ? name : `${node.name}: unknown parameter ${name}`).toBe(name);
				if (name === 'options') {
					for (const option of Object.keys(value as object)) {
						expect(options.has(option) ? option : `${node.name}: unknown option ${option}`).toBe(option);
					}
				}
			}
			expect(Object.keys(node.credentials)).toEqual(['syncLabsApi']);
		}
	});
});

// What the trigger's panel says, asked of n8n-workflow's own display rules (NodeHelpers.displayParameter).
import { NodeHelpers, type INode, type INodeParameters } from 'n8n-workflow';
import { SyncLabsTrigger } from '../../nodes/SyncLabs/SyncLabsTrigger.node';

const description = new SyncLabsTrigger().description;
const node = (parameters: INodeParameters): INode => ({
	id: 't1',
	name: 'Sync Labs Trigger',
	type: 'syncLabsTrigger',
	typeVersion: 1.1,
	position: [0, 0],
	parameters,
});

function shown(parameters: INodeParameters): string[] {
	const loaded = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node(parameters), description) ?? {};
	return description.properties.filter((p) => NodeHelpers.displayParameter(loaded, p, node(loaded), description)).map((p) => p.name);
}

describe('Sync Labs Trigger panel', () => {
	it('says "All events" while Events is empty, and stops saying it once an event is chosen', () => {
		expect(shown({})).toContain('allEventsNotice');
		expect(shown({ events: [] })).toContain('allEventsNotice');
		expect(shown({ events: ['generation.completed'] })).not.toContain('allEventsNotice');
		expect(shown({ events: ['batch.failed', 'generation.failed'] })).not.toContain('allEventsNotice');
		expect(shown({ events: '={{ ["generation.completed"] }}' })).not.toContain('allEventsNotice');
		const events = description.properties.find((p) => p.name === 'events');
		expect(events?.placeholder).toBe('All events');
		expect(description.properties.find((p) => p.name === 'allEventsNotice')?.displayName).toMatch(/^All events start this workflow/);
	});

	it('names the buttons and tabs n8n 2.41 shows for this trigger, not the Webhook node\'s "Listen for test event"', () => {
		const notice = description.properties.find((p) => p.name === 'setupNotice')?.displayName ?? '';
		for (const label of ['Webhook URLs', 'Production URL', 'Test URL', 'Execute step', 'Test this trigger']) {
			expect(notice).toContain(`<b>${label}</b>`);
		}
		expect(notice).not.toMatch(/Listen for test event/i);
	});
});

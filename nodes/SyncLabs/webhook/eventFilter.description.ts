// The "Events" filter shared by the webhook trigger and the polling trigger.
import type { INodeProperties } from 'n8n-workflow';
import { KNOWN_EVENTS } from './webhookEvent';

export const eventsFilter: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	default: [],
	// n8n 2.41's editor shows its own "Select" in an empty multiOptions field and ignores this placeholder
	// (ParameterInput in https://github.com/n8n-io/n8n/tree/n8n@2.41.1/packages/frontend/editor-ui); allEventsNotice below says it in the panel.
	placeholder: 'All events',
	description: 'Which events start the workflow. Leave empty for all.',
	options: Object.entries(KNOWN_EVENTS).map(([value, name]) => ({ name, value })),
};

/**
 * Shown under Events while it is empty, so the panel says what an empty filter means. A hide rule is skipped
 * for an empty list (displayParameter in https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/node-helpers.ts), and "exists"
 * matches any chosen event, so the notice goes away once one is picked.
 */
export const allEventsNotice: INodeProperties = {
	displayName: 'All events start this workflow. Choose events above to start it only for those.',
	name: 'allEventsNotice',
	type: 'notice',
	default: '',
	displayOptions: { hide: { events: [{ _cnd: { exists: true } }] } },
};

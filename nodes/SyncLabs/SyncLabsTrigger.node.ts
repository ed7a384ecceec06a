import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { allEventsNotice, eventsFilter } from './webhook/eventFilter.description';
import { readerFor } from './parameters';
import { isDuplicateDelivery } from './webhook/deliveryDeduplication';
import { noWebhookRegistration } from './webhook/noWebhookRegistration';
import { receiveSignedDelivery } from './webhook/receiveSignedDelivery';
import { DEFAULT_TOLERANCE_SECONDS } from './webhook/syncSignature';

const triggerOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Ignore Duplicate Deliveries',
			name: 'ignoreDuplicates',
			type: 'boolean',
			default: false,
			description:
				'Whether to skip a delivery whose generation or batch ID and status were already seen in the last 24 hours. Best-effort: kept in workflow static data, which n8n saves only after successful production executions.',
		},
		{
			displayName: 'Timestamp Tolerance (Seconds)',
			name: 'toleranceSeconds',
			type: 'number',
			default: DEFAULT_TOLERANCE_SECONDS,
			typeOptions: { minValue: 1 },
			description:
				'How far the signature timestamp may differ from this server\'s clock, in either direction. Older or newer deliveries are rejected as replays.',
		},
	],
};

export class SyncLabsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sync Labs Trigger',
		name: 'syncLabsTrigger',
		icon: { light: 'file:syncLabs.svg', dark: 'file:syncLabs.dark.svg' },
		group: ['trigger'],
		// 1.1 changes nothing in this node; it tells n8n (>= 1.x) to leave bodies it does not parse, such as
		// application/octet-stream, to the node and to skip an expression it evaluates for every v1 request.
		// So a corrupt Content-Encoding on such a body is refused with 401 here instead of n8n's own 500.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].length ? $parameter["events"].join(", ") : "All events"}}',
		// n8n's "What happens next?" picker merges this node with the Sync Labs action node and shows this text
		// for both, so it names both sides.
		description: 'Lip-sync videos with Sync Labs, and start workflows when a generation or batch finishes',
		defaults: { name: 'Sync Labs Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'syncLabsApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'syncLabs',
			},
		],
		properties: [
			{
				// Button and tab names as n8n 2.41 shows them for a trigger that is not n8n's own Webhook node:
				// "Execute step" (ndv.execute.testNode, chosen in NodeExecuteButton), "Test this trigger"
				// (ndv.output.noOutputData.trigger.action), "Webhook URLs" > "Test URL" / "Production URL"
				// (nodeWebhooks.*), in n8n 2.41.1's https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/frontend/@n8n/i18n/src/locales/en.json.
				displayName:
					'Sync Labs has no webhook registration API. Open <b>Webhook URLs</b> above, choose <b>Production URL</b> and put that URL in the <code>webhookUrl</code> of your generation or batch requests, then publish the workflow. The <b>Test URL</b> receives deliveries only while this node listens: click <b>Execute step</b> (or <b>Test this trigger</b>). Only deliveries signed with the credential\'s signing secret (Sync-Signature) are accepted.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{ ...eventsFilter, description: 'Which events start the workflow. Leave empty for all. Filtered-out deliveries are acknowledged and ignored.' },
			allEventsNotice,
			triggerOptions,
		],
	};

	// Sync Labs takes the webhook URL per request and has no registration API: nothing to create or delete.
	webhookMethods = noWebhookRegistration;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const read = readerFor(this, undefined, [eventsFilter, triggerOptions]);
		const options = read.collection<{
			toleranceSeconds?: number;
			ignoreDuplicates?: boolean;
		}>('options');
		const outcome = await receiveSignedDelivery(this, {
			toleranceSeconds: options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
		});
		if (!outcome.accepted) return outcome.response;

		const { event, verdict } = outcome;
		const events = read.list('events');
		if (events.length > 0 && !events.includes(event.event)) return {};

		if (options.ignoreDuplicates) {
			const staticData = this.getWorkflowStaticData('node');
			if (isDuplicateDelivery(staticData, `${event.kind}:${event.id}:${event.status}`, Date.now())) return {};
		}

		return {
			workflowData: [
				[
					{
						json: {
							...event,
							signature: {
								timestamp: verdict.timestamp,
								secret: verdict.matchedSecretIndex === 0 ? 'current' : 'previous',
								verifiedOver: verdict.via,
							},
						} as IDataObject,
					},
				],
			],
		};
	}
}

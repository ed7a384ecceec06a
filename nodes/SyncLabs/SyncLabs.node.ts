import {
	NodeConnectionTypes,
	VersionedNodeType,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { router } from './actions/router';
import { versionProperties, type SyncLabsVersion } from './actions/versionProperties';
import { resumeOnSyncWebhook } from './actions/generation/resumeWebhook';
import { listSearch, loadOptions } from './methods';
import { noWebhookRegistration } from './webhook/noWebhookRegistration';

/** One version of the action node. Every version runs the same code; only the ID fields differ (actions/versionProperties.ts). */
export class SyncLabsVersionNode implements INodeType {
	// Version 1 exactly as first published; a later version replaces only `version` and `properties`.
	description: INodeTypeDescription = {
		displayName: 'Sync Labs',
		name: 'syncLabs',
		icon: { light: 'file:syncLabs.svg', dark: 'file:syncLabs.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Lip-sync video to audio or text with the Sync Labs API',
		defaults: { name: 'Sync Labs' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'syncLabsApi', required: true }],
		// Used only by "Wait for Webhook": Sync calls this execution's resume URL when the generation ends.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '',
				restartWebhook: true,
			},
		],
		properties: versionProperties(1),
	};

	constructor(version: SyncLabsVersion = 1) {
		if (version !== 1) this.description = { ...this.description, version, properties: versionProperties(version) };
	}

	methods = { listSearch, loadOptions };

	// The only webhook is the per-execution resume URL, which needs no registration.
	webhookMethods = noWebhookRegistration;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeOnSyncWebhook.call(this);
	}
}

// Versioned like n8n's own nodes (https://github.com/n8n-io/n8n/blob/master/packages/nodes-base/nodes/Airtable/Airtable.node.ts): a new node gets
// defaultVersion, a saved node keeps the version it was saved with.
export class SyncLabs extends VersionedNodeType {
	constructor() {
		const v1 = new SyncLabsVersionNode(1);
		const v2 = new SyncLabsVersionNode(2);
		const v3 = new SyncLabsVersionNode(3);
		const { displayName, name, icon, group, description } = v3.description;
		super({ 1: v1, 2: v2, 3: v3 }, { displayName, name, icon, group, description, defaultVersion: 3 });
	}
}

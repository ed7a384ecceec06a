import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { properties } from './actions/properties';
import { router } from './actions/router';
import { resumeOnSyncWebhook } from './helpers/resumeWebhook';
import { loadOptions } from './methods';
import { noWebhookRegistration } from './shared/noWebhookRegistration';

export class SyncLabs implements INodeType {
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
		properties,
	};

	methods = { loadOptions };

	// The only webhook is the per-execution resume URL, which needs no registration.
	webhookMethods = noWebhookRegistration;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeOnSyncWebhook.call(this);
	}
}

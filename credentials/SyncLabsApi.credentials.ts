import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SyncLabsApi implements ICredentialType {
	name = 'syncLabsApi';

	displayName = 'Sync Labs API';

	icon: Icon = { light: 'file:syncLabs.svg', dark: 'file:syncLabs.dark.svg' };

	documentationUrl = 'https://github.com/synclabs-n8n/n8n-nodes-synclabs#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your Sync Labs API key, from the API Keys page of the Sync dashboard',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_...',
			description:
				'The organization webhook signing secret (starts with whsec_). Required to receive webhooks: deliveries whose Sync-Signature does not verify are rejected.',
		},
		{
			displayName:
				'Without a signing secret the Sync Labs Trigger and the "Wait for Webhook" completion mode reject every delivery. Copy it from the Webhooks tab of the Sync dashboard.',
			name: 'webhookVerificationNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { signingSecret: [''] } },
		},
		{
			displayName: 'Previous Webhook Signing Secret',
			name: 'previousSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. While rotating the secret, deliveries signed with this one are still accepted. Clear it once the new secret is in use.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.sync.so',
			description: 'Change only to use a proxy, a regional endpoint or a local emulator',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v2/models',
			method: 'GET',
		},
	};
}

import type {
	DisplayCondition,
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	NodeParameterValue,
} from 'n8n-workflow';

// Values that are not what the user typed, so no shape notice shows for them: empty, an expression, or the
// placeholder n8n's editor receives for a saved password field (CREDENTIAL_BLANKING_VALUE or CREDENTIAL_EMPTY_VALUE,
// both starting with __n8n_, in https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/constants.ts).
const NOT_TYPED: Array<NodeParameterValue | DisplayCondition> = [
	'',
	undefined,
	null,
	{ _cnd: { startsWith: '__n8n_' } },
	{ _cnd: { startsWith: '=' } },
];
// Whitespace around a value is dropped before use (nodes/SyncLabs/webhook/syncSignature.ts, the authenticate
// block below); whitespace left inside is a copy slip, since neither Sync's keys nor its secrets contain any.
const NO_INNER_WHITESPACE: DisplayCondition = { _cnd: { regex: '^\\s*\\S*\\s*$' } };
// A signing secret is read by the signature check's rules (usableSecret and BLANK_INSIDE in
// nodes/SyncLabs/webhook/syncSignature.ts): the zero-width characters a copy from a web page leaves count as blanks.
const SECRET_BLANK = '[\\s\\u200B-\\u200D\\u2060]';
const SECRET_NO_INNER_BLANK: DisplayCondition = { _cnd: { regex: `^${SECRET_BLANK}*[^\\s\\u200B-\\u200D\\u2060]*${SECRET_BLANK}*$` } };
const SIGNING_SECRET_SHAPE: DisplayCondition = { _cnd: { regex: `^${SECRET_BLANK}*whsec_` } };

/** A notice shown under `field` while its typed value has a problem, i.e. hidden when the value is fine. */
function shapeNotice(field: string, problem: 'Whitespace' | 'Prefix', text: string, fine: DisplayCondition): INodeProperties {
	return {
		displayName: text,
		name: `${field}${problem}Notice`,
		type: 'notice',
		default: '',
		displayOptions: { hide: { [field]: [...NOT_TYPED, fine] } },
	};
}

const COPY_AGAIN = 'Copy it again from the Webhooks tab of the Sync dashboard; spaces and line breaks around it are ignored.';

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
		shapeNotice(
			'apiKey',
			'Whitespace',
			'The API Key contains a space or line break inside it, which a Sync API key never does. Copy it again from the API Keys page of the Sync dashboard; spaces and line breaks around it are ignored.',
			NO_INNER_WHITESPACE,
		),
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
		shapeNotice(
			'signingSecret',
			'Whitespace',
			`Signing secret 1 (Webhook Signing Secret) contains a space or line break inside it, which a Sync signing secret never does, so every delivery would be refused. ${COPY_AGAIN}`,
			SECRET_NO_INNER_BLANK,
		),
		shapeNotice(
			'signingSecret',
			'Prefix',
			'Signing secret 1 (Webhook Signing Secret) does not start with whsec_, as Sync signing secrets do. Check that it is the webhook signing secret, not the API key.',
			SIGNING_SECRET_SHAPE,
		),
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
		shapeNotice(
			'previousSigningSecret',
			'Whitespace',
			`Signing secret 2 (Previous Webhook Signing Secret) contains a space or line break inside it, which a Sync signing secret never does, so deliveries signed with it would be refused. ${COPY_AGAIN}`,
			SECRET_NO_INNER_BLANK,
		),
		shapeNotice(
			'previousSigningSecret',
			'Prefix',
			'Signing secret 2 (Previous Webhook Signing Secret) does not start with whsec_, as Sync signing secrets do. Check that it is a webhook signing secret, not an API key.',
			SIGNING_SECRET_SHAPE,
		),
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
				// Trimmed like the signing secrets: how much of a pasted key's surrounding whitespace n8n's HTTP client
				// strips depends on its axios version (a no-break space copied from a web page always stays), and
				// Sync refuses a key with any left.
				'x-api-key': '={{String($credentials.apiKey || "").trim()}}',
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

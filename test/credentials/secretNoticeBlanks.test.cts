// The credential's shape notices and the signature check (webhook/syncSignature.ts) read a signing
// secret by the same rules: zero-width characters (U+200B-U+200D, U+2060) a copy from a web page leaves around a
// secret are dropped (usableSecret), and inside one they count as whitespace (BLANK_INSIDE, logged as
// contains_whitespace), and the notices, evaluated as n8n's editor does (NodeHelpers.displayParameter), say the same.
import { NodeHelpers, type ICredentialDataDecryptedObject } from 'n8n-workflow';
import { SyncLabsApi } from '../../credentials/SyncLabsApi.credentials';
import { secretShapeProblems, usableSecret } from '../../nodes/SyncLabs/webhook/syncSignature';

const properties = new SyncLabsApi().properties;
const GOOD_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function shownNotices(values: ICredentialDataDecryptedObject): string[] {
	const data = { apiKey: 'key', signingSecret: '', previousSigningSecret: '', baseUrl: 'https://api.sync.so', ...values };
	return properties
		.filter((p) => p.type === 'notice' && p.name !== 'webhookVerificationNotice')
		.filter((p) => NodeHelpers.displayParameter(data, p, null, null))
		.map((p) => p.name);
}

describe('Sync Labs API credential: a signing secret copied with a zero-width space', () => {
	it('at its start is used as the good secret it is, and no notice says it lacks whsec_', () => {
		const secret = `\u200B${GOOD_SECRET}`;
		expect({ used: usableSecret(secret), problems: secretShapeProblems([secret]), notices: shownNotices({ signingSecret: secret }) }).toEqual({
			used: GOOD_SECRET,
			problems: [],
			notices: [],
		});
	});

	it('inside it is named by the notice as well as by the logged refusal reason', () => {
		const secret = 'whsec_MfKQ9r8GKYqr\u200BTwjUPD8ILPZIo2LaLaSw';
		expect({ problems: secretShapeProblems([secret]).map((p) => p.problem), notices: shownNotices({ signingSecret: secret }) }).toEqual({
			problems: ['contains_whitespace'],
			notices: ['signingSecretWhitespaceNotice'],
		});
	});
});

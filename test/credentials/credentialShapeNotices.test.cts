// The credential's shape notices, evaluated the way n8n's editor decides whether to show a credential property
// (n8n-workflow's displayParameter over the credential's values), and the API key's trimming on the wire.
import http from 'http';
import type { AddressInfo } from 'net';
import { NodeHelpers, type ICredentialDataDecryptedObject } from 'n8n-workflow';
import { SyncLabsApi } from '../../credentials/SyncLabsApi.credentials';
import { runNode } from '../runner/index.cjs';

const properties = new SyncLabsApi().properties;
const GOOD_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
// What n8n's editor receives for a saved password field (n8n-workflow's CREDENTIAL_BLANKING_VALUE).
const SAVED_PLACEHOLDER = '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';

/** The names of the notices the editor shows for these credential values (defaults for the rest). */
function shownNotices(values: ICredentialDataDecryptedObject): string[] {
	const data = { apiKey: 'key', signingSecret: '', previousSigningSecret: '', baseUrl: 'https://api.sync.so', ...values };
	return properties
		.filter((p) => p.type === 'notice' && p.name !== 'webhookVerificationNotice')
		.filter((p) => NodeHelpers.displayParameter(data, p, null, null))
		.map((p) => p.name);
}

function noticeText(name: string): string {
	return properties.find((p) => p.name === name)!.displayName;
}

describe('Sync Labs API credential', () => {
	it('shows no notice for well-shaped values, surrounding whitespace, saved placeholders, empty fields or expressions', () => {
		for (const secret of [GOOD_SECRET, `${GOOD_SECRET}\n`, `  ${GOOD_SECRET}\t`, SAVED_PLACEHOLDER, '', '={{ $env.SECRET }}']) {
			expect({ secret, shown: shownNotices({ signingSecret: secret, previousSigningSecret: secret, apiKey: secret }) }).toEqual({ secret, shown: [] });
		}
	});

	it('names signing secret 1 when it has a space inside, and signing secret 2 when it lacks whsec_', () => {
		expect(shownNotices({ signingSecret: 'whsec_MfKQ9r8GKYqr TwjUPD8ILPZIo2LaLaSw' })).toEqual(['signingSecretWhitespaceNotice']);
		expect(shownNotices({ signingSecret: GOOD_SECRET, previousSigningSecret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })).toEqual(['previousSigningSecretPrefixNotice']);
		expect(shownNotices({ previousSigningSecret: 'abc\ndef' })).toEqual(['previousSigningSecretWhitespaceNotice', 'previousSigningSecretPrefixNotice']);
		expect(noticeText('signingSecretWhitespaceNotice')).toMatch(/^Signing secret 1 \(Webhook Signing Secret\) contains a space or line break/);
		expect(noticeText('previousSigningSecretPrefixNotice')).toMatch(/^Signing secret 2 \(Previous Webhook Signing Secret\) does not start with whsec_/);
	});

	it('shows a notice for an API key with a line break inside it', () => {
		expect(shownNotices({ apiKey: 'sk-abc\ndef' })).toEqual(['apiKeyWhitespaceNotice']);
	});

	it('places each notice right under the field it is about', () => {
		const names = properties.map((p) => p.name);
		expect(names.indexOf('apiKeyWhitespaceNotice')).toBe(names.indexOf('apiKey') + 1);
		expect(names.indexOf('signingSecretWhitespaceNotice')).toBe(names.indexOf('signingSecret') + 1);
		expect(names.indexOf('previousSigningSecretWhitespaceNotice')).toBe(names.indexOf('previousSigningSecret') + 1);
	});

	it('sends an API key pasted with a trailing newline, surrounding spaces, no-break or zero-width spaces without them', async () => {
		const seen: Array<string | string[] | undefined> = [];
		const server = http.createServer((req, res) => {
			seen.push(req.headers['x-api-key']);
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'g1', status: 'PENDING', model: 'lipsync-2', input: [], createdAt: '2026-01-01T00:00:00.000Z' }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			// A no-break space is what copying from a web page adds; n8n's HTTP client keeps it, unlike a newline.
			for (const apiKey of ['key-value\n', '  key-value \r\n', '\u00a0key-value\u00a0', '\u200Bkey-value\u200B\u2060']) {
				const result = await runNode({
					parameters: { resource: 'generation', operation: 'get', generationId: 'g1' },
					credentials: { apiKey, baseUrl: url },
				});
				expect({ apiKey, status: result.status, error: result.error?.message }).toEqual({ apiKey, status: 'success', error: undefined });
			}
			expect(seen).toEqual(['key-value', 'key-value', 'key-value', 'key-value']);
		} finally {
			server.close();
		}
	});
});

// Red-team probe: a signing secret copied from a web page with a zero-width space (U+200B) at its end.
// The parameter reader drops such characters around an ID (parameters/coerce.ts, EDGE_BLANKS); the credential's
// values are trimmed with String.trim(), which keeps U+200B, and the whitespace check (/\s/) does not see it. So
// every delivery is refused as a signature mismatch and the logged reason says nothing about the secret: the case
// "a secret pasted with a copy slip ... nothing tells the user why" that the credential rules are there for.
import { SyncLabsTrigger } from '../../nodes/SyncLabs/SyncLabsTrigger.node';
import { createWebhookContext } from '../runner/index.cjs';
import { signSyncPayload } from '../fixtures/signSyncPayload.cjs';
import { SECRET } from '../fixtures/signatureVectors.cjs';

const payload = JSON.stringify({ id: 'gen_1', status: 'COMPLETED', createdAt: '2026-11-27T05:00:00.000Z', model: 'lipsync-2', outputUrl: 'https://cdn.example/out.mp4' });

describe('a credential value with a zero-width space at its end', () => {
	it('the Sync Labs Trigger accepts the delivery signed with the secret, or its logged refusal names the secret\'s stray character', async () => {
		const header = signSyncPayload({ secret: SECRET, timestamp: Math.floor(Date.now() / 1000), body: payload });
		const harness = createWebhookContext({
			headers: { 'content-type': 'application/json', 'sync-signature': header },
			rawBody: Buffer.from(payload),
			credentials: { apiKey: 'k', signingSecret: `${SECRET}\u200B` },
		});
		const result = await new SyncLabsTrigger().webhook.call(harness.context);
		const accepted = (result.workflowData?.[0]?.length ?? 0) === 1;
		const warned = harness.logs.filter((log) => log.level === 'warn').map((log) => log.message);
		const explained = warned.some((message) => /signing secret 1/i.test(message));
		expect({ accepted, status: harness.response.statusCode ?? null, warned, explained: accepted || explained }).toMatchObject({ explained: true });
	});
});

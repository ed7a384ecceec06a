// Red-team probes of issue 10, points 4-5: kind detection, empty-string normalization on the resume path, and
// what counts as "an id and a status"; plus the length rule for `t`.
import { SyncLabsTrigger } from '../../nodes/SyncLabs/SyncLabsTrigger.node';
import { signSyncPayload } from '../../nodes/SyncLabs/shared/signSyncPayload';
import { verifySyncSignature } from '../../nodes/SyncLabs/shared/syncSignature';
import { parseSyncWebhook } from '../../nodes/SyncLabs/shared/webhookEvent';
import { startEmulator, type Emulator } from '../emulator';
import { DOCS_GENERATION_STATUS_UPDATE } from '../fixtures/syncDocsWebhooks';
import { createWebhookContext } from '../helpers/webhookContext';
import { resumeWaitingRun, runNode } from '../helpers/workflowRunner';

const SECRET = 'whsec_redteam_webhook_shapes';

describe('red team: the kind of a verified delivery comes from what it carries', () => {
	// SDK BatchResponse (node_modules/@sync.so/sdk/dist/api/resources/common/types/BatchResponse.d.ts) has
	// created_at / outputUrl / metrics; the SDK Generation has createdAt / input / model. A batch that ends
	// FAILED before any metrics were computed still carries the batch fields.
	it.each([
		['metrics: null', { id: 'batch_abc123', status: 'FAILED', created_at: '2024-01-15T10:30:00Z', metrics: null, outputUrl: '' }],
		['no metrics key', { id: 'batch_abc123', status: 'FAILED', created_at: '2024-01-15T10:30:00Z', outputUrl: '', webhookUrl: 'https://x/hook' }],
	])('a batch payload with %s becomes batch.failed', (_name, payload) => {
		const parsed = parseSyncWebhook(JSON.stringify(payload));
		expect(parsed.ok && { kind: parsed.event.kind, event: parsed.event.event }).toEqual({ kind: 'batch', event: 'batch.failed' });
	});

	it('a verified delivery with a numeric id and a status becomes an event, not a 400', async () => {
		const body = Buffer.from(JSON.stringify({ id: 12345, status: 'COMPLETED', createdAt: '2024-01-10T12:00:00Z' }));
		const header = signSyncPayload({ secret: SECRET, timestamp: Math.floor(Date.now() / 1000), body });
		const harness = createWebhookContext({ headers: { 'content-type': 'application/json', 'sync-signature': header }, rawBody: body, credentials: { signingSecret: SECRET } });
		const result = await new SyncLabsTrigger().webhook.call(harness.context);
		expect({ status: harness.response.statusCode, items: result.workflowData?.[0]?.length }).toEqual({ status: undefined, items: 1 });
	});
});

describe('red team: the resume path normalizes Sync\'s empty strings like the trigger', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20, webhookSecret: SECRET });
	});
	afterAll(async () => emulator.stop());

	it('a docs-example COMPLETED generation (error: "", error_code: "") resumes with error and errorCode null', async () => {
		const waiting = await runNode({
			parameters: {
				resource: 'generation', operation: 'create', model: 'lipsync-2',
				visualUrl: 'https://media.example.com/speaker.mp4', audioUrl: 'https://media.example.com/voice.wav',
				completion: 'webhook', options: { toleranceSeconds: 300 },
			},
			credentials: { apiKey: 'key-rt', baseUrl: emulator.url, signingSecret: SECRET },
		});
		expect(waiting.status).toBe('waiting');
		const url = (emulator.requests.find((r) => r.path === '/v2/generate')!.json as { webhookUrl: string }).webhookUrl;
		const body = Buffer.from(JSON.stringify(DOCS_GENERATION_STATUS_UPDATE));
		const header = signSyncPayload({ secret: SECRET, timestamp: Math.floor(Date.now() / 1000), body });
		const resumed = await resumeWaitingRun(waiting, { url, headers: { 'content-type': 'application/json', 'sync-signature': header }, body });
		expect(resumed.httpStatus).toBe(200);
		const json = resumed.resumed?.items[0].json as Record<string, unknown>;
		expect({ error: json.error, errorCode: json.errorCode }).toEqual({ error: null, errorCode: null });
	});
	it('a verified delivery for another generation id does not resume this execution with that generation', async () => {
		const waiting = await runNode({
			parameters: {
				resource: 'generation', operation: 'create', model: 'lipsync-2',
				visualUrl: 'https://media.example.com/speaker.mp4', audioUrl: 'https://media.example.com/voice.wav',
				completion: 'webhook', options: { toleranceSeconds: 300 },
			},
			credentials: { apiKey: 'key-rt2', baseUrl: emulator.url, signingSecret: SECRET },
		});
		const create = emulator.requests.filter((r) => r.path === '/v2/generate').pop()!;
		const url = (create.json as { webhookUrl: string }).webhookUrl;
		const ownId = (create.response as { id: string }).id;
		const body = Buffer.from(JSON.stringify({ id: 'someone-elses-generation', status: 'COMPLETED' }));
		const header = signSyncPayload({ secret: SECRET, timestamp: Math.floor(Date.now() / 1000), body });
		const resumed = await resumeWaitingRun(waiting, { url, headers: { 'content-type': 'application/json', 'sync-signature': header }, body });
		expect(resumed.resumed?.items[0].json.id ?? ownId).toBe(ownId);
	});
});

describe('red team: t of any length other than 10 (seconds) or 13 (milliseconds) is refused', () => {
	it.each(['1', '999999999'])('t=%s is refused as malformed, not judged by the clock', (t) => {
		const body = '{"id":"g","status":"COMPLETED"}';
		const header = signSyncPayload({ secret: SECRET, timestamp: Number(t), body });
		// A long (but valid) tolerance: only the length rule can refuse it.
		const verdict = verifySyncSignature({ rawBody: body, header, secrets: [SECRET], nowMs: Date.now(), toleranceSeconds: 2e9 });
		expect(verdict).toMatchObject({ ok: false, reason: 'malformed_timestamp' });
	});
});

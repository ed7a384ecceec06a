// Webhook deliveries and outcome markers: signed compact JSON for COMPLETED/FAILED, behaviour switches,
// manual deliveries, and the terminal state/error code chosen per request.
import { Blob } from 'buffer';
import { verifySyncSignature } from '../../../nodes/SyncLabs/webhook/syncSignature';
import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';
import { startEmulator, TINY_MP4, WRONG_SECRET } from '../index.cjs';
import type { Emulator } from '../index.cjs';
import type { Receiver } from './helpers.cjs';
import { api, basicBody, settle, sleep, startReceiver, until } from './helpers.cjs';
import { conforms, GenerationNotificationShape, GenerationShape } from '../reference/sdk-shapes.cjs';

const SECRET = 'whsec_test_secret_123';
let emu: Emulator;
let receiver: Receiver;

beforeAll(async () => {
	emu = await startEmulator({ pendingMs: 10, processingMs: 30, webhookSecret: SECRET });
	receiver = await startReceiver();
});
afterAll(async () => {
	await emu.stop();
	await receiver.close();
});
beforeEach(() => {
	emu.reset();
	receiver.received.length = 0;
});

function verify(body: string, header: unknown, secret = SECRET) {
	return verifySyncSignature({ rawBody: Buffer.from(body), header, secrets: [secret], nowMs: Date.now() });
}

describe('generation webhooks', () => {
	it('posts a COMPLETED generation as compact JSON signed with Sync-Signature over t.body with the whole whsec_ key', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('', { webhookUrl: receiver.url }) });
		const [d] = await emu.waitForWebhooks(1);
		expect(d).toMatchObject({ url: receiver.url, status: 200, kind: 'generation', id: g.id });
		const hook = receiver.received[0];
		expect(hook.headers['content-type']).toBe('application/json');
		expect(hook.headers['sync-signature']).toBe(d.header);
		expect(hook.body).toBe(JSON.stringify(JSON.parse(hook.body)));
		expect(verify(hook.body, hook.headers['sync-signature'])).toMatchObject({ ok: true, via: 'raw' });
		const t = Number(/t=(\d+)/.exec(d.header)?.[1]);
		expect(d.header).toBe(signSyncPayload({ secret: SECRET, timestamp: t, body: hook.body }));
		const payload = JSON.parse(hook.body);
		expect(conforms(GenerationNotificationShape, payload)).toBe('ok');
		expect(payload).toEqual((await api(emu, 'GET', `/v2/generate/${g.id}`)).json);
		expect(emu.counters).toMatchObject({ webhooksSent: 1, webhooksFailed: 0 });
	});

	it('posts a FAILED generation with error, errorCode and snake_case error_code', async () => {
		await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_outcome=failed&sync_error_code=generation_audio_length_exceeded', { webhookUrl: receiver.url }) });
		await emu.waitForWebhooks(1);
		const payload = JSON.parse(receiver.received[0].body);
		expect(payload).toMatchObject({
			status: 'FAILED',
			error: 'The provided audio exceeds the maximum allowed length.',
			errorCode: 'generation_audio_length_exceeded',
			error_code: 'generation_audio_length_exceeded',
		});
	});

	it('sends no webhook for REJECTED generations unless webhookOnRejected is set', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_outcome=rejected', { webhookUrl: receiver.url }) });
		await settle(emu, g.id);
		await sleep(50);
		expect(receiver.received).toHaveLength(0);
		emu.config.webhookOnRejected = true;
		try {
			await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_outcome=rejected', { webhookUrl: receiver.url }) });
			await emu.waitForWebhooks(1);
			expect(JSON.parse(receiver.received[0].body).status).toBe('REJECTED');
		} finally {
			emu.config.webhookOnRejected = false;
		}
	});

	it('does not block the API response on the webhook receiver', async () => {
		const slow = await startReceiver(200, 1500);
		emu.config.pendingMs = 0;
		emu.config.processingMs = 0;
		try {
			const r = await api(emu, 'POST', '/v2/generate', { body: basicBody('', { webhookUrl: slow.url }) });
			expect(r.status).toBe(201);
			await until(() => slow.received.length === 1);
			const started = Date.now();
			const get = await api(emu, 'GET', `/v2/generate/${r.json.id}`);
			expect(get.json.status).toBe('COMPLETED');
			expect(Date.now() - started).toBeLessThan(500);
			expect(emu.webhookDeliveries).toHaveLength(0); // still waiting for the slow receiver
			await emu.waitForWebhooks(1, 5000);
		} finally {
			emu.config.pendingMs = 10;
			emu.config.processingMs = 30;
			await slow.close();
		}
	});

	it('records failed deliveries (non-2xx and unreachable receivers) in webhooksFailed', async () => {
		const refusing = await startReceiver(500);
		await api(emu, 'POST', '/v2/generate', { body: basicBody('', { webhookUrl: refusing.url }) });
		await api(emu, 'POST', '/v2/generate', { body: basicBody('', { webhookUrl: 'http://127.0.0.1:1/closed' }) });
		const ds = await emu.waitForWebhooks(2);
		await refusing.close();
		expect(ds.map((d) => d.status).sort()).toEqual([500, 'error'].sort());
		expect(emu.counters).toMatchObject({ webhooksSent: 2, webhooksFailed: 2 });
	});
});

describe('webhook behaviour switches', () => {
	it('sends duplicates with the same body and signature', async () => {
		emu.setWebhookBehaviour({ duplicate: true });
		await api(emu, 'POST', '/v2/generate', { body: basicBody('', { webhookUrl: receiver.url }) });
		await emu.waitForWebhooks(2);
		expect(receiver.received).toHaveLength(2);
		expect(receiver.received[0].body).toBe(receiver.received[1].body);
		expect(receiver.received[0].headers['sync-signature']).toBe(receiver.received[1].headers['sync-signature']);
	});

	it('delays delivery by delayMs', async () => {
		emu.setWebhookBehaviour({ delayMs: 200 });
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('', { webhookUrl: receiver.url }) });
		await settle(emu, g.id);
		const done = Date.now();
		await emu.waitForWebhooks(1);
		expect(receiver.received[0].at - done).toBeGreaterThanOrEqual(120);
	});

	it('drops deliveries and counts them', async () => {
		emu.setWebhookBehaviour({ drop: true });
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('', { webhookUrl: receiver.url }) });
		await settle(emu, g.id);
		await sleep(50);
		expect(receiver.received).toHaveLength(0);
		expect(emu.counters.webhooksDropped).toBe(1);
	});

	it('signs with a wrong secret so verification fails with signature_mismatch', async () => {
		emu.setWebhookBehaviour({ wrongSecret: true });
		await api(emu, 'POST', '/v2/generate', { body: basicBody('', { webhookUrl: receiver.url }) });
		await emu.waitForWebhooks(1);
		const hook = receiver.received[0];
		expect(verify(hook.body, hook.headers['sync-signature'])).toEqual({ ok: false, reason: 'signature_mismatch' });
		expect(verify(hook.body, hook.headers['sync-signature'], WRONG_SECRET).ok).toBe(true);
	});
});

describe('deliverWebhook', () => {
	it('signs and posts an arbitrary payload with the configured or a given secret and timestamp', async () => {
		const r = await emu.deliverWebhook(receiver.url, { id: 'x', status: 'COMPLETED' });
		expect(r).toEqual({ status: 200, body: 'ok' });
		expect(verify(receiver.received[0].body, receiver.received[0].headers['sync-signature']).ok).toBe(true);
		await emu.deliverWebhook(receiver.url, { a: 1 }, { secret: 'whsec_other', timestamp: 1700000000 });
		expect(receiver.received[1].headers['sync-signature']).toBe(signSyncPayload({ secret: 'whsec_other', timestamp: 1700000000, body: '{"a":1}' }));
		expect(emu.webhookDeliveries).toHaveLength(0);
	});
});

describe('outcome markers', () => {
	it('defaults to COMPLETED with outputUrl, outputDuration and segmentOutputUrl null', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		const done = await settle(emu, g.id);
		expect(done).toMatchObject({ status: 'COMPLETED', outputUrl: `${emu.url}/files/${g.id}.mp4`, outputDuration: 1, segmentOutputUrl: null });
		expect(done).not.toHaveProperty('error');
		expect(emu.getGeneration(g.id)).toEqual(done);
	});

	it('fails with generation_pipeline_failed by default and with the code given by sync_error_code', async () => {
		const a = (await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_outcome=failed') })).json;
		const b = (await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_outcome=failed&sync_error_code=generation_timeout') })).json;
		expect(await settle(emu, a.id)).toMatchObject({ status: 'FAILED', errorCode: 'generation_pipeline_failed', outputUrl: null });
		const failed = await settle(emu, b.id);
		expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'generation_timeout', error: 'The generation process exceeded the maximum allowed time.' });
		expect(conforms(GenerationShape, failed)).toBe('ok');
	});

	it('rejects straight from PENDING without passing through PROCESSING', async () => {
		// Sync's clock is the test's, stepped 10 ms between reads, so a loaded machine cannot skip the PENDING phase.
		let now = Date.now();
		const clocked = await startEmulator({ port: 0, now: () => now, webhookSecret: SECRET });
		try {
			const { json: g } = await api(clocked, 'POST', '/v2/generate', { body: basicBody('sync_outcome=rejected&sync_pending_ms=60&sync_processing_ms=5000') });
			const seen = new Set<string>();
			for (let step = 0; step <= 40; step++, now += 10) {
				clocked.runDueTimers();
				seen.add((await api(clocked, 'GET', `/v2/generate/${g.id}`)).json.status);
			}
			expect([...seen]).toEqual(['PENDING', 'REJECTED']);
		} finally {
			await clocked.stop();
		}
	});

	it('fails audio longer than 300 s with generation_audio_length_exceeded', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody('sync_duration_s=301') });
		expect(await settle(emu, g.id)).toMatchObject({ status: 'FAILED', errorCode: 'generation_audio_length_exceeded' });
	});

	it('reads the outcome from outputFileName for binary inputs', async () => {
		const fd = new FormData();
		fd.append('model', 'lipsync-2');
		fd.append('video', new Blob([TINY_MP4]) as unknown as globalThis.Blob, 'clip.mp4');
		fd.append('audio', new Blob([Buffer.alloc(10)]) as unknown as globalThis.Blob, 'voice.wav');
		fd.append('outputFileName', 'case_sync_outcome_rejected');
		const { json: g } = await api(emu, 'POST', '/v2/generate', { raw: fd });
		expect(await settle(emu, g.id)).toMatchObject({ status: 'REJECTED', errorCode: 'generation_input_validation_failed' });
	});

	it('reads the outcome from the URL of a registered asset', async () => {
		const asset = (await api(emu, 'POST', '/v2/assets', { body: { url: 'https://cdn.example.test/v.mp4?sync_outcome=failed&sync_error_code=generation_input_video_inaccessible', type: 'VIDEO' } })).json;
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: { model: 'lipsync-2', input: [{ type: 'video', assetId: asset.id }, { type: 'audio', url: 'https://x.test/a.wav' }] } });
		expect(await settle(emu, g.id)).toMatchObject({ status: 'FAILED', errorCode: 'generation_input_video_inaccessible' });
	});

	it('serves a structurally valid MP4 (ftyp, moov with an avc1 track, mdat) as the output file', async () => {
		const { json: g } = await api(emu, 'POST', '/v2/generate', { body: basicBody() });
		await settle(emu, g.id);
		const res = await fetch(`${emu.url}/files/${g.id}.mp4`);
		const bytes = Buffer.from(await res.arrayBuffer());
		expect(bytes.equals(TINY_MP4)).toBe(true);
		const { topLevelBoxes } = await import('../src/media.cjs');
		expect(topLevelBoxes(bytes)).toEqual(['ftyp', 'moov', 'mdat']);
		expect(bytes.includes(Buffer.from('avc1'))).toBe(true);
		expect(bytes.includes(Buffer.from('avcC'))).toBe(true);
		const stco = bytes.indexOf(Buffer.from('stco'));
		const offset = bytes.readUInt32BE(stco + 12);
		const nalLength = bytes.readUInt32BE(offset);
		expect(bytes[offset + 4]).toBe(0x65); // IDR slice NAL
		expect(offset + 4 + nalLength).toBe(bytes.length);
		expect((await fetch(`${emu.url}/files/unknown.mp4`)).status).toBe(404);
	});
});

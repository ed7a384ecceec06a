// Text to speech as docs/sync-api-2026.md#text-to-speech describes it: the synchronous call (JSON with a hosted URL),
// the asynchronous job (202 + Location, Idempotency-Key, 503 when not enabled) and its statuses
// PENDING/PROCESSING/SUCCESS/FAILED, which are not the generation statuses.
import { BUILT_IN_VOICES, TTS_CHARS_PER_SECOND } from '../index.cjs';
import { api, videoUrl } from './helpers.cjs';
import type { ClockedEmulator } from './surfaces.cjs';
import { startClocked } from './surfaces.cjs';

let c: ClockedEmulator;
beforeAll(async () => {
	c = await startClocked({ ttsJobPendingMs: 1000, ttsJobProcessingMs: 2000 });
});
afterAll(() => c.emu.stop());
beforeEach(() => c.reset());

const VOICE = BUILT_IN_VOICES[0].id;
const RESTRICTED = BUILT_IN_VOICES.find((v) => v.restricted)?.id as string;
const SCRIPT = 'Welcome to the product tour. This narration is made once and reused.';

function speech(extra: Record<string, unknown> = {}) {
	return { script: SCRIPT, voiceId: VOICE, provider: 'elevenlabs', ...extra };
}

const tts = (body: unknown, key?: string) => api(c.emu, 'POST', '/v2/tts', { body, key });
const job = (body: unknown, headers: Record<string, string> = {}) => api(c.emu, 'POST', '/v2/tts/jobs', { body, headers });
const getJob = (id: string) => api(c.emu, 'GET', `/v2/tts/jobs/${id}`);

describe('text to speech: POST /v2/tts', () => {
	it('answers 200 with JSON { id, url, duration } whose url serves the audio, and counts it', async () => {
		const r = await tts(speech());
		expect(r.status).toBe(200);
		expect(Object.keys(r.json).sort()).toEqual(['duration', 'id', 'url']);
		expect(r.json.duration).toBe(Math.round((SCRIPT.length / TTS_CHARS_PER_SECOND) * 100) / 100);
		const file = await fetch(r.json.url);
		expect([file.status, file.headers.get('content-type')]).toEqual([200, 'audio/wav']);
		expect(c.emu.counters.ttsCreated).toBe(1);
	});

	it('requires provider "elevenlabs" as a string (ttsProviderRequired), and takes its absence when the switch is off', async () => {
		const missing = await tts({ script: SCRIPT, voiceId: VOICE });
		expect([missing.status, missing.json.field]).toEqual([400, 'provider']);
		const asObject = await tts(speech({ provider: { name: 'elevenlabs', voiceId: VOICE } }));
		expect([asObject.status, asObject.json.field]).toEqual([400, 'provider']);
		c.emu.config.ttsProviderRequired = false;
		expect((await tts({ script: SCRIPT, voiceId: VOICE })).status).toBe(200);
	});

	it('refuses an empty script, one over 5,000 characters, stability or similarityBoost outside 0–1, and unknown fields, with 400 naming the field', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[speech({ script: '' }), 'script'],
			[speech({ script: 'x'.repeat(5001) }), 'script'],
			[speech({ stability: 1.5 }), 'stability'],
			[speech({ similarityBoost: -0.1 }), 'similarityBoost'],
			[speech({ speed: 1.2 }), ''],
		];
		for (const [body, field] of cases) {
			const r = await tts(body);
			expect(r.status).toBe(400);
			if (field) expect(r.json.field).toBe(field);
		}
		expect((await tts(speech({ script: 'x'.repeat(5000), stability: 0, similarityBoost: 1 }))).status).toBe(200);
		expect(c.emu.counters.ttsCreated).toBe(1);
	});

	it('answers 404 voice_not_found for an unknown voice and 422 for a voice with a restriction', async () => {
		const unknown = await tts(speech({ voiceId: 'nobody' }));
		expect([unknown.status, unknown.json.errorCode, unknown.json.field]).toEqual([404, 'voice_not_found', 'voiceId']);
		const restricted = await tts(speech({ voiceId: RESTRICTED }));
		expect([restricted.status, restricted.json.field]).toEqual([422, 'voiceId']);
		expect(c.emu.counters.ttsCreated).toBe(0);
	});

	it('answers 503 elevenlabs_service_unavailable when the script carries the failure marker', async () => {
		const r = await tts(speech({ script: 'say sync_tts_failed' }));
		expect([r.status, r.json.errorCode]).toEqual([503, 'elevenlabs_service_unavailable']);
		expect(c.emu.counters.ttsCreated).toBe(0);
	});

	it('allows ttsRateLimitPerMinute requests per key per minute, in a bucket apart from the jobs endpoint', async () => {
		c.emu.config.ttsRateLimitPerMinute = 2;
		expect((await tts(speech())).status).toBe(200);
		expect((await tts(speech())).status).toBe(200);
		const limited = await tts(speech());
		expect([limited.status, limited.json.errorCode]).toEqual([429, 'rate_limit_exceeded']);
		expect((await tts(speech(), 'other-key')).status).toBe(200);
		expect((await job(speech())).status).toBe(202);
		c.advance(60_000);
		expect((await tts(speech())).status).toBe(200);
	});

	it('gives a URL a generation takes as its audio input', async () => {
		const { url } = (await tts(speech())).json;
		const g = await api(c.emu, 'POST', '/v2/generate', { body: { model: 'lipsync-2', input: [{ type: 'video', url: videoUrl() }, { type: 'audio', url }] } });
		expect(g.status).toBe(201);
	});
});

describe('text to speech: jobs', () => {
	it('answers 202 with the PENDING job and a relative Location, then PROCESSING, then SUCCESS with url and duration; Retry-After: 3 until terminal', async () => {
		const created = await job(speech());
		expect(created.status).toBe(202);
		expect(created.headers.get('location')).toBe(`/v2/tts/jobs/${created.json.id}`);
		expect(created.json).toEqual({ id: created.json.id, status: 'PENDING', url: null, duration: null, error: null, createdAt: '2026-11-12T00:00:00.000Z', startedAt: null, finishedAt: null });
		expect(c.emu.counters.ttsJobsCreated).toBe(1);
		const pending = await getJob(created.json.id);
		expect([pending.json.status, pending.headers.get('retry-after')]).toEqual(['PENDING', '3']);
		expect((await fetch(`${c.emu.url}/tts-audio/${created.json.id}.wav`)).status).toBe(404);
		c.advance(1000);
		const processing = await getJob(created.json.id);
		expect([processing.json.status, processing.json.startedAt, processing.headers.get('retry-after')]).toEqual(['PROCESSING', '2026-11-12T00:00:01.000Z', '3']);
		c.advance(2000);
		const done = await getJob(created.json.id);
		expect(done.json).toMatchObject({ status: 'SUCCESS', url: expect.stringContaining(created.json.id), duration: expect.any(Number), error: null, finishedAt: '2026-11-12T00:00:03.000Z' });
		expect(done.headers.get('retry-after')).toBeNull();
		expect((await fetch(done.json.url)).status).toBe(200);
	});

	it('ends FAILED with an error object and no url, never with a generation status such as COMPLETED', async () => {
		const created = await job(speech({ script: 'sync_tts_failed please' }));
		const seen = new Set<string>();
		for (let i = 0; i < 4; i++) {
			seen.add((await getJob(created.json.id)).json.status);
			c.advance(1000);
		}
		expect([...seen]).toEqual(['PENDING', 'PROCESSING', 'FAILED']);
		expect((await getJob(created.json.id)).json).toMatchObject({ status: 'FAILED', url: null, duration: null, error: { code: expect.any(String), message: expect.any(String) } });
	});

	it('answers a status outside the documented four instead of PROCESSING with ttsJobUnknownStatus', async () => {
		c.emu.config.ttsJobUnknownStatus = 'QUEUED_FOR_VOICE';
		const created = await job(speech());
		c.advance(1000);
		const r = await getJob(created.json.id);
		expect([r.json.status, r.headers.get('retry-after')]).toEqual(['QUEUED_FOR_VOICE', '3']);
		c.advance(2000);
		expect((await getJob(created.json.id)).json.status).toBe('SUCCESS');
	});

	it('replays the original job in its current state for the same Idempotency-Key and body, and refuses the key with another body (409)', async () => {
		const first = await job(speech(), { 'Idempotency-Key': 'narration-take-001' });
		c.advance(3000);
		const replay = await job(speech(), { 'Idempotency-Key': 'narration-take-001' });
		expect([replay.status, replay.json.id, replay.json.status]).toEqual([202, first.json.id, 'SUCCESS']);
		expect(c.emu.counters.ttsJobsCreated).toBe(1);
		const other = await job(speech({ script: 'Another take.' }), { 'Idempotency-Key': 'narration-take-001' });
		expect([other.status, other.json.errorCode]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
		const bad = await job(speech(), { 'Idempotency-Key': 'has spaces' });
		expect([bad.status, bad.json.errorCode]).toEqual([400, 'INVALID_IDEMPOTENCY_KEY']);
	});

	it('answers 503 and creates nothing where the organization is not enabled (ttsJobsEnabled false), while the synchronous call still works', async () => {
		c.emu.config.ttsJobsEnabled = false;
		const r = await job(speech());
		expect(r.status).toBe(503);
		expect(r.json.statusCode).toBe(503);
		expect(c.emu.counters.ttsJobsCreated).toBe(0);
		expect((await tts(speech())).status).toBe(200);
	});

	it('validates a job body like the synchronous one and answers 404 for an unknown job', async () => {
		expect((await job({ script: SCRIPT, voiceId: VOICE })).json.field).toBe('provider');
		expect((await job(speech({ voiceId: 'nobody' }))).status).toBe(404);
		expect((await getJob('no-such-job')).status).toBe(404);
		expect(c.emu.counters.ttsJobsCreated).toBe(0);
	});
});

// Dubbing on POST /v2/generate as docs/sync-api-2026.md#dubbing describes it: a video alone with dubParams, the
// language list, the numSpeakers/providerName variants, the audio conflict or its being ignored, the dubbed
// generation's output length and webhook payload, and the legacy estimate with or without a dubbing part.
import { DUB_LANGUAGES, DUB_LENGTH_FACTOR } from '../index.cjs';
import { api, audioUrl, startReceiver, videoUrl } from './helpers.cjs';
import type { ClockedEmulator } from './surfaces.cjs';
import { startClocked } from './surfaces.cjs';

let c: ClockedEmulator;
beforeAll(async () => {
	c = await startClocked();
});
afterAll(() => c.emu.stop());
beforeEach(() => c.reset());

function dubBody(dubParams: Record<string, unknown>, videoQuery = '', extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { model: 'lipsync-2', input: [{ type: 'video', url: videoUrl(videoQuery) }], dubParams, ...extra };
}

async function create(body: Record<string, unknown>) {
	return api(c.emu, 'POST', '/v2/generate', { body });
}

describe('dubbing: what a create with dubParams accepts', () => {
	it('creates a PENDING generation from a video alone with dubParams { targetLang }', async () => {
		const r = await create(dubBody({ targetLang: 'es' }));
		expect(r.status).toBe(201);
		expect(r.json).toMatchObject({ status: 'PENDING', model: 'lipsync-2', input: [{ type: 'video' }] });
		expect(c.emu.counters.generationsCreated).toBe(1);
	});

	it('accepts every code of the language list as targetLang and as sourceLang, and auto as sourceLang', async () => {
		for (const { code } of DUB_LANGUAGES) {
			expect((await create(dubBody({ targetLang: code, sourceLang: 'auto' }))).status).toBe(201);
			expect((await create(dubBody({ targetLang: 'es', sourceLang: code }))).status).toBe(201);
		}
		expect(c.emu.counters.generationsCreated).toBe(DUB_LANGUAGES.length * 2);
	});

	it('refuses a targetLang or sourceLang outside the list with 400 naming the field, and takes any code with dubLanguageCheck "any"', async () => {
		const target = await create(dubBody({ targetLang: 'tlh' }));
		expect([target.status, target.json.field, target.json.errorCode]).toEqual([400, 'dubParams.targetLang', 'generation_input_validation_failed']);
		const source = await create(dubBody({ targetLang: 'es', sourceLang: 'klingon' }));
		expect([source.status, source.json.field]).toEqual([400, 'dubParams.sourceLang']);
		expect(c.emu.counters.generationsCreated).toBe(0);
		c.emu.config.dubLanguageCheck = 'any';
		expect((await create(dubBody({ targetLang: 'tlh', sourceLang: 'klingon' }))).status).toBe(201);
	});

	it('refuses dubParams next to an audio or text input with 400 generation_input_dub_audio_conflict (dubWithAudio "conflict")', async () => {
		for (const extra of [{ type: 'audio', url: audioUrl() }, { type: 'text', provider: { name: 'elevenlabs', voiceId: 'EXAVITQu4vr4xnSDxMaL', script: 'Hola' } }]) {
			const r = await create({ ...dubBody({ targetLang: 'es' }), input: [{ type: 'video', url: videoUrl() }, extra] });
			expect([r.status, r.json.errorCode, r.json.field]).toEqual([400, 'generation_input_dub_audio_conflict', 'dubParams']);
		}
		expect(c.emu.counters.generationsCreated).toBe(0);
	});

	it('ignores an audio input next to dubParams with dubWithAudio "ignored": the output follows the dubbed speech, not that audio', async () => {
		c.emu.config.dubWithAudio = 'ignored';
		const r = await create({ ...dubBody({ targetLang: 'de' }, 'sync_duration_s=8&sync_audio_duration_s=30'), input: [{ type: 'video', url: videoUrl('sync_duration_s=8&sync_audio_duration_s=30') }, { type: 'audio', url: audioUrl() }] });
		expect(r.status).toBe(201);
		c.advance(5000);
		expect((await api(c.emu, 'GET', `/v2/generate/${r.json.id}`)).json.outputDuration).toBe(8 * DUB_LENGTH_FACTOR.de);
	});

	it('refuses dubParams with an image input (a still has no audio to dub)', async () => {
		const r = await create({ model: 'sync-3', input: [{ type: 'image', url: 'https://media.example.test/in/face.png' }], dubParams: { targetLang: 'es' } });
		expect([r.status, r.json.field]).toEqual([400, 'input']);
	});

	it('takes numSpeakers 0–50 and refuses 51 (dubNumSpeakers "validated"), but takes any count when it is "ignored"', async () => {
		expect((await create(dubBody({ targetLang: 'es', numSpeakers: 0 }))).status).toBe(201);
		expect((await create(dubBody({ targetLang: 'es', numSpeakers: 50 }))).status).toBe(201);
		const over = await create(dubBody({ targetLang: 'es', numSpeakers: 51 }));
		expect([over.status, over.json.field]).toEqual([400, 'dubParams.numSpeakers']);
		c.emu.config.dubNumSpeakers = 'ignored';
		expect((await create(dubBody({ targetLang: 'es', numSpeakers: 51 }))).status).toBe(201);
	});

	it('treats providerName as optional, required or refused per dubProviderName, always naming the field', async () => {
		expect((await create(dubBody({ targetLang: 'es' }))).status).toBe(201);
		expect((await create(dubBody({ targetLang: 'es', providerName: 'elevenlabs' }))).status).toBe(201);
		const other = await create(dubBody({ targetLang: 'es', providerName: 'acme' }));
		expect([other.status, other.json.field]).toEqual([400, 'dubParams.providerName']);
		c.emu.config.dubProviderName = 'required';
		const missing = await create(dubBody({ targetLang: 'es' }));
		expect([missing.status, missing.json.field]).toEqual([400, 'dubParams.providerName']);
		expect((await create(dubBody({ targetLang: 'es', providerName: 'elevenlabs' }))).status).toBe(201);
		c.emu.config.dubProviderName = 'refused';
		const refused = await create(dubBody({ targetLang: 'es', providerName: 'elevenlabs' }));
		expect([refused.status, refused.json.field]).toEqual([400, 'dubParams.providerName']);
		expect((await create(dubBody({ targetLang: 'es' }))).status).toBe(201);
	});

	it('requires targetLang', async () => {
		const r = await create(dubBody({ sourceLang: 'auto' }));
		expect([r.status, r.json.field]).toEqual([400, 'dubParams.targetLang']);
	});

	it('accepts dubParams as a JSON string part of a multipart create', async () => {
		const form = new FormData();
		form.append('model', 'lipsync-2');
		form.append('input', JSON.stringify([{ type: 'video', url: videoUrl() }]));
		form.append('dubParams', JSON.stringify({ targetLang: 'fr' }));
		expect((await api(c.emu, 'POST', '/v2/generate', { raw: form })).status).toBe(201);
	});
});

describe('dubbing: the dubbed generation', () => {
	it('runs as long as the dubbed speech (source length × the language factor), or the video with cut_off', async () => {
		const loop = await create(dubBody({ targetLang: 'de' }, 'sync_duration_s=8'));
		const cut = await create(dubBody({ targetLang: 'de' }, 'sync_duration_s=8', { options: { sync_mode: 'cut_off' } }));
		const shorter = await create(dubBody({ targetLang: 'zh' }, 'sync_duration_s=8'));
		c.advance(5000);
		const duration = async (id: string) => (await api(c.emu, 'GET', `/v2/generate/${id}`)).json.outputDuration;
		expect(await duration(loop.json.id)).toBe(10);
		expect(await duration(cut.json.id)).toBe(8);
		expect(await duration(shorter.json.id)).toBe(6.4);
	});

	it('sends the ordinary signed generation webhook when done: COMPLETED, the video input only, the dubbed length, dubParams only when echoed', async () => {
		const receiver = await startReceiver();
		try {
			const plain = await create(dubBody({ targetLang: 'es' }, 'sync_duration_s=4', { webhookUrl: receiver.url }));
			c.emu.config.dubParamsEcho = true;
			const echoed = await create(dubBody({ targetLang: 'fr', sourceLang: 'en' }, 'sync_duration_s=4', { webhookUrl: receiver.url }));
			expect(c.emu.webhookDeliveries).toHaveLength(0);
			c.advance(5000);
			await c.emu.waitForWebhooks(2);
			const payloads = receiver.received.map((h) => JSON.parse(h.body) as Record<string, unknown>);
			const byId = new Map(payloads.map((p) => [p.id, p]));
			expect(receiver.received.every((h) => /^t=\d+,v1=[0-9a-f]{64}$/.test(String(h.headers['sync-signature'])))).toBe(true);
			expect(byId.get(plain.json.id)).toMatchObject({ status: 'COMPLETED', input: [{ type: 'video' }], outputDuration: 4.6, outputUrl: expect.stringContaining(plain.json.id) });
			expect(byId.get(plain.json.id)).not.toHaveProperty('dubParams');
			expect(byId.get(echoed.json.id)).toMatchObject({ status: 'COMPLETED', outputDuration: 4.8, dubParams: { targetLang: 'fr', sourceLang: 'en' } });
			expect((await api(c.emu, 'GET', `/v2/generate/${echoed.json.id}`)).json.dubParams).toEqual({ targetLang: 'fr', sourceLang: 'en' });
		} finally {
			await receiver.close();
		}
	});

	it('fails like any generation when the test asks (an ElevenLabs outage code), with errorCode in GET', async () => {
		const r = await create(dubBody({ targetLang: 'es' }, 'sync_outcome=failed&sync_error_code=elevenlabs_service_unavailable'));
		c.advance(5000);
		expect((await api(c.emu, 'GET', `/v2/generate/${r.json.id}`)).json).toMatchObject({ status: 'FAILED', errorCode: 'elevenlabs_service_unavailable' });
	});
});

describe('dubbing: the legacy estimate', () => {
	it('prices only the lip-sync part of a dub by default, and adds source seconds at the dubbing rate with analyzeCostIncludesDubbing', async () => {
		const body = dubBody({ targetLang: 'es' }, 'sync_duration_s=10');
		const lipOnly = (await api(c.emu, 'POST', '/v2/analyze/cost', { body })).json[0];
		expect(lipOnly).toEqual({ estimatedFrameCount: 250, estimatedGenerationCost: 0.5 });
		c.emu.config.analyzeCostIncludesDubbing = true;
		expect((await api(c.emu, 'POST', '/v2/analyze/cost', { body })).json[0]).toEqual({ estimatedFrameCount: 250, estimatedGenerationCost: 0.8 });
	});
});

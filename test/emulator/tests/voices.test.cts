// Voices as docs/sync-api-2026.md#voices describes them: the list (bare array, no paging) and its envelope switch,
// the id spellings, restriction shapes, get, clone from a Sync-hosted sample with its hourly limit on Sync's clock,
// slots and name conflicts, and delete answered with a bare true or a 204.
import { BUILT_IN_VOICES } from '../index.cjs';
import { api, type ApiResponse } from './helpers.cjs';
import type { ClockedEmulator } from './surfaces.cjs';
import { startClocked, upload } from './surfaces.cjs';

let c: ClockedEmulator;
beforeAll(async () => {
	c = await startClocked();
});
afterAll(() => c.emu.stop());
beforeEach(() => c.reset());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RESTRICTED = BUILT_IN_VOICES.find((v) => v.restricted)?.id as string;

async function hostedSample(name = 'sample.wav'): Promise<string> {
	return (await upload(c.emu, name, 'audio/wav')).url;
}

async function clone(body: Record<string, unknown>, key?: string): Promise<ApiResponse> {
	return api(c.emu, 'POST', '/v2/voices', { body: { provider: 'elevenlabs', ...body }, key });
}

describe('voices: list and get', () => {
	it('lists the built-in ElevenLabs voices as a bare array, each with provider, id and voiceId, and restriction on the one that cannot speak', async () => {
		const r = await api(c.emu, 'GET', '/v2/voices');
		expect(r.status).toBe(200);
		expect(Array.isArray(r.json)).toBe(true);
		expect(r.json.map((v: { id: string }) => v.id)).toEqual(BUILT_IN_VOICES.map((v) => v.id));
		for (const v of r.json) expect(v).toMatchObject({ provider: 'elevenlabs', voiceId: v.id, name: expect.any(String), previewUrl: expect.stringMatching(/\.wav$/) });
		const restricted = r.json.filter((v: Record<string, unknown>) => 'restriction' in v);
		expect(restricted.map((v: { id: string }) => v.id)).toEqual([RESTRICTED]);
		expect(typeof restricted[0].restriction).toBe('object');
		expect((await fetch(r.json[0].previewUrl)).headers.get('content-type')).toBe('audio/wav');
	});

	it('wraps the list as { items } with voicesListShape "items", still without a cursor', async () => {
		c.emu.config.voicesListShape = 'items';
		const r = await api(c.emu, 'GET', '/v2/voices');
		expect(Object.keys(r.json)).toEqual(['items']);
		expect(r.json.items).toHaveLength(BUILT_IN_VOICES.length);
	});

	it('spells restriction as an object, a string or true per voiceRestrictionShape', async () => {
		const restrictionOf = async () => (await api(c.emu, 'GET', `/v2/voices/${RESTRICTED}`)).json.restriction;
		expect(await restrictionOf()).toMatchObject({ reason: expect.any(String) });
		c.emu.config.voiceRestrictionShape = 'string';
		expect(await restrictionOf()).toBe('unavailable');
		c.emu.config.voiceRestrictionShape = 'boolean';
		expect(await restrictionOf()).toBe(true);
	});

	it('takes provider=elevenlabs and refuses another provider with 400', async () => {
		expect((await api(c.emu, 'GET', '/v2/voices?provider=elevenlabs')).status).toBe(200);
		const r = await api(c.emu, 'GET', '/v2/voices?provider=acme');
		expect([r.status, r.json.field]).toEqual([400, 'provider']);
	});

	it('gets a built-in voice or a clone by its id and answers 404 voice_not_found otherwise', async () => {
		expect((await api(c.emu, 'GET', `/v2/voices/${BUILT_IN_VOICES[0].id}`)).json).toMatchObject({ id: BUILT_IN_VOICES[0].id, name: BUILT_IN_VOICES[0].name });
		const made = await clone({ name: 'Narrator', url: await hostedSample() });
		expect((await api(c.emu, 'GET', `/v2/voices/${made.json.id}`)).json).toMatchObject({ id: made.json.id, name: 'Narrator' });
		const missing = await api(c.emu, 'GET', '/v2/voices/no-such-voice');
		expect([missing.status, missing.json.errorCode]).toEqual([404, 'voice_not_found']);
	});

	it('gives a clone a Sync UUID as id and internalVoiceId and a different provider-side voiceId, which text to speech refuses (voiceIdSpelling "both")', async () => {
		const made = await clone({ name: 'Narrator', url: await hostedSample() });
		expect(made.json.id).toMatch(UUID);
		expect(made.json.internalVoiceId).toBe(made.json.id);
		expect(made.json.voiceId).not.toBe(made.json.id);
		const tts = (voiceId: string) => api(c.emu, 'POST', '/v2/tts', { body: { script: 'Hello', voiceId, provider: 'elevenlabs' } });
		expect((await tts(made.json.id)).status).toBe(200);
		expect((await tts(made.json.voiceId)).json.errorCode).toBe('voice_not_found');
	});

	it('carries only id with voiceIdSpelling "id", and only voiceId (the usable value) with "voiceId"', async () => {
		c.emu.config.voiceIdSpelling = 'id';
		const made = await clone({ name: 'Narrator', url: await hostedSample() });
		const listed = (await api(c.emu, 'GET', '/v2/voices')).json as Array<Record<string, unknown>>;
		for (const v of listed) expect(Object.keys(v).filter((k) => /id$/i.test(k))).toEqual(['id']);
		c.emu.config.voiceIdSpelling = 'voiceId';
		const again = (await api(c.emu, 'GET', '/v2/voices')).json as Array<Record<string, unknown>>;
		for (const v of again) expect(Object.keys(v).filter((k) => /id$/i.test(k))).toEqual(['voiceId']);
		expect(again.map((v) => v.voiceId)).toContain(made.json.id);
		expect((await api(c.emu, 'POST', '/v2/tts', { body: { script: 'Hi', voiceId: made.json.id, provider: 'elevenlabs' } })).status).toBe(200);
	});
});

describe('voices: clone', () => {
	it('clones from an uploaded sample url or an uploaded asset, answers 201 with the voice, and lists it after the built-ins', async () => {
		const byUrl = await clone({ name: 'From URL', url: await hostedSample() });
		const { assetId } = await upload(c.emu, 'take.mp4', 'video/mp4', undefined, 'VIDEO');
		const byAsset = await clone({ name: 'From asset', assetId });
		expect([byUrl.status, byAsset.status]).toEqual([201, 201]);
		expect(byUrl.json).toMatchObject({ provider: 'elevenlabs', name: 'From URL' });
		expect(c.emu.counters.voicesCloned).toBe(2);
		const names = (await api(c.emu, 'GET', '/v2/voices')).json.map((v: { name: string }) => v.name);
		expect(names.slice(-2)).toEqual(['From URL', 'From asset']);
	});

	it('answers 200 instead with voiceCloneStatus 200', async () => {
		c.emu.config.voiceCloneStatus = 200;
		expect((await clone({ name: 'A', url: await hostedSample() })).status).toBe(200);
	});

	it('refuses samples Sync does not host, cannot read, or that are not audio or video, each with its code', async () => {
		const registeredFromUrl = (await api(c.emu, 'POST', '/v2/assets', { body: { url: 'https://cdn.example.test/voice.wav', type: 'AUDIO' } })).json.id;
		const image = await upload(c.emu, 'face.png', 'image/png', undefined, 'IMAGE');
		const notPut = (await api(c.emu, 'POST', '/v2/assets/upload', { body: { fileName: 'x.wav', contentType: 'audio/wav', size: 10 } })).json.url;
		const cases: Array<[Record<string, unknown>, number, string]> = [
			[{ url: 'https://cdn.example.test/voice.wav' }, 422, 'voice_sample_upload_required'],
			[{ assetId: registeredFromUrl }, 422, 'voice_sample_upload_required'],
			[{ assetId: 'no-such-asset' }, 422, 'voice_sample_not_accessible'],
			[{ url: notPut }, 422, 'voice_sample_not_accessible'],
			[{ assetId: image.assetId }, 422, 'voice_sample_type_unsupported'],
			[{ url: await hostedSample('sync_sample_too_short.wav') }, 422, 'voice_sample_too_short'],
		];
		for (const [sample, status, code] of cases) {
			const r = await clone({ name: `voice ${code} ${status}`, ...sample });
			expect([r.status, r.json.errorCode]).toEqual([status, code]);
		}
		expect(c.emu.counters.voicesCloned).toBe(0);
	});

	it('refuses a video sample larger than the 1 GiB limit with 413 voice_sample_source_too_large', async () => {
		c.emu.config.voiceSampleMaxVideoBytes = 10;
		const { assetId } = await upload(c.emu, 'long.mp4', 'video/mp4', Buffer.alloc(11), 'VIDEO');
		const r = await clone({ name: 'Too big', assetId });
		expect([r.status, r.json.errorCode]).toEqual([413, 'voice_sample_source_too_large']);
	});

	it('refuses a body without exactly one of url and assetId, without a name, or with an unknown field, with 400', async () => {
		const url = await hostedSample();
		const { assetId } = await upload(c.emu, 's.wav', 'audio/wav', undefined, 'AUDIO');
		for (const body of [{ name: 'A' }, { name: 'A', url, assetId }, { url }, { name: 'A', url, sampleUrl: url }, { name: 'A', url, provider: 'acme' }]) {
			expect((await api(c.emu, 'POST', '/v2/voices', { body })).status).toBe(400);
		}
	});

	it('refuses a name already used by a clone in the organization with 409 voice_name_conflict', async () => {
		expect((await clone({ name: 'Narrator', url: await hostedSample() })).status).toBe(201);
		const again = await clone({ name: 'Narrator', url: await hostedSample() }, 'another-key-same-organization');
		expect([again.status, again.json.errorCode, again.json.field]).toEqual([409, 'voice_name_conflict', 'name']);
		expect(c.emu.counters.voicesCloned).toBe(1);
	});

	it('refuses a clone beyond the slots with 403 voice_clone_limit_reached until a clone is deleted', async () => {
		c.emu.config.voiceCloneSlots = 1;
		const first = await clone({ name: 'One', url: await hostedSample() });
		const second = await clone({ name: 'Two', url: await hostedSample() });
		expect([second.status, second.json.errorCode]).toEqual([403, 'voice_clone_limit_reached']);
		await api(c.emu, 'DELETE', `/v2/voices/${first.json.id}`);
		expect((await clone({ name: 'Two', url: await hostedSample() })).status).toBe(201);
	});

	it('allows 10 clone requests per key per hour on Sync clock, failed ones included, then answers 429 rate_limit_exceeded until the hour has passed', async () => {
		const url = await hostedSample();
		for (let i = 0; i < 9; i++) expect((await clone({ name: `Voice ${i}`, url })).status).toBe(201);
		expect((await clone({ name: 'Voice 0', url })).status).toBe(409); // the tenth request, refused, still counts
		const limited = await clone({ name: 'Voice 10', url });
		expect([limited.status, limited.json.errorCode]).toEqual([429, 'rate_limit_exceeded']);
		expect((await clone({ name: 'Other key', url }, 'another-key')).status).toBe(201);
		c.advance(3_599_000);
		expect((await clone({ name: 'Voice 10', url })).status).toBe(429);
		c.advance(1_000);
		expect((await clone({ name: 'Voice 10', url })).status).toBe(201);
		expect(c.emu.counters.voicesCloned).toBe(11);
	});

	it('takes another hourly limit from voiceCloneRateLimitPerHour', async () => {
		c.emu.config.voiceCloneRateLimitPerHour = 2;
		const url = await hostedSample();
		expect((await clone({ name: 'A', url })).status).toBe(201);
		expect((await clone({ name: 'B', url })).status).toBe(201);
		expect((await clone({ name: 'C', url })).status).toBe(429);
	});
});

describe('voices: delete', () => {
	it('deletes a clone with 200 and a bare true, after which it is gone (404 voice_not_found)', async () => {
		const made = await clone({ name: 'Narrator', url: await hostedSample() });
		const r = await api(c.emu, 'DELETE', `/v2/voices/${made.json.id}`);
		expect([r.status, r.text]).toEqual([200, 'true']);
		expect(c.emu.counters.voicesDeleted).toBe(1);
		expect((await api(c.emu, 'GET', `/v2/voices/${made.json.id}`)).status).toBe(404);
		const again = await api(c.emu, 'DELETE', `/v2/voices/${made.json.id}`);
		expect([again.status, again.json.errorCode]).toEqual([404, 'voice_not_found']);
	});

	it('answers 204 with no body with voiceDeleteAnswer "empty204"', async () => {
		c.emu.config.voiceDeleteAnswer = 'empty204';
		const made = await clone({ name: 'Narrator', url: await hostedSample() });
		const r = await api(c.emu, 'DELETE', `/v2/voices/${made.json.id}`);
		expect([r.status, r.text]).toEqual([204, '']);
	});

	it('refuses to delete a built-in voice with 404 voice_not_found', async () => {
		const r = await api(c.emu, 'DELETE', `/v2/voices/${BUILT_IN_VOICES[0].id}`);
		expect([r.status, r.json.errorCode]).toEqual([404, 'voice_not_found']);
	});
});

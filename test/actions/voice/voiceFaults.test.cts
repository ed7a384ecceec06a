// Voice resource against the emulator (real HTTP): a binary sample goes through the asset upload first; a clone is
// never repeated (5xx, reset, 429 of the hourly limit); the switches of the voice surface
// (docs/sync-api-2026.md#emulator-switches) each seen through the node.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_MP4, TINY_WAV, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunnerInputItem } from '../../runner/index.cjs';

const API_KEY = 'voice-faults-key';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
});
afterEach(() => {
	emulator.reset();
	Object.assign(emulator.config, {
		voiceCloneRateLimitPerHour: 10,
		voiceCloneSlots: 30,
		voiceSampleMaxVideoBytes: 1_073_741_824,
		voiceCloneStatus: 201,
		voicesListShape: 'array',
		voiceIdSpelling: 'both',
		voiceRestrictionShape: 'object',
		voiceDeleteAnswer: 'boolean',
	});
});
afterAll(async () => emulator.stop());

const audioSample = (fileName = 'anna.wav'): RunnerInputItem[] => [{ binary: { data: { data: TINY_WAV, fileName, mimeType: 'audio/wav' } } }];
const videoSample = (): RunnerInputItem[] => [{ binary: { data: { data: TINY_MP4, fileName: 'anna.mp4', mimeType: 'video/mp4' } } }];
const clone = (name: string): INodeParameters => ({ resource: 'voice', operation: 'clone', name, sampleSource: 'binary', sampleBinaryProperty: 'data' });
const run = async (parameters: INodeParameters, items?: RunnerInputItem[]) => await runNode({ parameters, items, credentials: { apiKey: API_KEY, baseUrl: emulator.url } });
const clonePosts = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/voices');

describe('Voice → Clone against Sync', () => {
	it('uploads a binary sample as an asset, then clones from its asset ID', async () => {
		const result = await run(clone('Anna'), audioSample());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ name: 'Anna', provider: 'elevenlabs', usable: true });
		expect(emulator.requests.map((r) => `${r.method} ${r.path.replace(/\/uploads\/.*/, '/uploads/…')}`)).toEqual([
			'GET /v2/voices',
			'POST /v2/assets/upload',
			'PUT /uploads/…',
			'POST /v2/assets',
			'POST /v2/voices',
		]);
		const register = emulator.requests[3].response as { id: string };
		expect(clonePosts()[0].json).toEqual({ name: 'Anna', provider: 'elevenlabs', assetId: register.id });
		expect(emulator.counters.voicesCloned).toBe(1);
	});

	it('clones from a video sample the same way (Sync reads its audio)', async () => {
		const result = await run(clone('From video'), videoSample());
		expect(result.error).toBeUndefined();
		expect(emulator.counters.voicesCloned).toBe(1);
	});

	it('after a 502 the clone made is found by its name and output; the clone request went once', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/voices', status: 502, afterHandling: true });
		const result = await run(clone('Anna'), audioSample());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ name: 'Anna' });
		expect(clonePosts()).toHaveLength(1);
		expect(emulator.counters.voicesCloned).toBe(1);
		expect(emulator.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v2/voices' });
	});

	it('after a reset the clone is not repeated, and the error says no voice of that name exists', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/voices', reset: true });
		const result = await run(clone('Anna'), audioSample());
		expect(result.error?.message).toMatch(/^Cloning voice "Anna" failed with ".+", and no voice of that name exists now \(item 0\)$/);
		expect(clonePosts()).toHaveLength(1);
		expect(emulator.counters.voicesCloned).toBe(0);
	});

	it('says the hourly limit plainly and does not repeat the refused clone', async () => {
		emulator.config.voiceCloneRateLimitPerHour = 1;
		expect((await run(clone('First'), audioSample())).error).toBeUndefined();
		const second = await run(clone('Second'), audioSample());
		expect(second.error?.message).toBe('Sync Labs clones at most 10 voices an hour per API key, and this hour\'s are used (item 0)');
		expect(clonePosts().map((r) => r.status)).toEqual([201, 429]);
	});

	it('refuses a name already taken before uploading anything', async () => {
		expect((await run(clone('Anna'), audioSample())).error).toBeUndefined();
		emulator.requests.length = 0;
		const again = await run(clone('Anna'), audioSample());
		expect(again.error?.message).toMatch(/^A voice named "Anna" already exists in your organization \(ID [0-9a-f-]{36}\) \(item 0\)$/);
		expect(emulator.requests.map((r) => r.path)).toEqual(['/v2/voices']);
		expect(emulator.counters.voicesCloned).toBe(1);
	});

	it.each(['both', 'id', 'voiceId'] as const)('clones a voice named like the built-in ElevenLabs voice "Rachel", and then refuses that name as the clone\'s (voiceIdSpelling %s)', async (spelling) => {
		emulator.config.voiceIdSpelling = spelling;
		const first = await run(clone('Rachel'), audioSample('rachel.wav'));
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toMatchObject({ name: 'Rachel', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		const again = await run(clone('Rachel'), audioSample('rachel.wav'));
		expect(again.error?.message).toBe(`A voice named "Rachel" already exists in your organization (ID ${String(first.items[0].json.id)}) (item 0)`);
		expect(emulator.counters.voicesCloned).toBe(1);
	});

	it('item 1 refused by the hourly limit, Stop Workflow: the error names the voice item 0 cloned, with its ID and name', async () => {
		emulator.config.voiceCloneRateLimitPerHour = 1;
		const sample = audioSample()[0];
		const result = await run(clone('={{ $json.name }}'), [
			{ ...sample, json: { name: 'Anna' } },
			{ ...sample, json: { name: 'Ben' } },
		]);
		const anna = clonePosts()[0].response as { id: string };
		expect(clonePosts().map((r) => r.status)).toEqual([201, 429]);
		expect(result.error?.message).toBe(
			`Sync Labs clones at most 10 voices an hour per API key, and this hour's are used (item 1). Voices already cloned by this node: ${anna.id} ("Anna", item 0)`,
		);
		expect(result.error?.description).toContain(`Cloned, but not output because the node stopped: ${anna.id} ("Anna", item 0). Use these voices' IDs instead of cloning them again`);
	});

	it('item 1 refused by the hourly limit, On Error = continue: item 0\'s voice comes out and item 1 is its error item', async () => {
		emulator.config.voiceCloneRateLimitPerHour = 1;
		const sample = audioSample()[0];
		const result = await runNode({
			parameters: clone('={{ $json.name }}'),
			items: [{ ...sample, json: { name: 'Anna' } }, { ...sample, json: { name: 'Ben' } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.pairedItem, i.json.name ?? i.json.error])).toEqual([
			[{ item: 0 }, 'Anna'],
			[{ item: 1 }, 'Sync Labs clones at most 10 voices an hour per API key, and this hour\'s are used (item 1)'],
		]);
	});

	it('with a bad name on item 1, stops before item 0 is uploaded or cloned: no clone of the hour is spent', async () => {
		const sample = audioSample()[0];
		const result = await run(clone('={{ $json.name }}'), [
			{ ...sample, json: { name: 'Anna' } },
			{ ...sample, json: { name: { first: 'Anna' } } },
		]);
		expect(result.error?.message).toBe('Name is an object {"first":"Anna"}; it must be text or a number (item 1)');
		expect(emulator.requests).toEqual([]);
		expect(emulator.counters.voicesCloned).toBe(0);
	});

	it('with On Error = continue, a bad item becomes its error item and the others are cloned', async () => {
		const sample = audioSample()[0];
		const result = await runNode({
			parameters: clone('={{ $json.name }}'),
			items: [{ ...sample, json: { name: 'Anna' } }, { ...sample, json: { name: ['A', 'B'] } }, { ...sample, json: { name: 'Ben' } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.json.name ?? item.json.error)).toEqual(['Anna', 'Name is a list of 2 values ["A","B"]; it must be text or a number (item 1)', 'Ben']);
		expect(emulator.counters.voicesCloned).toBe(2);
	});

	it('with two items of one Name, stops before anything is uploaded or cloned, naming the field and both items', async () => {
		const sample = audioSample()[0];
		const result = await run(clone('={{ $json.name }}'), [
			{ ...sample, json: { name: 'Narrator' } },
			{ ...sample, json: { name: 'Narrator' } },
		]);
		expect(result.error?.message).toBe('Name is "Narrator", the name item 0 clones in this run; voice names are unique in an organization (item 1)');
		expect(result.error?.description).toBe(
			'Sync Labs would refuse this clone (409) after item 0\'s. Give each item its own name, or clone the voice once and use its ID. Nothing was uploaded or cloned for item 1.',
		);
		expect(emulator.requests).toEqual([]);
		expect(emulator.counters.voicesCloned).toBe(0);
	});

	it('with two items of one Name and On Error = continue, clones the first and makes the second its error item, nothing sent for it', async () => {
		const sample = audioSample()[0];
		const result = await runNode({
			parameters: clone('={{ $json.name }}'),
			items: [{ ...sample, json: { name: 'Narrator' } }, { ...sample, json: { name: 'Narrator' } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.json.name ?? item.json.error)).toEqual([
			'Narrator',
			'Name is "Narrator", the name item 0 clones in this run; voice names are unique in an organization (item 1)',
		]);
		expect(clonePosts()).toHaveLength(1);
		expect(emulator.counters.voicesCloned).toBe(1);
	});

	it('clones names that differ only in case or inner spaces, as Sync\'s conflict rule compares names exactly', async () => {
		const sample = audioSample()[0];
		const result = await run(clone('={{ $json.name }}'), [
			{ ...sample, json: { name: 'Narrator' } },
			{ ...sample, json: { name: 'narrator' } },
			{ ...sample, json: { name: 'Nar rator' } },
		]);
		expect(result.error).toBeUndefined();
		expect(emulator.counters.voicesCloned).toBe(3);
	});

	it('compares the names as sent: surrounding spaces are dropped, so " Narrator " is the same name as "Narrator"', async () => {
		const sample = audioSample()[0];
		const result = await run(clone('={{ $json.name }}'), [
			{ ...sample, json: { name: 'Narrator' } },
			{ ...sample, json: { name: ' Narrator ' } },
		]);
		expect(result.error?.message).toMatch(/^Name is "Narrator", the name item 0 clones in this run/);
		expect(emulator.requests).toEqual([]);
	});

	it('says plainly that every clone slot is used (voiceCloneSlots)', async () => {
		emulator.config.voiceCloneSlots = 0;
		const result = await run(clone('Anna'), audioSample());
		expect(result.error?.message).toBe('Every voice clone slot of your Sync Labs plan is used (item 0)');
	});

	it('says plainly that a video sample is too large for Sync (voiceSampleMaxVideoBytes)', async () => {
		emulator.config.voiceSampleMaxVideoBytes = 10;
		const result = await run(clone('Anna'), videoSample());
		expect(result.error?.message).toBe('The sample\'s video is larger than Sync Labs clones from (item 0)');
	});

	it('passes Sync\'s code through for a sample too short', async () => {
		const result = await runNode({
			parameters: clone('Anna'),
			items: audioSample('anna_sync_sample_too_short.wav'),
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			onError: 'continueErrorOutput',
		});
		expect(result.errorItems[0].json.error).toMatchObject({ code: 'voice_sample_too_short', httpCode: '422' });
	});

	it('says plainly that Sync clones only from its own storage when given another URL', async () => {
		const result = await run({ resource: 'voice', operation: 'clone', name: 'Anna', sampleSource: 'url', sampleUrl: 'https://example.com/anna.wav' });
		expect(result.error?.message).toBe('Sync Labs clones only from a sample in its own storage, and the sample is not (item 0)');
	});

	it('reads a clone answered 200 instead of 201 the same (voiceCloneStatus)', async () => {
		emulator.config.voiceCloneStatus = 200;
		const result = await run(clone('Anna'), audioSample());
		expect(result.items[0].json).toMatchObject({ name: 'Anna' });
		expect(clonePosts()[0].status).toBe(200);
	});
});

describe('Voice → Get Many, Get and Delete against each variant of Sync\'s answers', () => {
	it.each(['array', 'items'] as const)('lists every voice when the list comes as %s (voicesListShape)', async (shape) => {
		emulator.config.voicesListShape = shape;
		const result = await run({ resource: 'voice', operation: 'getMany', returnAll: true });
		expect(result.items.map((i) => i.json.name)).toEqual(['Rachel', 'Adam', 'Antoni', 'Elli', 'Josh']);
	});

	it.each(['both', 'id', 'voiceId'] as const)('gives every voice its id when Sync spells it %s (voiceIdSpelling)', async (spelling) => {
		emulator.config.voiceIdSpelling = spelling;
		const result = await run({ resource: 'voice', operation: 'getMany', returnAll: true });
		expect(result.items[0].json.id).toBe('EXAVITQu4vr4xnSDxMaL');
		const got = await run({ resource: 'voice', operation: 'get', voiceId: 'EXAVITQu4vr4xnSDxMaL' });
		expect(got.items[0].json.id).toBe('EXAVITQu4vr4xnSDxMaL');
	});

	it.each(['object', 'string', 'boolean'] as const)('marks the restricted voice unusable whatever the shape of its restriction (%s)', async (shape) => {
		emulator.config.voiceRestrictionShape = shape;
		const result = await run({ resource: 'voice', operation: 'getMany', returnAll: true, filters: { usableOnly: true } });
		expect(result.items.map((i) => i.json.name)).toEqual(['Rachel', 'Adam', 'Antoni', 'Elli']);
	});

	it.each(['boolean', 'empty204'] as const)('deletes a clone whether Sync answers %s (voiceDeleteAnswer)', async (answer) => {
		emulator.config.voiceDeleteAnswer = answer;
		const made = await run(clone('Gone'), audioSample());
		const id = made.items[0].json.id as string;
		const result = await run({ resource: 'voice', operation: 'delete', voiceId: id });
		expect(result.items[0].json).toEqual({ deleted: true, id });
		expect(emulator.counters.voicesDeleted).toBe(1);
	});

	it('after a 502 on a delete Sync carried out, the repeat\'s 404 is read as deleted, not as "not found"', async () => {
		const made = await run(clone('Gone'), audioSample());
		const id = made.items[0].json.id as string;
		emulator.injectFault({ method: 'DELETE', path: `/v2/voices/${id}`, status: 502, afterHandling: true });
		const result = await run({ resource: 'voice', operation: 'delete', voiceId: id });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ deleted: true, id });
		expect(emulator.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([502, 404]);
		expect(emulator.counters.voicesDeleted).toBe(1);
	});

	it('a voice that does not exist is still reported not found, also when its first delete met a 429', async () => {
		const missing = '2f1d1b8e-0000-4000-8000-000000000000';
		const first = await run({ resource: 'voice', operation: 'delete', voiceId: missing });
		expect(first.error?.message).toMatch(/voice_not_found/);
		emulator.injectFault({ method: 'DELETE', path: `/v2/voices/${missing}`, status: 429, retryAfterSeconds: 0 });
		const afterLimit = await run({ resource: 'voice', operation: 'delete', voiceId: missing });
		expect(afterLimit.error?.message).toMatch(/voice_not_found/);
		expect(emulator.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([404, 429, 404]);
	});

	it('no error or output of a failed clone carries the API key', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/voices', reset: true });
		const result = await run(clone('Anna'), audioSample());
		expect(result.error?.message).toMatch(/^Cloning voice "Anna" failed/);
		expect(JSON.stringify({ error: result.error, message: result.error?.message, items: result.items, errorItems: result.errorItems })).not.toContain(API_KEY);
	});
});

// Voice resource on the fake Sync (test/api/fakeSync.cts): what each operation sends and outputs, how it reads the
// voice list's envelopes and id spellings, and what it refuses before any request. Faults, the binary sample's
// upload and the hourly limit over HTTP: voiceFaults.test.cts.
jest.mock('../../../nodes/SyncLabs/api/send', () => jest.requireActual('../../api/fakeSync.cjs').fakeSendModule);

import type { INodeParameters } from 'n8n-workflow';
import { fakeSync, SyncRefusal } from '../../api/fakeSync.cjs';
import { runListSearch, runNode, type RunnerInputItem } from '../../runner/index.cjs';

const credentials = { apiKey: 'voice-key', baseUrl: 'http://127.0.0.1:9' };
const RACHEL = { provider: 'elevenlabs', id: 'EXAVITQu4vr4xnSDxMaL', voiceId: 'EXAVITQu4vr4xnSDxMaL', name: 'Rachel', previewUrl: 'https://x/r.wav' };
const CLONE = { provider: 'elevenlabs', id: '2f0b3c1e-6a7d-4e8f-9a0b-1c2d3e4f5a6b', internalVoiceId: '2f0b3c1e-6a7d-4e8f-9a0b-1c2d3e4f5a6b', voiceId: 'pv123', name: 'Narrator' };
/** An empty `id` beside a valid `voiceId`, and the other way round: each voice has one usable id. */
const ADAM_EMPTY_ID = { provider: 'elevenlabs', id: '', voiceId: 'pNInz6obpgDQGcFmaJgB', name: 'Adam', previewUrl: null };
const ELLI_EMPTY_VOICE_ID = { provider: 'elevenlabs', id: 'MF3mGyEYCl7XYWbV9V6O', voiceId: '', name: 'Elli' };
const JOSH = { provider: 'elevenlabs', id: 'TxGEqnHWrfWFTfGW9XjX', name: 'Josh', restriction: { reason: 'unavailable' } };

const run = async (parameters: INodeParameters, items?: RunnerInputItem[]) => await runNode({ parameters: { resource: 'voice', ...parameters }, items, credentials });
const routes = () => fakeSync.requests.map((r) => r.route);

afterEach(() => fakeSync.reset());

describe('Voice → Get Many', () => {
	it.each([
		['a bare array (documented)', [RACHEL, CLONE, JOSH]],
		['{ items } around it', { items: [RACHEL, CLONE, JOSH] }],
	])('outputs one item per voice from %s, each with its id and whether it can speak now', async (_shape, answer) => {
		fakeSync.answer('GET /v2/voices', answer);
		const result = await run({ operation: 'getMany', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.id, i.json.name, i.json.usable])).toEqual([
			[RACHEL.id, 'Rachel', true],
			[CLONE.id, 'Narrator', true],
			[JOSH.id, 'Josh', false],
		]);
		expect(result.items[1].json).toMatchObject({ internalVoiceId: CLONE.id, voiceId: 'pv123' });
		expect(routes()).toEqual(['GET /v2/voices']);
	});

	it('gives a voice Sync spells only as voiceId its id, and reads any restriction shape (text, true) as unusable', async () => {
		fakeSync.answer('GET /v2/voices', [
			{ provider: 'elevenlabs', voiceId: 'only-voice-id', name: 'A' },
			{ provider: 'elevenlabs', id: 'b', name: 'B', restriction: 'unavailable' },
			{ provider: 'elevenlabs', id: 'c', name: 'C', restriction: true },
			{ provider: 'elevenlabs', id: 'd', name: 'D', restriction: null },
		]);
		const result = await run({ operation: 'getMany', returnAll: true });
		expect(result.items.map((i) => [i.json.id, i.json.usable])).toEqual([
			['only-voice-id', true],
			['b', false],
			['c', false],
			['d', true],
		]);
	});

	it('lists a voice whose id is an empty string under its voiceId (and one whose voiceId is empty under its id) instead of failing the whole list', async () => {
		fakeSync.answer('GET /v2/voices', [ADAM_EMPTY_ID, RACHEL, ELLI_EMPTY_VOICE_ID]);
		const result = await run({ operation: 'getMany', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.id, i.json.name, i.json.usable])).toEqual([
			['pNInz6obpgDQGcFmaJgB', 'Adam', true],
			[RACHEL.id, 'Rachel', true],
			['MF3mGyEYCl7XYWbV9V6O', 'Elli', true],
		]);
		const bySearch = await run({ operation: 'getMany', returnAll: true, filters: { searchQuery: 'pninz' } });
		expect(bySearch.items.map((i) => i.json.name)).toEqual(['Adam']);
	});

	it('lists a voice Sync lists with no id at all (both empty or absent, as its schema allows) as not usable, and Usable Only leaves it out', async () => {
		fakeSync.answer('GET /v2/voices', [RACHEL, { provider: 'elevenlabs', id: '', voiceId: '', name: 'Nobody' }, { provider: 'elevenlabs', name: 'Being prepared' }]);
		const all = await run({ operation: 'getMany', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(all.items.map((i) => [i.json.name, i.json.id, i.json.usable])).toEqual([
			['Rachel', RACHEL.id, true],
			['Nobody', '', false],
			['Being prepared', '', false],
		]);
		const usable = await run({ operation: 'getMany', returnAll: true, filters: { usableOnly: true } });
		expect(usable.items.map((i) => i.json.name)).toEqual(['Rachel']);
	});

	it('filters by name or id in any case and leaves out unusable voices when asked, then applies the limit, with one request', async () => {
		fakeSync.answer('GET /v2/voices', [RACHEL, CLONE, JOSH, { ...RACHEL, id: 'x1', name: 'Narrator Two' }]);
		const byName = await run({ operation: 'getMany', returnAll: false, limit: 1, filters: { searchQuery: 'NARR' } });
		expect(byName.items.map((i) => i.json.id)).toEqual([CLONE.id]);
		const usable = await run({ operation: 'getMany', returnAll: true, filters: { usableOnly: true, searchQuery: 'txgeq' } });
		expect(usable.items).toEqual([]);
		expect(routes()).toEqual(['GET /v2/voices', 'GET /v2/voices']);
	});

	it('refuses a list answer that is no list instead of reading it as no voices', async () => {
		fakeSync.answer('GET /v2/voices', { voices: [] });
		const result = await run({ operation: 'getMany', returnAll: true });
		expect(result.error?.message).toBe('Sync Labs returned an unexpected voice list: a list is an array or an object with "items", the answer was an object with the fields voices');
	});
});

describe('the version 3 voice picker', () => {
	it('offers a voice whose id is an empty string under its voiceId, in Sync\'s order', async () => {
		fakeSync.answer('GET /v2/voices', [ADAM_EMPTY_ID, RACHEL, ELLI_EMPTY_VOICE_ID]);
		const found = await runListSearch({ method: 'searchVoices', credentials, typeVersion: 3 });
		expect(found.results.map((r) => [r.name, r.value])).toEqual([
			['Adam', 'pNInz6obpgDQGcFmaJgB'],
			['Rachel', RACHEL.id],
			['Elli', 'MF3mGyEYCl7XYWbV9V6O'],
		]);
		expect(routes()).toEqual(['GET /v2/voices']);
	});
});

describe('Voice → Get and Delete', () => {
	it('gets a voice by its encoded id', async () => {
		fakeSync.answer('GET /v2/voices/:id', (r) => ({ ...CLONE, id: r.params[0] }));
		const result = await run({ operation: 'get', voiceId: 'a/b' });
		expect(result.items[0].json).toMatchObject({ id: 'a/b', name: 'Narrator', usable: true });
		expect(fakeSync.requests[0].path).toBe('/v2/voices/a%2Fb');
	});

	it.each([
		['the documented bare true', true],
		['an empty 204 answer', ''],
	])('deletes a voice and says so whether Sync answers %s', async (_what, answer) => {
		fakeSync.answer('DELETE /v2/voices/:id', answer);
		const result = await run({ operation: 'delete', voiceId: CLONE.id });
		expect(result.items[0].json).toEqual({ deleted: true, id: CLONE.id });
		expect(fakeSync.requests.map((r) => [r.route, r.repeatable])).toEqual([[`DELETE /v2/voices/${CLONE.id}`, true]]);
	});

	it('reports Sync\'s voice_not_found for an unknown voice', async () => {
		fakeSync.refuse('GET /v2/voices/:id', 404, { errorCode: 'voice_not_found', message: 'Voice nope not found' });
		const result = await run({ operation: 'get', voiceId: 'nope' });
		expect(result.error?.message).toBe('Sync Labs: Voice nope not found [voice_not_found]');
	});

	it('refuses an empty voice ID before any request, naming the field and the item', async () => {
		const result = await run({ operation: 'delete', voiceId: '={{ $json.missing }}' });
		expect(result.error?.message).toBe('Voice ID is required (item 0)');
		expect(fakeSync.requests).toEqual([]);
	});

	it('a Voice ID given as a list in item 1 stops the node before item 0\'s voice is deleted', async () => {
		fakeSync.answer('DELETE /v2/voices/:id', true);
		const result = await run({ operation: 'delete', voiceId: '={{ $json.id }}' }, [{ json: { id: CLONE.id } }, { json: { id: ['a', 'b'] } }]);
		expect(result.error?.message).toMatch(/^Voice ID is a list.*\(item 1\)$/);
		expect(fakeSync.requests).toEqual([]);
	});

	it('a delete Sync refuses for item 1 after item 0\'s voice was deleted stops the node with an error naming that voice as already deleted', async () => {
		fakeSync.answer('DELETE /v2/voices/:id', (r) => {
			if (r.params[0] === 'nope') throw new SyncRefusal(404, { errorCode: 'voice_not_found', message: 'Voice nope not found' });
			return true;
		});
		const result = await run({ operation: 'delete', voiceId: '={{ $json.id }}' }, [{ json: { id: CLONE.id } }, { json: { id: 'nope' } }]);
		expect(result.error?.message).toBe(`Sync Labs: Voice nope not found [voice_not_found]. Voices already deleted by this node: ${CLONE.id} (item 0)`);
		expect(result.error?.description).toContain(`Deleted, but not output because the node stopped: ${CLONE.id} (item 0). A delete cannot be undone`);
		expect(routes()).toEqual([`DELETE /v2/voices/${CLONE.id}`, 'DELETE /v2/voices/nope']);
	});
});

describe('Voice → Clone', () => {
	const byAsset = { operation: 'clone', name: 'Anna', sampleSource: 'assetId', sampleAssetId: 'asset-1' };

	it('clones from an asset ID once the name is free, sending name, provider and the sample, once', async () => {
		fakeSync.answer('GET /v2/voices', [RACHEL]);
		fakeSync.answer('POST /v2/voices', (r) => ({ ...CLONE, name: (r.body as { name: string }).name }));
		const result = await run(byAsset);
		expect(result.items[0].json).toMatchObject({ id: CLONE.id, name: 'Anna', usable: true });
		expect(fakeSync.requests.map((r) => [r.route, r.body, r.repeatable])).toEqual([
			['GET /v2/voices', undefined, true],
			['POST /v2/voices', { name: 'Anna', provider: 'elevenlabs', assetId: 'asset-1' }, false],
		]);
	});

	it('clones from a URL in Sync storage as { url }', async () => {
		fakeSync.answer('GET /v2/voices', []);
		fakeSync.answer('POST /v2/voices', CLONE);
		await run({ operation: 'clone', name: 'Anna', sampleSource: 'url', sampleUrl: 'https://assets.sync.so/u/sample.wav' });
		expect(fakeSync.requests[1].body).toEqual({ name: 'Anna', provider: 'elevenlabs', url: 'https://assets.sync.so/u/sample.wav' });
	});

	it('says plainly that a name is taken, with the voice\'s ID, before uploading or cloning anything', async () => {
		fakeSync.answer('GET /v2/voices', [{ ...CLONE, name: 'Anna' }]);
		const result = await run(byAsset);
		expect(result.error?.message).toBe(`A voice named "Anna" already exists in your organization (ID ${CLONE.id}) (item 0)`);
		expect(routes()).toEqual(['GET /v2/voices']);
	});

	it('clones under a name only a built-in ElevenLabs voice has: names are unique only among the organization\'s clones', async () => {
		fakeSync.answer('GET /v2/voices', [RACHEL, CLONE]);
		fakeSync.answer('POST /v2/voices', { ...CLONE, name: 'Rachel' });
		const result = await run({ ...byAsset, name: 'Rachel' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: CLONE.id, name: 'Rachel' });
		expect(routes()).toEqual(['GET /v2/voices', 'POST /v2/voices']);
	});

	it.each([
		['its id is a Sync UUID', { provider: 'elevenlabs', id: CLONE.id, name: 'Anna' }],
		['Sync spells its UUID only as voiceId', { provider: 'elevenlabs', voiceId: CLONE.id, name: 'Anna' }],
		['it carries internalVoiceId', { provider: 'elevenlabs', id: 'clone-7', internalVoiceId: 'int-7', name: 'Anna' }],
	])('counts a voice as the organization\'s clone, whose name is taken, when %s', async (_how, voice) => {
		fakeSync.answer('GET /v2/voices', [RACHEL, voice]);
		const result = await run(byAsset);
		expect(result.error?.message).toMatch(/^A voice named "Anna" already exists in your organization/);
		expect(routes()).toEqual(['GET /v2/voices']);
	});

	it('after a 5xx does not take a built-in voice of the name for the clone: it says no voice of that name exists', async () => {
		fakeSync.answer('GET /v2/voices', [RACHEL]);
		fakeSync.refuse('POST /v2/voices', 500, { errorCode: 'internal_error', message: 'Internal server error' });
		const result = await run({ ...byAsset, name: 'Rachel' });
		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe('Cloning voice "Rachel" failed with "Sync Labs: Internal server error [internal_error]", and no voice of that name exists now (item 0)');
		expect(routes()).toEqual(['GET /v2/voices', 'POST /v2/voices', 'GET /v2/voices']);
	});

	it.each([
		[409, 'voice_name_conflict', 'A voice named "Anna" already exists in your organization (item 0)'],
		[429, 'rate_limit_exceeded', 'Sync Labs clones at most 10 voices an hour per API key, and this hour\'s are used (item 0)'],
		[403, 'voice_clone_limit_reached', 'Every voice clone slot of your Sync Labs plan is used (item 0)'],
		[422, 'voice_sample_upload_required', 'Sync Labs clones only from a sample in its own storage, and the sample is not (item 0)'],
	])('says a %i %s plainly, keeping Sync\'s code and its own words in the hint', async (status, errorCode, message) => {
		fakeSync.answer('GET /v2/voices', []);
		fakeSync.refuse('POST /v2/voices', status, { errorCode, message: 'Sync says no' });
		const result = await runNode({ parameters: { resource: 'voice', ...byAsset }, credentials, onError: 'continueErrorOutput' });
		const error = result.errorItems[0].json.error as Record<string, unknown>;
		expect(error.message).toBe(message);
		expect(error).toMatchObject({ code: errorCode, httpCode: String(status) });
		expect(String(error.description)).toContain('(Sync Labs: Sync says no');
		expect(routes()).toEqual(['GET /v2/voices', 'POST /v2/voices']);
	});

	it('after a 5xx lists the voices and outputs the clone it finds under the name, without cloning again', async () => {
		let cloned = false;
		fakeSync.answer('GET /v2/voices', () => (cloned ? [RACHEL, { ...CLONE, name: 'Anna' }] : [RACHEL]));
		fakeSync.answer('POST /v2/voices', () => {
			cloned = true;
			throw new (jest.requireActual('../../api/fakeSync.cjs').SyncRefusal)(502, { message: 'Bad gateway' });
		});
		const result = await run(byAsset);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: CLONE.id, name: 'Anna' });
		expect(routes()).toEqual(['GET /v2/voices', 'POST /v2/voices', 'GET /v2/voices']);
	});

	it('after a 5xx finds the clone in a list that also holds a voice with an empty-string id, without cloning again', async () => {
		let cloned = false;
		fakeSync.answer('GET /v2/voices', () => (cloned ? [ADAM_EMPTY_ID, RACHEL, { ...CLONE, name: 'Anna' }] : [ADAM_EMPTY_ID, RACHEL]));
		fakeSync.answer('POST /v2/voices', () => {
			cloned = true;
			throw new SyncRefusal(502, { message: 'Bad gateway' });
		});
		const result = await run(byAsset);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: CLONE.id, name: 'Anna' });
		expect(routes()).toEqual(['GET /v2/voices', 'POST /v2/voices', 'GET /v2/voices']);
	});

	it('after a 5xx with no voice of that name says the outcome was unknown and the clone was not repeated', async () => {
		fakeSync.answer('GET /v2/voices', [RACHEL]);
		fakeSync.refuse('POST /v2/voices', 500, { errorCode: 'internal_error', message: 'Internal server error' });
		const result = await run(byAsset);
		expect(result.error?.message).toBe('Cloning voice "Anna" failed with "Sync Labs: Internal server error [internal_error]", and no voice of that name exists now (item 0)');
		expect(result.error?.description).toContain('The clone was not repeated');
		expect(routes()).toEqual(['GET /v2/voices', 'POST /v2/voices', 'GET /v2/voices']);
	});

	it('after a 5xx whose listing fails too says whether it was cloned is unknown, and sends the clone once', async () => {
		let lists = 0;
		fakeSync.answer('GET /v2/voices', () => {
			if (++lists > 1) throw new SyncRefusal(500, { errorCode: 'internal_error', message: 'Internal server error' });
			return [RACHEL];
		});
		fakeSync.refuse('POST /v2/voices', 502, { message: 'Bad gateway' });
		const result = await run(byAsset);
		expect(result.error?.message).toBe('Cloning voice "Anna" failed with "Sync Labs: Bad gateway", and whether it was cloned is unknown (item 0)');
		expect(result.error?.description).toContain('Look for a voice named "Anna" with Voice → Get Many before cloning again');
		expect(routes()).toEqual(['GET /v2/voices', 'POST /v2/voices', 'GET /v2/voices']);
	});

	it.each<[string, INodeParameters, RunnerInputItem[] | undefined, string]>([
		['an empty name', { ...byAsset, name: '  ' }, undefined, 'Name is required, but holds only 2 blank characters (item 0)'],
		['an asset ID whose expression gives nothing', { ...byAsset, sampleAssetId: '={{ $json.missing }}' }, undefined, 'Sample Asset ID is required (item 0)'],
		['a URL that is no URL', { operation: 'clone', name: 'A', sampleSource: 'url', sampleUrl: 'sample.wav' }, undefined, 'Sample URL "sample.wav" is not a valid URL (item 0)'],
		[
			'an image file',
			{ operation: 'clone', name: 'A', sampleSource: 'binary', sampleBinaryProperty: 'data' },
			[{ binary: { data: { data: Buffer.from('png'), fileName: 'face.png', mimeType: 'image/png' } } }],
			'Input Binary Field "data" holds a image/png file; a voice is cloned from an audio or video file (item 0)',
		],
		[
			'a missing binary field',
			{ operation: 'clone', name: 'A', sampleSource: 'binary', sampleBinaryProperty: 'sample' },
			[{ json: {} }],
			'Input Binary Field is "sample", but the input item has no binary data at all (item 0)',
		],
	])('refuses %s before any request, naming the field and the item', async (_what, parameters, items, message) => {
		const result = await run(parameters, items);
		expect(result.error?.message).toBe(message);
		expect(fakeSync.requests).toEqual([]);
	});
});

describe('voices Sync lists without an id, and one voice deleted by two items', () => {
	const BEING_PREPARED = { provider: 'elevenlabs', name: 'Being prepared' };

	it('Voice → Clone checks the name against a list that holds a voice with neither id nor voiceId, and clones', async () => {
		fakeSync.answer('GET /v2/voices', [RACHEL, BEING_PREPARED]);
		fakeSync.answer('POST /v2/voices', { ...CLONE, name: 'Anna' });
		const result = await run({ operation: 'clone', name: 'Anna', sampleSource: 'assetId', sampleAssetId: 'asset-1' });
		expect(result.error).toBeUndefined();
		expect(result.items[0]?.json.id).toBe(CLONE.id);
	});

	it('Voice → Delete of one voice given by two items: the error of item 1\'s "not found" still names the voice item 0 deleted', async () => {
		let deleted = false;
		fakeSync.answer('DELETE /v2/voices/:id', (r) => {
			if (deleted) throw new SyncRefusal(404, { errorCode: 'voice_not_found', message: `Voice ${r.params[0]} not found` });
			deleted = true;
			return true;
		});
		const result = await run({ operation: 'delete', voiceId: '={{ $json.id }}' }, [{ json: { id: CLONE.id } }, { json: { id: CLONE.id } }]);
		expect(routes()).toEqual([`DELETE /v2/voices/${CLONE.id}`, `DELETE /v2/voices/${CLONE.id}`]);
		expect(result.error?.message).toContain(`Voices already deleted by this node: ${CLONE.id} (item 0)`);
	});
});

describe('Voice → Clone when Sync lists the clone without an ID yet', () => {
	/** A clone Sync lists while preparing it: internalVoiceId (clones only), but neither id nor voiceId yet. */
	const ANNA_BEING_PREPARED = { provider: 'elevenlabs', internalVoiceId: 'int-anna-1', name: 'Anna' };

	it('after a 5xx finds it by name and stops with an error naming it as cloned but without an ID, never outputting an empty ID', async () => {
		let made = false;
		fakeSync.answer('GET /v2/voices', () => (made ? [RACHEL, ANNA_BEING_PREPARED] : [RACHEL]));
		fakeSync.answer('POST /v2/voices', () => {
			made = true;
			throw new SyncRefusal(502, { message: 'Bad gateway' });
		});
		const result = await run({ operation: 'clone', name: '={{ $json.name }}', sampleSource: 'assetId', sampleAssetId: 'asset-1' }, [
			{ json: { name: 'Anna' } },
			{ json: { name: 'Bella' } },
		]);
		expect(result.items).toEqual([]);
		expect(result.error?.message).toContain('a voice of that name exists now, but Sync Labs lists it without an ID yet (item 0)');
		expect(result.error?.message).toContain('Voices already cloned by this node: "Anna" (no ID listed yet, item 0)');
		expect(routes().filter((r) => r === 'POST /v2/voices')).toHaveLength(1);
	});

	it('refuses to clone its name again, saying it has no ID yet rather than printing an empty one', async () => {
		fakeSync.answer('GET /v2/voices', [RACHEL, ANNA_BEING_PREPARED]);
		const result = await run({ operation: 'clone', name: 'Anna', sampleSource: 'assetId', sampleAssetId: 'asset-1' });
		expect(result.error?.message).toBe('A voice named "Anna" already exists in your organization, listed without an ID yet (item 0)');
		expect(routes()).toEqual(['GET /v2/voices']);
	});
});

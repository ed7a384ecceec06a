// Red-team probe: Sync's voice list may now hold a voice without any id (schemas/voice.ts listedVoiceSchema: "one
// still being prepared"). Voice → Clone, after a 5xx, looks for its clone by name in that list (clone.operation.ts
// afterUnknownOutcome) and takes such a voice as the clone it made.
jest.mock('../../nodes/SyncLabs/api/send', () => jest.requireActual('../api/fakeSync.cjs').fakeSendModule);

import { fakeSync, SyncRefusal } from '../api/fakeSync.cjs';
import { runNode } from '../runner/index.cjs';

const credentials = { apiKey: 'voice-key', baseUrl: 'http://127.0.0.1:9' };
afterEach(() => fakeSync.reset());

it('Voice → Clone after a 5xx does not output as its clone a voice listed without any id (id "" cannot be used to speak or be deleted)', async () => {
	let cloned = false;
	// The clone Sync is still preparing: its internal id is known, the id to send is not yet.
	const preparing = { provider: 'elevenlabs', internalVoiceId: 'int-9', name: 'Anna' };
	fakeSync.answer('GET /v2/voices', () => (cloned ? [preparing] : []));
	fakeSync.answer('POST /v2/voices', () => {
		cloned = true;
		throw new SyncRefusal(502, { message: 'Bad gateway' });
	});
	const result = await runNode({
		parameters: { resource: 'voice', operation: 'clone', name: 'Anna', sampleSource: 'assetId', sampleAssetId: 'asset-1' },
		credentials,
	});
	// Either an error saying the clone exists but has no id yet, or an output voice with an id to send: never a
	// success item whose id is empty.
	const ok = result.items.every((item) => typeof item.json.id === 'string' && item.json.id !== '');
	expect({ status: result.status, ok, ids: result.items.map((i) => i.json.id) }).toEqual(expect.objectContaining({ ok: true }));
});

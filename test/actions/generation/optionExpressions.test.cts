// A dropdown parameter set by an expression can resolve to anything; n8n checks no options value at run time
// (n8n-core validate-value-against-schema.js validates only parameters with `validateType`). A value outside the
// dropdown is refused before any request, naming the field and the item, instead of reaching Sync (a 400 that
// names Sync's field, or for Asset Upload a whole file uploaded before the register refuses it).
import { startEmulator, TINY_MP4, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const create = { resource: 'generation', operation: 'create', model: 'react-1', visualSource: 'url', visualUrl: VIDEO, audioSource: 'url', audioUrl: AUDIO, completion: 'immediately' };
const estimate = { resource: 'generation', operation: 'estimateCost', estimateBy: 'inputs', model: 'lipsync-2', visualSource: 'url', visualUrl: VIDEO, audioSource: 'url', audioUrl: AUDIO };

describe('a dropdown set by an expression to a value outside its list', () => {
	it.each([
		['Sync Mode', { ...create, options: { syncMode: '={{ $itemIndex ? "ping" + "pong" : "loop" }}' } }, /^Sync Mode is "pingpong", which is none of bounce, cut_off, loop, remap, silence \(item 1\)$/],
		['Model Mode', { ...create, options: { modelMode: '={{ $itemIndex ? "body" : "face" }}' } }, /^Model Mode is "body", which is none of face, head, lips \(item 1\)$/],
		['Emotion', { ...create, options: { emotion: '={{ $itemIndex ? "Happy" : "happy" }}' } }, /^Emotion is "Happy", which is none of angry, disgusted, happy, neutral, sad, surprised \(item 1\)$/],
		['Visual Input Type (create)', { ...create, visualType: '={{ $itemIndex ? "audio" : "video" }}' }, /^Visual Input Type is "audio", which is none of video, image \(item 1\)$/],
		// Estimate Cost runs item by item (it bills nothing), so every item has the bad value here.
		['Visual Input Type (estimate)', { ...estimate, visualType: '={{ "Video" }}' }, /^Visual Input Type is "Video", which is none of video, image \(item 0\)$/],
	])('refuses %s before any request, naming the field and the item', async (_field, parameters, message) => {
		const result = await runNode({ parameters: parameters as never, items: [{ json: {} }, { json: {} }], credentials: { apiKey: 'k', baseUrl: emulator.url } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(emulator.requests).toEqual([]);
	});

	it('refuses an asset Visibility outside its list before uploading the file', async () => {
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload', binaryPropertyName: 'data', options: { visibility: '={{ "user" }}' } },
			items: [{ binary: { data: { data: TINY_MP4, fileName: 'clip.mp4', mimeType: 'video/mp4' } } }],
			credentials: { apiKey: 'k', baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Visibility is "user", which is none of ORGANIZATION, USER \(item 0\)$/);
		expect(emulator.requests).toEqual([]);
	});
});

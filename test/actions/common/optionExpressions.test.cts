// Parameters with a fixed set of values (dropdowns, switches, multi-selects) set by an expression.
// A dropdown parameter set by an expression can resolve to anything; n8n checks no options value at run time
// (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/node-execution-context/utils/validate-value-against-schema.ts
// validates only parameters with `validateType`). A value outside the
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
		['Sync Mode', { ...create, options: { syncMode: '={{ $itemIndex ? "ping" + "pong" : "loop" }}' } }, /^Sync Mode is the text "pingpong", which is none of bounce, cut_off, loop, remap, silence \(item 1\)$/],
		['Model Mode', { ...create, options: { modelMode: '={{ $itemIndex ? "body" : "face" }}' } }, /^Model Mode is the text "body", which is none of face, head, lips \(item 1\)$/],
		['Emotion', { ...create, options: { emotion: '={{ $itemIndex ? "Happy" : "happy" }}' } }, /^Emotion is the text "Happy", which is none of angry, disgusted, happy, neutral, sad, surprised \(item 1\)$/],
		['Visual Input Type (create)', { ...create, visualType: '={{ $itemIndex ? "audio" : "video" }}' }, /^Visual Input Type is the text "audio", which is none of video, image \(item 1\)$/],
		// Estimate Cost runs item by item (it bills nothing), so every item has the bad value here.
		['Visual Input Type (estimate)', { ...estimate, visualType: '={{ "Video" }}' }, /^Visual Input Type is the text "Video", which is none of video, image \(item 0\)$/],
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
		expect(result.error?.message).toMatch(/^Visibility is the text "user", which is none of ORGANIZATION, USER \(item 0\)$/);
		expect(emulator.requests).toEqual([]);
	});
});

// The same for switches: an expression can resolve to the text "false" (a form field, a CSV column), which a
// JSON body would carry as a string (Sync: "Expected boolean") and a truthiness test would read as on.
describe('a switch set by an expression', () => {
	const items = [{ json: { flag: 'false' } }, { json: { flag: 'yes' } }];

	it.each([
		['Active Speaker Detection', 'activeSpeakerDetection', 'active_speaker_detection', { auto_detect: false }],
		['Occlusion Detection', 'occlusionDetection', 'occlusion_detection_enabled', false],
		['Reasoning', 'reasoningEnabled', 'reasoning_enabled', false],
	])('sends %s given as the text "false" as false, and refuses any other text naming the field and the item, before any request', async (field, name, wire, sent) => {
		const parameters = { ...create, options: { [name]: '={{ $json.flag }}' } };
		const refused = await runNode({ parameters: parameters as never, items, credentials: { apiKey: 'k', baseUrl: emulator.url } });
		expect(refused.status).toBe('error');
		expect(refused.error?.message).toBe(`${field} is the text "yes", which is neither true nor false (item 1)`);
		expect(emulator.requests).toEqual([]);

		const result = await runNode({ parameters: parameters as never, items: [items[0]], credentials: { apiKey: 'k', baseUrl: emulator.url } });
		expect(result.status).toBe('success');
		expect((emulator.requests[0].json as { options: Record<string, unknown> }).options[wire]).toEqual(sent);
	});

	it('estimates without reasoning when Reasoning is the text "false"', async () => {
		const parameters = { resource: 'generation', operation: 'estimateCost', estimateBy: 'duration', model: 'sync-3', duration: 10, fps: 25, reasoningEnabled: '={{ $json.flag }}' };
		const result = await runNode({ parameters: parameters as never, items: [items[0]], credentials: { apiKey: 'k', baseUrl: emulator.url } });
		expect(result.status).toBe('success');
		expect(emulator.requests[0].json).toEqual({ model: 'sync-3', duration: 10, fps: 25 });
	});

	it('makes a dry run when Dry Run is the text "true", not a billed batch', async () => {
		const row = (i: number) => JSON.stringify({ request_id: `r${i}`, endpoint: '/v2/generate', payload: { model: 'lipsync-2', input: [{ type: 'video', url: `https://e.com/v${i}.mp4` }, { type: 'audio', url: `https://e.com/a${i}.wav` }] } });
		const jsonl = Buffer.from(Array.from({ length: 20 }, (_, i) => row(i)).join('\n') + '\n');
		const result = await runNode({
			parameters: { resource: 'batch', operation: 'create', source: 'binary', binaryPropertyName: 'data', options: { dryRun: '={{ $json.dry }}' } },
			items: [{ json: { dry: 'true' }, binary: { data: { data: jsonl, fileName: 'rows.jsonl', mimeType: 'application/jsonl' } } }],
			credentials: { apiKey: 'k', baseUrl: emulator.url },
		});
		expect(result.status).toBe('success');
		expect(emulator.requests[0].form?.find((p) => p.name === 'dry_run')?.value).toBe('true');
	});
});

// A multi-select filter set by an expression: the text "COMPLETED,FAILED" (or one value) is the list it names;
// before, `.join` on a string crashed the node with a TypeError naming neither the field nor the item.
describe('a multi-select filter set by an expression', () => {
	it.each([
		['Generation → Get Many Status', { resource: 'generation', operation: 'getMany', returnAll: true, filters: { status: '={{ "COMPLETED, FAILED" }}' } }, '/v2/generations', 'status', 'COMPLETED,FAILED'],
		['Asset → Get Many Types', { resource: 'asset', operation: 'getMany', returnAll: true, filters: { types: '={{ "VIDEO" }}' } }, '/v2/assets', 'types', 'VIDEO'],
	])('reads %s given as text as the list it names', async (_name, parameters, path, key, sent) => {
		const result = await runNode({ parameters: parameters as never, credentials: { apiKey: 'k', baseUrl: emulator.url } });
		expect(result.error?.message).toBeUndefined();
		expect(emulator.requests.map((r) => [r.path, r.query[key]])).toEqual([[path, sent]]);
	});

	it.each([
		['Generation → Get Many', 'generation', { status: '={{ ["COMPLETED", "DONE"] }}' }, 'Status has the text "DONE" among its values, which is none of COMPLETED, FAILED, PENDING, PROCESSING, REJECTED (item 0)'],
		['Asset → Get Many', 'asset', { types: '={{ "VIDEO,video" }}' }, 'Types has the text "video" among its values, which is none of AUDIO, IMAGE, VIDEO (item 0)'],
	])('refuses a %s filter value outside the list before any request, naming the field and the item', async (_name, resource, filters, message) => {
		const result = await runNode({ parameters: { resource, operation: 'getMany', returnAll: true, filters } as never, credentials: { apiKey: 'k', baseUrl: emulator.url } });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toEqual([]);
	});
});

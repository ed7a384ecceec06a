// What a user met when a value came from an expression (a form, a sheet, a CSV row, an AI agent's $fromAI)
// instead of the panel, one test per case, each run in a real n8n execution against the emulator. Every one
// of these failed before the parameter reader: a switch given "false" counted as on, a number given as text
// fell back to its default, a text field given a number or a list crashed with a TypeError naming no field,
// an Audio Reference ID given as a number was dropped, and two dropdowns went to Sync unchecked.
import { startEmulator, TINY_MP4, TINY_WAV, type Emulator } from '../emulator/index.cjs';
import { createWebhookContext, runNode, type RunNodeOptions } from '../runner/index.cjs';
import { SyncLabsTrigger } from '../../nodes/SyncLabs/SyncLabsTrigger.node';
import { signSyncPayload } from '../fixtures/signSyncPayload.cjs';
import { SECRET } from '../fixtures/signatureVectors.cjs';

const KEY = 'values-key';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 0, processingMs: 0 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

function run(options: Omit<RunNodeOptions, 'credentials'>) {
	return runNode({ ...options, credentials: { apiKey: KEY, baseUrl: emulator.url, signingSecret: SECRET } });
}

async function create(input: { video?: string; audio?: string } = {}): Promise<string> {
	const response = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: input.video ?? VIDEO }, { type: 'audio', url: input.audio ?? AUDIO }] }),
	});
	return ((await response.json()) as { id: string }).id;
}

const createParameters = { resource: 'generation', operation: 'create', model: 'lipsync-2', visualSource: 'url', visualUrl: VIDEO, audioSource: 'url', audioUrl: AUDIO };
const paths = () => emulator.requests.map((r) => `${r.method} ${r.path}`);

describe('a switch given the text "false" by an expression is off', () => {
	it('stops the node on a FAILED generation when Output Failed Generations as Items is "false", instead of passing it on as an ordinary item', async () => {
		const result = await run({
			parameters: { ...createParameters, visualUrl: `${VIDEO}?sync_outcome=failed`, completion: 'poll', options: { outputFailedAsItems: '={{ "false" }}' } },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/ended FAILED/);
		expect(result.items).toEqual([]);
	});

	it('downloads nothing when Download Output is "false"', async () => {
		const result = await run({ parameters: { ...createParameters, completion: 'poll', options: { downloadOutput: '={{ "false" }}' } } });
		expect(result.status).toBe('success');
		expect(result.items[0].binary).toBeUndefined();
		expect(paths().filter((p) => p.startsWith('GET /files/'))).toEqual([]);
	});

	it('lists only up to Limit when Return All is "false", not the whole account', async () => {
		for (let i = 0; i < 4; i++) await create();
		const result = await run({ parameters: { resource: 'generation', operation: 'getMany', returnAll: '={{ "false" }}', limit: 2 } });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
	});

	it('asks for no progress when Include Progress is "false"', async () => {
		const id = await create();
		emulator.requests.length = 0;
		const result = await run({ parameters: { resource: 'generation', operation: 'get', generationId: id, options: { includeProgress: '={{ "false" }}' } } });
		expect(result.status).toBe('success');
		expect(emulator.requests.map((r) => r.query)).toEqual([{}]);
	});

	it('adds no batch ID to the results when Include Batch ID is "false"', async () => {
		const row = (i: number) => ({ request_id: `r${i}`, endpoint: '/v2/generate', payload: { model: 'lipsync-2', input: [{ type: 'video', url: `${VIDEO}?r=${i}` }, { type: 'audio', url: AUDIO }] } });
		const batch = await run({
			parameters: { resource: 'batch', operation: 'create', source: 'rows', requestId: '={{ $json.request_id }}', payload: '={{ $json.payload }}' },
			items: Array.from({ length: 20 }, (_, i) => ({ json: row(i) })),
		});
		const result = await run({ parameters: { resource: 'batch', operation: 'getResults', batchId: batch.items[0].json.id as string, options: { includeBatchId: '={{ "false" }}' } } });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(20);
		expect(result.items.filter((item) => 'batchId' in item.json)).toEqual([]);
	});

	it('emits a repeated delivery when the trigger\'s Ignore Duplicate Deliveries is "false"', async () => {
		const body = JSON.stringify({ id: 'gen_1', status: 'COMPLETED', createdAt: '2026-11-27T05:00:00.000Z', model: 'lipsync-2', outputUrl: 'https://cdn.example/out.mp4' });
		const staticData = {};
		const deliver = async () => {
			const header = signSyncPayload({ secret: SECRET, timestamp: Math.floor(Date.now() / 1000), body });
			const { context } = createWebhookContext({
				headers: { 'content-type': 'application/json', 'sync-signature': header },
				rawBody: Buffer.from(body),
				credentials: { apiKey: 'k', signingSecret: SECRET },
				parameters: { options: { ignoreDuplicates: 'false' } },
				staticData,
			});
			return await new SyncLabsTrigger().webhook.call(context);
		};
		expect((await deliver()).workflowData).toHaveLength(1);
		expect((await deliver()).workflowData).toHaveLength(1);
	});
});

describe('a number given as text by an expression is that number, not the default', () => {
	it('waits 7200 seconds for the webhook when Max Wait Time is the text "7200", not the default 1800', async () => {
		const result = await run({
			parameters: { ...createParameters, visualUrl: `${VIDEO}?sync_pending_ms=600000`, completion: 'webhook', options: { maxWaitTime: '={{ "7200" }}' } },
		});
		expect(result.status).toBe('waiting');
		const seconds = ((result.waitTill?.getTime() ?? 0) - Date.now()) / 1000;
		expect(seconds).toBeGreaterThan(7000);
		expect(seconds).toBeLessThanOrEqual(7200);
	});

	it('refuses a Max Wait Time of "1e13" seconds before the create, which would make no real date to wait until', async () => {
		const result = await run({ parameters: { ...createParameters, completion: 'webhook', options: { maxWaitTime: '={{ "1e13" }}' } } });
		expect(result.error?.message).toBe('Max Wait Time (Seconds) is the text "1e13"; it must be a number from 1 to 2592000 (item 0)');
		expect(emulator.requests).toEqual([]);
	});

	// Max Wait Time 1.2 s: with both intervals at 0.5 s the node checks at about 0, 0.5 and 1 s and then gives up
	// (1 + 0.5 > 1.2); a default first interval (5 s) or a growing one (0.5, then 0.75 s) gives up sooner.
	it.each([
		['First Poll Interval', { firstPollInterval: '={{ "0.5" }}', maxPollInterval: 0.5 }],
		['Max Poll Interval', { firstPollInterval: 0.5, maxPollInterval: '={{ "0.5" }}' }],
	])('polls at the %s given as the text "0.5"', async (_field, intervals) => {
		const result = await run({
			parameters: { ...createParameters, visualUrl: `${VIDEO}?sync_processing_ms=600000`, completion: 'poll', options: { ...intervals, maxWaitTime: 1.2 } },
		});
		expect(result.error?.message).toMatch(/did not finish within 1 seconds \(status PROCESSING after 3 checks\)/);
		expect(paths().filter((p) => p.startsWith('GET /v2/generate/'))).toHaveLength(3);
	});

	it('uploads a binary input as an asset first when Upload Threshold is the text "0", instead of sending it in the create request', async () => {
		const result = await run({
			parameters: { ...createParameters, visualSource: 'binary', visualBinaryProperty: 'data', completion: 'immediately', options: { uploadThresholdMb: '={{ "0" }}' } },
			items: [{ json: {}, binary: { data: { data: TINY_MP4, fileName: 'clip.mp4', mimeType: 'video/mp4' } } }],
		});
		expect(result.status).toBe('success');
		expect(paths()).toEqual(['POST /v2/assets/upload', expect.stringMatching(/^PUT \/uploads\//), 'POST /v2/assets', 'POST /v2/generate']);
		expect(emulator.requests[3].form).toBeUndefined();
	});
});

describe('a text field given a number or a list by an expression', () => {
	it('sends an order number given as the Idempotency Key as its digits', async () => {
		const result = await run({ parameters: { ...createParameters, completion: 'immediately', options: { idempotencyKey: '={{ 10042 }}' } } });
		expect(result.status).toBe('success');
		expect(emulator.requests[0].headers['idempotency-key']).toBe('10042');
	});

	it('reads Get Many\'s Generation IDs given as a list as those IDs', async () => {
		const [a, b] = [await create(), await create()];
		emulator.requests.length = 0;
		const result = await run({ parameters: { resource: 'generation', operation: 'getMany', returnAll: true, filters: { ids: `={{ ["${a}", "${b}"] }}` } } });
		expect(result.status).toBe('success');
		expect(emulator.requests[0].query.ids).toBe(`${a},${b}`);
		expect(result.items.map((item) => item.json.id).sort()).toEqual([a, b].sort());
	});

	it('reads Generation IDs and Status given as JSON list text (as $fromAI often writes them) as those lists, not split on their commas', async () => {
		const [a, b] = [await create(), await create()];
		emulator.requests.length = 0;
		const result = await run({
			parameters: { resource: 'generation', operation: 'getMany', returnAll: true, filters: { ids: `={{ '["${a}", "${b}"]' }}`, status: '={{ \'["COMPLETED","PROCESSING","PENDING"]\' }}' } },
		});
		expect(result.status).toBe('success');
		expect(emulator.requests[0].query.ids).toBe(`${a},${b}`);
		expect(result.items.map((item) => item.json.id).sort()).toEqual([a, b].sort());
	});

	it('refuses text that starts like a JSON list but is none before any request', async () => {
		const result = await run({ parameters: { resource: 'generation', operation: 'getMany', returnAll: true, filters: { ids: '={{ \'["g1", \' }}' } } });
		expect(result.error?.message).toBe('Generation IDs is the text "["g1", ", which starts like a JSON list but is not one; give a list, or the values separated by commas (item 0)');
		expect(emulator.requests).toEqual([]);
	});

	it('searches assets for a number given as the Search Query', async () => {
		const result = await run({ parameters: { resource: 'asset', operation: 'getMany', returnAll: true, filters: { searchQuery: '={{ 2024 }}' } } });
		expect(result.status).toBe('success');
		expect(emulator.requests[0].query.searchQuery).toBe('2024');
	});

	it('names an uploaded asset by a number given as its Name', async () => {
		const result = await run({
			parameters: { resource: 'asset', operation: 'upload', binaryPropertyName: 'data', options: { name: '={{ 42 }}' } },
			items: [{ json: {}, binary: { data: { data: TINY_WAV, fileName: 'voice.wav', mimeType: 'audio/wav' } } }],
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json.name).toBe('42');
	});

	it('reads an ID copied with zero-width spaces around it as the ID, and one of only such spaces as blank', async () => {
		const id = await create();
		emulator.requests.length = 0;
		const copied = await run({ parameters: { resource: 'generation', operation: 'get', generationId: `={{ "\u200B${id}\u200B " }}` } });
		expect(copied.items[0]?.json.id).toBe(id);
		expect(paths()).toEqual([`GET /v2/generate/${id}`]);
		emulator.requests.length = 0;
		const blank = await run({ parameters: { resource: 'generation', operation: 'get', generationId: '={{ "\u200B" }}' } });
		expect(blank.error?.message).toBe('Generation ID is required, but holds only 1 blank character (item 0)');
		expect(emulator.requests).toEqual([]);
	});

	it.each(['.', '..'])('refuses the Generation ID %j before any request, which a URL path would drop and so ask Sync for another endpoint', async (id) => {
		const result = await run({ parameters: { resource: 'generation', operation: 'get', generationId: `={{ "${id}" }}` } });
		expect(result.error?.message).toBe(`Generation ID is the text "${id}", which names nothing: a URL path drops "." and "..", so Sync would be asked for another endpoint (item 0)`);
		expect(emulator.requests).toEqual([]);
	});

	it('refuses an asset Name given as a list before uploading anything, naming the field and the item', async () => {
		const result = await run({
			parameters: { resource: 'asset', operation: 'upload', binaryPropertyName: 'data', options: { name: '={{ ["a", "b"] }}' } },
			items: [{ json: {}, binary: { data: { data: TINY_WAV, fileName: 'voice.wav', mimeType: 'audio/wav' } } }],
		});
		expect(result.error?.message).toBe('Name is a list of 2 values ["a","b"]; it must be text or a number (item 0)');
		expect(emulator.requests).toEqual([]);
		expect(emulator.counters.uploadsReceivedBytes).toBe(0);
	});
});

describe('IDs given as numbers and dropdowns given other values', () => {
	it('sends an Audio Reference ID given as a number as its digits, so segments can refer to it', async () => {
		const segments = JSON.stringify([
			{ startTime: 0, endTime: 0.5, audioInput: { refId: '7' } },
			{ startTime: 0.5, endTime: 1, audioInput: { refId: 'b' } },
		]);
		const result = await run({
			parameters: {
				...createParameters,
				completion: 'immediately',
				options: { audioRefId: '={{ 7 }}', segments, additionalAudioInputs: { input: [{ refId: 'b', source: 'url', url: `${AUDIO}?b` }] } },
			},
		});
		expect(result.error?.message).toBeUndefined();
		expect((emulator.requests[0].json as { input: Array<{ refId?: string }> }).input.map((i) => i.refId)).toEqual([undefined, '7', 'b']);
	});

	it('sends an Output File Name given as a number as text', async () => {
		const result = await run({ parameters: { ...createParameters, completion: 'immediately', options: { outputFileName: '={{ 20260131 }}' } } });
		expect(result.status).toBe('success');
		expect((emulator.requests[0].json as { outputFileName: unknown }).outputFileName).toBe('20260131');
	});

	it.each([
		['Batch → Get Many\'s Status', { resource: 'batch', operation: 'getMany', filters: { status: '={{ "DONE" }}' } }, 'Status is the text "DONE", which is none of COMPLETED, FAILED, JOBS_CREATED, PENDING, PROCESSING (item 0)'],
		['Asset → Get Many\'s Sort By', { resource: 'asset', operation: 'getMany', filters: { sortBy: '={{ "size" }}' } }, 'Sort By is the text "size", which is none of dateDesc, dateAsc, durationDesc, durationAsc, nameAsc, nameDesc, sizeDesc, sizeAsc, kindAsc, kindDesc (item 0)'],
	])('refuses %s outside its dropdown before any request, naming the field and the item', async (_field, parameters, message) => {
		const result = await run({ parameters });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toEqual([]);
	});
});

describe('a refused value with On Error = Continue', () => {
	it.each([
		['Wait for Completion', async () => ({ resource: 'generation', operation: 'waitForCompletion', generationId: await create() })],
		['Create', async () => ({ ...createParameters, completion: 'poll' })],
	])('turns only the item it belongs to into an error item in %s; the other items run', async (_operation, parameters) => {
		const result = await run({
			parameters: { ...(await parameters()), options: { downloadOutput: '={{ $json.download }}' } },
			items: [{ json: { download: 'yes' } }, { json: { download: false } }],
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.error ?? item.json.status)).toEqual([
			'Download Output is the text "yes", which is neither true nor false (item 0)',
			'COMPLETED',
		]);
	});
});

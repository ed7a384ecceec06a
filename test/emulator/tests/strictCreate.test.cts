// The emulator refuses unknown top-level fields of a JSON create the way a validating API does, so a misspelt
// key in the node fails a test instead of being ignored; known fields still pass.
import { startEmulator, type Emulator } from '../index.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const input = [
	{ type: 'video', url: 'https://media.example.com/v.mp4' },
	{ type: 'audio', url: 'https://media.example.com/a.wav', refId: 'a' },
];

async function post(path: string, body: unknown) {
	const res = await fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'x-api-key': 'k', 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: res.status, body: (await res.json()) as { message: string | string[]; errorCode?: string } };
}

describe('emulator: JSON create bodies are validated strictly at the top level', () => {
	it.each(['webhookURL', 'output_file_name', 'segment', 'callbackUrl'])('answers 400 naming the unknown field "%s" and creates nothing', async (key) => {
		const { status, body } = await post('/v2/generate', { model: 'lipsync-2', input, [key]: 'x' });
		expect(status).toBe(400);
		expect(body.errorCode).toBe('generation_input_validation_failed');
		expect(String(body.message)).toContain(key);
		expect(emulator.counters.generationsCreated).toBe(0);
	});

	it('accepts every documented top-level field', async () => {
		const { status } = await post('/v2/generate', {
			model: 'lipsync-2',
			input,
			options: { sync_mode: 'loop' },
			segments: [{ startTime: 0, endTime: 1, audioInput: { refId: 'a' } }],
			webhookUrl: 'https://n8n.example.com/hook',
			outputFileName: 'take_1',
		});
		expect(status).toBe(201);
	});

	it('refuses an unknown field in a cost estimate by inputs as well', async () => {
		const { status } = await post('/v2/analyze/cost', { model: 'lipsync-2', input, durationSeconds: 3 });
		expect(status).toBe(400);
	});
});

const row = (i: number) => ({
	request_id: `req-${i}`,
	endpoint: '/v2/generate',
	payload: { model: 'lipsync-2', input: [{ type: 'video', url: `https://example.com/v${i}.mp4` }, { type: 'audio', url: `https://example.com/a${i}.wav` }] },
});
const rows = Array.from({ length: 20 }, (_, i) => row(i));

describe('emulator: every other create body refuses unknown fields too, so a misspelt key is not silently lost', () => {
	it('answers 400 to a batch from rows with camelCase webhookUrl instead of webhook_url, creating no batch', async () => {
		const { status, body } = await post('/v2/batch', { rows, webhookUrl: 'https://n8n.example.com/hook' });
		expect({ status, names: String(body.message).includes('webhookUrl'), batches: emulator.counters.batchesCreated }).toEqual({ status: 400, names: true, batches: 0 });
	});

	it('answers 400 to a multipart batch with a webhookUrl form field the batch form does not have, creating no batch', async () => {
		const form = new FormData();
		form.append('input', new Blob([rows.map((r) => JSON.stringify(r)).join('\n') + '\n'], { type: 'application/jsonl' }), 'rows.jsonl');
		form.append('webhookUrl', 'https://n8n.example.com/hook');
		const res = await fetch(`${emulator.url}/v2/batch`, { method: 'POST', headers: { 'x-api-key': 'k' }, body: form });
		const body = (await res.json()) as { message: string[]; field?: string };
		expect({ status: res.status, field: body.field, batches: emulator.counters.batchesCreated }).toEqual({ status: 400, field: 'webhookUrl', batches: 0 });
	});

	it('still accepts a batch from rows with webhook_url and dry_run', async () => {
		const { status } = await post('/v2/batch', { rows, webhook_url: 'https://n8n.example.com/hook', dry_run: true });
		expect(status).toBeLessThan(300);
	});

	it('answers 400 to an asset registration with a misspelt visibility key, registering nothing', async () => {
		const { status, body } = await post('/v2/assets', { url: 'https://media.example.com/a.mp4', type: 'VIDEO', visiblity: 'ORGANIZATION' });
		expect({ status, names: String(body.message).includes('visiblity'), assets: emulator.counters.assetsCreated }).toEqual({ status: 400, names: true, assets: 0 });
	});

	it('answers 400 to an upload request with a key the upload step does not take', async () => {
		const { status, body } = await post('/v2/assets/upload', { fileName: 'a.mp4', contentType: 'video/mp4', size: 10, visibility: 'USER' });
		expect({ status, names: String(body.message).includes('visibility') }).toEqual({ status: 400, names: true });
	});

	it('answers 400 to a duration estimate with reasoning_enabled (the documented key is reasoningEnabled)', async () => {
		const { status, body } = await post('/v2/generations/estimate', { model: 'sync-3', duration: 10, reasoning_enabled: true });
		expect({ status, names: String(body.message).includes('reasoning_enabled') }).toEqual({ status: 400, names: true });
	});

	it.each([
		['a typo of startTime in a segment', { startTime: 0, endTime: 1, start: 0, audioInput: { refId: 'a' } }, 'start'],
		['an unknown key in a segment audio input', { startTime: 0, endTime: 1, audioInput: { refId: 'a', offset: 1 } }, 'offset'],
	])('answers 400 to a create with %s, creating nothing', async (_name, segment, key) => {
		const { status, body } = await post('/v2/generate', { model: 'lipsync-2', input, segments: [segment] });
		expect({ status, names: String(body.message).includes(key), created: emulator.counters.generationsCreated }).toEqual({ status: 400, names: true, created: 0 });
	});
});

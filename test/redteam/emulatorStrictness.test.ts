// Red-team probe (issue 10, point 6: "it refuses unknown top-level fields in JSON create bodies the way a
// validating API would, so a typo in the node shows up in tests"). Only CreateGenerationSchema was made
// .strict() (test/emulator/schemas.ts); the other create bodies still use z.object(), which silently strips
// unknown keys, so a misspelt key (the realistic one: camelCase webhookUrl on the snake_case batch endpoint)
// is accepted and dropped.
import { startEmulator, type Emulator } from '../emulator';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

async function post(path: string, body: unknown) {
	const res = await fetch(`${emulator.url}${path}`, {
		method: 'POST',
		headers: { 'x-api-key': 'key-rt', 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: res.status, text: await res.text() };
}

const row = (i: number) => ({
	request_id: `req-${i}`,
	endpoint: '/v2/generate',
	payload: { model: 'lipsync-2', input: [{ type: 'video', url: `https://example.com/v${i}.mp4` }, { type: 'audio', url: `https://example.com/a${i}.wav` }] },
});
const rows = Array.from({ length: 20 }, (_, i) => row(i));

describe('red team: the emulator refuses unknown top-level fields in every JSON create body', () => {
	it('POST /v2/batch (json rows) answers 400 for a camelCase webhookUrl instead of webhook_url', async () => {
		const { status, text } = await post('/v2/batch', { rows, webhookUrl: 'https://n8n.example.com/hook' });
		expect(`${status} ${text}`).toMatch(/^400 .*webhookUrl/);
	});

	it('POST /v2/assets (register) answers 400 for a misspelt visibility key', async () => {
		const { status, text } = await post('/v2/assets', { url: 'https://media.example.com/a.mp4', type: 'VIDEO', visiblity: 'ORGANIZATION' });
		expect(`${status} ${text}`).toMatch(/^400 .*visiblity/);
	});

	it('POST /v2/assets/upload answers 400 for an unknown key', async () => {
		const { status, text } = await post('/v2/assets/upload', { fileName: 'a.mp4', contentType: 'video/mp4', size: 10, visibility: 'USER' });
		expect(`${status} ${text}`).toMatch(/^400 .*visibility/);
	});

	it('POST /v2/generations/estimate answers 400 for reasoning_enabled (the documented key is reasoningEnabled)', async () => {
		const { status, text } = await post('/v2/generations/estimate', { model: 'sync-3', duration: 10, reasoning_enabled: true });
		expect(`${status} ${text}`).toMatch(/^400 .*reasoning_enabled/);
	});

	it('POST /v2/batch (multipart) answers 400 for a webhookUrl form field the batch form does not have', async () => {
		const form = new FormData();
		form.append('input', new Blob([rows.map((r) => JSON.stringify(r)).join('\n') + '\n'], { type: 'application/jsonl' }), 'rows.jsonl');
		form.append('webhookUrl', 'https://n8n.example.com/hook');
		const res = await fetch(`${emulator.url}/v2/batch`, { method: 'POST', headers: { 'x-api-key': 'key-rt' }, body: form });
		expect(`${res.status} ${await res.text()}`).toMatch(/^400 .*webhookUrl/);
	});
});

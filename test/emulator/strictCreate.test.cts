// The emulator refuses unknown top-level fields of a JSON create the way a validating API does, so a misspelt
// key in the node fails a test instead of being ignored (issue 10); known fields still pass.
import { startEmulator, type Emulator } from './index.cjs';

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

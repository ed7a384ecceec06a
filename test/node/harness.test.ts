import { runNode } from '../helpers/workflowRunner';
import { startEmulator, type Emulator } from '../emulator';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 5 });
});
afterAll(async () => {
	await emulator.stop();
});

async function createGeneration(apiKey = 'test-key'): Promise<string> {
	const response = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
		body: JSON.stringify({
			model: 'lipsync-2',
			input: [
				{ type: 'video', url: 'https://example.com/video.mp4' },
				{ type: 'audio', url: 'https://example.com/audio.wav' },
			],
		}),
	});
	const body = (await response.json()) as { id: string };
	return body.id;
}

test('smoke', async () => {
	const id = await createGeneration();
	const result = await runNode({
		parameters: { resource: 'generation', operation: 'get', generationId: id },
		credentials: { apiKey: 'test-key', baseUrl: emulator.url },
	});
	console.log(result.status, JSON.stringify(result.items), result.error);
	console.log(emulator.requests.map((r) => [r.method, r.path, r.headers['x-api-key']]));
});

// A binary video whose asset upload fails (the presigned-URL step answers 500 on every attempt) never reaches
// POST /v2/generate: the error of Create and Dub says nothing of a generation that may exist, which only a create
// without a usable answer may have made (api/generations.ts generationMayBeCreated).
import { startEmulator, TINY_MP4, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

const saysGenerationMayExist = (text: string) => /may have created the generation|could not say whether these were created|generation that may exist/i.test(text);
const video = { json: {}, binary: { data: { data: TINY_MP4, fileName: 'speaker.mp4', mimeType: 'video/mp4' } } };

describe('Dub of a binary video whose upload step answers 500 on every attempt (no create is ever sent)', () => {
	it('does not say in its Stop Workflow error that a generation may exist', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets/upload', status: 500, times: Infinity });
		const result = await runNode({
			parameters: { resource: 'generation', operation: 'dub', model: 'lipsync-2', visualSource: 'binary', visualBinaryProperty: 'data', targetLanguages: ['es', 'de'], completion: 'immediately' },
			items: [video],
			credentials: { apiKey: 'rt-dub-upload-500', baseUrl: emulator.url },
		});
		const said = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
		const creates = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate').length;
		expect({ creates, status: result.status, saysGenerationMayExist: saysGenerationMayExist(said), said }).toEqual({
			creates: 0,
			status: 'error',
			saysGenerationMayExist: false,
			said: expect.any(String),
		});
	});
});

describe('Create with a binary video over the upload threshold whose upload step answers 500 on every attempt', () => {
	it('does not say in its error item that a generation may exist', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets/upload', status: 500, times: Infinity });
		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: 'binary',
				visualBinaryProperty: 'data',
				audioSource: 'url',
				audioUrl: 'https://e.com/a.wav',
				completion: 'immediately',
				options: { uploadThresholdMb: 0 },
			},
			items: [video],
			credentials: { apiKey: 'rt-create-upload-500', baseUrl: emulator.url },
			onError: 'continueRegularOutput',
		});
		const item = JSON.stringify(result.items[0]?.json ?? {});
		const creates = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate').length;
		expect({ creates, saysGenerationMayExist: saysGenerationMayExist(item), item }).toEqual({ creates: 0, saysGenerationMayExist: false, item: expect.any(String) });
	});
});

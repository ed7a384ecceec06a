// Red-team probes (fresh eye) on the 2026 surfaces: a voice list with one voice whose `id` is an empty string next
// to a valid `voiceId` (docs/sync-api-2026.md#voices: read `id`, falling back to `voiceId`), the download of a
// speech's audio when storage answers 503 once, and the emulator switches that no node test turns.
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { startEmulator, TINY_WAV, type Emulator } from '../emulator/index.cjs';
import { runListSearch, runNode } from '../runner/index.cjs';
import { SWITCHES } from '../emulator/src/switches.cjs';

const RACHEL = 'EXAVITQu4vr4xnSDxMaL';
const VOICES = [
	{ id: '', voiceId: 'pNInz6obpgDQGcFmaJgB', name: 'Adam', provider: 'elevenlabs', previewUrl: null },
	{ id: RACHEL, voiceId: RACHEL, name: 'Rachel', provider: 'elevenlabs', previewUrl: null },
];

describe('a voice list where one voice has an empty-string id next to a valid voiceId', () => {
	let server: http.Server;
	let baseUrl = '';
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			if (req.method === 'GET' && req.url?.split('?')[0] === '/v2/voices') {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify(VOICES));
				return;
			}
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ statusCode: 404, message: 'Not found' }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise<void>((resolve) => server.close(() => resolve())));

	it('Voice → Get Many lists both voices, the first under its voiceId, instead of failing the whole list', async () => {
		const result = await runNode({ parameters: { resource: 'voice', operation: 'getMany', returnAll: true }, credentials: { apiKey: 'rt18d-key', baseUrl } });
		expect(result.error?.message).toBeUndefined();
		expect(result.items.map((item) => item.json.name)).toEqual(['Adam', 'Rachel']);
		expect(result.items[0].json.id).toBe('pNInz6obpgDQGcFmaJgB');
	});

	it('the version 3 voice picker offers the voice under its voiceId', async () => {
		const found = await runListSearch({ method: 'searchVoices', credentials: { apiKey: 'rt18d-key', baseUrl }, typeVersion: 3 });
		expect(found.results.map((r) => r.value)).toEqual(['pNInz6obpgDQGcFmaJgB', RACHEL]);
	});
});

describe('Speech → Generate with Download Audio when storage answers 503 once', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ port: 0 });
	});
	afterAll(async () => emulator.stop());

	it('downloads the audio on the repeat, and makes the speech once', async () => {
		emulator.injectFault({ method: 'GET', path: '/tts-audio/*', status: 503, retryAfterSeconds: 0 });
		const result = await runNode({
			parameters: { resource: 'speech', operation: 'generate', voiceId: RACHEL, script: 'Hello there', options: { pollInterval: 0.02, downloadAudio: true } },
			credentials: { apiKey: 'rt18d-speech', baseUrl: emulator.url },
		});
		expect(result.error?.message).toBeUndefined();
		expect(await result.readBinary(result.items[0], 'data')).toEqual(TINY_WAV);
		expect(emulator.requests.filter((r) => r.path.startsWith('/tts-audio/')).map((r) => r.status)).toEqual([503, 200]);
		expect(emulator.counters.ttsJobsCreated + emulator.counters.ttsCreated).toBe(1);
	});
});

/** Every node-side test file: everything under test/ but the emulator's own contract tests and the wire check. */
function nodeTestFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return ['emulator', 'wire', 'redteam', 'e2e'].includes(entry.name) && dir.endsWith('test') ? [] : nodeTestFiles(full);
		return entry.name.endsWith('.test.cts') ? [full] : [];
	});
}

describe('each variant the reference lists as possible has an emulator switch and a node test', () => {
	it('every switch of the 2026 surfaces is turned by at least one node test (outside test/emulator)', () => {
		const texts = nodeTestFiles(path.resolve(__dirname, '..')).map((file) => fs.readFileSync(file, 'utf8'));
		const untested = Object.keys(SWITCHES).filter((name) => !texts.some((text) => new RegExp(`\\b${name}\\b`).test(text)));
		expect(untested).toEqual([]);
	});
});

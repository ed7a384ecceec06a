// Red-team scenarios of Generation → Dub that held (they pass): an echoed dubParams, a lost answer on the second
// language's create, a 503 on the binary video's asset upload, ten languages × three items. Kept as regression
// evidence next to the failing probes of issue18Probes.test.cts.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_MP4, type Emulator, type RecordedRequest } from '../emulator/index.cjs';
import { runNode, type RunNodeOptions, type RunnerInputItem } from '../runner/index.cjs';

const SECRET = 'whsec_rt18b';
const VIDEO = 'https://media.example.com/speaker.mp4';
const FAST_POLL = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 30 };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20, webhookSecret: SECRET });
});
afterEach(() => {
	emulator.reset();
	Object.assign(emulator.config, { dubParamsEcho: false, onRequest: undefined });
});
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: 'key-rt18b', baseUrl: emulator.url, signingSecret: SECRET });
const posts = (path: string): RecordedRequest[] => emulator.requests.filter((r) => r.method === 'POST' && r.path === path);

function dub(parameters: INodeParameters, extra: Partial<RunNodeOptions> & { items?: RunnerInputItem[] } = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'dub',
			model: 'lipsync-2',
			visualSource: 'url',
			visualUrl: VIDEO,
			targetLanguages: ['es', 'de'],
			completion: 'poll',
			...parameters,
			options: { ...FAST_POLL, ...(parameters.options as INodeParameters | undefined) },
		},
		credentials: credentials(),
		...extra,
	});
}

describe('Dub on a bad day, held', () => {
	it('where Sync echoes dubParams on the generation (dubParamsEcho), each language still comes out COMPLETED', async () => {
		emulator.config.dubParamsEcho = true;
		const result = await dub({});
		expect(result.error?.message).toBeUndefined();
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.status])).toEqual([
			['es', 'COMPLETED'],
			['de', 'COMPLETED'],
		]);
	}, 20_000);
	it('a second language whose create gets 503 IDEMPOTENCY_OUTCOME_UNKNOWN once is repeated under its key: one generation per language', async () => {
		let creates = 0;
		emulator.config.onRequest = (r) => {
			if (r.method === 'POST' && r.path === '/v2/generate' && ++creates === 2) {
				emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', retryAfterSeconds: 0, afterHandling: true });
			}
		};
		const result = await dub({ options: { concurrency: 1 } });
		emulator.config.onRequest = undefined;
		expect(result.error?.message).toBeUndefined();
		expect(result.items.map((i) => i.json.targetLanguage)).toEqual(['es', 'de']);
		expect(emulator.counters.generationsCreated).toBe(2);
		// the fault did reach the second language: its first attempt got the 503, its repeat the generation
		expect(posts('/v2/generate').map((r) => r.status)).toEqual([201, 503, 201]);
	}, 20_000);

	it('a binary video whose asset upload meets a 503 once is uploaded again, then each language created once as JSON', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets/upload', status: 503, retryAfterSeconds: 0 });
		const result = await dub(
			{ visualSource: 'binary', visualBinaryProperty: 'data' },
			{ items: [{ binary: { data: { data: TINY_MP4, fileName: 'speaker.mp4', mimeType: 'video/mp4' } } }] },
		);
		expect(result.error?.message).toBeUndefined();
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.status, i.pairedItem])).toEqual([
			['es', 'COMPLETED', { item: 0 }],
			['de', 'COMPLETED', { item: 0 }],
		]);
		expect(posts('/v2/generate').every((r) => r.headers['content-type']?.toString().startsWith('application/json'))).toBe(true);
		expect(emulator.counters.generationsCreated).toBe(2);
		expect(posts('/v2/assets/upload').map((r) => r.status)).toEqual([503, 201]);
	}, 20_000);

	it('ten languages × three items: thirty generations, each once, each item paired to its input', async () => {
		const languages = ['es', 'fr', 'ja', 'hi', 'de', 'it', 'pt', 'ko', 'nl', 'pl'];
		const result = await dub({ targetLanguages: languages, options: { concurrency: 6 } }, { items: [{ json: { n: 0 } }, { json: { n: 1 } }, { json: { n: 2 } }] });
		expect(result.error?.message).toBeUndefined();
		expect(result.items).toHaveLength(30);
		expect(result.items.map((i) => [i.pairedItem, i.json.targetLanguage])).toEqual([0, 1, 2].flatMap((item) => languages.map((l) => [{ item }, l])));
		expect(emulator.counters.generationsCreated).toBe(30);
		expect(new Set(posts('/v2/generate').map((r) => String(r.headers['idempotency-key']))).size).toBe(30);
	}, 60_000);
});

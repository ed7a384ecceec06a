// Generation → Dub gives every language's generation what Create gives each item (docs/dubbing.md#what-each-language-gets):
// idempotent creates through lost answers, 5xx and n8n's Retry On Fail, the plan's concurrency limit respected,
// error items per language in both On Error modes, and no billed generation left unnamed in an error.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_MP4, type Emulator, type RecordedRequest } from '../../emulator/index.cjs';
import { runNode, type RunNodeOptions, type RunnerInputItem } from '../../runner/index.cjs';

const API_KEY = 'key-dub-guarantees';
const VIDEO = 'https://media.example.com/speaker.mp4';
const FAST_POLL = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };
/** Sync's uncertain answer to a create, naming the generation it may have made (docs/sync-api.md#idempotency-keys). */
const OUTCOME_UNKNOWN = { method: 'POST', path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', body: { generationId: 'gen-maybe-1' }, retryAfterSeconds: 0 };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => {
	emulator.reset();
	emulator.config.concurrencyLimit = undefined;
});
afterAll(async () => emulator.stop());

function dub(parameters: INodeParameters, extra: Partial<RunNodeOptions> & { items?: RunnerInputItem[] } = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'dub',
			model: 'lipsync-2',
			visualUrl: `={{ "${VIDEO}?clip=" + $itemIndex }}`,
			targetLanguages: ['es', 'de', 'fr'],
			completion: 'poll',
			...parameters,
			options: { ...FAST_POLL, ...(parameters.options as INodeParameters | undefined) },
		},
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		...extra,
	});
}

const creates = (): RecordedRequest[] => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate');
const createdIds = () => creates().filter((r) => r.status === 201).map((r) => (r.response as { id: string }).id);
const keysSent = () => creates().map((r) => String(r.headers['idempotency-key']));

describe('idempotent per language', () => {
	it('a create whose answer is lost (5xx after Sync made it) is repeated with its key: one generation per language', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 500, afterHandling: true, times: 3 });
		const result = await dub({ options: { concurrency: 3 } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.targetLanguage)).toEqual(['es', 'de', 'fr']);
		expect(emulator.counters.generationsCreated).toBe(3);
		expect(creates().length).toBe(6);
		expect(new Set(keysSent()).size).toBe(3);
	});

	it('n8n\'s Retry On Fail repeats every language with the key of the first attempt: one generation per language', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, retryAfterSeconds: 0, afterHandling: true, times: 5 });
		const result = await dub({ options: { concurrency: 1 } }, { retryOnFail: { maxTries: 2 } });
		expect(result.status).toBe('success');
		expect(emulator.counters.generationsCreated).toBe(3);
		expect(new Set(keysSent()).size).toBe(3);
		expect(result.items.map((i) => i.json.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
	});

	it('a binary video is uploaded once for the item\'s languages running at the same time, and again by Retry On Fail after an upload failed', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets/upload', status: 400, times: 1 });
		const result = await dub(
			{ visualSource: 'binary', visualBinaryProperty: 'data', options: { concurrency: 3 } },
			{ items: [{ json: {}, binary: { data: { data: TINY_MP4, fileName: 'speaker.mp4', mimeType: 'video/mp4' } } }], retryOnFail: { maxTries: 2 } },
		);
		expect(result.status).toBe('success');
		// one refused upload shared by the three languages of the first attempt, one upload in the second
		expect(emulator.requests.filter((r) => r.path === '/v2/assets/upload').map((r) => r.status)).toEqual([400, 201]);
		expect(emulator.counters.generationsCreated).toBe(3);
	});

	it('two items dubbed into the same languages use six distinct keys', async () => {
		await dub({ targetLanguages: ['es', 'de', 'fr'] }, { items: [{ json: {} }, { json: {} }] });
		expect(new Set(keysSent()).size).toBe(6);
		expect(emulator.counters.generationsCreated).toBe(6);
	});
});

describe('concurrency counts generations, one per item and language', () => {
	it('never has more creates in flight than Concurrency: with the plan\'s limit at 2 and Concurrency 2, no create is refused', async () => {
		emulator.config.concurrencyLimit = 2;
		const result = await dub({ options: { concurrency: 2 } }, { items: [{ json: {} }, { json: {} }] });
		expect(result.items).toHaveLength(6);
		expect(creates().filter((r) => r.status === 429)).toEqual([]);
		expect(emulator.counters.generationsCreated).toBe(6);
	});

	it('with Concurrency above the plan\'s limit, waits for a free slot and still creates each language once', async () => {
		emulator.config.concurrencyLimit = 2;
		emulator.config.concurrencyRetryAfterSeconds = 0;
		// Each generation processes for 300 ms, so the six creates sent at once surely meet the limit of 2, however slow
		// the machine (with the file's 20 ms a busy machine could send them too far apart).
		const result = await dub(
			{ visualUrl: `={{ "${VIDEO}?sync_processing_ms=300&clip=" + $itemIndex }}`, options: { concurrency: 6 } },
			{ items: [{ json: {} }, { json: {} }] },
		);
		expect(result.items.map((i) => i.json.status)).toEqual(Array(6).fill('COMPLETED'));
		expect(creates().some((r) => r.status === 429)).toBe(true);
		expect(emulator.counters.generationsCreated).toBe(6);
	});
});

describe('a language Sync refuses fails alone, and says which it was', () => {
	const withRefusedCode = { targetLanguages: ['es', 'tlh', 'de'], allowOtherLanguageCodes: true };

	it('Continue (using error output): the refused language goes to the error output with its language, the others to the main output', async () => {
		const result = await dub(withRefusedCode, { onError: 'continueErrorOutput' });
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.status])).toEqual([
			['es', 'COMPLETED'],
			['de', 'COMPLETED'],
		]);
		expect(result.errorItems).toHaveLength(1);
		expect(Object.keys(result.errorItems[0].json).sort()).toEqual(['error', 'message']);
		expect(result.errorItems[0].json.error).toMatchObject({ targetLanguage: 'tlh', httpCode: '400', code: 'generation_input_validation_failed', itemIndex: 0 });
		expect(result.errorItems[0].pairedItem).toEqual({ item: 0 });
	});

	it('Stop Workflow: the error says the language, and names the generations already created', async () => {
		const result = await dub({ ...withRefusedCode, options: { concurrency: 1 } });
		expect(result.status).toBe('error');
		const [es] = createdIds();
		expect(result.error?.message).toMatch(/\(dubbing into tlh\)\. Generations already created by this node: /);
		expect(result.error?.message).toContain(`${es} (item 0, es, completed)`);
		expect(result.error?.description).toContain(`Completed, but not output because the node stopped: ${es} (item 0, es).`);
		expect(emulator.counters.generationsCreated).toBe(1);
	});

	it('a 5xx on every create: each language\'s error item says its language, and nothing is left unnamed', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 500, retryAfterSeconds: 0, times: Infinity });
		const result = await dub({ targetLanguages: ['es', 'de'] }, { onError: 'continueRegularOutput' });
		expect(result.items.map((i) => i.json.targetLanguage)).toEqual(['es', 'de']);
		expect(result.items.every((i) => /\(dubbing into (es|de)\)$/.test(String(i.json.error)))).toBe(true);
		expect(result.items.map((i) => String(i.json.error).slice(-3, -1))).toEqual(['es', 'de']);
		expect(emulator.counters.generationsCreated).toBe(0);
	});
});

describe('nothing billed is left unnamed', () => {
	it('503 IDEMPOTENCY_OUTCOME_UNKNOWN, Continue (regular output): each language\'s error item carries the generation Sync named', async () => {
		emulator.injectFault({ ...OUTCOME_UNKNOWN, times: Infinity });
		const result = await dub({ targetLanguages: ['es', 'de'] }, { onError: 'continueRegularOutput' });
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.generationId])).toEqual([
			['es', 'gen-maybe-1'],
			['de', 'gen-maybe-1'],
		]);
	});

	it('503 IDEMPOTENCY_OUTCOME_UNKNOWN, error output: the generation and the language are inside error', async () => {
		emulator.injectFault({ ...OUTCOME_UNKNOWN, times: Infinity });
		const result = await dub({ targetLanguages: ['fr'] }, { onError: 'continueErrorOutput' });
		expect(result.errorItems[0].json.error).toMatchObject({ generationId: 'gen-maybe-1', targetLanguage: 'fr' });
	});

	it('503 IDEMPOTENCY_OUTCOME_UNKNOWN, Stop Workflow: the error names it with its item and language as an outcome to check', async () => {
		emulator.injectFault({ ...OUTCOME_UNKNOWN, times: Infinity });
		const result = await dub({ targetLanguages: ['es', 'de'], options: { concurrency: 1 } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('Generations already created by this node: gen-maybe-1 (item 0, es, outcome unknown: check it with "Get")');
		expect(result.error?.description).toContain('Sync Labs could not say whether these were created: gen-maybe-1 (item 0, es)');
		// the node stopped at es: de was never sent
		expect(new Set(keysSent().map((key) => key.split('-').pop()))).toEqual(new Set(['es']));
	});

	it('Poll Until Done, Stop Workflow: a language that ended FAILED is listed as ended, the ones still running as running', async () => {
		const result = await dub(
			{ visualUrl: '={{ $json.url }}', targetLanguages: ['es', 'de'], options: { concurrency: 4, maxWaitTime: 20 } },
			{ items: [{ json: { url: `${VIDEO}?sync_outcome=failed` } }, { json: { url: `${VIDEO}?sync_processing_ms=600000` } }] },
		);
		expect(result.status).toBe('error');
		const made = creates()
			.filter((r) => r.status === 201)
			.map((r) => {
				const body = r.json as { input: Array<{ url: string }>; dubParams: { targetLang: string } };
				return { id: (r.response as { id: string }).id, item: body.input[0].url.includes('failed') ? 0 : 1, language: body.dubParams.targetLang };
			});
		expect(made).toHaveLength(4);
		for (const { id, item, language } of made) {
			const state = item === 0 ? '(ended FAILED|running)' : 'running';
			expect(result.error?.message).toMatch(new RegExp(`${id} \\(item ${item}, ${language}, ${state}\\)`));
		}
		expect(result.error?.message).toMatch(/\(item 0, (es|de), ended FAILED\)/);
	});
});

// Generation → Dub probed where the guarantees of docs/dubbing.md are easiest to break: connection resets and
// lost answers per language, "nothing billed unnamed" in the completion modes and On Error modes the other dub
// tests leave out, a bad item anywhere stopping every create, binary uploads counted per item, languages from
// expressions, and Wait for Webhook's resume bound to the dubbed generation.
import type { INodeParameters } from 'n8n-workflow';
import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';
import { startEmulator, TINY_MP4, type Emulator, type RecordedRequest } from '../../emulator/index.cjs';
import { requestFromDelivery, resumeWaitingRun, runNode, type RunNodeOptions, type RunNodeResult, type RunnerInputItem } from '../../runner/index.cjs';

const SECRET = 'whsec_dub_probes';
const VIDEO = 'https://media.example.com/speaker.mp4';
const FAST_POLL = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };
const OUTCOME_UNKNOWN = { method: 'POST', path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', retryAfterSeconds: 0 };
const BINARY_VIDEO = { data: { data: TINY_MP4, fileName: 'speaker.mp4', mimeType: 'video/mp4' } };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20, webhookSecret: SECRET });
});
afterEach(() => {
	emulator.reset();
	emulator.config.dubLanguageCheck = 'list';
	emulator.config.dubProviderName = 'optional';
	emulator.config.dubParamsEcho = false;
	emulator.config.dubWithAudio = 'conflict';
});
afterAll(async () => emulator.stop());

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
		credentials: { apiKey: 'key-dub-probes', baseUrl: emulator.url, signingSecret: SECRET },
		...extra,
	});
}

const creates = (): RecordedRequest[] => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate');
const uploads = (): RecordedRequest[] => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets/upload');
const keyOf = (r: RecordedRequest) => String(r.headers['idempotency-key']);
const languageOf = (r: RecordedRequest) => (r.json as { dubParams: { targetLang: string } }).dubParams.targetLang;

describe('a connection reset per language', () => {
	// What is repeated and with which key, not how long the backoff is (test/transport/quickRetries.cts).
	useQuickRetries();
	it('a create whose connection is reset before Sync answers is repeated with the same key: one generation per language', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', reset: true, times: 2 });
		const result = await dub({ options: { concurrency: 1 } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.status])).toEqual([
			['es', 'COMPLETED'],
			['de', 'COMPLETED'],
		]);
		expect(emulator.counters.generationsCreated).toBe(2);
		// the reset attempts carried the keys the answered attempts carried: one key per language
		const answered = creates().filter((r) => r.status === 201);
		expect(creates().filter((r) => r.status === 0)).toHaveLength(2);
		expect(new Set(creates().map(keyOf))).toEqual(new Set(answered.map(keyOf)));
		expect(answered.map((r) => [languageOf(r), keyOf(r).endsWith(`-${languageOf(r)}`)])).toEqual([
			['es', true],
			['de', true],
		]);
	}, 20_000);
});

// Whether Sync expects dubParams.providerName is unknown (docs/sync-api-2026.md#dubbing): each variant the reference
// lists is an emulator switch, and the dub completes under each.
describe('dubParams as Sync may take and echo it: providerName expected or not, dubParams echoed', () => {
	it('where Sync requires it, the 400 naming the field is answered by one create with providerName "elevenlabs" under a key of its own', async () => {
		emulator.config.dubProviderName = 'required';
		const result = await dub({ targetLanguages: ['es'] });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.status])).toEqual([['es', 'COMPLETED']]);
		expect(emulator.counters.generationsCreated).toBe(1);
		const [refused, accepted] = creates();
		expect([refused.status, accepted.status]).toEqual([400, 201]);
		expect((refused.json as { dubParams: object }).dubParams).not.toHaveProperty('providerName');
		expect((accepted.json as { dubParams: object }).dubParams).toMatchObject({ providerName: 'elevenlabs', targetLang: 'es' });
		expect(keyOf(accepted)).not.toBe(keyOf(refused));
	});

	it.each(['optional', 'refused'] as const)('where Sync takes it as %s, the create is sent once, without it', async (variant) => {
		emulator.config.dubProviderName = variant;
		const result = await dub({ targetLanguages: ['es'] });
		expect(result.error).toBeUndefined();
		expect(creates().map((r) => [r.status, 'providerName' in (r.json as { dubParams: object }).dubParams])).toEqual([[201, false]]);
	});

	it('where Sync echoes dubParams on the generation (dubParamsEcho), each language still comes out COMPLETED', async () => {
		emulator.config.dubParamsEcho = true;
		const result = await dub({});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.status])).toEqual([
			['es', 'COMPLETED'],
			['de', 'COMPLETED'],
		]);
		// Sync's answers did carry the echo the node read past.
		expect(creates().map((r) => (r.response as { dubParams?: { targetLang?: string } }).dubParams?.targetLang)).toEqual(['es', 'de']);
	});

	it('a 400 naming another field is not answered by a second create', async () => {
		emulator.injectFault({
			method: 'POST',
			path: '/v2/generate',
			status: 400,
			body: { statusCode: 400, errorCode: 'generation_input_validation_failed', field: 'dubParams.targetLang', message: 'dubParams.targetLang is not supported' },
		});
		const result = await dub({ targetLanguages: ['es'] });
		expect(result.error?.message).toContain('dubParams.targetLang is not supported');
		expect(creates().map((r) => r.status)).toEqual([400]);
		expect(emulator.counters.generationsCreated).toBe(0);
	});
});

describe('nothing billed is left unnamed, in the modes the other dub tests leave out', () => {
	const unknownOutcome = () => emulator.injectFault({ ...OUTCOME_UNKNOWN, body: { generationId: 'gen-maybe-7' }, times: Infinity });

	it('Return Immediately, Continue (regular output): each language\'s error item carries the generation Sync named and its language', async () => {
		unknownOutcome();
		const result = await dub({ completion: 'immediately' }, { onError: 'continueRegularOutput' });
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.generationId, i.pairedItem])).toEqual([
			['es', 'gen-maybe-7', { item: 0 }],
			['de', 'gen-maybe-7', { item: 0 }],
		]);
	});

	it('Return Immediately, error output: both languages on the error output, the generation and language inside error', async () => {
		unknownOutcome();
		const result = await dub({ completion: 'immediately' }, { onError: 'continueErrorOutput' });
		expect(result.items).toEqual([]);
		expect(result.errorItems.map((i) => [(i.json.error as { targetLanguage: string }).targetLanguage, (i.json.error as { generationId: string }).generationId])).toEqual([
			['es', 'gen-maybe-7'],
			['de', 'gen-maybe-7'],
		]);
	});

	it('Return Immediately, Stop Workflow: the error names the generation with its item and language as an outcome to check', async () => {
		unknownOutcome();
		const result = await dub({ completion: 'immediately', options: { concurrency: 1 } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('gen-maybe-7 (item 0, es, outcome unknown: check it with "Get")');
	});

	it('Wait for Webhook, error output: the error item carries the generation and the language inside error, no wait bound', async () => {
		unknownOutcome();
		const result = await dub({ completion: 'webhook', targetLanguages: ['ja'] }, { onError: 'continueErrorOutput' });
		expect(result.status).toBe('success');
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].json.error).toMatchObject({ generationId: 'gen-maybe-7', targetLanguage: 'ja' });
		expect(result.errorItems[0].pairedItem).toEqual({ item: 0 });
	});

	it('Stop Workflow with three languages in flight, one refused by Sync: the error names both generations that were created', async () => {
		const result = await dub({ targetLanguages: ['es', 'tlh', 'de'], allowOtherLanguageCodes: true, options: { concurrency: 3 } });
		expect(result.status).toBe('error');
		const made = creates().filter((r) => r.status === 201).map((r) => [(r.response as { id: string }).id, languageOf(r)]);
		expect(made).toHaveLength(2);
		for (const [id, language] of made) expect(result.error?.message).toMatch(new RegExp(`${id} \\(item 0, ${language}, `));
	});
});

describe('n8n\'s Retry On Fail after a language Sync refused', () => {
	it('repeats the languages already created under their first keys: no second generation for any language', async () => {
		const result = await dub({ targetLanguages: ['es', 'tlh', 'de'], allowOtherLanguageCodes: true, options: { concurrency: 3 } }, { retryOnFail: { maxTries: 2 } });
		expect(result.status).toBe('error');
		const created = creates().filter((r) => r.status === 201);
		expect(new Set(created.map(keyOf)).size).toBe(2);
		expect(emulator.counters.generationsCreated).toBe(2);
	});
});

describe('Stop Workflow: a bad item anywhere means no upload and no generation', () => {
	const threeItems = (second: Record<string, unknown>): RunnerInputItem[] => [
		{ json: { url: VIDEO, languages: 'es, de', temperature: 0.5, name: 'a' }, binary: BINARY_VIDEO },
		{ json: { url: VIDEO, languages: 'es, de', temperature: 0.5, name: 'b', ...second }, binary: BINARY_VIDEO },
		{ json: { url: VIDEO, languages: 'fr', temperature: 0.5, name: 'c' }, binary: BINARY_VIDEO },
	];
	const fromItems = {
		visualUrl: '={{ $json.url }}',
		targetLanguages: '={{ $json.languages }}',
		options: { temperature: '={{ $json.temperature }}', outputFileName: '={{ $json.name }}', concurrency: 6 },
	} as INodeParameters;

	it.each([
		['a URL that is none', { url: 'not a url' }],
		['a language outside the list', { languages: 'es, xx' }],
		['a listed language in another case', { languages: 'es, DE' }],
		['the source language among the targets', { languages: 'en' }],
		['a temperature out of range', { temperature: 7 }],
		['an output file name with a space', { name: 'b b' }],
		['no language at all', { languages: null }],
		['languages as a number', { languages: 3 }],
	])('with %s in item 1 of 3', async (_what, second) => {
		const result = await dub({ ...fromItems, sourceLanguage: 'en' }, { items: threeItems(second) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/\(item 1\)$/);
		expect(creates()).toEqual([]);
	});

	it('with a model the account does not have in item 1 of 3', async () => {
		const result = await dub({ ...fromItems, model: '={{ $json.model ?? "lipsync-2" }}' }, { items: threeItems({ model: 'lipsync-0-nonexistent' }) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Model.*item 1/);
		expect(creates()).toEqual([]);
	});

	it('with a binary video missing from item 1 of 3', async () => {
		const items = threeItems({});
		delete items[1].binary;
		const result = await dub({ ...fromItems, visualSource: 'binary', visualBinaryProperty: 'data' }, { items });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/item 1/);
		expect(uploads()).toEqual([]);
		expect(creates()).toEqual([]);
	});
});

describe('a binary video', () => {
	it('is uploaded once per item: two items into three languages are two uploads and six JSON creates, each with its own item\'s asset', async () => {
		const result = await dub(
			{ visualSource: 'binary', visualBinaryProperty: 'data', targetLanguages: ['es', 'de', 'fr'], output: 'raw', options: { concurrency: 6 } },
			{ items: [{ json: {}, binary: BINARY_VIDEO }, { json: {}, binary: BINARY_VIDEO }] },
		);
		expect(result.error).toBeUndefined();
		expect(uploads().map((r) => r.status)).toEqual([201, 201]);
		expect(creates().map((r) => String(r.headers['content-type']).split(';')[0])).toEqual(Array(6).fill('application/json'));
		const assetByItem = result.items.map((i) => [(i.pairedItem as { item: number }).item, (i.json.input as Array<{ assetId: string }>)[0].assetId]);
		expect(assetByItem.map(([item]) => item)).toEqual([0, 0, 0, 1, 1, 1]);
		expect(new Set(assetByItem.slice(0, 3).map(([, asset]) => asset)).size).toBe(1);
		expect(new Set(assetByItem.slice(3).map(([, asset]) => asset)).size).toBe(1);
		expect(assetByItem[0][1]).not.toBe(assetByItem[3][1]);
	});

	it('with Wait for Webhook is uploaded, then the create is sent as JSON with the asset, dubParams and the resume URL', async () => {
		const waiting = await dub(
			{ visualSource: 'binary', visualBinaryProperty: 'data', targetLanguages: ['es'], completion: 'webhook' },
			{ items: [{ json: {}, binary: BINARY_VIDEO }] },
		);
		// waiting, or already done before the pause (the emulator's generation is fast)
		expect(['waiting', 'success']).toContain(waiting.status);
		expect(uploads()).toHaveLength(1);
		const [create] = creates();
		expect(create.headers['content-type']).toMatch(/^application\/json/);
		expect(create.json).toEqual({
			model: 'lipsync-2',
			input: [{ type: 'video', assetId: expect.any(String) }],
			webhookUrl: expect.stringMatching(/\/webhook-waiting\//),
			dubParams: { targetLang: 'es' },
		});
	});
});

describe('no audio, text or image input is ever sent with dubParams', () => {
	it('a node switched from Create keeps its audio, script and segment parameters saved, and Dub sends none of them', async () => {
		const result = await dub({
			audioSource: 'url',
			audioUrl: 'https://media.example.com/voice.wav',
			script: 'Hello there',
			voiceId: 'voice-1',
			options: { segments: '[{"startTime":0,"endTime":1,"audioInput":{"refId":"a"}}]', uploadThresholdMb: 1 } as INodeParameters,
		});
		expect(result.error).toBeUndefined();
		for (const r of creates()) {
			const body = r.json as { input: Array<{ type: string }>; segments?: unknown };
			expect(body.input.map((input) => input.type)).toEqual(['video']);
			expect(body.segments).toBeUndefined();
		}
	});

	it.each(['conflict', 'ignored'] as const)(
		'whether Sync refuses audio next to dubParams or ignores it (dubWithAudio %s), Dub sends only the video with dubParams and every language completes',
		async (dubWithAudio) => {
			emulator.config.dubWithAudio = dubWithAudio;
			const result = await dub({ audioSource: 'url', audioUrl: 'https://media.example.com/voice.wav', script: 'Hello there', voiceId: 'voice-1' });
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => [i.json.targetLanguage, i.json.status])).toEqual([
				['es', 'COMPLETED'],
				['de', 'COMPLETED'],
			]);
			const byLanguage = creates().sort((a, b) => languageOf(a).localeCompare(languageOf(b)));
			expect(byLanguage.map((r) => [r.status, r.json])).toEqual([
				[201, { model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }], dubParams: { targetLang: 'de' } }],
				[201, { model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }], dubParams: { targetLang: 'es' } }],
			]);
		},
	);
});

describe('languages given by an expression', () => {
	it('a list gives one generation per language', async () => {
		const result = await dub({ targetLanguages: '={{ ["ja", "hi"] }}' });
		expect(result.items.map((i) => i.json.targetLanguage)).toEqual(['ja', 'hi']);
	});

	it('one code as text gives one generation', async () => {
		const result = await dub({ targetLanguages: '={{ "pt-BR" }}' });
		expect(result.items.map((i) => i.json.targetLanguage)).toEqual(['pt-BR']);
	});

	it.each([
		['a number', '={{ 3 }}', /^Target Languages is the number 3; it must be a list, or text with the values separated by commas \(item 0\)$/],
		['null', '={{ null }}', /^Target Languages is required: choose at least one language to dub into \(item 0\)$/],
		['a list holding a number', '={{ ["es", 7] }}', /^Target Languages has the number 7 among its values, which is none of /],
		['an object', '={{ { es: true } }}', /^Target Languages is .*; it must be a list, or text with the values separated by commas \(item 0\)$/],
	])('%s is refused before any request, naming the field and the item', async (_what, expression, message) => {
		const result = await dub({ targetLanguages: expression });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(emulator.requests).toEqual([]);
	});

	it('"auto" is no language to dub into, even with Allow Other Language Codes on: refused before any request', async () => {
		const result = await dub({ targetLanguages: '={{ ["es", "auto"] }}', sourceLanguage: 'en', allowOtherLanguageCodes: true });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Target Languages has "auto" among its values/);
		expect(emulator.requests).toEqual([]);
	});

	it('another code written twice in different case is one language: one generation, not two billed', async () => {
		emulator.config.dubLanguageCheck = 'any';
		const result = await dub({ targetLanguages: '={{ "sr-Latn, sr-latn" }}', allowOtherLanguageCodes: true });
		expect(result.error).toBeUndefined();
		expect(emulator.counters.generationsCreated).toBe(1);
		expect(result.items.map((i) => i.json.targetLanguage)).toEqual(['sr-Latn']);
	});
});

describe('Wait for Webhook with one language', () => {
	async function deliveryFor(waiting: RunNodeResult) {
		const id = String(waiting.items[0]?.json.id);
		for (;;) {
			const delivery = emulator.webhookDeliveries.find((d) => d.id === id);
			if (delivery) return delivery;
			await emulator.waitForWebhooks(emulator.webhookDeliveries.length + 1, 5000);
		}
	}

	it('refuses a signed callback of another generation with 409 and resumes on its own, saying the language', async () => {
		const waiting = await dub({ completion: 'webhook', targetLanguages: ['fr'], visualUrl: `${VIDEO}?sync_processing_ms=100` });
		expect(waiting.status).toBe('waiting');
		const own = await deliveryFor(waiting);
		const body = Buffer.from(JSON.stringify({ ...JSON.parse(own.body), id: '0badc0de-0000-4000-8000-000000000001' }));
		const foreign = await resumeWaitingRun(waiting, {
			url: own.url,
			headers: { 'content-type': 'application/json', 'sync-signature': signSyncPayload({ secret: SECRET, timestamp: Date.now() / 1000, body }) },
			body,
		});
		expect([foreign.httpStatus, foreign.resumed]).toEqual([409, null]);
		const resumed = await resumeWaitingRun(waiting, requestFromDelivery(own));
		expect(resumed.resumed?.items.map((i) => [i.json.id, i.json.targetLanguage])).toEqual([[own.id, 'fr']]);
	});

	it('refuses an unsigned callback and stays waiting', async () => {
		const waiting = await dub({ completion: 'webhook', targetLanguages: ['fr'], visualUrl: `${VIDEO}?sync_processing_ms=100` });
		const own = await deliveryFor(waiting);
		const unsigned = await resumeWaitingRun(waiting, { url: own.url, headers: { 'content-type': 'application/json' }, body: Buffer.from(own.body) });
		expect(unsigned.resumed).toBeNull();
		expect(unsigned.httpStatus).toBeGreaterThanOrEqual(400);
	});

	it('resumes with the language of another code Sync took, with Allow Other Language Codes on', async () => {
		emulator.config.dubLanguageCheck = 'any';
		const waiting = await dub({ completion: 'webhook', targetLanguages: '={{ "sr" }}', allowOtherLanguageCodes: true, visualUrl: `${VIDEO}?sync_processing_ms=100` });
		const resumed = await resumeWaitingRun(waiting, requestFromDelivery(await deliveryFor(waiting)));
		expect(resumed.resumed?.items[0].json).toMatchObject({ status: 'COMPLETED', targetLanguage: 'sr' });
	});

	it('refuses several languages given as comma text before any request', async () => {
		const result = await dub({ completion: 'webhook', targetLanguages: '={{ $json.languages }}' }, { items: [{ json: { languages: 'es, de' } }] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Target Languages has 2 languages \(es, de\), but Completion "Wait for Webhook" dubs into one per execution/);
		expect(emulator.requests).toEqual([]);
	});

	it('with several languages and Continue (error output), puts the refusal on the error output before any request', async () => {
		const result = await dub({ completion: 'webhook' }, { onError: 'continueErrorOutput' });
		expect(result.items).toEqual([]);
		expect(result.errorItems).toHaveLength(1);
		expect(String(result.errorItems[0].json.message)).toMatch(/^Target Languages has 2 languages/);
		expect(creates()).toEqual([]);
	});
});

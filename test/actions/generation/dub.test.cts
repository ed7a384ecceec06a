// Generation → Dub against the emulator (docs/dubbing.md): a video from a URL, an asset or a binary property
// dubbed into one or several languages, one generation and one output item per language, each paired to its
// input; the body holds the video and dubParams and nothing Sync would take as audio; languages are checked
// before any request.
import { readFileSync } from 'fs';
import { join } from 'path';
import type { INodeParameters } from 'n8n-workflow';
import { DUB_LANGUAGES as EMULATOR_LANGUAGES, startEmulator, TINY_MP4, type Emulator, type RecordedRequest } from '../../emulator/index.cjs';
import { runNode, type RunNodeOptions, type RunnerInputItem } from '../../runner/index.cjs';
import { DUB_LANGUAGES } from '../../../nodes/SyncLabs/actions/generation/dubLanguages';

const API_KEY = 'key-dub';
const VIDEO = 'https://media.example.com/speaker.mp4';
const FAST_POLL = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => {
	emulator.reset();
	emulator.config.dubLanguageCheck = 'list';
});
afterAll(async () => emulator.stop());

function dub(parameters: INodeParameters, items: RunnerInputItem[] = [{ json: {} }], extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'dub',
			model: 'lipsync-2',
			visualSource: 'url',
			visualUrl: VIDEO,
			targetLanguages: ['es'],
			completion: 'poll',
			...parameters,
			options: { ...FAST_POLL, ...(parameters.options as INodeParameters | undefined) },
		},
		items,
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		...extra,
	});
}

const creates = (): RecordedRequest[] => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate');
const created = () => creates().filter((r) => r.status === 201);

describe('Generation → Dub: one generation and one output item per language', () => {
	it('dubs one video into three languages: three COMPLETED items paired to the input, each saying its language', async () => {
		const result = await dub({ targetLanguages: ['es', 'de', 'pt-BR'] });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.status, i.pairedItem])).toEqual([
			['es', 'COMPLETED', { item: 0 }],
			['de', 'COMPLETED', { item: 0 }],
			['pt-BR', 'COMPLETED', { item: 0 }],
		]);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(3);
		expect(emulator.counters.generationsCreated).toBe(3);
	});

	it('sends each create as JSON with the video alone and dubParams { targetLang }: no audio, text or image input, no sourceLang for auto', async () => {
		await dub({ targetLanguages: ['es', 'fr'], options: { concurrency: 1 } });
		const bodies = creates().map((r) => r.json as Record<string, unknown>);
		expect(bodies).toEqual([
			{ model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }], dubParams: { targetLang: 'es' } },
			{ model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }], dubParams: { targetLang: 'fr' } },
		]);
	});

	it('gives every language its own Idempotency-Key, ending in the language', async () => {
		await dub({ targetLanguages: ['es', 'de', 'fr', 'ja', 'hi'], options: { concurrency: 1 } });
		const keys = creates().map((r) => String(r.headers['idempotency-key']));
		expect(new Set(keys).size).toBe(5);
		expect(keys.map((k) => k.split('-').pop())).toEqual(['es', 'de', 'fr', 'ja', 'hi']);
		expect(keys.every((k) => /^n8n-[0-9a-f]{20}-.+-0-0-[a-z]+$/.test(k))).toBe(true);
	});

	it('appends the language to an Idempotency Key and an Output File Name set in the options', async () => {
		await dub({ targetLanguages: ['es', 'pt-BR'], options: { idempotencyKey: 'promo-42', outputFileName: 'promo', concurrency: 1 } });
		expect(creates().map((r) => [r.headers['idempotency-key'], (r.json as { outputFileName: string }).outputFileName])).toEqual([
			['promo-42-es', 'promo-es'],
			['promo-42-pt-BR', 'promo-pt-BR'],
		]);
	});

	it('refuses, before any create, a later item whose Idempotency Key and language an earlier item sends with another video', async () => {
		const result = await dub(
			{ visualUrl: '={{ $json.video }}', targetLanguages: ['es', 'de'], options: { idempotencyKey: 'promo-42' } },
			[{ json: { video: 'https://media.example.com/a.mp4' } }, { json: { video: 'https://media.example.com/b.mp4' } }],
		);
		expect(result.error?.message).toBe(
			'Idempotency Key is "promo-42-es" (dubbing into es), the key item 0 sends with a different request (input); Sync Labs refuses a key reused with another request, after item 0\'s generation is made (item 1)',
		);
		expect(creates()).toHaveLength(0);
	});

	it('outputs item by item, language by language, each paired to its own input', async () => {
		const result = await dub({ visualUrl: `={{ "${VIDEO}?clip=" + $json.clip }}`, targetLanguages: ['es', 'de'], output: 'raw', options: { concurrency: 4 } }, [
			{ json: { clip: 'a' } },
			{ json: { clip: 'b' } },
		]);
		expect(result.items.map((i) => [i.pairedItem, i.json.targetLanguage, (i.json.input as Array<{ url: string }>)[0].url])).toEqual([
			[{ item: 0 }, 'es', `${VIDEO}?clip=a`],
			[{ item: 0 }, 'de', `${VIDEO}?clip=a`],
			[{ item: 1 }, 'es', `${VIDEO}?clip=b`],
			[{ item: 1 }, 'de', `${VIDEO}?clip=b`],
		]);
	});

	it('sends the Source Language when one is chosen, and the lip-sync options Sync applies after dubbing', async () => {
		await dub({ targetLanguages: ['de'], sourceLanguage: 'en', options: { syncMode: 'cut_off', temperature: 0.3 } });
		expect(creates()[0].json).toEqual({
			model: 'lipsync-2',
			input: [{ type: 'video', url: VIDEO }],
			options: { sync_mode: 'cut_off', temperature: 0.3 },
			dubParams: { targetLang: 'de', sourceLang: 'en' },
		});
	});

	it('reads the languages from an expression giving text such as "es, de", each language once', async () => {
		const result = await dub({ targetLanguages: '={{ $json.languages }}' }, [{ json: { languages: 'es, de, es' } }]);
		expect(result.items.map((i) => i.json.targetLanguage)).toEqual(['es', 'de']);
	});

	it('puts every language\'s generation into the project of the Project ID option', async () => {
		const projectId = '6533643b-aceb-4c40-967e-d9ba9baac39e';
		await dub({ targetLanguages: ['es', 'de'], options: { projectId } });
		expect(creates().map((r) => (r.json as { projectId?: string }).projectId)).toEqual([projectId, projectId]);
	});

	it('dubs a video asset by its ID', async () => {
		await dub({ visualSource: 'assetId', visualAssetId: 'asset-123' });
		expect(creates()[0].json).toMatchObject({ input: [{ type: 'video', assetId: 'asset-123' }], dubParams: { targetLang: 'es' } });
	});

	it('uploads a binary video once for all its languages, then sends each create as JSON with the asset', async () => {
		const result = await dub(
			{ visualSource: 'binary', visualBinaryProperty: 'data', targetLanguages: ['es', 'de', 'fr'], options: { concurrency: 3 } },
			[{ json: {}, binary: { data: { data: TINY_MP4, fileName: 'speaker.mp4', mimeType: 'video/mp4' } } }],
		);
		expect(result.error).toBeUndefined();
		expect(emulator.requests.filter((r) => r.path === '/v2/assets/upload').length).toBe(1);
		const assetIds = creates().map((r) => {
			expect(r.headers['content-type']).toMatch(/^application\/json/);
			const { input } = r.json as { input: Array<{ type: string; assetId: string }> };
			expect(input).toEqual([{ type: 'video', assetId: expect.any(String) }]);
			return input[0].assetId;
		});
		expect(new Set(assetIds).size).toBe(1);
		expect(result.items.map((i) => i.json.targetLanguage)).toEqual(['es', 'de', 'fr']);
	});

	it('downloads each language\'s video next to its JSON', async () => {
		const result = await dub({ targetLanguages: ['es', 'de'], options: { downloadOutput: true } });
		expect(result.items.map((i) => i.binary?.data?.mimeType)).toEqual(['video/mp4', 'video/mp4']);
	});

	it('Return Immediately outputs each language\'s new generation without polling', async () => {
		// PENDING for a minute (emulator marker): each create's answer says PENDING however slow the machine is.
		const result = await dub({ targetLanguages: ['es', 'ja'], completion: 'immediately', visualUrl: `${VIDEO}?sync_pending_ms=60000` });
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.status])).toEqual([
			['es', 'PENDING'],
			['ja', 'PENDING'],
		]);
		expect(emulator.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/generate/'))).toEqual([]);
	});
});

describe('Generation → Dub: languages checked before any request', () => {
	const refused = async (parameters: INodeParameters, items?: RunnerInputItem[]) => {
		const result = await dub(parameters, items);
		expect(result.status).toBe('error');
		expect(emulator.requests).toEqual([]);
		return result.error?.message;
	};

	it('refuses an expression that gives no language (n8n itself refuses the field left empty)', async () => {
		expect(await refused({ targetLanguages: '={{ $json.languages }}' }, [{ json: { languages: [] } }])).toBe(
			'Target Languages is required: choose at least one language to dub into (item 0)',
		);
		await expect(dub({ targetLanguages: [] })).rejects.toThrow('Parameter "Target Languages" is required');
	});

	it('refuses a code outside the list while Allow Other Language Codes is off, on item 1 before item 0 is created', async () => {
		const message = await refused({ targetLanguages: '={{ $json.languages }}' }, [{ json: { languages: ['es'] } }, { json: { languages: ['es', 'tlh'] } }]);
		expect(message).toMatch(/^Target Languages has the text "tlh" among its values, which is none of .*; turn on Allow Other Language Codes to send another code \(item 1\)$/);
	});

	it('refuses a listed code written in another case, naming Sync\'s spelling', async () => {
		expect(await refused({ targetLanguages: ['es'], sourceLanguage: 'PT-br', allowOtherLanguageCodes: true })).toBe(
			'Source Language is "PT-br", which Sync Labs writes pt-BR (item 0)',
		);
	});

	it('refuses another value that is no language code, even with Allow Other Language Codes on', async () => {
		expect(await refused({ targetLanguages: '={{ ["es", "Klingon"] }}', allowOtherLanguageCodes: true })).toBe(
			'Target Languages has "Klingon" among its values, which is not a language code such as es, fil or pt-BR (item 0)',
		);
	});

	it('refuses dubbing into the Source Language', async () => {
		expect(await refused({ targetLanguages: ['es', 'en'], sourceLanguage: 'en' })).toBe(
			'Target Languages has "en", which is the Source Language: the video already speaks it (item 0)',
		);
	});

	it('refuses an Idempotency Key that leaves no room for the language', async () => {
		expect(await refused({ targetLanguages: ['pt-BR'], options: { idempotencyKey: 'k'.repeat(125) } })).toMatch(
			/^Idempotency Key is "k{40}…" \(125 characters with "-pt-BR" appended for this create\); use 1-122 letters/,
		);
	});

	it('with Allow Other Language Codes on, sends another code and Sync judges it: a code Sync refuses fails its own language only', async () => {
		const result = await dub({ targetLanguages: ['es', 'tlh', 'de'], allowOtherLanguageCodes: true }, undefined, { onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.status ?? 'error'])).toEqual([
			['es', 'COMPLETED'],
			['tlh', 'error'],
			['de', 'COMPLETED'],
		]);
		expect(result.items[1].json.error).toMatch(/dubParams\.targetLang.*\(dubbing into tlh\)$/);
		expect(created().length).toBe(2);
	});
});

describe('the language list', () => {
	it('is the table of docs/dubbing.md, each code in the row of its sureness', () => {
		const page = readFileSync(join(__dirname, '../../../docs/dubbing.md'), 'utf8');
		const table = /<!-- dub-languages:start -->\n([\s\S]*?)\n<!-- dub-languages:end -->/.exec(page)![1];
		const rows = table.split('\n').slice(2).map((row) => row.split('|').map((cell) => cell.trim()));
		const documented = rows.flatMap(([, sureness, codes]) => [...codes.matchAll(/`([^`]+)` ([^,]+)/g)].map((m) => [m[1], m[2].trim(), sureness]));
		const label = { DOCS: "Shown in Sync's dubbing docs", MCP: "Named by Sync's MCP server, not yet in its docs", ELEVENLABS: "From ElevenLabs' dubbing languages, not confirmed by Sync" };
		expect(documented).toEqual(DUB_LANGUAGES.map((l) => [l.code, l.name, label[l.sureness]]));
	});

	it('is the emulator\'s list, with the same sureness for each code (docs/sync-api-2026.md#dub-languages)', () => {
		expect(DUB_LANGUAGES.map((l) => [l.code, l.name, l.sureness])).toEqual(EMULATOR_LANGUAGES.map((l) => [l.code, l.name, l.sureness]));
	});
});

describe('examples/dub-into-languages.json', () => {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../../../examples/dub-into-languages.json'), 'utf8')) as {
		nodes: Array<{ name: string; typeVersion: number; parameters: INodeParameters }>;
	};
	const node = (name: string) => workflow.nodes.find((n) => n.name === name)!;

	it('its Dub node, given what its Set node outputs, gives one downloaded video per language, each named for its language', async () => {
		const dubNode = node('Dub video');
		const result = await runNode({
			parameters: { ...dubNode.parameters, options: { ...(dubNode.parameters.options as INodeParameters), ...FAST_POLL } },
			items: [{ json: { videoUrl: 'https://assets.sync.so/docs/example-video.mp4', languages: ['es', 'de', 'fr'] } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			typeVersion: dubNode.typeVersion,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.status, i.binary?.data?.mimeType, i.pairedItem])).toEqual([
			['es', 'COMPLETED', 'video/mp4', { item: 0 }],
			['de', 'COMPLETED', 'video/mp4', { item: 0 }],
			['fr', 'COMPLETED', 'video/mp4', { item: 0 }],
		]);
		expect(creates().map((r) => (r.json as { outputFileName: string }).outputFileName).sort()).toEqual(['example-video-de', 'example-video-es', 'example-video-fr']);
	});

	it('its Set node gives the languages the Dub node reads: the list es, de, fr', () => {
		const assignments = (node('Video and languages').parameters.assignments as { assignments: Array<{ name: string; value: string; type: string }> }).assignments;
		expect(assignments.find((a) => a.name === 'languages')).toMatchObject({ type: 'array', value: "={{ ['es', 'de', 'fr'] }}" });
		expect(node('Dub video').parameters.targetLanguages).toBe('={{ $json.languages }}');
	});
});

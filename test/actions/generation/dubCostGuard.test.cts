// The cost guard (docs/cost-guard.md#for-a-dub) on Generation → Dub, in real n8n executions against the emulator:
// one guard item per input item with one create per language, the lip-sync part of each language priced by Sync's
// estimator and the dubbing part never (so a dub is refused while a cap is set unless Allow Unestimated Items is
// on), refusals naming the item, its languages, the estimate and the cap before any create, estimatedCostUsd on
// each language's item. The emulator prices lipsync-2 at $0.05 per second of video (`sync_duration_s=N`).
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_MP4, type Emulator } from '../../emulator/index.cjs';
import { requestFromDelivery, resumeWaitingRun, runNode, type RunNodeOptions, type RunnerInputItem } from '../../runner/index.cjs';
import { COST_LEDGER_KEY } from '../../../nodes/SyncLabs/actions/common/costLedger';

const API_KEY = 'key-dub-cost-guard';
const SECRET = 'whsec_dub_cost_guard_secret';
const DUBBING_PART = 'Sync has no estimate for the dubbing part';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 0, processingMs: 0, webhookSecret: SECRET });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const estimates = () => emulator.requests.filter((r) => r.path === '/v2/analyze/cost');
const creates = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate');

/** One item per video length, dubbed into each item's `languages`. */
function itemsOf(...dubs: Array<[seconds: number, languages: string]>): RunnerInputItem[] {
	return dubs.map(([seconds, languages]) => ({ json: { seconds, languages } }));
}

function dub(options: INodeParameters, items: RunnerInputItem[], extra: Partial<RunNodeOptions> = {}, parameters: INodeParameters = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'dub',
			model: 'lipsync-2',
			visualSource: 'url',
			visualUrl: '={{ "https://media.example.com/speaker.mp4?sync_duration_s=" + $json.seconds }}',
			targetLanguages: '={{ $json.languages }}',
			completion: 'immediately',
			...parameters,
			options: { concurrency: 1, ...options },
		},
		items,
		credentials: { apiKey: API_KEY, baseUrl: emulator.url, signingSecret: SECRET },
		...extra,
	});
}

const ledgerOf = (result: { run: { data: { resultData: { metadata?: Record<string, string> } } } }) => {
	const raw = result.run.data.resultData.metadata?.[COST_LEDGER_KEY];
	return raw === undefined ? undefined : (JSON.parse(raw) as { admittedUsd: string; lastRunUsd: string });
};

describe('Generation → Dub with a cap and Allow Unestimated Items on', () => {
	const open = { allowUnestimatedItems: true };

	it('estimates each language\'s lip-sync part before the first create and puts it on that language\'s item, with the dubbing part named as unestimated', async () => {
		const result = await dub({ ...open, maxCostPerItemUsd: 1 }, itemsOf([2, 'es, de']), {}, { output: 'raw' });
		expect(result.status).toBe('success');
		expect(emulator.requests.map((r) => `${r.method} ${r.path}`).filter((p) => p.startsWith('POST'))).toEqual([
			'POST /v2/analyze/cost',
			'POST /v2/analyze/cost',
			'POST /v2/generate',
			'POST /v2/generate',
		]);
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.estimatedCostUsd, i.json.unestimatedCost])).toEqual([
			['es', 0.1, [DUBBING_PART]],
			['de', 0.1, [DUBBING_PART]],
		]);
	});

	it('caps an item\'s languages together: the item above Max Cost per Item is refused, naming it, its languages, the estimate and the cap, and the others are created', async () => {
		const result = await dub({ ...open, maxCostPerItemUsd: 0.5 }, itemsOf([2, 'es'], [6, 'es, de'], [3, 'fr']), { continueOnFail: true });
		expect(result.items.map((i) => i.json.error ?? [i.json.targetLanguage, i.json.estimatedCostUsd])).toEqual([
			['es', 0.1],
			'Item 1 (dubbing into es, de) is estimated by Sync at $0.60, above Max Cost per Item ($0.50), so it was not created',
			['fr', 0.15],
		]);
		expect(creates().map((r) => (r.json as { dubParams: { targetLang: string } }).dubParams.targetLang)).toEqual(['es', 'fr']);
		expect(emulator.counters.generationsCreated).toBe(2);
	});

	it('admits items in index order until the next would pass Max Cost per Execution; that one and the later ones are refused before any create', async () => {
		const result = await dub({ ...open, maxCostPerExecutionUsd: 0.35 }, itemsOf([2, 'es, de'], [4, 'fr'], [1, 'ja']), { continueOnFail: true });
		expect(result.items.map((i) => i.json.error ?? [i.json.targetLanguage, i.json.estimatedCostUsd])).toEqual([
			['es', 0.1],
			['de', 0.1],
			"Item 1 (dubbing into fr) is estimated by Sync at $0.20, which would bring this execution's estimated cost from $0.20 to $0.40, above Max Cost per Execution ($0.35), so it was not created",
			"Item 2 (dubbing into ja) (estimated by Sync at $0.05) was not created: Item 1 (dubbing into fr) before it would already have brought this execution's estimated cost above Max Cost per Execution ($0.35), and items are admitted in order",
		]);
		expect(creates()).toHaveLength(2);
		expect(ledgerOf(result)).toEqual({ admittedUsd: '0.200000', lastRunUsd: '0.200000' });
	});

	it('with Stop Workflow creates no language of any item when one item is above the cap', async () => {
		const result = await dub({ ...open, maxCostPerItemUsd: 0.5 }, itemsOf([2, 'es'], [6, 'es, de']));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Item 1 (dubbing into es, de) is estimated by Sync at $0.60, above Max Cost per Item ($0.50), so it was not created');
		expect(result.error?.itemIndex).toBe(1);
		expect(creates()).toEqual([]);
	});

	it('does not estimate a binary video, which Sync only sees once uploaded: it is created with both reasons on its items', async () => {
		const binary: RunnerInputItem = { json: { languages: 'es' }, binary: { data: { data: TINY_MP4, fileName: 'clip.mp4', mimeType: 'video/mp4' } } };
		const result = await dub({ ...open, maxCostPerItemUsd: 1 }, [binary], {}, { visualSource: 'binary', visualBinaryProperty: 'data', output: 'raw' });
		expect(estimates()).toHaveLength(0);
		expect(result.items.map((i) => [i.json.estimatedCostUsd, i.json.unestimatedCost])).toEqual([
			[0, [expect.stringMatching(/^its input is a binary file/), DUBBING_PART]],
		]);
		expect(emulator.counters.generationsCreated).toBe(1);
	});
});

describe('Generation → Dub with a cap and Allow Unestimated Items off', () => {
	it('refuses the dub before any estimate or create, in a sentence saying the dubbing part cannot be estimated', async () => {
		const result = await dub({ maxCostPerItemUsd: 5 }, itemsOf([2, 'es, de']));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`Item 0 (dubbing into es, de) was not created while Max Cost per Item ($5.00) is set: it could not be estimated (${DUBBING_PART}); turn on Allow Unestimated Items to create it anyway`,
		);
		expect(estimates()).toHaveLength(0);
		expect(creates()).toHaveLength(0);
		expect(ledgerOf(result)).toBeUndefined();
	});
});

describe('Generation → Dub without a cap', () => {
	it('asks for no estimate, adds no estimatedCostUsd and leaves the execution custom data alone', async () => {
		const result = await dub({}, itemsOf([2, 'es, de']));
		expect(result.status).toBe('success');
		expect(estimates()).toHaveLength(0);
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.estimatedCostUsd])).toEqual([
			['es', undefined],
			['de', undefined],
		]);
		expect(ledgerOf(result)).toBeUndefined();
	});
});

describe('Generation → Dub with Wait for Webhook and a cap', () => {
	it('keeps the estimate across the pause: the resumed item carries it and its language', async () => {
		emulator.config.processingMs = 300;
		const waiting = await dub({ maxCostPerItemUsd: 1, allowUnestimatedItems: true }, itemsOf([4, 'es']), {}, { completion: 'webhook' });
		emulator.config.processingMs = 0;
		expect(waiting.status).toBe('waiting');
		expect(ledgerOf(waiting)).toEqual({ admittedUsd: '0.200000', lastRunUsd: '0.200000' });
		const [delivery] = await emulator.waitForWebhooks(1);
		const resumed = await resumeWaitingRun(waiting, requestFromDelivery(delivery));
		expect(resumed.resumed?.items.map((i) => [i.json.status, i.json.targetLanguage, i.json.estimatedCostUsd])).toEqual([['COMPLETED', 'es', 0.2]]);
	});
});

// Whether Sync's legacy estimate of a create with dubParams includes the dubbing part is unknown
// (docs/cost-guard.md#for-a-dub). Its answer has the same fields either way, so the node cannot tell: it counts what
// Sync answered and still names the dubbing part as unestimated.
describe('Generation → Dub when Sync\'s estimate includes the dubbing part (analyzeCostIncludesDubbing)', () => {
	afterEach(() => {
		emulator.config.analyzeCostIncludesDubbing = false;
	});

	const estimated = () => estimates().map((r) => (r.response as Array<{ estimatedGenerationCost: number }>)[0].estimatedGenerationCost);

	it('admits an item at Sync\'s lip-sync-only estimate when the estimate leaves dubbing out (the default)', async () => {
		const result = await dub({ allowUnestimatedItems: true, maxCostPerItemUsd: 0.3 }, itemsOf([2, 'es, de']), { continueOnFail: true });
		expect(estimated()).toEqual([0.1, 0.1]);
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.estimatedCostUsd])).toEqual([
			['es', 0.1],
			['de', 0.1],
		]);
		expect(emulator.counters.generationsCreated).toBe(2);
	});

	it('refuses the same item by Sync\'s higher estimate when it includes the dubbing part: the guard counts what Sync answered', async () => {
		emulator.config.analyzeCostIncludesDubbing = true;
		const result = await dub({ allowUnestimatedItems: true, maxCostPerItemUsd: 0.3 }, itemsOf([2, 'es, de']), { continueOnFail: true });
		expect(estimated()).toEqual([0.16, 0.16]);
		expect(result.items.map((i) => i.json.error)).toEqual(['Item 0 (dubbing into es, de) is estimated by Sync at $0.32, above Max Cost per Item ($0.30), so it was not created']);
		expect(creates()).toEqual([]);
	});

	it('still names the dubbing part as unestimated on items admitted by an estimate that includes it, since the answer does not say what it covers', async () => {
		emulator.config.analyzeCostIncludesDubbing = true;
		const result = await dub({ allowUnestimatedItems: true, maxCostPerItemUsd: 1 }, itemsOf([2, 'es']), {}, { output: 'raw' });
		expect(result.items.map((i) => [i.json.targetLanguage, i.json.estimatedCostUsd, i.json.unestimatedCost])).toEqual([['es', 0.16, [DUBBING_PART]]]);
	});
});

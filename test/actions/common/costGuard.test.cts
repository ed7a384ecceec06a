// The cost guard (nodes/SyncLabs/actions/common/costGuard.ts, docs/cost-guard.md) on Generation → Create and
// Batch → Create, in real n8n executions against the emulator: Sync's estimate of each capped item before the
// first create, admission in index order, refusals that name the item, the estimate and the cap, fail-closed
// refusal of what cannot be estimated, the running total in execution custom data across Loop Over Items runs
// and a Wait for Webhook resume, and estimatedCostUsd on what was created. The emulator prices lipsync-2 at
// $0.05 per second, so a video of N seconds (`sync_duration_s=N`) is estimated at N × $0.05.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_MP4, type Emulator } from '../../emulator/index.cjs';
import { requestFromDelivery, resumeWaitingRun, runNode, type RunNodeOptions, type RunnerInputItem } from '../../runner/index.cjs';
import { COST_LEDGER_KEY } from '../../../nodes/SyncLabs/actions/common/costLedger';

const API_KEY = 'key-cost-guard';
const SECRET = 'whsec_cost_guard_secret';
const AUDIO = 'https://media.example.com/voice.wav';
const video = (seconds: number, extra = '') => `https://media.example.com/speaker.mp4?sync_duration_s=${seconds}${extra}`;

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 0, processingMs: 0, webhookSecret: SECRET });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const paths = () => emulator.requests.map((r) => `${r.method} ${r.path}`);
const estimates = () => emulator.requests.filter((r) => r.path === '/v2/analyze/cost');

/** One item per video length; the Visual URL follows the item's `seconds` (and `marker`). */
function itemsOf(...seconds: number[]): RunnerInputItem[] {
	return seconds.map((s) => ({ json: { seconds: s } }));
}

function create(options: INodeParameters, items: RunnerInputItem[], extra: Partial<RunNodeOptions> = {}, parameters: INodeParameters = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualUrl: '={{ "https://media.example.com/speaker.mp4?sync_duration_s=" + $json.seconds + ($json.marker ?? "") }}',
			audioUrl: AUDIO,
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

describe('Max Cost per Item', () => {
	it('asks Sync for every capped item\'s estimate before the first create, and creates the items within the cap, each with its estimatedCostUsd', async () => {
		const result = await create({ maxCostPerItemUsd: 0.5 }, itemsOf(2, 3), { continueOnFail: true });
		expect(result.status).toBe('success');
		expect(paths()).toEqual(['POST /v2/analyze/cost', 'POST /v2/analyze/cost', 'POST /v2/generate', 'POST /v2/generate']);
		expect(result.items.map((i) => i.json.estimatedCostUsd)).toEqual([0.1, 0.15]);
		expect(emulator.counters.generationsCreated).toBe(2);
	});

	it('with a continue mode refuses the item above the cap in one sentence naming it, its estimate and the cap, and creates the others', async () => {
		const result = await create({ maxCostPerItemUsd: 0.5 }, itemsOf(2, 20, 3), { continueOnFail: true });
		expect(result.items.map((i) => i.json.error ?? i.json.estimatedCostUsd)).toEqual([
			0.1,
			'Item 1 is estimated by Sync at $1.00, above Max Cost per Item ($0.50), so it was not created',
			0.15,
		]);
		expect(emulator.counters.generationsCreated).toBe(2);
	});

	it('with Stop Workflow creates nothing when one item is above the cap, and names that item', async () => {
		const result = await create({ maxCostPerItemUsd: 0.5 }, itemsOf(2, 20, 3));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Item 1 is estimated by Sync at $1.00, above Max Cost per Item ($0.50), so it was not created');
		expect(result.error?.itemIndex).toBe(1);
		expect(paths().filter((p) => p === 'POST /v2/generate')).toEqual([]);
		expect(emulator.counters.generationsCreated).toBe(0);
	});

	it('with the error output, sends the refused item there with its item index and everything else to the success output', async () => {
		const result = await create({ maxCostPerItemUsd: 0.5 }, itemsOf(20, 3), { onError: 'continueErrorOutput' });
		expect(result.errorItems.map((i) => [i.json.message, (i.json.error as { itemIndex: number }).itemIndex])).toEqual([
			['Item 0 is estimated by Sync at $1.00, above Max Cost per Item ($0.50), so it was not created', 0],
		]);
		expect(result.items.map((i) => i.json.estimatedCostUsd)).toEqual([0.15]);
	});

	it('leaves an item exactly at the cap admitted', async () => {
		const result = await create({ maxCostPerItemUsd: 0.25 }, itemsOf(5));
		expect(result.items.map((i) => i.json.estimatedCostUsd)).toEqual([0.25]);
	});
});

describe('Max Cost per Execution', () => {
	it('admits items in index order until the next would pass the cap; that one and every later one are refused', async () => {
		const result = await create({ maxCostPerExecutionUsd: 0.3 }, itemsOf(2, 3, 2, 0.2), { continueOnFail: true });
		expect(result.items.map((i) => i.json.error ?? i.json.estimatedCostUsd)).toEqual([
			0.1,
			0.15,
			"Item 2 is estimated by Sync at $0.10, which would bring this execution's estimated cost from $0.25 to $0.35, above Max Cost per Execution ($0.30), so it was not created",
			"Item 3 (estimated by Sync at $0.01) was not created: Item 2 before it would already have brought this execution's estimated cost above Max Cost per Execution ($0.30), and items are admitted in order",
		]);
		expect(emulator.counters.generationsCreated).toBe(2);
		expect(ledgerOf(result)).toEqual({ admittedUsd: '0.250000', lastRunUsd: '0.250000' });
	});

	it('counts every Loop Over Items run of the execution: a later run is refused once the earlier runs\' estimates reach the cap', async () => {
		const result = await create({ maxCostPerExecutionUsd: 0.25 }, itemsOf(2, 2, 2, 1), { continueOnFail: true, loopBatchSize: 1 });
		expect(result.runs.map((run) => run.map((i) => i.json.error ?? i.json.estimatedCostUsd))).toEqual([
			[0.1],
			[0.1],
			["Item 0 is estimated by Sync at $0.10, which would bring this execution's estimated cost from $0.20 to $0.30, above Max Cost per Execution ($0.25), so it was not created"],
			[0.05],
		]);
		expect(emulator.counters.generationsCreated).toBe(3);
		expect(ledgerOf(result)).toEqual({ admittedUsd: '0.250000', lastRunUsd: '0.050000' });
	});

	it('with Stop Workflow stops the loop at the run that would pass the cap, before its create', async () => {
		const result = await create({ maxCostPerExecutionUsd: 0.25 }, itemsOf(2, 2, 2), { loopBatchSize: 1 });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Item 0 is estimated by Sync at \$0\.10, which would bring this execution's estimated cost from \$0\.20 to \$0\.30/);
		expect(emulator.counters.generationsCreated).toBe(2);
	});

	it('keeps the running total across a Wait for Webhook pause and resume, and the resumed item carries its estimate', async () => {
		// Still running when the node checks its status after the create, so the execution pauses.
		emulator.config.processingMs = 300;
		const waiting = await create({ maxCostPerExecutionUsd: 1, maxCostPerItemUsd: 1 }, itemsOf(4), {}, { completion: 'webhook' });
		emulator.config.processingMs = 0;
		expect(waiting.status).toBe('waiting');
		expect(ledgerOf(waiting)).toEqual({ admittedUsd: '0.200000', lastRunUsd: '0.200000' });
		const [delivery] = await emulator.waitForWebhooks(1);
		const resumed = await resumeWaitingRun(waiting, requestFromDelivery(delivery));
		expect(resumed.resumed?.status).toBe('success');
		expect(resumed.resumed?.items.map((i) => [i.json.status, i.json.estimatedCostUsd])).toEqual([['COMPLETED', 0.2]]);
		expect(ledgerOf(resumed.resumed!)).toEqual({ admittedUsd: '0.200000', lastRunUsd: '0.200000' });
	});
});

describe('what cannot be estimated', () => {
	const binary: RunnerInputItem = { json: { seconds: 1, source: 'binary' }, binary: { data: { data: TINY_MP4, fileName: 'clip.mp4', mimeType: 'video/mp4' } } };
	const fromBinary = { visualSource: '={{ $json.source ?? "url" }}', visualBinaryProperty: 'data', visualAssetId: 'unused' };

	it('a binary input is refused while a cap is set, without an estimate request, naming why', async () => {
		const result = await create({ maxCostPerItemUsd: 1 }, [binary, ...itemsOf(2)], { continueOnFail: true }, fromBinary);
		expect(result.items[0].json.error).toBe(
			'Item 0 was not created while Max Cost per Item ($1.00) is set: it could not be estimated (its input is a binary file, which Sync only sees once the item is created); turn on Allow Unestimated Items to create it anyway',
		);
		expect(estimates()).toHaveLength(1);
		expect(emulator.counters.generationsCreated).toBe(1);
	});

	it('with Allow Unestimated Items, a binary input is created, its estimate 0 and the reason it has none on the item', async () => {
		const result = await create({ maxCostPerItemUsd: 1, allowUnestimatedItems: true }, [binary], {}, fromBinary);
		expect(result.items.map((i) => [i.json.estimatedCostUsd, i.json.unestimatedCost])).toEqual([[0, [expect.stringMatching(/^its input is a binary file/)]]]);
		expect(emulator.counters.generationsCreated).toBe(1);
	});

	it('an estimate Sync refuses (422 cost_estimate_unavailable) or that fails is refused while a cap is set, and admitted with Allow Unestimated Items', async () => {
		const items = [{ json: { seconds: 2, marker: '&sync_estimate=unavailable' } }, { json: { seconds: 2, marker: '&sync_estimate=failed' } }];
		const closed = await create({ maxCostPerExecutionUsd: 10 }, items, { continueOnFail: true });
		expect(closed.items.map((i) => i.json.error)).toEqual([
			'Item 0 was not created while Max Cost per Execution ($10.00) is set: it could not be estimated (Sync answered 422 cost_estimate_unavailable); turn on Allow Unestimated Items to create it anyway',
			'Item 1 was not created while Max Cost per Execution ($10.00) is set: it could not be estimated (the estimate request failed with "Sync Labs: The video input could not be fetched. [generation_input_video_inaccessible]"); turn on Allow Unestimated Items to create it anyway',
		]);
		expect(emulator.counters.generationsCreated).toBe(0);
		emulator.reset();
		const open = await create({ maxCostPerExecutionUsd: 10, allowUnestimatedItems: true }, items);
		expect(open.items.map((i) => i.json.estimatedCostUsd)).toEqual([0, 0]);
		expect(emulator.counters.generationsCreated).toBe(2);
	});
});

describe('without a cap', () => {
	it('asks for no estimate, adds no estimatedCostUsd and leaves the execution custom data alone', async () => {
		const result = await create({}, itemsOf(2, 3));
		expect(estimates()).toHaveLength(0);
		expect(result.items.map((i) => i.json.estimatedCostUsd)).toEqual([undefined, undefined]);
		expect(ledgerOf(result)).toBeUndefined();
	});
});

describe('Batch → Create', () => {
	const row = (i: number, seconds: number) => ({
		json: {
			request_id: `r${i}`,
			payload: { model: 'lipsync-2', input: [{ type: 'video', url: video(seconds, `&row=${i}`) }, { type: 'audio', url: AUDIO }] },
		},
	});
	const batch = (options: INodeParameters, items: RunnerInputItem[], extra: Partial<RunNodeOptions> = {}) =>
		runNode({
			parameters: { resource: 'batch', operation: 'create', source: 'rows', requestId: '={{ $json.request_id }}', payload: '={{ $json.payload }}', options },
			items,
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			...extra,
		});

	beforeEach(() => {
		emulator.config.plan = 'scale';
	});

	it('creates the batch with the sum of its rows\' estimates when every row is within the caps', async () => {
		const rows = Array.from({ length: 20 }, (_, i) => row(i, 1));
		const result = await batch({ maxCostPerItemUsd: 0.05, maxCostPerExecutionUsd: 1 }, rows);
		expect(result.status).toBe('success');
		expect(estimates()).toHaveLength(20);
		expect(result.items.map((i) => i.json.estimatedCostUsd)).toEqual([1]);
		expect(emulator.counters.batchesCreated).toBe(1);
	});

	it('refuses the whole batch, never dropping a row, when one row is above the per-item cap, naming the row', async () => {
		const rows = Array.from({ length: 20 }, (_, i) => row(i, i === 7 ? 3 : 1));
		const result = await batch({ maxCostPerItemUsd: 0.1 }, rows, { continueOnFail: true });
		expect(result.items.map((i) => i.json.error)).toEqual([
			'Row 8 (item 7) is estimated by Sync at $0.15, above Max Cost per Item ($0.10), so it was not created; the batch of 20 rows was not created either (a batch is created whole or not at all)',
		]);
		expect(emulator.counters.batchesCreated).toBe(0);
	});

	it('refuses the whole batch when its rows together would pass the execution cap', async () => {
		const rows = Array.from({ length: 20 }, (_, i) => row(i, 1));
		const result = await batch({ maxCostPerExecutionUsd: 0.99 }, rows);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Row 20 \(item 19\) is estimated by Sync at \$0\.05, which would bring this execution's estimated cost from \$0\.95 to \$1\.00, above Max Cost per Execution \(\$0\.99\)/);
		expect(emulator.counters.batchesCreated).toBe(0);
	});

	it('estimates nothing for a dry run, which creates nothing', async () => {
		const rows = Array.from({ length: 20 }, (_, i) => row(i, 1));
		const result = await batch({ maxCostPerItemUsd: 0.01, dryRun: true }, rows);
		expect(result.items.map((i) => i.json)).toEqual([{ status: 'VALIDATED' }]);
		expect(estimates()).toHaveLength(0);
	});

	it('caps each JSONL file as one batch: the file that would pass the execution cap is refused, the one before it created', async () => {
		const jsonl = (seconds: number) =>
			Buffer.from(Array.from({ length: 20 }, (_, i) => JSON.stringify({ endpoint: '/v2/generate', ...row(i, seconds).json })).join('\n'));
		const file = (seconds: number): RunnerInputItem => ({ json: {}, binary: { data: { data: jsonl(seconds), fileName: 'rows.jsonl', mimeType: 'application/jsonl' } } });
		const result = await runNode({
			parameters: { resource: 'batch', operation: 'create', source: 'binary', binaryPropertyName: 'data', options: { maxCostPerExecutionUsd: 1.5 } },
			items: [file(1), file(1)],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.json.error ?? i.json.estimatedCostUsd)).toEqual([
			1,
			"Item 1 is estimated by Sync at $1.00, which would bring this execution's estimated cost from $1.00 to $2.00, above Max Cost per Execution ($1.50), so it was not created",
		]);
		expect(emulator.counters.batchesCreated).toBe(1);
	});
});

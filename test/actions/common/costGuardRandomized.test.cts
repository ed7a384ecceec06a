// The cost guard under random work, several seeds, against the emulator: models, video and audio lengths, sync
// modes, item counts, Loop Over Items batch sizes, caps, binary inputs and estimates Sync refuses (422) or that
// fail, in every On Error mode the guard distinguishes. Whatever the draw:
// - the admitted estimates never pass a cap: each admitted item is within Max Cost per Item, and what the guard
//   admitted over the whole execution (every loop run) is within Max Cost per Execution;
// - an item is refused only for a reason that holds: its estimate above Max Cost per Item, the execution's total
//   with it above Max Cost per Execution (or an earlier item of its run already so), or no estimate (a binary
//   input, a refused or failed estimate) while Allow Unestimated Items is off;
// - every other item is created, and carries the estimate Sync gave for it.
// It also measures what the emulator bills (the actual output length: docs/sync-api-2026.md#billing-in-the-emulator)
// against what it estimated, and prints the ratio (docs/cost-guard.md quotes it):
//   npx jest test/actions/common/costGuardRandomized.test.cts
import { PRICE_PER_SECOND, startEmulator, TINY_MP4, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunnerInputItem } from '../../runner/index.cjs';
import { COST_LEDGER_KEY } from '../../../nodes/SyncLabs/actions/common/costLedger';
import { microsFromDecimal, microsFromNumber } from '../../../nodes/SyncLabs/money/microDollars';

const API_KEY = 'key-cost-guard-random';
const SEEDS = [1, 2, 3, 4, 5, 6];
const RUNS_PER_SEED = 8;
const MODELS = Object.keys(PRICE_PER_SECOND);
const SYNC_MODES = ['loop', 'bounce', 'cut_off', 'silence', 'remap'];

/** mulberry32: a small seeded generator, so a failing draw can be run again from its seed. */
function generator(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T,>(values: readonly T[]) => values[Math.floor(next() * values.length)],
		chance: (p: number) => next() < p,
		/** A USD amount with two decimals in [min, max]. */
		usd: (min: number, max: number) => Math.round((min + next() * (max - min)) * 100) / 100,
	};
}

type Unestimable = 'binary' | 'unavailable' | 'failed' | undefined;

interface DrawnItem {
	model: string;
	videoS: number;
	audioS: number;
	syncMode: string;
	unestimable: Unestimable;
}

interface Draw {
	items: DrawnItem[];
	perItemUsd?: number;
	perExecutionUsd?: number;
	allowUnestimated: boolean;
	stopWorkflow: boolean;
	loopBatchSize?: number;
}

function draw(g: ReturnType<typeof generator>): Draw {
	const items = Array.from({ length: g.int(1, 10) }, (): DrawnItem => {
		const videoS = g.int(5, 400) / 10;
		const roll = g.next();
		return {
			model: g.pick(MODELS),
			videoS,
			audioS: g.chance(0.5) ? videoS : Math.round(videoS * (0.6 + g.next() * 0.8) * 10) / 10 || 0.1,
			syncMode: g.pick(SYNC_MODES),
			unestimable: roll < 0.08 ? 'binary' : roll < 0.16 ? 'unavailable' : roll < 0.22 ? 'failed' : undefined,
		};
	});
	const caps = g.int(0, 3); // 0: per item, 1: per execution, 2: both, 3: both
	return {
		items,
		perItemUsd: caps !== 1 ? g.usd(0.1, 4) : undefined,
		perExecutionUsd: caps !== 0 ? g.usd(0.3, 12) : undefined,
		allowUnestimated: g.chance(0.4),
		stopWorkflow: g.chance(0.25),
		loopBatchSize: g.pick([undefined, undefined, 1, 3]),
	};
}

/** The emulator's legacy estimate of a video of `videoS` seconds (routes/generations.cts analyzeCost), in micro-dollars. */
function syncEstimate(model: string, videoS: number): number {
	const frames = Math.ceil(videoS * 25);
	return microsFromNumber(Math.round((PRICE_PER_SECOND[model] / 25) * frames * 1e6) / 1e6, 'up')!;
}

type Outcome = { created: number } | { refused: 'perItemCap' | 'executionCap' | 'unestimated' };

/** What each message of a refusal says it is; anything else is no refusal of the guard. */
function reasonOf(message: string): 'perItemCap' | 'executionCap' | 'unestimated' | undefined {
	if (/^Item \d+ is estimated by Sync at \$[\d.]+, above Max Cost per Item \(\$[\d.]+\), so it was not created$/.test(message)) return 'perItemCap';
	if (/^Item \d+ is estimated by Sync at \$[\d.]+, which would bring this execution's estimated cost from \$[\d.]+ to \$[\d.]+, above Max Cost per Execution \(\$[\d.]+\), so it was not created$/.test(message)) return 'executionCap';
	if (/^Item \d+ \(estimated by Sync at \$[\d.]+\) was not created: Item \d+ before it would already have brought this execution's estimated cost above Max Cost per Execution \(\$[\d.]+\), and items are admitted in order$/.test(message)) return 'executionCap';
	if (/^Item \d+ was not created while Max Cost per (Item|Execution) \(\$[\d.]+\)( and Max Cost per Execution \(\$[\d.]+\))? is set: it could not be estimated \(.+\); turn on Allow Unestimated Items to create it anyway$/.test(message)) return 'unestimated';
	return undefined;
}

let emulator: Emulator;
const measured = { estimatedMicros: 0, billedMicros: 0, generations: 0, lowest: Infinity, highest: 0 };
const bySeed: string[] = [];
/** What the draws exercised, so a change of generator cannot quietly leave a reason or mode untested. */
const seen = new Set<string>();

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 0, processingMs: 0, plan: 'scale' });
});
afterAll(async () => {
	await emulator.stop();
	const ratio = measured.billedMicros / measured.estimatedMicros;
	process.stdout.write(
		`\nCost guard, randomized (seeds ${SEEDS.join(', ')}): the emulator billed / estimated over ${measured.generations} generations = ${ratio.toFixed(4)}` +
			` (per generation ${measured.lowest.toFixed(3)} to ${measured.highest.toFixed(3)})\n${bySeed.join('\n')}\n`,
	);
});

function inputsOf(d: Draw): RunnerInputItem[] {
	return d.items.map((item, n) => {
		const markers = `sync_duration_s=${item.videoS}&sync_audio_duration_s=${item.audioS}${item.unestimable === 'unavailable' || item.unestimable === 'failed' ? `&sync_estimate=${item.unestimable}` : ''}&n=${n}`;
		const json = { model: item.model, syncMode: item.syncMode, source: item.unestimable === 'binary' ? 'binary' : 'url', url: `https://media.example.com/speaker.mp4?${markers}` };
		return item.unestimable === 'binary' ? { json, binary: { data: { data: TINY_MP4, fileName: `clip-${n}.mp4`, mimeType: 'video/mp4' } } } : { json };
	});
}

/**
 * What the guard must decide for each item, run by run (a loop batch is a run; an item is named by its index in
 * its run). An independent statement of docs/cost-guard.md's rules, used to check the node's outputs exactly.
 */
function expectedOutcomes(d: Draw): Array<Outcome[]> {
	const perItem = d.perItemUsd === undefined ? undefined : microsFromDecimal(String(d.perItemUsd))!;
	const perExecution = d.perExecutionUsd === undefined ? undefined : microsFromDecimal(String(d.perExecutionUsd))!;
	const size = d.loopBatchSize ?? d.items.length;
	const runs: Array<Outcome[]> = [];
	let total = 0;
	for (let start = 0; start < d.items.length; start += size) {
		let closed = false;
		const run: Outcome[] = [];
		for (const item of d.items.slice(start, start + size)) {
			if (item.unestimable && !d.allowUnestimated) {
				run.push({ refused: 'unestimated' });
				continue;
			}
			const estimate = item.unestimable ? 0 : syncEstimate(item.model, item.videoS);
			if (perItem !== undefined && estimate > perItem) run.push({ refused: 'perItemCap' });
			else if (perExecution !== undefined && (closed || total + estimate > perExecution)) {
				closed = true;
				run.push({ refused: 'executionCap' });
			} else {
				total += estimate;
				run.push({ created: estimate });
			}
		}
		runs.push(run);
		// Stop Workflow: the first refusal stops the node before that run creates anything, and the execution ends.
		if (d.stopWorkflow && run.some((o) => 'refused' in o)) break;
	}
	return runs;
}

async function billedMicros(id: string): Promise<number> {
	const response = await fetch(`${emulator.url}/v2/generate/${id}/costs`, { headers: { 'x-api-key': API_KEY } });
	const cost = (await response.json()) as { totalCostUsd: string | null; availability: string };
	if (cost.totalCostUsd === null) throw new Error(`generation ${id}: cost ${cost.availability}`);
	return microsFromDecimal(cost.totalCostUsd)!;
}

describe.each(SEEDS)('the cost guard under random work (seed %i)', (seed) => {
	it(`never lets the admitted estimates pass a cap, refuses only for a reason that holds, and creates the rest (${RUNS_PER_SEED} draws)`, async () => {
		const g = generator(seed);
		emulator.config.billingSeed = seed;
		const seedMeasure = { estimated: 0, billed: 0 };
		for (let drawn = 0; drawn < RUNS_PER_SEED; drawn++) {
			emulator.reset();
			const d = draw(g);
			const where = `seed ${seed}, draw ${drawn}: ${JSON.stringify(d)}`;
			const result = await runNode({
				parameters: {
					resource: 'generation',
					operation: 'create',
					model: '={{ $json.model }}',
					visualSource: '={{ $json.source }}',
					visualUrl: '={{ $json.url }}',
					visualBinaryProperty: 'data',
					visualAssetId: 'unused',
					audioUrl: 'https://media.example.com/voice.wav',
					completion: 'immediately',
					options: {
						syncMode: '={{ $json.syncMode }}',
						allowUnestimatedItems: d.allowUnestimated,
						...(d.perItemUsd !== undefined ? { maxCostPerItemUsd: d.perItemUsd } : {}),
						...(d.perExecutionUsd !== undefined ? { maxCostPerExecutionUsd: d.perExecutionUsd } : {}),
					},
				},
				items: inputsOf(d),
				credentials: { apiKey: API_KEY, baseUrl: emulator.url },
				continueOnFail: !d.stopWorkflow,
				...(d.loopBatchSize !== undefined ? { loopBatchSize: d.loopBatchSize } : {}),
			});
			const expected = expectedOutcomes(d);
			const stopped = d.stopWorkflow && expected.some((run) => run.some((o) => 'refused' in o));

			// What the node did, run by run: each output item created (its estimate) or refused (its reason).
			const done: Array<Outcome[]> = result.runs.map((run) =>
				run.map((item): Outcome => {
					if (typeof item.json.error === 'string') {
						const reason = reasonOf(item.json.error);
						if (!reason) throw new Error(`${where}: refused for no reason of the guard: ${item.json.error}`);
						return { refused: reason };
					}
					return { created: microsFromNumber(item.json.estimatedCostUsd as number)! };
				}),
			);
			if (stopped) {
				// The run that stopped names its first refused item and has no output: nothing of it was created
				// (the emulator's count below includes no item of it).
				const stoppedRun = expected.pop()!;
				const first = stoppedRun.findIndex((o) => 'refused' in o);
				const message = result.error?.message ?? '';
				expect({ where, status: result.status, reason: reasonOf(message), names: message.startsWith(`Item ${first} `) }).toEqual({
					where,
					status: 'error',
					reason: (stoppedRun[first] as { refused: string }).refused,
					names: true,
				});
				expect({ where, stoppedRun: done.pop() }).toEqual({ where, stoppedRun: [] });
			}
			expect({ where, done }).toEqual({ where, done: expected });

			for (const o of [...done.flat(), ...(stopped ? ['stopped'] : [])]) seen.add(typeof o === 'string' ? o : 'created' in o ? 'created' : o.refused);
			if (d.loopBatchSize !== undefined && result.runs.length > 1) seen.add('several runs');
			if (d.allowUnestimated && d.items.some((i) => i.unestimable)) seen.add('unestimated admitted');

			// The invariants, stated on what the node did and not on the model above.
			const admitted = done.flat().filter((o): o is { created: number } => 'created' in o);
			const admittedMicros = admitted.reduce((sum, o) => sum + o.created, 0);
			if (d.perItemUsd !== undefined) for (const o of admitted) expect(o.created).toBeLessThanOrEqual(microsFromDecimal(String(d.perItemUsd))!);
			if (d.perExecutionUsd !== undefined) expect(admittedMicros).toBeLessThanOrEqual(microsFromDecimal(String(d.perExecutionUsd))!);
			const ledger = result.run.data.resultData.metadata?.[COST_LEDGER_KEY];
			if (admitted.length > 0) expect(microsFromDecimal((JSON.parse(ledger!) as { admittedUsd: string }).admittedUsd)).toBe(admittedMicros);
			expect(emulator.counters.generationsCreated).toBe(admitted.length);

			// Billed against estimated, for every created generation Sync could estimate.
			const estimatedItems = result.runs.flat().filter((item) => typeof item.json.id === 'string' && item.json.unestimatedCost === undefined);
			for (const item of estimatedItems) {
				const estimated = microsFromNumber(item.json.estimatedCostUsd as number)!;
				const billed = await billedMicros(item.json.id as string);
				seedMeasure.estimated += estimated;
				seedMeasure.billed += billed;
				measured.estimatedMicros += estimated;
				measured.billedMicros += billed;
				measured.generations += 1;
				measured.lowest = Math.min(measured.lowest, billed / estimated);
				measured.highest = Math.max(measured.highest, billed / estimated);
			}
		}
		bySeed.push(`  seed ${seed}: billed / estimated ${(seedMeasure.billed / seedMeasure.estimated).toFixed(4)}`);
	}, 120_000);
});

it('the draws above created items, refused for every reason, stopped workflows, looped and admitted unestimated items', () => {
	expect([...seen].sort()).toEqual(['created', 'executionCap', 'perItemCap', 'several runs', 'stopped', 'unestimated', 'unestimated admitted']);
});

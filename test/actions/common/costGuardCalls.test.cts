// guardCosts called directly, the one call another billed operation (a Dub, its languages as the creates of one
// item) makes: the duration estimate when the seconds are known, a dub's dubbing part that no estimate covers,
// and the running total's custom data key when n8n cannot keep it (the guard fails closed). The context is a real
// n8n-core one with its request helpers (test/runner/src/apiContext.cts), plus the On Error setting and an
// execution custom data store as n8n keeps it (get/set/getAll, at most 10 keys: docs/cost-guard.md#the-running-total).
import type { IExecuteFunctions } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { createApiContext } from '../../runner/index.cjs';
import { costCapsFrom, estimatedCostFields, guardCosts, type CostGuardOptions, type CostVerdict, type GuardedItem } from '../../../nodes/SyncLabs/actions/common/costGuard';
import { COST_LEDGER_KEY } from '../../../nodes/SyncLabs/actions/common/costLedger';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

function contextWith(store: Record<string, string>, continueOnFail = true): IExecuteFunctions {
	const api = createApiContext({ apiKey: 'key-guard-calls', baseUrl: emulator.url });
	const customData = {
		get: (key: string) => store[key],
		set: (key: string, value: string) => {
			if (key in store || Object.keys(store).length < 10) store[key] = value;
		},
		getAll: () => ({ ...store }),
	};
	const ctx = Object.create(api) as object;
	Object.defineProperties(ctx, { continueOnFail: { value: () => continueOnFail }, customData: { value: customData } });
	return ctx as IExecuteFunctions;
}

const video = 'https://media.example.com/speaker.mp4?sync_duration_s=4';
const lipSync = { model: 'lipsync-2', input: [{ type: 'video', url: video }, { type: 'audio', url: 'https://media.example.com/voice.wav' }] };
const dubInto = (targetLang: string) => ({ model: 'lipsync-2', input: [{ type: 'video', url: video }], dubParams: { targetLang } });
/** A refused verdict's reason and sentence; undefined for an admitted one. */
const refusalOf = (verdict: CostVerdict | undefined) => (verdict && !verdict.admitted ? { reason: verdict.reason, message: verdict.error.message } : undefined);
const item = (options: CostGuardOptions, creates: GuardedItem['creates'], itemIndex = 0): GuardedItem => ({ itemIndex, caps: costCapsFrom(options), creates });

describe('the estimate the guard asks for', () => {
	it('with the billable seconds known, asks the duration estimate (model, seconds, Sync\'s default 30 fps) and fetches no media', async () => {
		const verdicts = await guardCosts(contextWith({}), [item({ maxCostPerItemUsd: 1 }, [{ body: lipSync, durationSeconds: 12 }])]);
		expect(emulator.requests.map((r) => [r.path, r.json])).toEqual([['/v2/generations/estimate', { model: 'lipsync-2', duration: 12, fps: 30 }]]);
		expect(estimatedCostFields(verdicts.get(0))).toEqual({ estimatedCostUsd: 0.6 });
	});

	it('otherwise sends the create body itself to the legacy estimator, which measures the media', async () => {
		const verdicts = await guardCosts(contextWith({}), [item({ maxCostPerItemUsd: 1 }, [{ body: lipSync }])]);
		expect(emulator.requests.map((r) => [r.path, r.json])).toEqual([['/v2/analyze/cost', lipSync]]);
		expect(estimatedCostFields(verdicts.get(0))).toEqual({ estimatedCostUsd: 0.2 });
	});
});

describe('a dub: one item, one create per language', () => {
	const languages = [{ body: dubInto('es') }, { body: dubInto('fr') }];

	it('is refused while a cap is set, without a request, because Sync has no estimate for the dubbing part', async () => {
		const verdicts = await guardCosts(contextWith({}), [item({ maxCostPerExecutionUsd: 10 }, languages, 3)]);
		expect(refusalOf(verdicts.get(3))).toEqual({
			reason: 'unestimated',
			message:
				'Item 3 was not created while Max Cost per Execution ($10.00) is set: it could not be estimated (Sync has no estimate for the dubbing part); turn on Allow Unestimated Items to create it anyway',
		});
		expect(emulator.requests).toHaveLength(0);
	});

	it('with Allow Unestimated Items, is admitted on its lip-sync estimates, one per language, the item\'s sum against the caps', async () => {
		const store: Record<string, string> = {};
		const verdicts = await guardCosts(contextWith(store), [item({ maxCostPerItemUsd: 0.4, allowUnestimatedItems: true }, languages)]);
		expect(emulator.requests.map((r) => r.path)).toEqual(['/v2/analyze/cost', '/v2/analyze/cost']);
		expect([estimatedCostFields(verdicts.get(0)), estimatedCostFields(verdicts.get(0), 1)]).toEqual([
			{ estimatedCostUsd: 0.4, unestimatedCost: ['Sync has no estimate for the dubbing part'] },
			{ estimatedCostUsd: 0.2, unestimatedCost: ['Sync has no estimate for the dubbing part'] },
		]);
		expect(JSON.parse(store[COST_LEDGER_KEY])).toEqual({ admittedUsd: '0.400000', lastRunUsd: '0.400000' });
	});

	it('whose languages together pass Max Cost per Item is refused as one item', async () => {
		const verdicts = await guardCosts(contextWith({}), [item({ maxCostPerItemUsd: 0.3, allowUnestimatedItems: true }, languages)]);
		expect(refusalOf(verdicts.get(0))?.reason).toBe('perItemCap');
	});
});

describe('the running total in execution custom data', () => {
	const tenKeys = () => Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`key${n}`, 'x']));

	it('continues from what earlier runs of the execution admitted', async () => {
		const store = { [COST_LEDGER_KEY]: JSON.stringify({ admittedUsd: '0.900000', lastRunUsd: '0.900000' }) };
		const verdicts = await guardCosts(contextWith(store), [item({ maxCostPerExecutionUsd: 1 }, [{ body: lipSync }])]);
		expect(refusalOf(verdicts.get(0))?.message).toBe(
			"Item 0 is estimated by Sync at $0.20, which would bring this execution's estimated cost from $0.90 to $1.10, above Max Cost per Execution ($1.00), so it was not created",
		);
		expect(JSON.parse(store[COST_LEDGER_KEY]).admittedUsd).toBe('0.900000');
	});

	it('with the 10 keys taken, refuses an item with Max Cost per Execution before any estimate (fail closed), and throws it with Stop Workflow', async () => {
		const verdicts = await guardCosts(contextWith(tenKeys()), [item({ maxCostPerExecutionUsd: 10 }, [{ body: lipSync }])]);
		expect(refusalOf(verdicts.get(0))).toEqual({
			reason: 'noRunningTotal',
			message:
				'Item 0 was not created: Max Cost per Execution ($10.00) is set, but the execution\'s custom data already holds n8n\'s limit of 10 keys, so the running total ("syncLabsCostGuard") cannot be kept',
		});
		expect(emulator.requests).toHaveLength(0);
		await expect(guardCosts(contextWith(tenKeys(), false), [item({ maxCostPerExecutionUsd: 10 }, [{ body: lipSync }])])).rejects.toThrow(/^Item 0 was not created: Max Cost per Execution/);
	});

	it('with the 10 keys taken, still applies Max Cost per Item, which needs no running total', async () => {
		const store = tenKeys();
		const verdicts = await guardCosts(contextWith(store), [item({ maxCostPerItemUsd: 1 }, [{ body: lipSync }])]);
		expect(estimatedCostFields(verdicts.get(0))).toEqual({ estimatedCostUsd: 0.2 });
		expect(store[COST_LEDGER_KEY]).toBeUndefined();
	});

	it('refuses an execution cap when the key holds a value the guard did not write, rather than guessing the total', async () => {
		const verdicts = await guardCosts(contextWith({ [COST_LEDGER_KEY]: 'lots' }), [item({ maxCostPerExecutionUsd: 10 }, [{ body: lipSync }])]);
		expect(refusalOf(verdicts.get(0))?.reason).toBe('noRunningTotal');
	});
});

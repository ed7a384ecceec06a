// Generation → Get Cost on the fake Sync (test/api/fakeSync.cts): what comes out of a cost answer (Sync's decimal
// strings kept, numbers added, parts of unknown shape untouched) and what is refused before any request.
// Waiting for a pending cost, with Sync's clock: getCostWaiting.test.cts.
jest.mock('../../../nodes/SyncLabs/api/send', () => jest.requireActual('../../api/fakeSync.cjs').fakeSendModule);

import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { fakeSync, SyncRefusal } from '../../api/fakeSync.cjs';
import { runNode } from '../../runner/index.cjs';

const credentials = { apiKey: 'cost-key', baseUrl: 'http://127.0.0.1:9' };
const ID = '6533643b-aceb-4c40-967e-d9ba9baac39e';

const aCost = (fields: IDataObject = {}): IDataObject => ({
	generationId: ID,
	generationStatus: 'COMPLETED',
	currency: 'USD',
	availability: 'complete',
	totalCostUsd: '0.413333',
	knownSubtotalUsd: '0.413333',
	retryAfterSeconds: null,
	components: [
		{ type: 'lipsync', status: 'recorded', amountUsd: '0.083333', frames: 50, seconds: 2 },
		{ type: 'dubbing', status: 'recorded', amountUsd: '0.300000', seconds: 10, targetLang: 'es' },
		{ type: 'speech_synthesis', status: 'recorded', amountUsd: '0.030000', characters: 100 },
	],
	excludedCosts: ['tax', 'subscription_fees'],
	...fields,
});

const run = async (parameters: INodeParameters = {}, onError?: 'continueErrorOutput') =>
	await runNode({ parameters: { resource: 'generation', operation: 'getCost', generationId: ID, ...parameters }, credentials, onError });

afterEach(() => fakeSync.reset());

describe('Generation → Get Cost', () => {
	it('reads GET /v2/generate/{id}/costs once, as a request that may be repeated', async () => {
		fakeSync.answer('GET /v2/generate/:id/costs', aCost());
		const result = await run();
		expect(result.error).toBeUndefined();
		expect(fakeSync.requests.map((r) => [r.route, r.repeatable])).toEqual([[`GET /v2/generate/${ID}/costs`, true]]);
	});

	it('keeps every amount as Sync\'s decimal text and adds it as a number after it, in the totals and in each part', async () => {
		fakeSync.answer('GET /v2/generate/:id/costs', aCost());
		const [item] = (await run()).items;
		expect(item.json).toEqual({
			generationId: ID,
			generationStatus: 'COMPLETED',
			currency: 'USD',
			availability: 'complete',
			totalCostUsd: '0.413333',
			totalCostUsdNumber: 0.413333,
			knownSubtotalUsd: '0.413333',
			knownSubtotalUsdNumber: 0.413333,
			retryAfterSeconds: null,
			components: [
				{ type: 'lipsync', status: 'recorded', amountUsd: '0.083333', amountUsdNumber: 0.083333, frames: 50, seconds: 2 },
				{ type: 'dubbing', status: 'recorded', amountUsd: '0.300000', amountUsdNumber: 0.3, seconds: 10, targetLang: 'es' },
				{ type: 'speech_synthesis', status: 'recorded', amountUsd: '0.030000', amountUsdNumber: 0.03, characters: 100 },
			],
			excludedCosts: ['tax', 'subscription_fees'],
		});
		expect(Object.keys(item.json).slice(4, 8)).toEqual(['totalCostUsd', 'totalCostUsdNumber', 'knownSubtotalUsd', 'knownSubtotalUsdNumber']);
	});

	it('passes parts of an unknown kind or shape through untouched, and fields Sync adds later', async () => {
		const unknownParts = [
			{ type: 'storage', amountUsd: '0.010000', bytes: 1024 },
			{ kind: 'lipsync', costUsd: '0.5' },
			'a part that is text',
			null,
		];
		fakeSync.answer('GET /v2/generate/:id/costs', aCost({ components: unknownParts, invoiceId: 'inv_1' }));
		const [item] = (await run()).items;
		expect(item.json.components).toEqual(unknownParts);
		expect(item.json.invoiceId).toBe('inv_1');
	});

	it('rounds an amount with more than six decimals to six in the number, keeping the text as Sync wrote it', async () => {
		fakeSync.answer('GET /v2/generate/:id/costs', aCost({ totalCostUsd: '0.0416666667', knownSubtotalUsd: '0.0416666667', components: [] }));
		const [item] = (await run()).items;
		expect(item.json).toMatchObject({ totalCostUsd: '0.0416666667', totalCostUsdNumber: 0.041667, knownSubtotalUsdNumber: 0.041667 });
	});

	it('outputs a pending cost as it is without Wait for Final Cost: no total, the known subtotal, when to ask again', async () => {
		fakeSync.answer(
			'GET /v2/generate/:id/costs',
			aCost({
				availability: 'partial',
				totalCostUsd: null,
				knownSubtotalUsd: '0.083333',
				retryAfterSeconds: 120,
				components: [
					{ type: 'lipsync', status: 'recorded', amountUsd: '0.083333' },
					{ type: 'dubbing', status: 'pending', amountUsd: null },
				],
			}),
		);
		const [item] = (await run()).items;
		expect(fakeSync.requests).toHaveLength(1);
		expect(item.json).toMatchObject({
			availability: 'partial',
			totalCostUsd: null,
			totalCostUsdNumber: null,
			knownSubtotalUsdNumber: 0.083333,
			retryAfterSeconds: 120,
			components: [
				{ type: 'lipsync', amountUsdNumber: 0.083333 },
				{ type: 'dubbing', amountUsd: null, amountUsdNumber: null },
			],
		});
	});

	it('gives null numbers for totals Sync leaves out or writes as text that is no amount', async () => {
		const cost = aCost({ knownSubtotalUsd: 'n/a', components: [] });
		delete cost.totalCostUsd;
		fakeSync.answer('GET /v2/generate/:id/costs', cost);
		const [item] = (await run()).items;
		expect(item.json).toMatchObject({ knownSubtotalUsd: 'n/a', knownSubtotalUsdNumber: null, totalCostUsdNumber: null });
		expect(item.json).not.toHaveProperty('totalCostUsd');
	});

	it('returns an unavailable cost at once with Wait for Final Cost on: Sync will not record it later', async () => {
		fakeSync.answer('GET /v2/generate/:id/costs', aCost({ availability: 'unavailable', totalCostUsd: null, knownSubtotalUsd: '0.000000', retryAfterSeconds: null }));
		const [item] = (await run({ options: { waitForFinalCost: true } })).items;
		expect(fakeSync.requests).toHaveLength(1);
		expect(item.json).toMatchObject({ availability: 'unavailable', totalCostUsdNumber: null, knownSubtotalUsdNumber: 0 });
	});

	it('refuses an empty Generation ID before any request, naming the field and the item', async () => {
		const result = await run({ generationId: '  ' });
		expect(result.error?.message).toBe('Generation ID is required, but holds only 2 blank characters (item 0)');
		expect(fakeSync.requests).toHaveLength(0);
	});

	it('says which object was malformed when the answer lacks its availability', async () => {
		fakeSync.answer('GET /v2/generate/:id/costs', { generationId: ID, totalCostUsd: '1.0' });
		const result = await run();
		expect(result.error?.message).toBe('Sync Labs returned an unexpected generation cost: its field "availability" does not match (Required)');
	});

	it('routes Sync\'s 404 for an unknown generation to the error output, naming the item', async () => {
		fakeSync.answer('GET /v2/generate/:id/costs', () => {
			throw new SyncRefusal(404, { message: `Generation with id ${ID} not found` });
		});
		const result = await run({}, 'continueErrorOutput');
		expect(result.items).toHaveLength(0);
		expect(result.errorItems).toHaveLength(1);
		expect(String(result.errorItems[0].json.error && (result.errorItems[0].json.error as IDataObject).message)).toContain('not found');
	});
});

// Usage → Get Many on the fake Sync (test/api/fakeSync.cts): the range sent in UTC, paging over nextCursor with the
// same range (500 a page for Return All), a Limit, one item per generation with its amounts as numbers, and what
// is refused before any request. Against the emulator's export (inclusive start, exclusive end): usageExport.test.cts.
jest.mock('../../../nodes/SyncLabs/api/send', () => jest.requireActual('../../api/fakeSync.cjs').fakeSendModule);

import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { fakeSync, type SentRequest } from '../../api/fakeSync.cjs';
import { runNode } from '../../runner/index.cjs';

const credentials = { apiKey: 'usage-key', baseUrl: 'http://127.0.0.1:9' };
const DAY = { startTime: '2026-11-12T00:00:00Z', endTime: '2026-11-13T00:00:00Z' };

const aRow = (n: number, fields: IDataObject = {}): IDataObject => ({
	generationId: `gen-${n}`,
	generationStatus: 'COMPLETED',
	currency: 'USD',
	availability: 'complete',
	totalCostUsd: '0.050000',
	knownSubtotalUsd: '0.050000',
	retryAfterSeconds: null,
	components: [{ type: 'lipsync', status: 'recorded', amountUsd: '0.050000', frames: 25 }],
	excludedCosts: ['tax'],
	createdAt: '2026-11-12T08:00:00.000Z',
	finishedAt: '2026-11-12T08:01:00.000Z',
	model: 'lipsync-2',
	apiKey: { id: 'key-1', name: 'Production', prefix: 'sk-a…' },
	...fields,
});

/** Sync's export of `total` rows, in pages of the limit asked, the cursor being the next row's index. */
function exportOf(total: number) {
	return (request: SentRequest) => {
		const from = request.qs.cursor === undefined ? 0 : Number(request.qs.cursor);
		const to = Math.min(total, from + Number(request.qs.limit));
		return { items: Array.from({ length: to - from }, (_, i) => aRow(from + i)), nextCursor: to < total ? String(to) : null };
	};
}

const run = async (parameters: INodeParameters = {}) =>
	await runNode({ parameters: { resource: 'usage', operation: 'getMany', ...DAY, ...parameters }, credentials });

afterEach(() => fakeSync.reset());

describe('Usage → Get Many', () => {
	it('with Return All reads 500 a page, sending the same range with each cursor until nextCursor is null', async () => {
		fakeSync.answer('GET /v2/usage/generations', exportOf(1_203));
		const result = await run({ returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1_203);
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([
			{ ...DAY, limit: 500 },
			{ ...DAY, limit: 500, cursor: '500' },
			{ ...DAY, limit: 500, cursor: '1000' },
		]);
		expect(fakeSync.requests.every((r) => r.repeatable)).toBe(true);
		expect(result.items.map((i) => i.json.generationId).slice(498, 502)).toEqual(['gen-498', 'gen-499', 'gen-500', 'gen-501']);
	});

	it('with a Limit asks for no more rows than it returns', async () => {
		fakeSync.answer('GET /v2/usage/generations', exportOf(1_000));
		const three = await run({ returnAll: false, limit: 3 });
		expect(three.items.map((i) => i.json.generationId)).toEqual(['gen-0', 'gen-1', 'gen-2']);
		expect(fakeSync.requests.map((r) => r.qs.limit)).toEqual([3]);
		fakeSync.requests.length = 0;
		const many = await run({ returnAll: false, limit: 700 });
		expect(many.items).toHaveLength(700);
		expect(fakeSync.requests.map((r) => [r.qs.limit, r.qs.cursor])).toEqual([
			[500, undefined],
			[200, '500'],
		]);
	});

	it('with Return All outputs each generation\'s row once when Sync ignores the cursor and answers page 1 again', async () => {
		fakeSync.answer('GET /v2/usage/generations', { items: [aRow(0), aRow(1)], nextCursor: 'c1' });
		const result = await run({ returnAll: true });
		expect(result.items.map((i) => i.json.generationId)).toEqual(['gen-0', 'gen-1']);
		expect(fakeSync.requests).toHaveLength(2);
	});

	it('stops at an empty page even if it names a cursor', async () => {
		fakeSync.answer('GET /v2/usage/generations', { items: [], nextCursor: 'again' });
		const result = await run({ returnAll: true });
		expect(result.items).toHaveLength(0);
		expect(fakeSync.requests).toHaveLength(1);
	});

	it('outputs one item per generation: its cost with the amounts as numbers, model, times and key as Sync gives them', async () => {
		fakeSync.answer('GET /v2/usage/generations', { items: [aRow(1, { totalCostUsd: null, availability: 'pending', knownSubtotalUsd: '0.000000', components: [] })], nextCursor: null });
		const [item] = (await run({ returnAll: true })).items;
		expect(item.json).toEqual({
			generationId: 'gen-1',
			generationStatus: 'COMPLETED',
			currency: 'USD',
			availability: 'pending',
			totalCostUsd: null,
			totalCostUsdNumber: null,
			knownSubtotalUsd: '0.000000',
			knownSubtotalUsdNumber: 0,
			retryAfterSeconds: null,
			components: [],
			excludedCosts: ['tax'],
			createdAt: '2026-11-12T08:00:00.000Z',
			finishedAt: '2026-11-12T08:01:00.000Z',
			model: 'lipsync-2',
			apiKey: { id: 'key-1', name: 'Production', prefix: 'sk-a…' },
		});
	});

	it('sends times given with an offset, or as a date and time object from an expression, in UTC', async () => {
		fakeSync.answer('GET /v2/usage/generations', { items: [], nextCursor: null });
		await run({ startTime: '2026-11-12T02:00:00+02:00', endTime: '={{ DateTime.fromISO("2026-11-13T00:00:00.250Z") }}' });
		expect(fakeSync.requests[0].qs).toMatchObject({ startTime: '2026-11-12T00:00:00Z', endTime: '2026-11-13T00:00:00.250Z' });
	});

	it.each([
		[{ endTime: '2026-11-12T00:00:00Z' }, 'End Time is 2026-11-12T00:00:00Z, which is not after Start Time 2026-11-12T00:00:00Z; the range includes its start and excludes its end (item 0)'],
		[{ endTime: '2026-11-11T00:00:00Z' }, 'End Time is 2026-11-11T00:00:00Z, which is not after Start Time 2026-11-12T00:00:00Z; the range includes its start and excludes its end (item 0)'],
		[{ startTime: '={{ "" }}' }, 'Start Time is required (item 0)'],
		[{ endTime: '={{ null }}' }, 'End Time is required (item 0)'],
		[{ startTime: 'yesterday' }, 'Start Time is the text "yesterday", which is not a date and time in a form this node reads (ISO 8601 is best); give a date and time such as 2026-01-31T12:00:00Z (item 0)'],
	])('refuses %p before any request: %s', async (times, message) => {
		const result = await run(times as INodeParameters);
		expect(result.error?.message).toBe(message);
		expect(fakeSync.requests).toHaveLength(0);
	});
});

// Generation → Get Cost with parts of a known kind but an unknown shape: Sync documents no shape for the parts
// (docs/sync-api-2026.md#costs), so a part whose amounts are not dollar amounts passes through exactly as sent.
jest.mock('../../../nodes/SyncLabs/api/send', () => jest.requireActual('../../api/fakeSync.cjs').fakeSendModule);

import type { IDataObject } from 'n8n-workflow';
import { fakeSync } from '../../api/fakeSync.cjs';
import { runNode } from '../../runner/index.cjs';

const ID = '6533643b-aceb-4c40-967e-d9ba9baac39e';
afterEach(() => fakeSync.reset());

async function costOf(fields: IDataObject) {
	fakeSync.answer('GET /v2/generate/:id/costs', { generationId: ID, availability: 'complete', totalCostUsd: '0.1', knownSubtotalUsd: '0.1', ...fields });
	const result = await runNode({ parameters: { resource: 'generation', operation: 'getCost', generationId: ID }, credentials: { apiKey: 'k', baseUrl: 'http://127.0.0.1:9' } });
	return result.items[0].json;
}

describe('Get Cost, a part of a known kind in an unknown shape', () => {
	it('passes a lipsync part whose amount is an object through untouched', async () => {
		const part = { type: 'lipsync', amountUsd: { value: '0.1', currency: 'USD' } };
		const json = await costOf({ components: [part] });
		expect(json.components).toEqual([part]);
	});

	it('adds the number to a lipsync part whose amount is Sync\'s decimal text, and keeps the text', async () => {
		const json = await costOf({ components: [{ type: 'lipsync', amountUsd: '0.0833335' }] });
		expect(json.components).toEqual([{ type: 'lipsync', amountUsd: '0.0833335', amountUsdNumber: 0.083334 }]);
	});
});

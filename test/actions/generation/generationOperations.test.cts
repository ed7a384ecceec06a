// Generation operations other than Create, run in-process by n8n against the fake Sync (test/api/fakeSync.cts):
// how their parameters become the client's requests and Sync's answers become items. Create, its faults and
// the webhook resume run against the emulator (generation.test.cts and the resume tests).
jest.mock('../../../nodes/SyncLabs/api/send', () => jest.requireActual('../../api/fakeSync.cjs').fakeSendModule);

import type { INodeParameters } from 'n8n-workflow';
import { runNode } from '../../runner/index.cjs';
import { aGeneration, fakeSync } from '../../api/fakeSync.cjs';

const credentials = { apiKey: 'key-fake', baseUrl: 'http://127.0.0.1:9' };
const run = (parameters: INodeParameters) => runNode({ parameters: { resource: 'generation', ...parameters }, credentials });
const routes = () => fakeSync.requests.map((r) => r.route);

afterEach(() => fakeSync.reset());

describe('Generation → Get Many', () => {
	const all = Array.from({ length: 5 }, (_, i) => aGeneration({ id: `g${i}` }));
	beforeEach(() => {
		fakeSync.answer('GET /v2/generations', (r) => {
			const from = r.qs.cursor ? all.findIndex((g) => g.id === r.qs.cursor) + 1 : 0;
			return all.slice(from, from + Number(r.qs.limit));
		});
	});

	it('outputs every generation with Return All, and the first ones with a Limit, always sending a limit', async () => {
		const every = await run({ operation: 'getMany', returnAll: true });
		expect(every.items.map((i) => i.json.id)).toEqual(all.map((g) => g.id));
		const limited = await run({ operation: 'getMany', returnAll: false, limit: 3 });
		expect(limited.items.map((i) => i.json.id)).toEqual(['g0', 'g1', 'g2']);
		expect(fakeSync.requests.map((r) => r.qs.limit)).toEqual([100, 3]);
	});

	it('sends the chosen statuses and the trimmed IDs comma-separated', async () => {
		await run({ operation: 'getMany', returnAll: true, filters: { status: ['COMPLETED', 'FAILED'], ids: ' g1 , g2, ' } });
		expect(fakeSync.requests[0].qs).toEqual({ status: 'COMPLETED,FAILED', ids: 'g1,g2', limit: 100 });
	});

	it('refuses a status outside the list before any request, naming the field and the item', async () => {
		const result = await run({ operation: 'getMany', returnAll: true, filters: { status: ['DONE'] } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Status .*DONE.*\(item 0\)$/);
		expect(fakeSync.requests).toEqual([]);
	});

	it('outputs Sync\'s error code in the one spelling, null when empty', async () => {
		all[1].error_code = 'generation_pipeline_failed';
		all[2].errorCode = '';
		const result = await run({ operation: 'getMany', returnAll: false, limit: 3 });
		expect(result.items.map((i) => i.json.errorCode)).toEqual([null, 'generation_pipeline_failed', null]);
	});
});

describe('Generation → Get and Wait for Completion', () => {
	it('gets a generation, with include=progress only when Include Progress is on', async () => {
		fakeSync.answer('GET /v2/generate/:id', (r) => aGeneration({ id: r.params[0], status: 'PROCESSING', ...(r.qs.include ? { progress_percent: 40 } : {}) }));
		const plain = await run({ operation: 'get', generationId: 'g1' });
		const withProgress = await run({ operation: 'get', generationId: 'g1', options: { includeProgress: true } });
		expect(plain.items[0].json).not.toHaveProperty('progress_percent');
		expect(withProgress.items[0].json).toMatchObject({ id: 'g1', progress_percent: 40 });
		expect(fakeSync.requests.map((r) => r.qs)).toEqual([{}, { include: 'progress' }]);
	});

	it('waits for a generation created elsewhere until it is COMPLETED', async () => {
		let reads = 0;
		fakeSync.answer('GET /v2/generate/:id', (r) => aGeneration({ id: r.params[0], status: ++reads < 3 ? 'PROCESSING' : 'COMPLETED' }));
		const result = await run({ operation: 'waitForCompletion', generationId: 'g7', options: { firstPollInterval: 0.01, maxPollInterval: 0.01, maxWaitTime: 5 } });
		expect(result.items.map((i) => [i.json.id, i.json.status])).toEqual([['g7', 'COMPLETED']]);
		expect(routes()).toEqual(['GET /v2/generate/g7', 'GET /v2/generate/g7', 'GET /v2/generate/g7']);
	});

	it('reads a Generation ID given in the locator\'s ID mode as its value', async () => {
		const id = '6533643b-aceb-4c40-967e-d9ba9baac39e';
		fakeSync.answer('GET /v2/generate/:id', (r) => aGeneration({ id: r.params[0] }));
		await run({ operation: 'get', generationId: { __rl: true, mode: 'id', value: id } });
		expect(routes()).toEqual([`GET /v2/generate/${id}`]);
	});
});

describe('Generation → Delete', () => {
	it('deletes a finished generation and outputs it marked deleted', async () => {
		fakeSync.answer('DELETE /v2/generations/:id', (r) => aGeneration({ id: r.params[0] }));
		const result = await run({ operation: 'delete', generationId: 'g1' });
		expect(result.items[0].json).toMatchObject({ deleted: true, id: 'g1', status: 'COMPLETED' });
	});

	it('reports Sync\'s refusal to delete a running generation with its code', async () => {
		fakeSync.refuse('DELETE /v2/generations/:id', 409, { errorCode: 'generation_not_deletable_while_processing', message: 'Generation is still processing' });
		const result = await run({ operation: 'delete', generationId: 'g1' });
		expect(result.error?.message).toBe('Sync Labs: Generation is still processing [generation_not_deletable_while_processing]');
	});
});

describe('Generation → Estimate Cost', () => {
	const estimate = { estimatedFrameCount: 250, estimatedGenerationCost: 0.42 };

	it('prices a duration: model, seconds and frame rate, Reasoning only when on', async () => {
		fakeSync.answer('POST /v2/generations/estimate', { ...estimate, estimatedCredits: null });
		const result = await run({ operation: 'estimateCost', estimateBy: 'duration', model: 'lipsync-2', duration: 10, fps: 25 });
		await run({ operation: 'estimateCost', estimateBy: 'duration', model: 'sync-3', duration: 2, fps: 30, reasoningEnabled: true });
		expect(result.items[0].json).toEqual({ ...estimate, estimatedCredits: null });
		expect(fakeSync.requests.map((r) => r.body)).toEqual([
			{ model: 'lipsync-2', duration: 10, fps: 25 },
			{ model: 'sync-3', duration: 2, fps: 30, reasoningEnabled: true },
		]);
	});

	it.each([
		['the documented array of one estimate', [estimate]],
		['the bare object Sync was seen sending', estimate],
	])('prices inputs as the create body and reads %s', async (_name, answer) => {
		fakeSync.answer('POST /v2/analyze/cost', answer);
		const result = await run({ operation: 'estimateCost', estimateBy: 'inputs', model: 'lipsync-2', visualUrl: 'https://media.example.com/v.mp4', audioUrl: 'https://media.example.com/a.wav' });
		expect(result.items[0].json).toEqual({ ...estimate, estimatedCredits: null });
		expect(fakeSync.requests[0].body).toEqual({
			model: 'lipsync-2',
			input: [
				{ type: 'video', url: 'https://media.example.com/v.mp4' },
				{ type: 'audio', url: 'https://media.example.com/a.wav' },
			],
		});
	});

	it('refuses a duration of 0 before any request, naming the field', async () => {
		const result = await run({ operation: 'estimateCost', estimateBy: 'duration', model: 'lipsync-2', duration: 0, fps: 25 });
		expect(result.error?.message).toMatch(/^Duration \(Seconds\) .*\(item 0\)$/);
		expect(fakeSync.requests).toEqual([]);
	});
});

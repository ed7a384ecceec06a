// Usage → Get Many against the emulator's export (real HTTP): generations that finished in [Start Time, End Time),
// oldest first; Return All over more than one 500-row page (the cursor sent back with the same range, which the
// emulator insists on); a Limit; each row's cost as the emulator billed it; the apiKey switch passed through.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';

const API_KEY = 'usage-export-key';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 2, processingMs: 3, concurrencyLimit: 10_000 });
});
afterEach(() => {
	emulator.reset();
	emulator.config.usageApiKeyShape = 'object';
});
afterAll(async () => emulator.stop());

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const WIDE = { startTime: '2020-01-01T00:00:00Z', endTime: '2099-01-01T00:00:00Z' };

async function api<T>(path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${emulator.url}${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.status).toBeLessThan(300);
	return (await response.json()) as T;
}

/** Creates generations of `seconds` each, then waits until all finished. */
async function finished(count: number, model = 'lipsync-2', seconds = 1): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < count; i += 50) {
		const chunk = Array.from({ length: Math.min(50, count - i) }, (_, j) =>
			api<{ id: string }>('/v2/generate', { model, input: [{ type: 'video', url: `${VIDEO}?sync_duration_s=${seconds}&n=${i + j}` }, { type: 'audio', url: AUDIO }] }),
		);
		ids.push(...(await Promise.all(chunk)).map((g) => g.id));
	}
	const done = () => ids.every((id) => (emulator.getGeneration(id) as { status?: string } | undefined)?.status === 'COMPLETED');
	for (let i = 0; i < 500 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
	return ids;
}

const usage = async (parameters: INodeParameters) =>
	await runNode({ parameters: { resource: 'usage', operation: 'getMany', ...parameters }, credentials: { apiKey: API_KEY, baseUrl: emulator.url } });
const usageRequests = () => emulator.requests.filter((r) => r.path === '/v2/usage/generations');

describe('Usage → Get Many against the export', () => {
	it('returns the generations that finished at or after Start Time and before End Time, oldest first', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 3; i++) {
			ids.push(...(await finished(1)));
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		const all = (await api<{ items: IDataObject[] }>(`/v2/usage/generations?startTime=${WIDE.startTime}&endTime=${WIDE.endTime}`)).items;
		expect(all.map((row) => row.generationId)).toEqual(ids);
		emulator.requests.length = 0;
		const result = await usage({ startTime: all[1].finishedAt as string, endTime: all[2].finishedAt as string, returnAll: true });
		expect(result.items.map((i) => i.json.generationId)).toEqual([ids[1]]);
		expect(usageRequests().map((r) => r.status)).toEqual([200]);
	});

	it('with Return All follows the cursor past a page of 500 with the same range, each generation once', async () => {
		const ids = await finished(503);
		const result = await usage({ ...WIDE, returnAll: true });
		expect(result.error).toBeUndefined();
		// Created 50 at a time, they finish in any order within a chunk: the same set, each once.
		expect(result.items).toHaveLength(503);
		expect(new Set(result.items.map((i) => i.json.generationId))).toEqual(new Set(ids));
		const sent = usageRequests();
		expect(sent.map((r) => [r.query.limit, r.query.cursor === undefined ? 'first' : 'cursor', r.status])).toEqual([
			['500', 'first', 200],
			['500', 'cursor', 200],
		]);
		expect(sent.every((r) => r.query.startTime === WIDE.startTime && r.query.endTime === WIDE.endTime)).toBe(true);
	}, 60_000);

	it('with a Limit returns the oldest ones and asks for no more', async () => {
		const ids = await finished(5);
		const result = await usage({ ...WIDE, returnAll: false, limit: 2 });
		expect(result.items.map((i) => i.json.generationId)).toEqual(ids.slice(0, 2));
		expect(usageRequests().map((r) => r.query.limit)).toEqual(['2']);
	});

	it('gives each generation its billed cost, as text and as a number, with its model', async () => {
		await finished(1, 'lipsync-2', 2);
		await finished(1, 'sync-3', 3);
		const result = await usage({ ...WIDE, returnAll: true });
		// Per second at 25 frames: lipsync-2 $0.05, sync-3 $0.133 (the emulator's prices).
		expect(result.items.map((i) => [i.json.model, i.json.availability, i.json.totalCostUsd, i.json.totalCostUsdNumber])).toEqual([
			['lipsync-2', 'complete', '0.100000', 0.1],
			['sync-3', 'complete', '0.399000', 0.399],
		]);
	});

	it.each(['object', 'string'] as const)('passes the row\'s apiKey through as Sync shapes it (%s), never a whole key', async (shape) => {
		emulator.config.usageApiKeyShape = shape;
		await finished(1);
		const [item] = (await usage({ ...WIDE, returnAll: true })).items;
		expect(typeof item.json.apiKey).toBe(shape);
		expect(JSON.stringify(item.json)).not.toContain(API_KEY);
	});
});

// Generation → Delete against the emulator (real HTTP) when the answer to a delete Sync carried out is lost: the
// transport's repeat then meets 404, which means the first attempt deleted the generation, not that there was
// none. A 404 of a first attempt is still Sync's "no such generation" (docs/sync-api.md#delete-generation).
// With several items every item's ID is read before the first delete, and a delete that stops the node after
// others names the generations already deleted (a delete cannot be undone).
import type { IDataObject } from 'n8n-workflow';
import { startEmulator, type Emulator, type FaultRule } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';

const API_KEY = 'key-delete-faults';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const remove = async (generationId: string) =>
	await runNode({
		parameters: { resource: 'generation', operation: 'delete', generationId },
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		onError: 'continueErrorOutput',
	});
const deleteStatuses = () => emulator.requests.filter((r) => r.method === 'DELETE').map((r) => r.status);

async function completedGeneration(): Promise<string> {
	const response = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }] }),
	});
	expect(response.status).toBe(201);
	const { id } = (await response.json()) as { id: string };
	for (let i = 0; i < 200; i++) {
		if ((emulator.getGeneration(id) as { status?: string } | undefined)?.status === 'COMPLETED') return id;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`generation ${id} did not complete`);
}

describe('Generation → Delete when the answer to a delete Sync carried out is lost', () => {
	const lost: Array<[string, Omit<FaultRule, 'method' | 'path'>, number]> = [
		['a 502', { status: 502, afterHandling: true }, 502],
		['a reset connection (no answer at all)', { reset: true, afterHandling: true }, 0],
	];

	it.each(lost)('after %s, the repeat\'s 404 is read as deleted and the item leaves on the main output', async (_name, fault, firstStatus) => {
		const id = await completedGeneration();
		emulator.injectFault({ method: 'DELETE', path: `/v2/generations/${id}`, ...fault });
		const result = await remove(id);
		expect(result.error).toBeUndefined();
		expect(result.errorItems).toEqual([]);
		expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, id }]);
		expect(deleteStatuses()).toEqual([firstStatus, 404]);
		expect(emulator.getGeneration(id)).toBeUndefined();
	});

	it('a delete answered at once still outputs the deleted generation', async () => {
		const id = await completedGeneration();
		const result = await remove(id);
		expect(result.items.map((i) => i.json)).toEqual([expect.objectContaining({ deleted: true, id, status: 'COMPLETED' })]);
		expect(deleteStatuses()).toEqual([200]);
		expect(emulator.getGeneration(id)).toBeUndefined();
	});

	it('a generation that never existed is still "not found" on the error output, asked once', async () => {
		const missing = '2f1d1b8e-0000-4000-8000-000000000000';
		const result = await remove(missing);
		expect(result.items).toEqual([]);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].json.error).toMatchObject({ httpCode: '404' });
		expect(result.errorItems[0].json.message).toMatch(/not found/i);
		expect(deleteStatuses()).toEqual([404]);
	});

	it('a generation that never existed is still "not found" when its first delete met a 429', async () => {
		const missing = '2f1d1b8e-0000-4000-8000-000000000000';
		emulator.injectFault({ method: 'DELETE', path: `/v2/generations/${missing}`, status: 429, retryAfterSeconds: 0 });
		const result = await remove(missing);
		expect(result.items).toEqual([]);
		expect(result.errorItems[0]?.json.error).toMatchObject({ httpCode: '404' });
		expect(deleteStatuses()).toEqual([429, 404]);
	});

	it('a generation still running is refused with Sync\'s code, and stays', async () => {
		const response = await fetch(`${emulator.url}/v2/generate`, {
			method: 'POST',
			headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
			body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: `${VIDEO}?sync_pending_ms=5000` }, { type: 'audio', url: AUDIO }] }),
		});
		const { id } = (await response.json()) as { id: string };
		const result = await remove(id);
		expect(result.errorItems[0]?.json.error).toMatchObject({ httpCode: '409', code: 'generation_not_deletable_while_processing' });
		expect(deleteStatuses()).toEqual([409]);
		expect(emulator.getGeneration(id)).toBeDefined();
	});
});

describe('Generation → Delete with several items', () => {
	const deleteEach = async (ids: Array<IDataObject[string]>, onError?: 'continueErrorOutput') =>
		await runNode({
			parameters: { resource: 'generation', operation: 'delete', generationId: '={{ $json.id }}' },
			items: ids.map((id) => ({ json: { id } })),
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			onError,
		});

	it('item 2\'s Generation ID given as a list stops the node before items 0 and 1 are deleted', async () => {
		const ids = [await completedGeneration(), await completedGeneration()];
		const result = await deleteEach([...ids, ['a', 'b']]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Generation ID is a list.*\(item 2\)$/);
		expect(deleteStatuses()).toEqual([]);
		for (const id of ids) expect(emulator.getGeneration(id)).toBeDefined();
	});

	it('a delete Sync refuses for item 2 after items 0 and 1 were deleted stops the node with an error naming both as already deleted', async () => {
		const ids = [await completedGeneration(), await completedGeneration()];
		const missing = '2f1d1b8e-0000-4000-8000-000000000000';
		const result = await deleteEach([...ids, missing]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(new RegExp(`^Sync Labs: Generation with id ${missing} not found\\. Generations already deleted by this node: ${ids[0]} \\(item 0\\), ${ids[1]} \\(item 1\\)$`));
		expect(result.error?.itemIndex).toBe(2);
		expect(result.error?.description).toContain('A delete cannot be undone; leave these items out when you run the node again');
		expect(deleteStatuses()).toEqual([200, 200, 404]);
	});

	it('with Continue (using error output) a bad ID goes to the error output and the other items are deleted, each paired to its input', async () => {
		const ids = [await completedGeneration(), await completedGeneration()];
		const result = await deleteEach([ids[0], { id: 'x' }, ids[1]], 'continueErrorOutput');
		expect(result.items.map((i) => [i.json.id, i.json.deleted, i.pairedItem])).toEqual([
			[ids[0], true, { item: 0 }],
			[ids[1], true, { item: 2 }],
		]);
		expect(result.errorItems.map((i) => i.json.message)).toEqual([expect.stringMatching(/^Generation ID .*\(item 1\)$/)]);
		expect(deleteStatuses()).toEqual([200, 200]);
	});
});

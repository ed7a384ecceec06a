// Red-team probe: Generation → Delete with three items, item 2's Generation ID bad (given by an expression as a
// list). Delete cannot be undone. The project's rule: bad input is refused before any request and loses nothing.
// Here items 0 and 1 are deleted first and the Stop Workflow error (about item 2) does not say so: the user fixes
// item 2, runs again, and meets "not found" for two generations nobody told them were gone.
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { runNode } from '../runner/index.cjs';

const API_KEY = 'key-rt-delete';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 0, processingMs: 0 });
});
afterAll(async () => emulator.stop());

async function completedGeneration(): Promise<string> {
	const response = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: 'https://e.com/v.mp4' }, { type: 'audio', url: 'https://e.com/a.wav' }] }),
	});
	const { id } = (await response.json()) as { id: string };
	for (let i = 0; i < 200; i++) {
		if ((emulator.getGeneration(id) as { status?: string } | undefined)?.status === 'COMPLETED') return id;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`generation ${id} did not complete`);
}

it('Generation → Delete, item 2\'s Generation ID a list: refused before items 0 and 1 are deleted, or the error names what was deleted', async () => {
	const ids = [await completedGeneration(), await completedGeneration()];
	emulator.requests.length = 0;
	const result = await runNode({
		parameters: { resource: 'generation', operation: 'delete', generationId: '={{ $json.id }}' },
		items: [{ json: { id: ids[0] } }, { json: { id: ids[1] } }, { json: { id: ['a', 'b'] } }],
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
	});
	expect(result.status).toBe('error');
	expect(result.error?.message).toMatch(/^Generation ID is a list.*\(item 2\)$/);
	const deletes = emulator.requests.filter((r) => r.method === 'DELETE').length;
	const text = `${result.error?.message} ${result.error?.description ?? ''}`;
	expect({ deletes, namesDeleted: deletes === 0 || ids.every((id) => text.includes(id)) }).toEqual({ deletes: 0, namesDeleted: true });
});

// Batch → Create checks every row of every batch of the run before the first batch is created (a project ID is a
// UUID, checked before any request where the Project ID option gives it): a row whose payload names a project by
// something that is no project ID must be refused then too, naming the line and the item, so no batch is created.
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunnerInputItem } from '../../runner/index.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 10 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const payload = (i: number, extra: Record<string, unknown> = {}) => ({ model: 'lipsync-2', input: [{ type: 'video', url: `https://example.com/v${i}.mp4` }, { type: 'audio', url: `https://example.com/a${i}.wav` }], ...extra });
function file(changes: Record<number, Record<string, unknown>> = {}): RunnerInputItem {
	const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ request_id: `line-${i}`, endpoint: '/v2/generate', payload: payload(i, changes[i]) }));
	return { json: {}, binary: { data: { data: Buffer.from(lines.join('\n') + '\n'), fileName: 'rows.jsonl', mimeType: 'application/jsonl' } } };
}

describe('Batch → Create from JSONL files, item 1\'s line 4 naming the project "spring-campaign" (no project ID)', () => {
	it('is refused before any batch is created (Stop Workflow), naming the line and the item', async () => {
		const result = await runNode({
			parameters: { resource: 'batch', operation: 'create', source: 'binary', binaryPropertyName: 'data' },
			items: [file(), file({ 3: { projectId: 'spring-campaign' } })],
			credentials: { apiKey: 'rt-batch-project', baseUrl: emulator.url },
		});
		const message = result.error?.message ?? '';
		expect({ batchesCreated: emulator.counters.batchesCreated, batchRequests: emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/batch').length, status: result.status, namesLineAndItem: /line 4.*\(item 1\)/.test(message), message }).toEqual({
			batchesCreated: 0,
			batchRequests: 0,
			status: 'error',
			namesLineAndItem: true,
			message: expect.any(String),
		});
	});
});

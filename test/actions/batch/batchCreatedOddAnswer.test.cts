// A batch create Sync answered with a batch of a shape the node does not expect (here: without `metrics`, which Sync's
// list already omits at times) has still created the batch: the node's error and the error item name it.
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunNodeOptions, type RunnerInputItem } from '../../runner/index.cjs';

const ANSWER_WITHOUT_METRICS = { method: 'POST', path: '/v2/batch', omitFields: ['metrics'], times: 1 };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 10 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

function row(i: number) {
	return { request_id: `req-${i}`, payload: { model: 'lipsync-2', input: [{ type: 'video', url: `https://example.com/v${i}.mp4` }, { type: 'audio', url: `https://example.com/a${i}.wav` }] } };
}
const rowItems = Array.from({ length: 20 }, (_, i) => ({ json: row(i) }));
const file: RunnerInputItem = {
	json: {},
	binary: { data: { data: Buffer.from(rowItems.map((r) => JSON.stringify({ ...r.json, endpoint: '/v2/generate' })).join('\n') + '\n'), fileName: 'rows.jsonl', mimeType: 'application/jsonl' } },
};

const createdBatchIds = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/batch' && (r.status ?? 500) < 300).map((r) => (r.response as { id: string }).id);

function run(source: 'rows' | 'binary', onError: NonNullable<RunNodeOptions['onError']>) {
	const parameters =
		source === 'rows'
			? { resource: 'batch', operation: 'create', source, requestId: '={{ $json.request_id }}', payload: '={{ $json.payload }}' }
			: { resource: 'batch', operation: 'create', source, binaryPropertyName: 'data' };
	return runNode({ parameters, items: source === 'rows' ? rowItems : [file], credentials: { apiKey: 'batch-odd-key', baseUrl: emulator.url }, onError });
}

describe.each(['rows', 'binary'] as const)('Batch → Create from %s, answered with a batch of an unexpected shape', (source) => {
	it('Stop Workflow: the node\'s error names the batch that was created', async () => {
		emulator.injectFault(ANSWER_WITHOUT_METRICS);
		const result = await run(source, 'stopWorkflow');
		const [id] = createdBatchIds();
		expect(id).toEqual(expect.any(String));
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(id);
	});

	it('Continue (regular output): the error item names it', async () => {
		emulator.injectFault(ANSWER_WITHOUT_METRICS);
		const result = await run(source, 'continueRegularOutput');
		const [id] = createdBatchIds();
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ error: expect.stringContaining(id) });
	});
});

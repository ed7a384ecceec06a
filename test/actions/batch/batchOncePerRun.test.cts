// Batch → Create (no idempotency key, billed) under n8n's Retry On Fail: a batch is created once per node run
// (actions/batch/create.operation.ts createBatchOnce), after a create Sync carried out but answered in a shape the
// node does not read, after one answered 500, and when a later item failed.
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 10 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

function row(i: number) {
	return { request_id: `req-${i}`, payload: { model: 'lipsync-2', input: [{ type: 'video', url: `https://example.com/v${i}.mp4` }, { type: 'audio', url: `https://example.com/a${i}.wav` }] } };
}
const rowItems = Array.from({ length: 20 }, (_, i) => ({ json: row(i) }));
const batchPosts = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/batch');
const createdBatchIds = () => batchPosts().filter((r) => r.response && typeof (r.response as { id?: unknown }).id === 'string').map((r) => (r.response as { id: string }).id);

const run = async () =>
	await runNode({
		parameters: { resource: 'batch', operation: 'create', source: 'rows', requestId: '={{ $json.request_id }}', payload: '={{ $json.payload }}' },
		items: rowItems,
		credentials: { apiKey: 'batch-once-per-run', baseUrl: emulator.url },
		retryOnFail: { maxTries: 2 },
	});

describe('Batch → Create under Retry On Fail', () => {
	it('does not create (and bill) a second batch after one Sync created but answered without metrics', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/batch', omitFields: ['metrics'], times: 1 });
		const result = await run();
		const ids = createdBatchIds();
		const text = JSON.stringify({ message: result.error?.message, description: result.error?.description, items: result.items.map((i) => i.json) });
		expect({ creates: batchPosts().length, batchesCreated: emulator.counters.batchesCreated, firstBatchNamed: text.includes(ids[0]) }).toEqual({ creates: 1, batchesCreated: 1, firstBatchNamed: true });
	});

	it('does not create (and bill) a second batch after the create answered 500 with the batch made', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/batch', status: 500, afterHandling: true, times: 1 });
		await run();
		expect({ creates: batchPosts().length, batchesCreated: emulator.counters.batchesCreated }).toEqual({ creates: 1, batchesCreated: 1 });
	});
});

describe('Batch → Create from JSONL files under Retry On Fail', () => {
	const file = (name: string) => ({
		binary: {
			data: {
				data: Buffer.from(`${rowItems.map((item, i) => JSON.stringify({ request_id: `${name}-${i}`, endpoint: '/v2/generate', payload: item.json.payload })).join('\n')}\n`),
				fileName: `${name}.jsonl`,
				mimeType: 'application/jsonl',
			},
		},
	});

	it('outputs item 0\'s batch of the first attempt when item 1\'s create was refused once, creating 2 batches in all', async () => {
		let creates = 0;
		emulator.config.onRequest = (record) => {
			if (record.method === 'POST' && record.path === '/v2/batch' && ++creates === 2) emulator.injectFault({ method: 'POST', path: '/v2/batch', status: 400, times: 1 });
		};
		const result = await runNode({
			parameters: { resource: 'batch', operation: 'create', source: 'binary', binaryPropertyName: 'data' },
			items: [file('first'), file('second')],
			credentials: { apiKey: 'batch-once-per-run', baseUrl: emulator.url },
			retryOnFail: { maxTries: 2 },
		});
		emulator.config.onRequest = undefined;
		expect(result.status).toBe('success');
		expect(batchPosts().map((r) => r.status)).toEqual([201, 400, 201]);
		expect(emulator.counters.batchesCreated).toBe(2);
		expect(result.items.map((item) => item.json.id)).toEqual(createdBatchIds());
	});
});

describe('Batch → Create when the API refuses the connection (nothing reached Sync)', () => {
	it('says nothing of a batch that may exist, and Retry On Fail sends the create again', async () => {
		// A port nothing listens on: every attempt is refused before any byte is sent.
		const closed = await startEmulator({ port: 0 });
		const url = closed.url;
		await closed.stop();
		const result = await runNode({
			parameters: { resource: 'batch', operation: 'create', source: 'rows', requestId: '={{ $json.request_id }}', payload: '={{ $json.payload }}' },
			items: rowItems,
			credentials: { apiKey: 'batch-once-per-run', baseUrl: url },
			retryOnFail: { maxTries: 2 },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The service refused the connection - perhaps it is offline');
		expect(`${result.error?.message} ${result.error?.description ?? ''}`).not.toMatch(/may have created|was not created again/);
	});
});

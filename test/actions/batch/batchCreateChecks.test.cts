// Batch → Create checks every row of every batch of the run before the first batch is created: each payload against
// Sync's create request (wire types included) and each model against the account's models (one GET /v2/models,
// only when the rows' models differ or one is not known). With Stop Workflow one bad row means 0 batches.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunNodeOptions, type RunnerInputItem } from '../../runner/index.cjs';

const API_KEY = 'batch-checks-key';
const ROWS = { resource: 'batch', operation: 'create', source: 'rows' };
const FILE = { resource: 'batch', operation: 'create', source: 'binary', binaryPropertyName: 'data' };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 10 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const batchCreates = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/batch');
const modelLists = () => emulator.requests.filter((r) => r.method === 'GET' && r.path === '/v2/models');

function payload(i: number, extra: Record<string, unknown> = {}) {
	return { model: 'lipsync-2', input: [{ type: 'video', url: `https://example.com/v${i}.mp4` }, { type: 'audio', url: `https://example.com/a${i}.wav` }], ...extra };
}

/** A JSONL file of 20 rows; `changes` replaces the payload fields of row N (0-based, line N + 1). */
function file(changes: Record<number, Record<string, unknown>> = {}): RunnerInputItem {
	const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ request_id: `line-${i}`, endpoint: '/v2/generate', payload: payload(i, changes[i]) }));
	return { json: {}, binary: { data: { data: Buffer.from(lines.join('\n') + '\n'), fileName: 'rows.jsonl', mimeType: 'application/jsonl' } } };
}

function run(parameters: INodeParameters, items: RunnerInputItem[], extra: Partial<RunNodeOptions> = {}) {
	return runNode({ parameters, items, credentials: { apiKey: API_KEY, baseUrl: emulator.url }, ...extra });
}

describe('JSONL files, one batch per item', () => {
	it('item 1\'s file has a row whose outputFileName is a number, Stop Workflow: no batch is created, the error names the line and the item', async () => {
		const result = await run(FILE, [file(), file({ 4: { outputFileName: 12345 } })]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Input Binary Field "data" holds a file whose line 5 is wrong: payload.outputFileName is the number 12345: Expected string, received number (item 1)',
		);
		expect(batchCreates()).toHaveLength(0);
		expect(emulator.counters.batchesCreated).toBe(0);
	});

	it('item 1\'s file has a row with a model the account lacks, Stop Workflow: no batch is created, one model list is read', async () => {
		const result = await run(FILE, [file(), file({ 7: { model: 'lipsync-9' } })]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Input Binary Field "data" holds a file whose line 8 has model "lipsync-9", which is not one of this account's models \(lipsync-2, .*\) \(item 1\)$/);
		expect(modelLists()).toHaveLength(1);
		expect(emulator.counters.batchesCreated).toBe(0);
	});

	it('the same with Continue (using error output): item 1 comes out of the error output, item 0\'s batch is created', async () => {
		const result = await run(FILE, [file(), file({ 7: { model: 'lipsync-9' } })], { onError: 'continueErrorOutput' });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].json.message).toMatch(/line 8 has model "lipsync-9", which is not one of this account's models/);
		expect(emulator.counters.batchesCreated).toBe(1);
	});

	it('files whose rows all use one known model: the model list is not read', async () => {
		const result = await run(FILE, [file(), file()]);
		expect(result.error).toBeUndefined();
		expect(modelLists()).toHaveLength(0);
		expect(emulator.counters.batchesCreated).toBe(2);
	});
});

describe('rows from input items, one batch', () => {
	const rowItems = (changes: Record<number, Record<string, unknown>> = {}) =>
		Array.from({ length: 20 }, (_, i) => ({ json: { request_id: `req-${i}`, payload: payload(i, changes[i]) } }));

	it('a row whose temperature is text: refused before the batch is sent, naming the field and the item', async () => {
		const result = await run(ROWS, rowItems({ 3: { options: { temperature: '0.5' } } }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Payload (JSON) field "options.temperature" is the text "0.5": Expected number, received string (row 4) (item 3)');
		expect(batchCreates()).toHaveLength(0);
	});

	it('rows whose models differ are checked against the account with one model list: an unknown one is refused before the batch is sent', async () => {
		const result = await run(ROWS, rowItems({ 2: { model: 'sync-3' }, 11: { model: 'lipsync-9' } }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Payload \(JSON\) has model "lipsync-9" \(row 12\), which is not one of this account's models .* \(item 11\)$/);
		expect(modelLists()).toHaveLength(1);
		expect(batchCreates()).toHaveLength(0);
	});
});

describe('a batch create whose outcome is unknown is named as one that may exist', () => {
	it('item 1\'s create answered 500 after item 0\'s batch was created: the error names item 0\'s batch and says item 1\'s may exist', async () => {
		// Item 0's create passes (a delay-only rule), item 1's is done by Sync but answered 500.
		emulator.injectFault({ method: 'POST', path: '/v2/batch', delayMs: 1 });
		emulator.injectFault({ method: 'POST', path: '/v2/batch', status: 500, afterHandling: true });
		const result = await run(FILE, [file(), file()]);
		expect(result.status).toBe('error');
		expect(emulator.counters.batchesCreated).toBe(2);
		const [created] = batchCreates().filter((r) => r.status === 201).map((r) => (r.response as { id: string }).id);
		expect(result.error?.message).toContain(`Batches already created by this node: ${created} (item 0)`);
		expect(result.error?.description).toContain('Sync Labs may have created the batch of item 1');
	});

	it('Continue (regular output): the error item says the batch may exist', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/batch', reset: true, times: Infinity });
		const result = await run(FILE, [file()], { onError: 'continueRegularOutput' });
		expect(result.items[0].json.errorDescription).toContain('Sync Labs may have created the batch of item 0');
		// Not repeated: a second attempt could create a second batch.
		expect(batchCreates()).toHaveLength(1);
	});
});

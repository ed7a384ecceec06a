// Batch resource of the Sync Labs node, run in-process by n8n's WorkflowExecute against the emulator (real HTTP).
import { runNode } from '../../runner/index.cjs';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';

const API_KEY = 'batch-test-key';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 10 });
});
afterEach(() => {
	emulator.reset();
	emulator.config.plan = 'scale';
});
afterAll(async () => {
	await emulator.stop();
});

function credentials(baseUrl = emulator.url) {
	return { apiKey: API_KEY, baseUrl };
}

function payload(i: number, model = 'lipsync-2') {
	return {
		model,
		input: [
			{ type: 'video', url: `https://example.com/v${i}.mp4` },
			{ type: 'audio', url: `https://example.com/a${i}.wav` },
		],
	};
}

function rowItems(count: number, overrides: Record<number, Record<string, unknown>> = {}) {
	return Array.from({ length: count }, (_, i) => ({ json: { request_id: `req-${i}`, payload: payload(i), ...overrides[i] } }));
}

function jsonl(lines: unknown[]): Buffer {
	return Buffer.from(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
}

function fileLines(count: number) {
	return Array.from({ length: count }, (_, i) => ({ request_id: `line-${i}`, endpoint: '/v2/generate', payload: payload(i) }));
}

const ROWS = { resource: 'batch', operation: 'create', source: 'rows' };
const FILE = { resource: 'batch', operation: 'create', source: 'binary', binaryPropertyName: 'data' };

async function waitForBatch(id: string, status = 'COMPLETED'): Promise<void> {
	for (let i = 0; i < 200; i++) {
		if ((emulator.getBatch(id) as { status: string }).status === status) return;
		await new Promise((r) => setTimeout(r, 10));
	}
	throw new Error(`batch ${id} did not reach ${status}`);
}

async function createBatch(count = 20): Promise<string> {
	const response = await fetch(`${emulator.url}/v2/batch`, {
		method: 'POST',
		headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
		body: JSON.stringify({ rows: fileLines(count) }),
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: string }).id;
}

describe('Batch → Create from rows (one batch from all input items)', () => {
	it('sends {rows} with one row per item and outputs one batch paired to every input item', async () => {
		const result = await runNode({
			parameters: { ...ROWS, options: { webhookUrl: 'https://example.com/batch-hook' } },
			items: rowItems(20),
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [out] = result.items;
		expect(out.json).toMatchObject({ status: expect.any(String), metrics: { total_generations: 20 }, webhookUrl: 'https://example.com/batch-hook' });
		expect(out.pairedItem).toEqual(Array.from({ length: 20 }, (_, item) => ({ item })));

		const posts = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/batch');
		expect(posts).toHaveLength(1);
		expect(posts[0].headers['x-api-key']).toBe(API_KEY);
		expect(posts[0].headers['content-type']).toMatch(/^application\/json/);
		const body = posts[0].json as { rows: Array<Record<string, unknown>>; webhook_url?: string };
		expect(body.webhook_url).toBe('https://example.com/batch-hook');
		expect(body.rows).toHaveLength(20);
		expect(body.rows[3]).toEqual({ request_id: 'req-3', endpoint: '/v2/generate', payload: payload(3) });
		expect(emulator.counters.batchesCreated).toBe(1);
		expect(emulator.counters.batchGenerationsCreated).toBe(20);
	});

	it('items without request_id get a generated one; the payload may come from an explicit expression', async () => {
		const items = Array.from({ length: 20 }, (_, i) => ({ json: { job: payload(i) } }));
		const result = await runNode({
			parameters: { ...ROWS, payload: '={{ $json.job }}' },
			items,
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		const body = emulator.requests.find((r) => r.path === '/v2/batch')?.json as { rows: Array<{ request_id: string }> };
		expect(body.rows.map((r) => r.request_id)).toEqual(Array.from({ length: 20 }, (_, i) => `item-${i}`));
	});

	it('a payload given as JSON text is parsed', async () => {
		const items = Array.from({ length: 20 }, (_, i) => ({ json: { request_id: `t-${i}`, text: JSON.stringify(payload(i)) } }));
		const result = await runNode({ parameters: { ...ROWS, payload: '={{ $json.text }}' }, items, credentials: credentials() });
		expect(result.error).toBeUndefined();
		const body = emulator.requests.find((r) => r.path === '/v2/batch')?.json as { rows: Array<{ payload: unknown }> };
		expect(body.rows[5].payload).toEqual(payload(5));
	});

	it('dry run outputs {status: VALIDATED} and creates nothing', async () => {
		const result = await runNode({ parameters: { ...ROWS, options: { dryRun: true } }, items: rowItems(25), credentials: credentials() });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ status: 'VALIDATED' }]);
		expect((emulator.requests[0].json as { dry_run?: unknown }).dry_run).toBe(true);
		expect(emulator.counters.batchesCreated).toBe(0);
	});

	it.each([
		[19, /^Rows From Input Items make a batch that has 19 rows; Sync accepts 20 to 500 per batch/],
		[501, /^Rows From Input Items make a batch that has 501 rows; Sync accepts 20 to 500 per batch/],
	])('validation: %i rows are refused before sending', async (count, message) => {
		const result = await runNode({ parameters: ROWS, items: rowItems(count), credentials: credentials() });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('validation: a payload without model names the field, the row and the item', async () => {
		const broken = { ...payload(7) } as Record<string, unknown>;
		delete broken.model;
		const result = await runNode({ parameters: ROWS, items: rowItems(20, { 7: { payload: broken } }), credentials: credentials() });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Payload (JSON) field "model" is required (for example "lipsync-2") (row 8) (item 7)');
		expect(result.error?.itemIndex).toBe(7);
		expect(emulator.requests).toHaveLength(0);
	});

	it('validation: a payload without input, a missing payload and invalid JSON text are refused', async () => {
		const noInput = await runNode({ parameters: ROWS, items: rowItems(20, { 2: { payload: { model: 'lipsync-2', input: [] } } }), credentials: credentials() });
		expect(noInput.error?.message).toMatch(/^Payload \(JSON\) field "input" must be a non-empty array of inputs, got an empty array \(row 3\) \(item 2\)$/);

		const missing = await runNode({ parameters: ROWS, items: rowItems(20, { 4: { payload: undefined } }), credentials: credentials() });
		expect(missing.error?.message).toMatch(/^Payload \(JSON\) must be an object .* got nothing \(row 5\) \(item 4\)$/);

		const text = await runNode({ parameters: { ...ROWS, payload: '={{ $json.text }}' }, items: [{ json: { text: '{"model": ' } }], credentials: credentials() });
		expect(text.error?.message).toMatch(/^Payload \(JSON\) is not valid JSON \(\d+ characters; .+\) \(item 0\)$/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('validation: duplicate request IDs name both items', async () => {
		const result = await runNode({ parameters: ROWS, items: rowItems(20, { 12: { request_id: 'req-4' } }), credentials: credentials() });
		expect(result.error?.message).toBe('Request ID "req-4" is already used by item 4; request IDs must be unique within a batch (item 12)');
		expect(result.error?.itemIndex).toBe(12);
		expect(emulator.requests).toHaveLength(0);
	});

	it('validation: more than 5 MB as JSONL is refused', async () => {
		const padding = 'x'.repeat(300 * 1024);
		const padded = (i: number) => ({ ...payload(i), input: [{ type: 'video', url: `https://example.com/v${i}.mp4?pad=${padding}` }, payload(i).input[1]] });
		const items = rowItems(20).map((item, i) => ({ json: { ...item.json, payload: padded(i) } }));
		const result = await runNode({ parameters: ROWS, items, credentials: credentials() });
		expect(result.error?.message).toMatch(/^Rows From Input Items make a batch that is \d+ bytes as JSONL; Sync accepts at most 5242880 bytes \(5 MB\)/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('validation: the webhook URL must be an http(s) URL', async () => {
		const result = await runNode({ parameters: { ...ROWS, options: { webhookUrl: 'ftp://example.com/x' } }, items: rowItems(20), credentials: credentials() });
		expect(result.error?.message).toBe('Webhook URL starts with "ftp:"; Sync fetches only http:// and https:// URLs (item 0)');
	});

	it("an API validation error keeps its errorCode and points at the row's input item", async () => {
		const result = await runNode({
			parameters: ROWS,
			// A 31 s input passes the node's checks; only Sync knows durations (batch_input_duration_exceeded).
			items: rowItems(20, { 9: { payload: { ...payload(9), input: [{ type: 'video', url: 'https://example.com/v9.mp4?sync_duration_s=31' }, payload(9).input[1]] } } }),
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Sync Labs: .*\[batch_input_duration_exceeded\]$/);
		expect(result.error?.description).toContain('Line: 10');
		expect(result.error?.description).toContain('Row 10 comes from input item 9.');
		expect(result.error?.itemIndex).toBe(9);
	});

	it('402 below the Scale plan is reported with batch_plan_required', async () => {
		emulator.config.plan = 'creator';
		const result = await runNode({ parameters: ROWS, items: rowItems(20), credentials: credentials() });
		expect(result.error?.message).toMatch(/\[batch_plan_required\]$/);
	});

	it('continueOnFail: one error item paired to all inputs', async () => {
		const result = await runNode({ parameters: ROWS, items: rowItems(3), credentials: credentials(), continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toMatch(/has 3 rows; Sync accepts 20 to 500 per batch/);
		expect(result.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Batch → Create from a JSONL binary file (one batch per item)', () => {
	it('uploads the file as multipart part "input" with its file name, webhook_url and dry_run fields', async () => {
		const file = jsonl(fileLines(25));
		const result = await runNode({
			parameters: { ...FILE, options: { webhookUrl: 'https://example.com/hook' } },
			items: [{ binary: { data: { data: file, fileName: 'requests.jsonl', mimeType: 'application/jsonl' } } }],
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ metrics: { total_generations: 25 }, webhookUrl: 'https://example.com/hook' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const post = emulator.requests.find((r) => r.path === '/v2/batch');
		expect(post?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(post?.form).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ name: 'input', filename: 'requests.jsonl', bytes: file.length }),
				expect.objectContaining({ name: 'webhook_url', value: 'https://example.com/hook' }),
				expect.objectContaining({ name: 'dry_run', value: 'false' }),
			]),
		);
	});

	it('dry run', async () => {
		const result = await runNode({
			parameters: { ...FILE, options: { dryRun: true } },
			items: [{ binary: { data: { data: jsonl(fileLines(20)), fileName: 'r.jsonl', mimeType: 'application/jsonl' } } }],
			credentials: credentials(),
		});
		expect(result.items.map((i) => i.json)).toEqual([{ status: 'VALIDATED' }]);
		expect(emulator.requests[0].form).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'dry_run', value: 'true' })]));
		expect(emulator.counters.batchesCreated).toBe(0);
	});

	it('validation names the line: invalid JSON, wrong endpoint, missing input, duplicate request_id, too few lines', async () => {
		const run = async (lines: unknown[], itemIndexOfFile = 0) => {
			const items = Array.from({ length: itemIndexOfFile + 1 }, (_, i) =>
				i === itemIndexOfFile
					? { binary: { data: { data: jsonl(lines), fileName: 'r.jsonl', mimeType: 'application/jsonl' } } }
					: { binary: { data: { data: jsonl(fileLines(20)), fileName: 'ok.jsonl', mimeType: 'application/jsonl' } } },
			);
			return await runNode({ parameters: { ...FILE, options: { dryRun: true } }, items, credentials: credentials() });
		};
		const good = fileLines(20);

		const badJson = await run([...good.slice(0, 4), '{"request_id": "x",', ...good.slice(4)]);
		expect(badJson.error?.message).toMatch(/^Input Binary Field "data" holds a file whose line 5 is not valid JSON .*\(item 0\)$/);

		const badEndpoint = await run(good.map((l, i) => (i === 6 ? { ...l, endpoint: '/v2/generations' } : l)), 1);
		expect(badEndpoint.error?.message).toBe('Input Binary Field "data" holds a file whose line 7 is wrong: endpoint must be "/v2/generate", got "/v2/generations" (item 1)');
		expect(badEndpoint.error?.itemIndex).toBe(1);

		const noInput = await run(good.map((l, i) => (i === 2 ? { ...l, payload: { model: 'lipsync-2' } } : l)));
		expect(noInput.error?.message).toBe('Input Binary Field "data" holds a file whose line 3 is wrong: payload.input must be a non-empty array of inputs, got nothing (item 0)');

		const duplicate = await run(good.map((l, i) => (i === 15 ? { ...l, request_id: 'line-3' } : l)));
		expect(duplicate.error?.message).toBe('Input Binary Field "data" holds a file whose line 16 repeats request_id "line-3" of line 4; request IDs must be unique (item 0)');

		const few = await run(good.slice(0, 5));
		expect(few.error?.message).toBe('Input Binary Field "data" holds a batch that has 5 rows; Sync accepts 20 to 500 per batch (item 0)');

		// Every file is checked before the first batch: the two-item run (bad file in item 1) sent nothing either.
		expect(emulator.requests.filter((r) => r.path === '/v2/batch')).toHaveLength(0);
	});

	it('an invalid file in item 1, Stop Workflow: the node stops before item 0\'s batch is created', async () => {
		const file = (lines: unknown[]) => ({ binary: { data: { data: jsonl(lines), fileName: 'r.jsonl', mimeType: 'application/jsonl' } } });
		const result = await runNode({ parameters: FILE, items: [file(fileLines(20)), file(fileLines(5))], credentials: credentials() });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/accepts 20 to 500 per batch \(item 1\)$/);
		expect(result.error?.itemIndex).toBe(1);
		expect(emulator.counters.batchesCreated).toBe(0);
	});

	it('a file the API refuses after an earlier item\'s batch was created: the error names that batch and its item', async () => {
		// A 31 s input passes the node's checks; only Sync knows durations (batch_input_duration_exceeded).
		const long = fileLines(20).map((l, i) => (i === 0 ? { ...l, payload: { ...l.payload, input: [{ type: 'video', url: 'https://example.com/v.mp4?sync_duration_s=31' }, l.payload.input[1]] } } : l));
		const file = (lines: unknown[]) => ({ binary: { data: { data: jsonl(lines), fileName: 'r.jsonl', mimeType: 'application/jsonl' } } });
		const result = await runNode({ parameters: FILE, items: [file(fileLines(20)), file(long)], credentials: credentials() });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/batch_input_duration_exceeded/);
		expect(emulator.counters.batchesCreated).toBe(1);
		const [created] = emulator.requests.filter((r) => r.path === '/v2/batch' && r.status === 201).map((r) => (r.response as { id: string }).id);
		expect(result.error?.message).toContain(`Batches already created by this node: ${created} (item 0)`);
		expect(result.error?.description).toContain(created);
	});

	it('a missing binary property names the field and the item', async () => {
		const result = await runNode({ parameters: FILE, items: [{ json: {} }], credentials: credentials() });
		expect(result.error?.message).toBe('Input Binary Field is "data", but the input item has no binary data at all (item 0)');
	});
});

// Batch → Get and Get Many run against the fake Sync: batchReads.test.cts.
describe('Batch → Get Results', () => {
	it('downloads the results file through its 302 and outputs one item per line', async () => {
		const id = await createBatch(20);
		await waitForBatch(id);
		emulator.requests.length = 0;
		const result = await runNode({
			parameters: { resource: 'batch', operation: 'getResults', batchId: id, options: { includeBatchId: true } },
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(20);
		expect(result.items[0].json).toMatchObject({ requestId: 'line-0', status: 'COMPLETED', generationId: expect.any(String), batchId: id });
		expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		const paths = emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
		expect(paths).toEqual([`GET /v2/batch/${id} 200`, `GET /batch-results/${id} 302`, `GET /files/batch-results/${id}.jsonl 200`]);
	});

	it('when the results URL is not under the credential base URL, no API key is sent to it', async () => {
		const id = await createBatch(20);
		await waitForBatch(id);
		emulator.requests.length = 0;
		// Same server, other origin: the API is reached as localhost, the results URL says 127.0.0.1.
		const result = await runNode({
			parameters: { resource: 'batch', operation: 'getResults', batchId: id },
			credentials: credentials(emulator.url.replace('127.0.0.1', 'localhost')),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(20);
		const [get, redirect, file] = emulator.requests;
		expect(get.headers['x-api-key']).toBe(API_KEY);
		expect(redirect.headers['x-api-key']).toBeUndefined();
		expect(file.headers['x-api-key']).toBeUndefined();
	});

	it('a batch that is still running is refused with its status', async () => {
		const slow = await startEmulator({ port: 0, pendingMs: 60000, processingMs: 60000 });
		try {
			const response = await fetch(`${slow.url}/v2/batch`, {
				method: 'POST',
				headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
				body: JSON.stringify({ rows: fileLines(20) }),
			});
			const { id } = (await response.json()) as { id: string };
			const result = await runNode({ parameters: { resource: 'batch', operation: 'getResults', batchId: id }, credentials: credentials(slow.url) });
			expect(result.error?.message).toMatch(new RegExp(`^Batch ${id} is (PENDING|JOBS_CREATED|PROCESSING); its results are available once it is COMPLETED or FAILED$`));
		} finally {
			await slow.stop();
		}
	});
});

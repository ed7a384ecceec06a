// Sync Labs action node (Generation → Create) in a real n8n, against the Sync Labs emulator as the
// credential's base URL. Executions are started through Webhook nodes and read back from n8n.
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { type Emulator, startEmulator, TINY_MP4 } from '../emulator/index.cjs';
import { deliverSigned, type ExecutionSummary, type N8nInstance, nodeOutput, startN8n } from './harness/index.cjs';
import {
	ACTION_NAME,
	BAD_CONTINUE,
	BAD_STOP,
	POLL,
	SAMPLE_FILE,
	UPLOAD_LARGE,
	UPLOAD_SMALL,
	WEBHOOK,
	WORKFLOWS,
} from './fixtures/action.cjs';
import { CREDENTIAL, SIGNING_SECRET, WRONG_SECRET } from './fixtures/trigger.cjs';


let n8n: N8nInstance;
let emulator: Emulator;
let filesDir: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const refusals = () => n8n.log().split('Sync Labs webhook refused with 401').length - 1;

/** Full items (json and binary metadata) of a node's last run. */
function nodeItems(execution: ExecutionSummary, nodeName: string): Array<{ json: Record<string, any>; binary?: Record<string, any> }> {
	const runs = execution.data?.resultData?.runData?.[nodeName] as any[] | undefined;
	return runs?.[runs.length - 1]?.data?.main?.[0] ?? [];
}

async function start(path: string, body: Record<string, unknown>): Promise<void> {
	const res = await fetch(n8n.webhookUrl(path), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	if (res.status !== 200) throw new Error(`starting ${path}: HTTP ${res.status} ${text}`);
}

/**
 * Executions of a workflow as the editor lists them (`GET /rest/executions`): n8n 2.8.4's public API leaves
 * waiting executions out of its list, even when asked for status=waiting.
 */
async function editorExecutions(workflowId: string): Promise<Array<{ id: string; status: string }>> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const r = await n8n.rest<{ data: { results: Array<{ id: string; status: string }> } }>('GET', `/executions?filter=${filter}`);
	if (r.status !== 200) throw new Error(`GET /rest/executions: HTTP ${r.status} ${JSON.stringify(r.body)}`);
	return r.body.data.results.map((e) => ({ id: String(e.id), status: e.status }));
}

/** The one waiting execution of a workflow. */
async function waitingExecution(workflowId: string, timeoutMs = 20_000): Promise<{ id: string; status: string }> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const waiting = (await editorExecutions(workflowId)).filter((e) => e.status === 'waiting');
		if (waiting.length > 0) return waiting[0];
		if (Date.now() > deadline) throw new Error(`no waiting execution of ${workflowId} after ${timeoutMs} ms`);
		await sleep(250);
	}
}

/** POST /v2/generate requests the emulator received after `from`. */
const creates = (from = 0) => emulator.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/v2/generate');

beforeAll(async () => {
	emulator = await startEmulator({ webhookSecret: SIGNING_SECRET, pendingMs: 50, processingMs: 300 });
	filesDir = mkdtempSync(join(tmpdir(), 'synclabs-e2e-files-'));
	writeFileSync(join(filesDir, SAMPLE_FILE), TINY_MP4);
	n8n = await startN8n({
		credentials: [CREDENTIAL],
		workflows: WORKFLOWS,
		vars: { SYNC_BASE_URL: emulator.url, FILES_DIR: filesDir },
		env: { N8N_RESTRICT_FILE_ACCESS_TO: filesDir },
		waitForWebhooks: WORKFLOWS.map((w) => w.nodes[0].parameters.path as string),
	});
});

afterAll(async () => {
	await n8n?.stop();
	await emulator?.stop();
	if (filesDir) rmSync(filesDir, { recursive: true, force: true });
});

describe(`Sync Labs action node on n8n ${process.env.N8N_E2E_VERSION ?? '2.41.1'}`, () => {
	it('Create + poll until done outputs the COMPLETED generation with the video as binary', async () => {
		const from = emulator.requests.length;
		await start(POLL.path, { visualUrl: 'https://cdn.example/poll.mp4?case=poll' });
		const [execution] = await n8n.waitForExecutions(POLL.id, { count: 1 });
		expect(execution.status).toBe('success');

		const items = nodeItems(execution, ACTION_NAME);
		expect(items).toHaveLength(1);
		const { json, binary } = items[0];
		expect(json.status).toBe('COMPLETED');
		expect(json.outputUrl).toBe(`${emulator.url}/files/${json.id}.mp4`);
		expect(emulator.getGeneration(json.id as string)).toMatchObject({ status: 'COMPLETED' });
		// n8n keeps the binary's metadata in the item (the bytes live in its binary store)
		expect(binary?.data).toMatchObject({ mimeType: 'video/mp4', fileExtension: 'mp4', fileType: 'video' });
		expect(String(binary?.data.fileName)).toMatch(/\.mp4$/);
		expect(binary?.data.fileSize).toBeDefined();
		// the video was downloaded from the emulator, once, without the API key
		const downloads = emulator.requests.slice(from).filter((r) => r.method === 'GET' && r.path === `/files/${json.id}.mp4`);
		expect(downloads).toHaveLength(1);
		expect(downloads[0].status).toBe(200);
		expect(downloads[0].headers['x-api-key']).toBeUndefined();
		// the create request carried the URLs from the item
		expect(creates(from)).toHaveLength(1);
		expect((creates(from)[0].json as any).input[0].url).toBe('https://cdn.example/poll.mp4?case=poll');
	});

	it('Create + wait for webhook: waits, refuses a forged callback, resumes on the signed one', async () => {
		const from = emulator.requests.length;
		const deliveriesBefore = emulator.webhookDeliveries.length;
		// the generation stays PROCESSING for 8 s: time to check the waiting state and send a forged callback
		await start(WEBHOOK.path, { visualUrl: 'https://cdn.example/webhook.mp4?sync_processing_ms=8000' });

		const waiting = await waitingExecution(WEBHOOK.id);
		expect(waiting.status).toBe('waiting');
		const [create] = creates(from);
		const webhookUrl = (create.json as any).webhookUrl as string;
		// the node handed Sync this execution's resume URL on this n8n (2.41 adds its resume token as `signature`)
		expect(webhookUrl).toMatch(new RegExp(`^${n8n.baseUrl.replace(/[.]/g, '\\.')}/webhook-waiting/${waiting.id}(\\?signature=[^&/]+)?$`));
		const refusalsBefore = refusals();

		// a forged callback (wrong secret) to the same URL: refused, the execution keeps waiting
		const forgedPayload = { id: 'forged', status: 'COMPLETED', outputUrl: 'https://evil.example/x.mp4' };
		const forged = await deliverSigned(webhookUrl, forgedPayload, { secret: WRONG_SECRET });
		expect(forged.status).toBe(401);
		// refused by the node's signature check (not by n8n's routing), and logged without the secret
		expect(refusals()).toBe(refusalsBefore + 1);
		expect(n8n.log()).not.toContain(WRONG_SECRET);
		await sleep(1000);
		expect(await editorExecutions(WEBHOOK.id)).toEqual([{ id: waiting.id, status: 'waiting' }]);

		// the emulator's signed delivery resumes it
		const deliveries = await emulator.waitForWebhooks(deliveriesBefore + 1, 20_000);
		const delivery = deliveries[deliveriesBefore];
		expect(delivery.url).toBe(webhookUrl);
		expect(delivery.status).toBe(200);
		const [done] = await n8n.waitForExecutions(WEBHOOK.id, { count: 1, statuses: ['success', 'error', 'crashed'] });
		expect(done.id).toBe(waiting.id);
		expect(done.status).toBe('success');
		const [item] = nodeOutput(done, ACTION_NAME);
		expect(item.id).toBe(delivery.id);
		expect(item.status).toBe('COMPLETED');
		expect(item.outputUrl).toBe(`${emulator.url}/files/${delivery.id}.mp4`);
		expect(item.id).not.toBe('forged');
		// no polling while waiting: only the one status check between create and pause
		expect(emulator.requests.slice(from).filter((r) => r.method === 'GET' && r.path.startsWith('/v2/generate/'))).toHaveLength(1);
	});

	it('a small binary read from disk goes up as multipart in the create request', async () => {
		const from = emulator.requests.length;
		const uploadedBefore = emulator.counters.uploadsReceivedBytes;
		await start(UPLOAD_SMALL.path, {});
		const [execution] = await n8n.waitForExecutions(UPLOAD_SMALL.id, { count: 1 });
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, ACTION_NAME)[0].status).toBe('COMPLETED');

		const [create] = creates(from);
		expect(String(create.headers['content-type'])).toMatch(/^multipart\/form-data/);
		const filePart = create.form?.find((p) => p.filename !== undefined);
		expect(filePart).toMatchObject({ bytes: TINY_MP4.length, contentType: 'video/mp4' });
		expect(filePart?.filename).toMatch(/\.mp4$/);
		// no presigned upload
		expect(emulator.requests.slice(from).filter((r) => r.method === 'PUT')).toHaveLength(0);
		expect(emulator.counters.uploadsReceivedBytes).toBe(uploadedBefore);
	});

	it('a binary above the upload threshold goes to asset storage (PUT without the API key), then by asset id', async () => {
		const from = emulator.requests.length;
		const uploadedBefore = emulator.counters.uploadsReceivedBytes;
		const assetsBefore = emulator.counters.assetsCreated;
		await start(UPLOAD_LARGE.path, {});
		const [execution] = await n8n.waitForExecutions(UPLOAD_LARGE.id, { count: 1 });
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, ACTION_NAME)[0].status).toBe('COMPLETED');

		const puts = emulator.requests.slice(from).filter((r) => r.method === 'PUT');
		expect(puts).toHaveLength(1);
		expect(puts[0].path).toMatch(/^\/uploads\//);
		expect(puts[0].headers['x-api-key']).toBeUndefined();
		expect(puts[0].headers.authorization).toBeUndefined();
		expect(puts[0].bodyBytes).toBe(TINY_MP4.length);
		expect(emulator.counters.uploadsReceivedBytes - uploadedBefore).toBe(TINY_MP4.length);
		expect(emulator.counters.assetsCreated - assetsBefore).toBe(1);
		const [create] = creates(from);
		expect(String(create.headers['content-type'])).toMatch(/^application\/json/);
		expect((create.json as any).input[0]).toMatchObject({ type: 'video', assetId: expect.any(String) });
	});

	const badUrls = (tag: string) => [
		`https://cdn.example/first.mp4?case=${tag}-0`,
		'not a url',
		`https://cdn.example/third.mp4?case=${tag}-2`,
	];
	const createdUrls = (from: number) => creates(from).map((r) => String((r.json as any)?.input?.[0]?.url));

	it('bad input with "On Error: Continue": an error item for the bad one, generations for the others', async () => {
		const from = emulator.requests.length;
		await start(BAD_CONTINUE.path, { urls: badUrls('continue') });
		const [execution] = await n8n.waitForExecutions(BAD_CONTINUE.id, { count: 1 });
		expect(execution.status).toBe('success');
		const items = nodeItems(execution, ACTION_NAME);
		expect(items).toHaveLength(3);
		expect(items[0].json.status).toBe('COMPLETED');
		expect(items[2].json.status).toBe('COMPLETED');
		expect(items[1].json.status).toBeUndefined();
		expect(items[1].json.error).toMatch(/Visual URL/);
		expect(items[1].json.error).toMatch(/not a valid URL/);
		expect(items[1].json.error).toMatch(/item 1/);
		expect(createdUrls(from).sort()).toEqual([badUrls('continue')[0], badUrls('continue')[2]].sort());
	});

	it('bad input without it: the execution fails with an error naming the field and the item', async () => {
		const from = emulator.requests.length;
		await start(BAD_STOP.path, { urls: badUrls('stop') });
		const [execution] = await n8n.waitForExecutions(BAD_STOP.id, { count: 1 });
		expect(execution.status).toBe('error');
		const error = execution.data?.resultData?.error;
		expect(error?.message).toMatch(/Visual URL/);
		expect(error?.message).toMatch(/item 1/);
		expect(execution.data?.resultData?.lastNodeExecuted).toBe(ACTION_NAME);
		// every item is checked before the first create: one bad item means nothing is created
		expect(createdUrls(from)).toEqual([]);
	});
});

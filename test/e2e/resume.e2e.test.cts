// "Wait for Webhook" resumes in a real n8n (2.41.1 and 2.8.4), against the Sync Labs emulator: the resume is
// bound to the generation this run created (also across Loop Over Items iterations), a verified callback is
// acknowledged at once and never lost to a failing download, waits end (Max Wait, n8n's WaitTracker) and a
// follow-up step recovers the generation from execution custom data. Also the n8n behaviours the in-process
// runner (test/runner/src/workflowRunner.cts) plays: the waiting run popped, a throwing webhook() (500, run on {}),
// an expired wait passing the input through, noWebhookResponse with an answer written by the node.
import { type Emulator, startEmulator } from '../emulator/index.cjs';
import type { IDataObject } from 'n8n-workflow';
import { deliverSigned, type ExecutionSummary, type N8nInstance, nodeOutput, startN8n } from './harness/index.cjs';
import { generationPayload } from './harness/load.cjs';
import { ACTION_NAME } from './fixtures/action.cjs';
import {
	AFTER_NAME,
	FIND_NAME,
	RECOVER_NAME,
	RESUME_BIND,
	RESUME_DOWNLOAD,
	RESUME_EXPIRY,
	RESUME_FAILED,
	RESUME_LOOP,
	RESUME_NOW,
	RESUME_THROW,
	RESUME_WORKFLOWS,
} from './fixtures/resume.cjs';
import { CREDENTIAL, SIGNING_SECRET } from './fixtures/trigger.cjs';

const VERSION = process.env.N8N_E2E_VERSION ?? '2.41.1';
const KEY = 'syncLabsGenerationId';
let n8n: N8nInstance;
let emulator: Emulator;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(path: string, body: Record<string, unknown>): Promise<number> {
	const from = emulator.requests.length;
	const res = await fetch(n8n.webhookUrl(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (res.status !== 200) throw new Error(`starting ${path}: HTTP ${res.status} ${await res.text()}`);
	return from;
}

/** Executions as the editor lists them: n8n 2.8.4's public API leaves waiting ones out. */
async function editorExecutions(workflowId: string): Promise<Array<{ id: string; status: string }>> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const r = await n8n.rest<{ data: { results: Array<{ id: string; status: string }> } }>('GET', `/executions?filter=${filter}`);
	if (r.status !== 200) throw new Error(`GET /rest/executions: HTTP ${r.status}`);
	return r.body.data.results.map((e) => ({ id: String(e.id), status: e.status }));
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(200);
	}
}

/** The execution (with data) once it is no longer new, running or waiting. */
async function finished(workflowId: string, executionId: string, timeoutMs = 60_000): Promise<ExecutionSummary> {
	return await until(
		`execution ${executionId} to finish`,
		async () => {
			const r = await n8n.api<ExecutionSummary>('GET', `/executions/${executionId}?includeData=true`);
			return r.status === 200 && !['new', 'running', 'waiting'].includes(r.body.status) ? r.body : undefined;
		},
		timeoutMs,
	);
}

const waitingId = (workflowId: string) =>
	until(`a waiting execution of ${workflowId}`, async () => (await editorExecutions(workflowId)).find((e) => e.status === 'waiting')?.id);

/** Generations whose video URL contains `tag`, in creation order (the emulator’s unpaged GET /v2/generations). */
async function createdIds(tag: string): Promise<string[]> {
	const r = await fetch(`${emulator.url}/v2/generations`, { headers: { 'x-api-key': String(CREDENTIAL.data.apiKey) } });
	const list = (await r.json()) as Array<{ id: string; input?: Array<{ url?: string }> }>;
	return list.filter((g) => String(g.input?.[0]?.url).includes(tag)).map((g) => g.id);
}
/** Waits until at least `count` generations with `tag` exist. */
const created = (tag: string, count = 1) =>
	until(`${count} generation(s) ${tag}`, async () => {
		const ids = await createdIds(tag);
		return ids.length >= count ? ids : undefined;
	});
const createRequests = (from: number) => emulator.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/v2/generate');
const deliveryOf = (id: string) => until(`Sync's delivery for ${id}`, () => emulator.webhookDeliveries.find((d) => d.id === id), 40_000);
const runsOf = (execution: ExecutionSummary, node: string): any[] => execution.data?.resultData?.runData?.[node] ?? [];
const runItems = (run: any): any[] => run?.data?.main?.[0] ?? [];


beforeAll(async () => {
	emulator = await startEmulator({ webhookSecret: SIGNING_SECRET, pendingMs: 50, processingMs: 300 });
	n8n = await startN8n({
		credentials: [CREDENTIAL],
		workflows: RESUME_WORKFLOWS,
		vars: { SYNC_BASE_URL: emulator.url },
		waitForWebhooks: RESUME_WORKFLOWS.map((w) => w.nodes[0].parameters.path as string),
	});
	// Started first: n8n's WaitTracker looks for expired waits every 60 s. REJECTED sends no webhook (Sync's
	// documented events are completed and failed), so this wait can only end by expiring.
	await start(RESUME_EXPIRY.path, { visualUrl: 'https://cdn.example/expiry.mp4?sync_outcome=rejected&sync_pending_ms=4000' });
});

afterAll(async () => {
	await n8n?.stop();
	await emulator?.stop();
});

describe(`Wait for Webhook resumes on n8n ${VERSION}`, () => {
	it('a signed delivery for another generation gets 409 and the execution keeps waiting; its own resumes it, with the waiting run popped', async () => {
		const from = await start(RESUME_BIND.path, { visualUrl: 'https://cdn.example/bind.mp4?sync_processing_ms=6000' });
		const executionId = await waitingId(RESUME_BIND.id);
		const [own] = await created('bind.mp4');
		const webhookUrl = (createRequests(from)[0].json as { webhookUrl: string }).webhookUrl;

		const foreign = await deliverSigned(webhookUrl, generationPayload('0badc0de-0000-4000-8000-000000000001'), { secret: SIGNING_SECRET });
		expect(foreign.status).toBe(409);
		await sleep(1000);
		expect((await editorExecutions(RESUME_BIND.id)).find((e) => e.id === executionId)?.status).toBe('waiting');

		const delivery = await deliveryOf(own);
		// noWebhookResponse: the caller got what the node wrote on the response object
		expect(delivery.status).toBe(200);
		expect(JSON.parse(delivery.response)).toEqual({ message: 'Workflow was started' });
		const done = await finished(RESUME_BIND.id, executionId);
		expect(done.status).toBe('success');
		// n8n popped the run execute() returned before webhook(); only the resumed run is left
		expect(runsOf(done, ACTION_NAME)).toHaveLength(1);
		expect(nodeOutput(done, ACTION_NAME).map((j) => [j.id, j.status])).toEqual([[own, 'COMPLETED']]);
		expect(nodeOutput(done, AFTER_NAME).map((j) => j.id)).toEqual([own]);
		expect(done.data?.resultData.metadata?.[KEY]).toBe(own);
	});

	it('inside Loop Over Items, a late callback of iteration 1 is refused during iteration 2, which resumes with its own video', async () => {
		const urls = ['https://cdn.example/loop-1.mp4?sync_processing_ms=1500', 'https://cdn.example/loop-2.mp4?sync_processing_ms=8000'];
		await start(RESUME_LOOP.path, { urls });
		const executionId = await waitingId(RESUME_LOOP.id);
		const [first] = await created('loop-');
		const firstDelivery = await deliveryOf(first);
		expect(firstDelivery.status).toBe(200);
		// iteration 2 created its generation and waits on the same resume URL
		const [, second] = await created('loop-', 2);
		await until('iteration 2 to wait', async () => ((await editorExecutions(RESUME_LOOP.id)).find((e) => e.id === executionId)?.status === 'waiting' ? true : undefined));

		// iteration 1's callback again (a duplicate or a late retry): same URL, validly signed
		const late = await fetch(firstDelivery.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'sync-signature': firstDelivery.header },
			body: firstDelivery.body,
		});
		expect(late.status).toBe(409);
		await sleep(1000);
		expect((await editorExecutions(RESUME_LOOP.id)).find((e) => e.id === executionId)?.status).toBe('waiting');

		expect((await deliveryOf(second)).status).toBe(200);
		const done = await finished(RESUME_LOOP.id, executionId);
		expect(done.status).toBe('success');
		expect(runsOf(done, ACTION_NAME).map((run) => runItems(run)[0]?.json.id)).toEqual([first, second]);
		expect(runsOf(done, ACTION_NAME).map((run) => runItems(run)[0]?.json.input?.[0]?.url)).toEqual(urls);
		expect(nodeOutput(done, AFTER_NAME).map((j) => j.id)).toEqual([first, second]);
	});

	it('a download that keeps failing: the callback is answered at once, the download retried, the run resumes with the generation and downloadError', async () => {
		emulator.injectFault({ method: 'GET', path: '/files/*', status: 503, times: Infinity });
		try {
			await start(RESUME_DOWNLOAD.path, { visualUrl: 'https://cdn.example/download.mp4?sync_processing_ms=1500' });
			const executionId = await waitingId(RESUME_DOWNLOAD.id);
			const [own] = await created('download.mp4');
			const delivery = await deliveryOf(own);
			expect(delivery.status).toBe(200);
			const done = await finished(RESUME_DOWNLOAD.id, executionId);
			expect(done.status).toBe('success');
			const downloads = emulator.requests.filter((r) => r.method === 'GET' && r.path === `/files/${own}.mp4`);
			// one attempt and four retries with backoff (transport/retryPolicy.ts), all after the answer
			expect(downloads.map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
			expect(delivery.at).toBeLessThan(downloads[downloads.length - 1].at - 5000);

			const [item] = runItems(runsOf(done, ACTION_NAME)[0]);
			expect(item.binary).toBeUndefined();
			expect(item.json).toMatchObject({ id: own, status: 'COMPLETED', outputUrl: `${emulator.url}/files/${own}.mp4`, downloadError: expect.stringMatching(/HTTP 503/) });
			expect(nodeOutput(done, AFTER_NAME)[0].id).toBe(own);
			// the earlier nodes' data is intact (a throwing webhook() would have replaced it)
			expect(runsOf(done, 'Webhook')).toHaveLength(1);
		} finally {
			emulator.clearFaults();
		}
	});

	it('a download that fails twice is retried and the video arrives as binary', async () => {
		emulator.injectFault({ method: 'GET', path: '/files/*', status: 503, times: 2 });
		await start(RESUME_DOWNLOAD.path, { visualUrl: 'https://cdn.example/download-2.mp4?sync_processing_ms=1500' });
		const executionId = await waitingId(RESUME_DOWNLOAD.id);
		const [own] = await created('download-2.mp4');
		expect((await deliveryOf(own)).status).toBe(200);
		const done = await finished(RESUME_DOWNLOAD.id, executionId);
		expect(done.status).toBe('success');
		const [item] = runItems(runsOf(done, ACTION_NAME)[0]);
		expect(item.json.downloadError).toBeUndefined();
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4' });
		expect(emulator.requests.filter((r) => r.method === 'GET' && r.path === `/files/${own}.mp4`).map((r) => r.status)).toEqual([503, 503, 200]);
	});

	it('FAILED after a resume arrives on the main output with status, error and errorCode', async () => {
		await start(RESUME_FAILED.path, { visualUrl: 'https://cdn.example/failed.mp4?sync_outcome=failed&sync_processing_ms=1500' });
		const executionId = await waitingId(RESUME_FAILED.id);
		const [own] = await created('failed.mp4');
		expect((await deliveryOf(own)).status).toBe(200);
		const done = await finished(RESUME_FAILED.id, executionId);
		expect(done.status).toBe('success');
		expect(nodeOutput(done, AFTER_NAME)).toEqual([
			expect.objectContaining({ id: own, status: 'FAILED', error: expect.any(String), errorCode: 'generation_pipeline_failed' }),
		]);
	});

	it('a generation finished before the pause is output at once, though n8n answered its callback 409', async () => {
		await start(RESUME_NOW.path, { visualUrl: 'https://cdn.example/now.mp4?sync_pending_ms=0&sync_processing_ms=0' });
		const [own] = await created('now.mp4');
		// the callback came while the execution was still running: n8n refused it, as it would any early callback
		expect((await deliveryOf(own)).status).toBe(409);
		const [execution] = await n8n.waitForExecutions(RESUME_NOW.id, { count: 1, statuses: ['success', 'error', 'crashed'] });
		expect(execution.status).toBe('success');
		expect(execution.waitTill).toBeNull();
		const [item] = runItems(runsOf(execution, ACTION_NAME)[0]);
		expect(item.json).toMatchObject({ id: own, status: 'COMPLETED' });
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4' });
	});

	it('a webhook() that throws: n8n answers 500 and runs the rest on an empty item, the earlier data gone', async () => {
		await start(RESUME_THROW.path, { visualUrl: 'https://cdn.example/throw.mp4?sync_processing_ms=5000', throwAfter: Date.now() + 2500 });
		const executionId = await waitingId(RESUME_THROW.id);
		const [own] = await created('throw.mp4');
		expect((await deliveryOf(own)).status).toBe(500);
		const done = await finished(RESUME_THROW.id, executionId);
		// the run went on (After ran on the empty item) and n8n stores it as failed (resultData.error)
		expect(done.status).toBe('error');
		expect(nodeOutput(done, AFTER_NAME)).toEqual([{}]);
		expect(runsOf(done, 'Webhook')).toHaveLength(0);
		expect(runItems(runsOf(done, ACTION_NAME)[0]).map((i) => i.json)).toEqual([{}]);
		expect(done.data?.resultData.error?.message).toEqual(expect.any(String));
		expect(done.data?.resultData.metadata?.[KEY]).toBeUndefined();
	});

	it('an expired wait passes the input through, and a Code node finds the generation in custom data and a follow-up Wait for Completion recovers it', async () => {
		const [own] = await created('expiry.mp4');
		const [execution] = await n8n.waitForExecutions(RESUME_EXPIRY.id, { count: 1, statuses: ['success', 'error', 'crashed'], timeoutMs: 110_000 });
		expect(execution.status).toBe('success');
		// n8n did not call the node again: its output is its input, the Webhook node's item
		const [passed] = nodeOutput(execution, ACTION_NAME);
		expect((passed.body as IDataObject | undefined)?.visualUrl).toMatch(/expiry\.mp4/);
		expect(passed.id).toBeUndefined();
		expect(execution.data?.resultData.metadata?.[KEY]).toBe(own);
		expect(nodeOutput(execution, FIND_NAME)).toEqual([{ generationId: own }]);
		expect(nodeOutput(execution, RECOVER_NAME)).toEqual([expect.objectContaining({ id: own, status: 'REJECTED', errorCode: expect.any(String) })]);
		expect(emulator.webhookDeliveries.filter((d) => d.id === own)).toHaveLength(0);
	}, 120_000);
});

// Error output and billing in a real n8n (2.41.1 and 2.8.4), against the Sync Labs emulator: which output
// each failed item leaves by under both "Continue" settings of On Error, and that a failure with
// "Stop Workflow" leaves nothing billed behind unnamed.
import { type Emulator, startEmulator } from '../emulator/index.cjs';
import { type ExecutionSummary, type N8nInstance, type WorkflowFixture, nodeOutput, startN8n } from './harness/index.cjs';
import { ACTION_NAME, actionWorkflow } from './fixtures/action.cjs';
import { CREDENTIAL, SIGNING_SECRET } from './fixtures/trigger.cjs';

const FAST_POLL = { firstPollInterval: 0.2, maxPollInterval: 0.5, maxWaitTime: 1200 };
const SUCCEEDED = 'Succeeded';
const FAILED = 'Failed';
const perItemUrls = (concurrency: number) => ({
	visualSource: 'url',
	visualUrl: '={{ $json.url }}',
	audioSource: 'url',
	audioUrl: 'https://cdn.example/voice.wav',
	completion: 'poll',
	options: { ...FAST_POLL, concurrency },
});

const ERROR_OUTPUT = { id: 'SyncLabsErrOut01', path: 'e2e-error-output' };
const REGULAR_OUTPUT = { id: 'SyncLabsErrReg01', path: 'e2e-error-regular' };
const VALIDATE_FIRST = { id: 'SyncLabsErrVal01', path: 'e2e-error-validate-first' };
const REFUSED_IN_FLIGHT = { id: 'SyncLabsErrFly01', path: 'e2e-error-refused-in-flight' };
const RETRY_ON_FAIL = { id: 'SyncLabsErrRty01', path: 'e2e-error-retry-on-fail' };

/** The node's "Retry On Fail" setting (n8n waits `waitBetweenTries || 1000` ms between attempts). */
function withRetryOnFail(workflow: WorkflowFixture): WorkflowFixture {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => (node.name === ACTION_NAME ? { ...node, retryOnFail: true, maxTries: 2, waitBetweenTries: 100 } : node)),
	};
}

/** The editor's wiring of a node with an error output: main[0] → Succeeded, main[1] → Failed (two No Op nodes). */
function withErrorOutputWired(workflow: WorkflowFixture): WorkflowFixture {
	const noOp = (name: string, n: number) => ({
		id: `e77a0e77-0000-4000-8000-00000000000${n}`,
		name,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [960, n === 1 ? 0 : 200],
		parameters: {},
	});
	return {
		...workflow,
		nodes: [...workflow.nodes, noOp(SUCCEEDED, 1), noOp(FAILED, 2)],
		connections: {
			...workflow.connections,
			[ACTION_NAME]: { main: [[{ node: SUCCEEDED, type: 'main', index: 0 }], [{ node: FAILED, type: 'main', index: 0 }]] },
		},
	};
}

const WORKFLOWS: WorkflowFixture[] = [
	withErrorOutputWired(
		actionWorkflow({ ...ERROR_OUTPUT, name: 'E2E Sync Labs error output', splitUrls: true, onError: 'continueErrorOutput', parameters: perItemUrls(1) }),
	),
	actionWorkflow({ ...REGULAR_OUTPUT, name: 'E2E Sync Labs regular output', splitUrls: true, onError: 'continueRegularOutput', parameters: perItemUrls(1) }),
	actionWorkflow({ ...VALIDATE_FIRST, name: 'E2E Sync Labs validate before create', splitUrls: true, parameters: perItemUrls(3) }),
	actionWorkflow({ ...REFUSED_IN_FLIGHT, name: 'E2E Sync Labs refused while others run', splitUrls: true, parameters: perItemUrls(3) }),
	withRetryOnFail(actionWorkflow({ ...RETRY_ON_FAIL, name: 'E2E Sync Labs retry on fail', splitUrls: true, parameters: perItemUrls(1) })),
];

let n8n: N8nInstance;
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ webhookSecret: SIGNING_SECRET, pendingMs: 50, processingMs: 300 });
	n8n = await startN8n({
		credentials: [CREDENTIAL],
		workflows: WORKFLOWS,
		vars: { SYNC_BASE_URL: emulator.url },
		waitForWebhooks: WORKFLOWS.map((w) => w.nodes[0].parameters.path as string),
	});
});

afterAll(async () => {
	await n8n?.stop();
	await emulator?.stop();
});

async function start(path: string, urls: string[]): Promise<void> {
	const res = await fetch(n8n.webhookUrl(path), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ urls }),
	});
	if (res.status !== 200) throw new Error(`starting ${path}: HTTP ${res.status} ${await res.text()}`);
}

/** Input item index each item of a node's output (main[outputIndex] of its last run) is paired to. */
function pairedOf(execution: ExecutionSummary, nodeName: string, outputIndex: number): number[] {
	const runs = execution.data?.resultData?.runData?.[nodeName] as any[] | undefined;
	const items = (runs?.[runs.length - 1]?.data?.main?.[outputIndex] ?? []) as Array<{ pairedItem?: any }>;
	return items.map((i) => (Array.isArray(i.pairedItem) ? i.pairedItem[0] : i.pairedItem)?.item ?? -1);
}

const creates = (from: number) => emulator.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/v2/generate');

const tag = (name: string) => ({
	good: `https://cdn.example/good.mp4?case=${name}`,
	bad: 'not a url',
	refused: `https://cdn.example/long.mp4?case=${name}&sync_duration_s=100000`,
	slow: `https://cdn.example/slow.mp4?case=${name}&sync_processing_ms=600000`,
});

describe(`Sync Labs failure routing on n8n ${process.env.N8N_E2E_VERSION ?? '2.41.1'}`, () => {
	it('"Continue (using error output)": the bad-input and the API-refused item leave by the error output, the good one by the success output', async () => {
		const u = tag('error-output');
		await start(ERROR_OUTPUT.path, [u.good, u.bad, u.refused]);
		const [execution] = await n8n.waitForExecutions(ERROR_OUTPUT.id, { count: 1 });
		expect(execution.status).toBe('success');

		expect(pairedOf(execution, ACTION_NAME, 0)).toEqual([0]);
		expect(nodeOutput(execution, ACTION_NAME, 0)[0].status).toBe('COMPLETED');
		expect(pairedOf(execution, ACTION_NAME, 1)).toEqual([1, 2]);
		const [badInput, refused] = nodeOutput(execution, ACTION_NAME, 1);
		// n8n merged each input item into its error item.
		expect(badInput.url).toBe(u.bad);
		expect(badInput.message).toMatch(/^Visual URL .*not a valid URL.*\(item 1\)$/);
		expect(badInput.error).toMatchObject({ itemIndex: 1, description: 'Check the "Visual URL" parameter of item 1.' });
		expect(refused.url).toBe(u.refused);
		expect(refused.message).toMatch(/\[generation_plan_duration_exceeded\]$/);
		expect(refused.error).toMatchObject({
			itemIndex: 2,
			httpCode: '402',
			code: 'generation_plan_duration_exceeded',
			suggestion: expect.any(String),
		});
		// What the wired nodes received.
		expect(nodeOutput(execution, SUCCEEDED).map((j) => j.status)).toEqual(['COMPLETED']);
		expect(nodeOutput(execution, FAILED).map((j) => j.url)).toEqual([u.bad, u.refused]);
	});

	it('"Continue (regular output)": the same failures stay on the main output as { error, errorDescription }', async () => {
		const u = tag('regular-output');
		await start(REGULAR_OUTPUT.path, [u.good, u.bad, u.refused]);
		const [execution] = await n8n.waitForExecutions(REGULAR_OUTPUT.id, { count: 1 });
		expect(execution.status).toBe('success');
		expect(pairedOf(execution, ACTION_NAME, 0)).toEqual([0, 1, 2]);
		expect(pairedOf(execution, ACTION_NAME, 1)).toEqual([]);
		const [good, badInput, refused] = nodeOutput(execution, ACTION_NAME, 0);
		expect(good.status).toBe('COMPLETED');
		expect(Object.keys(badInput).sort()).toEqual(['error', 'errorDescription']);
		expect(badInput.error).toMatch(/Visual URL .*\(item 1\)/);
		expect(Object.keys(refused).sort()).toEqual(['error', 'errorDescription']);
		expect(refused.error).toMatch(/\[generation_plan_duration_exceeded\]$/);
	});

	it('"Stop Workflow" with one invalid item among several: the execution fails before any generation is created', async () => {
		const u = tag('validate-first');
		const from = emulator.requests.length;
		await start(VALIDATE_FIRST.path, [u.good, u.good, u.good, u.bad, u.good]);
		const [execution] = await n8n.waitForExecutions(VALIDATE_FIRST.id, { count: 1 });
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData?.error?.message).toMatch(/^Visual URL .*\(item 3\)$/);
		expect(creates(from)).toHaveLength(0);
	});

	it('"Stop Workflow" with an item refused while others run: no new create, the running ones stop, the error names them', async () => {
		const u = tag('refused-in-flight');
		const from = emulator.requests.length;
		const generationsBefore = emulator.counters.generationsCreated;
		await start(REFUSED_IN_FLIGHT.path, [u.slow, u.refused, u.slow, u.slow, u.slow]);
		// The slow ones would run for 10 minutes (Max Wait 20 minutes): this returns because they stopped polling.
		const [execution] = await n8n.waitForExecutions(REFUSED_IN_FLIGHT.id, { count: 1, timeoutMs: 60_000 });
		expect(execution.status).toBe('error');
		const error = execution.data?.resultData?.error;
		expect(error?.message).toMatch(/\[generation_plan_duration_exceeded\]/);
		expect(emulator.counters.generationsCreated - generationsBefore).toBe(2);
		const accepted = creates(from).filter((r) => !String((r.json as any)?.input?.[0]?.url).includes('sync_duration_s'));
		expect(accepted).toHaveLength(2);
		const listed = await fetch(`${emulator.url}/v2/generations`, { headers: { 'x-api-key': String(CREDENTIAL.data.apiKey) } });
		const body = (await listed.json()) as any;
		const all = (Array.isArray(body) ? body : (body.items ?? body.data ?? [])) as Array<{ id: string }>;
		const polled = all.filter((g) => JSON.stringify(g).includes('case=refused-in-flight')).map((g) => g.id);
		expect(polled).toHaveLength(2);
		for (const id of polled) expect(`${error?.message} ${error?.description}`).toContain(id);
	});

	it('n8n\'s Retry On Fail after a create whose answers were all lost: the second attempt sends the same key and gets the same generation', async () => {
		const u = tag('retry-on-fail');
		const from = emulator.requests.length;
		const generationsBefore = emulator.counters.generationsCreated;
		// The work is done but all five answers of the first attempt (one try plus four retries) are lost.
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, retryAfterSeconds: 0, afterHandling: true, times: 5 });
		await start(RETRY_ON_FAIL.path, [u.good]);
		const [execution] = await n8n.waitForExecutions(RETRY_ON_FAIL.id, { count: 1 });
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, ACTION_NAME)[0].status).toBe('COMPLETED');
		const keys = creates(from).map((r) => String(r.headers['idempotency-key']));
		expect(keys).toHaveLength(6);
		expect(new Set(keys).size).toBe(1);
		expect(keys[0]).toMatch(/^n8n-[0-9a-f]{20}-/);
		// The random part is kept in the process, tied to the execute data every attempt shares
		// (actions/common/nodeRun.ts executionSalt), and takes none of the user's custom data keys.
		expect(Object.keys(execution.data?.resultData?.metadata ?? {})).not.toContain('syncLabsRunSalt');
		expect(emulator.counters.generationsCreated - generationsBefore).toBe(1);
	});
});

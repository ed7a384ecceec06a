// The Sync Labs tool under n8n's AI Agent in a real n8n (2.41.1 and 2.8.4): Webhook → AI Agent, its chat model
// n8n's OpenAI Chat Model pointed at a deterministic stand-in (harness/standInModel.cts), its tools Sync Labs
// tool nodes as a user sets them (fixtures/agent.cts), the Sync Labs credential's Base URL the emulator. Each test
// scripts the model's turns, then asserts what the emulator received, the tool results the model was handed and
// the agent's final answer. The size of each tool result is printed, and Create's and Get's are held to 1,000
// characters (docs/ai-agents.md#lean-results).
import { type Emulator, startEmulator } from '../emulator/index.cjs';
import { type ExecutionSummary, type N8nInstance, nodeOutput, startN8n } from './harness/index.cjs';
import { type ModelRequest, startStandInModel, type StandInModel, type ToolResult } from './harness/standInModel.cjs';
import {
	AGENT_CONTINUE,
	AGENT_CREATE_GET,
	AGENT_GUARD,
	AGENT_NAME,
	AGENT_POLL,
	AGENT_WEBHOOK,
	AGENT_WORKFLOWS,
	COST_TOOL,
	CREATE_TOOL,
	DUB_TOOL,
	GET_TOOL,
	GUARD_CAP_USD,
	OPENAI_CREDENTIAL,
	toolName,
} from './fixtures/agent.cjs';
import { CREDENTIAL, SIGNING_SECRET } from './fixtures/trigger.cjs';

const VERSION = process.env.N8N_E2E_VERSION ?? '2.41.1';
const CREATE = toolName(CREATE_TOOL);
const GET = toolName(GET_TOOL);
const DUB = toolName(DUB_TOOL);
const COST = toolName(COST_TOOL);
let n8n: N8nInstance;
let emulator: Emulator;
let model: StandInModel;
const resultSizes: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the agent's workflow with `prompt` (which carries the scenario's tag). */
async function ask(path: string, prompt: string): Promise<void> {
	const res = await fetch(n8n.webhookUrl(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt }) });
	if (res.status !== 200) throw new Error(`starting ${path}: HTTP ${res.status} ${await res.text()}`);
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

/** Executions as the editor lists them: n8n 2.8.4's public API leaves waiting ones out. */
async function editorExecutions(workflowId: string): Promise<Array<{ id: string; status: string }>> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const r = await n8n.rest<{ data: { results: Array<{ id: string; status: string }> } }>('GET', `/executions?filter=${filter}`);
	if (r.status !== 200) throw new Error(`GET /rest/executions: HTTP ${r.status}`);
	return r.body.data.results.map((e) => ({ id: String(e.id), status: e.status }));
}

/** The execution (with data) once it is no longer new, running or waiting. */
const finished = (executionId: string) =>
	until(
		`execution ${executionId} to finish`,
		async () => {
			const r = await n8n.api<ExecutionSummary>('GET', `/executions/${executionId}?includeData=true`);
			return r.status === 200 && !['new', 'running', 'waiting'].includes(r.body.status) ? r.body : undefined;
		},
		60_000,
	);

/** The newest finished execution of a workflow that started after `before` (ids grow). */
async function nextExecution(workflowId: string, before: number): Promise<ExecutionSummary> {
	return await until(`an execution of ${workflowId}`, async () => {
		const done = (await n8n.executions(workflowId)).filter((e) => Number(e.id) > before && ['success', 'error', 'crashed'].includes(e.status));
		return done[0];
	});
}
const lastExecutionId = async (workflowId: string) => Math.max(0, ...(await editorExecutions(workflowId)).map((e) => Number(e.id)));

/** n8n hands the model a tool's output items as a JSON array; the first item. */
function firstItem(result: ToolResult): Record<string, any> {
	const parsed = JSON.parse(result.content) as unknown;
	return (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, any>;
}

function recordSize(scenario: string, result: ToolResult): void {
	resultSizes.push(`${scenario}: ${result.tool} ${result.content.length} chars`);
}

const creates = (from: number) => emulator.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/v2/generate');
const answerOf = (execution: ExecutionSummary) => nodeOutput(execution, AGENT_NAME)[0]?.output;
const lastRequest = (tag: string): ModelRequest => model.requestsFor(tag).at(-1)!;

beforeAll(async () => {
	emulator = await startEmulator({ webhookSecret: SIGNING_SECRET, pendingMs: 50, processingMs: 300 });
	model = await startStandInModel();
	n8n = await startN8n({
		credentials: [CREDENTIAL, OPENAI_CREDENTIAL],
		workflows: AGENT_WORKFLOWS,
		vars: { SYNC_BASE_URL: emulator.url, MODEL_URL: model.url, MODEL_API_KEY: model.apiKey },
		waitForWebhooks: AGENT_WORKFLOWS.map((w) => w.nodes[0].parameters.path as string),
	});
});

afterAll(async () => {
	if (resultSizes.length > 0) process.stderr.write(`[e2e agent] n8n ${VERSION} tool result sizes:\n  ${resultSizes.join('\n  ')}\n`);
	await n8n?.stop();
	await emulator?.stop();
	await model?.stop();
});

describe(`the Sync Labs tool under the AI Agent on n8n ${VERSION}`, () => {
	it('Create then Get (the Responses API, the OpenAI Chat Model\'s default): one generation from the URLs the model chose, the model is handed it and its status, the agent answers with its id', async () => {
		const tag = 'scenario-create-get';
		const video = 'https://cdn.example/agent-create.mp4';
		const audio = 'https://cdn.example/agent-create.wav';
		model.script(tag, [
			{ toolCalls: [{ tool: CREATE, args: { Visual_URL: video, Audio_URL: audio } }] },
			(c) => ({ toolCalls: [{ tool: GET, args: { Generation_ID: firstItem(c.toolResults[0]).id } }] }),
			(c) => ({ text: `Your lip-sync video ${firstItem(c.toolResults[1]).id} is ${firstItem(c.toolResults[1]).status}.` }),
		]);
		const from = emulator.requests.length;
		const before = await lastExecutionId(AGENT_CREATE_GET.id);
		await ask(AGENT_CREATE_GET.path, `Lip-sync ${video} to ${audio} and tell me how it is going (${tag})`);
		const execution = await nextExecution(AGENT_CREATE_GET.id, before);
		expect(execution.status).toBe('success');

		// the emulator: one create carrying the model's URLs, then the Get of that generation
		const [create] = creates(from);
		expect(creates(from)).toHaveLength(1);
		expect((create.json as any).input).toEqual([
			{ type: 'video', url: video },
			{ type: 'audio', url: audio },
		]);
		const id = (create.response as any).id as string;
		expect(emulator.requests.slice(from).filter((r) => r.method === 'GET' && r.path === `/v2/generate/${id}`)).toHaveLength(1);

		// the model: offered both tools with the fields left to it, then handed each tool's result
		const requests = model.requestsFor(tag);
		expect(requests.map((r) => [r.api, r.turn])).toEqual([
			['responses', 0],
			['responses', 1],
			['responses', 2],
		]);
		expect(requests.every((r) => r.authorization === `Bearer ${model.apiKey}`)).toBe(true);
		const offered = Object.fromEntries(requests[0].tools.map((t) => [t.name, t.parameters as any]));
		expect(Object.keys(offered).sort()).toEqual([COST, CREATE, DUB, GET].sort());
		expect(offered[COST].required).toEqual(['Generation_ID']);
		expect(offered[CREATE].required.sort()).toEqual(['Audio_URL', 'Visual_URL']);
		expect(offered[GET].required).toEqual(['Generation_ID']);
		expect(offered[DUB].required.sort()).toEqual(['Target_Languages', 'Video_URL']);
		// n8n hands the model the node's own description of each operation: what it does and whether it is billed
		const described = Object.fromEntries(requests[0].tools.map((t) => [t.name, t.description]));
		for (const billed of [CREATE, DUB]) expect(described[billed]).toMatch(/billed/);
		for (const billed of [CREATE, DUB]) expect(described[billed]).not.toMatch(/not billed/);
		for (const free of [GET, COST]) expect(described[free]).toMatch(/Free: not billed\./);
		const [created, got] = lastRequest(tag).toolResults;
		expect(created.tool).toBe(CREATE);
		expect(firstItem(created)).toMatchObject({ id, status: 'PENDING', model: 'lipsync-2' });
		expect(got.tool).toBe(GET);
		expect(firstItem(got)).toMatchObject({ id, status: expect.stringMatching(/^(PENDING|PROCESSING|COMPLETED)$/) });
		recordSize('Create (Return Immediately)', created);
		recordSize('Get', got);
		// lean results: the model's context and its provider get no more than that
		expect(created.content.length).toBeLessThanOrEqual(1000);
		expect(got.content.length).toBeLessThanOrEqual(1000);
		expect(firstItem(created)).not.toHaveProperty('webhookUrl');

		expect(answerOf(execution)).toBe(`Your lip-sync video ${id} is ${firstItem(got).status}.`);
	});

	it('Dub into two languages the model names as text: one generation a language, the model is handed both with their languages', async () => {
		const tag = 'scenario-dub';
		const video = 'https://cdn.example/agent-dub.mp4';
		model.script(tag, [
			{ toolCalls: [{ tool: DUB, args: { Video_URL: video, Target_Languages: 'es, de' } }] },
			(c) => ({ text: (JSON.parse(c.toolResults[0].content) as Array<Record<string, string>>).map((g) => `${g.targetLanguage}: ${g.id}`).join(', ') }),
		]);
		const from = emulator.requests.length;
		const createdBefore = emulator.counters.generationsCreated;
		const before = await lastExecutionId(AGENT_CREATE_GET.id);
		await ask(AGENT_CREATE_GET.path, `Dub ${video} into Spanish and German (${tag})`);
		const execution = await nextExecution(AGENT_CREATE_GET.id, before);
		expect(execution.status).toBe('success');

		const dubs = creates(from);
		expect(dubs.map((r) => (r.json as any).dubParams?.targetLang).sort()).toEqual(['de', 'es']);
		expect(dubs.every((r) => (r.json as any).input?.[0]?.url === video)).toBe(true);
		expect(emulator.counters.generationsCreated - createdBefore).toBe(2);
		const byLanguage = Object.fromEntries(dubs.map((r) => [(r.json as any).dubParams.targetLang, (r.response as any).id as string]));

		const [result] = lastRequest(tag).toolResults;
		expect(result.tool).toBe(DUB);
		const handed = JSON.parse(result.content) as Array<Record<string, unknown>>;
		expect(handed.map((g) => [g.targetLanguage, g.id])).toEqual([
			['es', byLanguage.es],
			['de', byLanguage.de],
		]);
		recordSize('Dub (two languages, Return Immediately)', result);
		expect(answerOf(execution)).toBe(`es: ${byLanguage.es}, de: ${byLanguage.de}`);
	});

	it('Poll Until Done, then Get Cost (Chat Completions): the model is handed the COMPLETED generation with its output URL, then its recorded cost', async () => {
		const tag = 'scenario-poll';
		model.script(tag, [
			{ toolCalls: [{ tool: CREATE, args: { Visual_URL: 'https://cdn.example/agent-poll.mp4', Audio_URL: 'https://cdn.example/agent-poll.wav' } }] },
			(c) => ({ toolCalls: [{ tool: COST, args: { Generation_ID: firstItem(c.toolResults[0]).id } }] }),
			(c) => ({ text: `Done: ${firstItem(c.toolResults[0]).outputUrl} cost $${firstItem(c.toolResults[1]).totalCostUsd}` }),
		]);
		const from = emulator.requests.length;
		const before = await lastExecutionId(AGENT_POLL.id);
		await ask(AGENT_POLL.path, `Lip-sync this, wait for it and tell me what it cost (${tag})`);
		const execution = await nextExecution(AGENT_POLL.id, before);
		expect(execution.status).toBe('success');

		expect(creates(from)).toHaveLength(1);
		const id = (creates(from)[0].response as any).id as string;
		const costReads = emulator.requests.slice(from).filter((r) => r.method === 'GET' && r.path === `/v2/generate/${id}/costs`);
		expect(costReads).toHaveLength(1);
		const recorded = costReads[0].response as { availability: string; totalCostUsd: string };
		expect(recorded.availability).toBe('complete');
		expect(model.requestsFor(tag).map((r) => [r.api, r.turn])).toEqual([
			['chat', 0],
			['chat', 1],
			['chat', 2],
		]);
		const [result, cost] = lastRequest(tag).toolResults;
		expect(firstItem(result)).toMatchObject({ id, status: 'COMPLETED', outputUrl: `${emulator.url}/files/${id}.mp4` });
		expect(cost.tool).toBe(COST);
		expect(firstItem(cost)).toMatchObject({ availability: 'complete', totalCostUsd: recorded.totalCostUsd, totalCostUsdNumber: Number(recorded.totalCostUsd) });
		recordSize('Create (Poll Until Done)', result);
		recordSize('Get Cost', cost);
		expect(answerOf(execution)).toBe(`Done: ${emulator.url}/files/${id}.mp4 cost $${recorded.totalCostUsd}`);
	});

	it('Wait for Webhook under the agent: the execution waits, Sync\'s signed callback resumes it, the model is handed the finished generation', async () => {
		const tag = 'scenario-webhook';
		model.script(tag, [
			// the generation stays PROCESSING for 4 s: long enough to see the execution waiting
			{ toolCalls: [{ tool: CREATE, args: { Visual_URL: 'https://cdn.example/agent-webhook.mp4?sync_processing_ms=4000', Audio_URL: 'https://cdn.example/agent-webhook.wav' } }] },
			(c) => ({ text: `Finished ${firstItem(c.toolResults[0]).id}: ${firstItem(c.toolResults[0]).status}` }),
		]);
		const from = emulator.requests.length;
		await ask(AGENT_WEBHOOK.path, `Lip-sync this and tell me when Sync calls back (${tag})`);
		const executionId = await until('the waiting execution', async () => (await editorExecutions(AGENT_WEBHOOK.id)).find((e) => e.status === 'waiting')?.id);
		const [create] = creates(from);
		const id = (create.response as any).id as string;
		// Sync was handed this execution's resume URL
		expect((create.json as any).webhookUrl).toMatch(new RegExp(`^${n8n.baseUrl.replace(/[.]/g, '\\.')}/webhook-waiting/${executionId}(\\?signature=[^&/]+)?$`));
		// while it waits, the model has answered once and been handed nothing
		expect(model.requestsFor(tag)).toHaveLength(1);

		const delivery = await until(`Sync's delivery for ${id}`, () => emulator.webhookDeliveries.find((d) => d.id === id), 40_000);
		expect(delivery.status).toBe(200);
		const execution = await finished(executionId);
		expect(execution.status).toBe('success');
		expect(creates(from)).toHaveLength(1);
		const [result] = lastRequest(tag).toolResults;
		expect(firstItem(result)).toMatchObject({ id, status: 'COMPLETED', outputUrl: `${emulator.url}/files/${id}.mp4` });
		recordSize('Create (Wait for Webhook)', result);
		// n8n's signed resume URL, handed to Sync, never reaches the model (nor its provider)
		expect(firstItem(result)).not.toHaveProperty('webhookUrl');
		expect(JSON.stringify(model.requestsFor(tag).map((r) => r.body))).not.toContain(`/webhook-waiting/${executionId}`);
		expect(answerOf(execution)).toBe(`Finished ${id}: COMPLETED`);
	});

	it(
		VERSION === '2.8.4'
			? 'an agent that keeps calling Create is stopped by Max Cost per Execution: two generations, then n8n 2.8.4 ends the execution with the refusal naming the cap'
			: 'an agent that keeps calling Create is stopped by Max Cost per Execution: two generations, then the model is handed the refusal naming the cap',
		async () => {
			const tag = 'scenario-cost-guard';
			const refused = (r: ToolResult | undefined) => r !== undefined && 'error' in firstItem(r);
			// every turn: another Create, until a tool result is an error; then say what it was
			model.script(
				tag,
				[
					(c) =>
						refused(c.toolResults.at(-1))
							? { text: `Stopped: ${firstItem(c.toolResults.at(-1)!).error}` }
							: { toolCalls: [{ tool: CREATE, args: { Visual_URL: `https://cdn.example/agent-guard-${c.turn}.mp4`, Audio_URL: 'https://cdn.example/agent-guard.wav' } }] },
				],
				{ repeatLast: true },
			);
			const from = emulator.requests.length;
			const createdBefore = emulator.counters.generationsCreated;
			const before = await lastExecutionId(AGENT_GUARD.id);
			await ask(AGENT_GUARD.path, `Make as many lip-sync videos as you can (${tag})`);
			const execution = await nextExecution(AGENT_GUARD.id, before);

			// each call was estimated before anything was billed; the third would have passed the cap
			const estimates = emulator.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/v2/analyze/cost');
			expect(estimates).toHaveLength(3);
			expect(creates(from).map((r) => (r.json as any).input[0].url)).toEqual([0, 1].map((turn) => `https://cdn.example/agent-guard-${turn}.mp4`));
			expect(emulator.counters.generationsCreated - createdBefore).toBe(2);
			const refusal = new RegExp(`above Max Cost per Execution \\(\\$${GUARD_CAP_USD.toFixed(2).replace('.', '\\.')}\\), so it was not created`);
			if (VERSION === '2.8.4') {
				expect(execution.status).toBe('error');
				expect(execution.data?.resultData.error?.message).toMatch(refusal);
				expect(model.requestsFor(tag)).toHaveLength(3);
				return;
			}
			const results = lastRequest(tag).toolResults;
			expect(results.map((r) => firstItem(r).status ?? 'refused')).toEqual(['PENDING', 'PENDING', 'refused']);
			expect(firstItem(results[2]).error).toMatch(refusal);
			recordSize('Create (refused by Max Cost per Execution)', results[2]);
			resultSizes.push(`  handed to the model: ${results[2].content}`);
			expect(execution.status).toBe('success');
			expect(answerOf(execution)).toBe(`Stopped: ${firstItem(results[2]).error}`);
		},
	);

	/** Scripts the model to send a non-URL Visual URL, then to answer with what it was handed. */
	function scriptBadArguments(tag: string): void {
		model.script(tag, [
			{ toolCalls: [{ tool: CREATE, args: { Visual_URL: 'my holiday video', Audio_URL: 'https://cdn.example/agent-bad.wav' } }] },
			(c) => ({ text: `Sync Labs said: ${c.toolResults[0].content}` }),
		]);
	}

	it(
		VERSION === '2.8.4'
			? 'a Visual URL that is no URL: n8n 2.8.4 ends the execution with the error naming the field (it hands tool errors to no model), and nothing is created or billed'
			: 'a Visual URL that is no URL: the model is handed the error naming the field, and nothing is created or billed',
		async () => {
			const tag = 'scenario-bad-arguments';
			scriptBadArguments(tag);
			const from = emulator.requests.length;
			const createdBefore = emulator.counters.generationsCreated;
			const before = await lastExecutionId(AGENT_CREATE_GET.id);
			await ask(AGENT_CREATE_GET.path, `Lip-sync my holiday video (${tag})`);
			const execution = await nextExecution(AGENT_CREATE_GET.id, before);

			// checked before any request: nothing reached Sync
			expect(creates(from)).toHaveLength(0);
			expect(emulator.counters.generationsCreated).toBe(createdBefore);
			if (VERSION === '2.8.4') {
				expect(execution.status).toBe('error');
				expect(execution.data?.resultData.error?.message).toMatch(/^Visual URL "my holiday video" is not a valid URL/);
				expect(execution.data?.resultData.lastNodeExecuted).toBe(CREATE_TOOL);
				expect(model.requestsFor(tag)).toHaveLength(1);
				return;
			}
			const [result] = lastRequest(tag).toolResults;
			expect(result.tool).toBe(CREATE);
			expect(firstItem(result)).toMatchObject({ error: expect.stringMatching(/^Visual URL "my holiday video" is not a valid URL/) });
			expect(result.content).not.toMatch(/item \d/i);
			recordSize('Create (bad arguments)', result);
			resultSizes.push(`  handed to the model: ${result.content}`);
			expect(execution.status).toBe('success');
			expect(answerOf(execution)).toBe(`Sync Labs said: ${result.content}`);
		},
	);

	it('a Visual URL that is no URL, the tool set to On Error: Continue: the model is handed the error naming the field, and nothing is created or billed', async () => {
		const tag = 'scenario-continue-on-error';
		scriptBadArguments(tag);
		const from = emulator.requests.length;
		const createdBefore = emulator.counters.generationsCreated;
		const before = await lastExecutionId(AGENT_CONTINUE.id);
		await ask(AGENT_CONTINUE.path, `Lip-sync my holiday video (${tag})`);
		const execution = await nextExecution(AGENT_CONTINUE.id, before);

		expect(creates(from)).toHaveLength(0);
		expect(emulator.counters.generationsCreated).toBe(createdBefore);
		const [result] = lastRequest(tag).toolResults;
		expect(result.tool).toBe(CREATE);
		expect(firstItem(result)).toMatchObject({ error: expect.stringMatching(/^Visual URL "my holiday video" is not a valid URL/) });
		expect(result.content).not.toMatch(/item \d/i);
		recordSize('Create (bad arguments, On Error: Continue)', result);
		resultSizes.push(`  handed to the model: ${result.content}`);
		expect(execution.status).toBe('success');
		expect(answerOf(execution)).toBe(`Sync Labs said: ${result.content}`);
	});
});

// Runs the Sync Labs action node inside a real, in-process n8n execution (n8n-core's WorkflowExecute):
//   [Input] ──main──▶ [Sync Labs]
// with n8n-core's real request helpers (real HTTP, e.g. to the emulator on 127.0.0.1), its real binary data
// service, a credentials helper that applies the credential type's own `authenticate` block, and the real
// getSignedResumeUrl / putExecutionToWait. resumeWaitingRun() then plays n8n's "waiting webhook" role for
// an execution the node put to wait. `onError` sets the node's On Error mode; with 'continueErrorOutput' the
// node's two outputs are wired to pass-through nodes and WorkflowExecute itself routes the items
// (checked against real n8n by test/e2e/errorOutput.e2e.test.cts).
//
//   const result = await runNode({
//     parameters: { resource: 'generation', operation: 'get', generationId: id },
//     credentials: { apiKey: 'key', baseUrl: emulator.url },
//   });
//   expect(result.status).toBe('success');
import { randomUUID } from 'node:crypto';
import { ExecutionLifecycleHooks, ExternalSecretsProxy, WebhookContext, WorkflowExecute, type BinaryDataService } from 'n8n-core';
import {
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type IConnections,
	type IExecuteFunctions,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestMethods,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWebhookData,
	type IWebhookDescription,
	type IWebhookResponseData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { SyncLabsApi } from '../../../credentials/SyncLabsApi.credentials';
import { SyncLabs } from '../../../nodes/SyncLabs/SyncLabs.node.js';
import {
	acquireBinaryMode,
	deleteExecutionBinaryData,
	readBinaryData,
	type BinaryMode,
} from './workflowRunner/binaryData.cjs';
import { RunnerCredentialsHelper } from './workflowRunner/credentialsHelper.cjs';
import { createInputNodeType, INPUT_NODE_TYPE, type RunnerInputItem } from './workflowRunner/inputNode.cjs';
import { createLoopNodeType, LOOP_NODE_TYPE } from './workflowRunner/loopNode.cjs';
import { collectLogs, type RunnerLogEntry } from './workflowRunner/logging.cjs';
import { FakeWebhookResponse, fakeWebhookRequest } from './workflowRunner/webhookHttp.cjs';

export type { RunnerBinaryInput, RunnerInputItem } from './workflowRunner/inputNode.cjs';
export type { RunnerLogEntry } from './workflowRunner/logging.cjs';
export type { BinaryMode } from './workflowRunner/binaryData.cjs';

export interface RunNodeOptions {
	/** Parameters of the Sync Labs node (missing ones get their defaults, as in n8n). */
	parameters: INodeParameters;
	/** Items the start node emits; default one empty item. Binary goes through prepareBinaryData. */
	items?: RunnerInputItem[];
	credentials: { apiKey: string; baseUrl: string; signingSecret?: string; previousSigningSecret?: string };
	/** Sets the node's "On Error" to "Continue (regular output)" (the same as onError: 'continueRegularOutput'). */
	continueOnFail?: boolean;
	/**
	 * The node's "On Error" setting. With 'continueErrorOutput' the node gets its second ("Error") output the way
	 * the editor gives it (n8n-workflow NodeHelpers.getNodeOutputs adds it for that setting), both outputs are
	 * wired to pass-through nodes (SUCCESS_NODE_NAME, ERROR_NODE_NAME), and n8n-core's WorkflowExecute
	 * (handleNodeErrorOutput) decides which item goes where. Default 'stopWorkflow'; wins over continueOnFail.
	 */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/**
	 * Execution id and Sync Labs node id to use instead of fresh ones: the same pair again plays another n8n
	 * instance running the same imported workflow, a database reset or a clone (execution ids are per-instance
	 * counters, node ids come with the workflow).
	 */
	executionId?: string;
	nodeId?: string;
	/** The node's "Retry On Fail" settings (n8n-core caps maxTries to 2..5 and waits waitBetweenTries ms, 1 minimum). */
	retryOnFail?: { maxTries: number; waitBetweenTries?: number };
	/** 'default': binary bytes base64 in the items; 'filesystem': files on disk, getBinaryStream streams them. */
	binaryMode?: BinaryMode;
	/** Run this node type in place of `new SyncLabs()` (same node name, credentials and position). */
	nodeTypeOverride?: INodeType | IVersionedNodeType;
	/** The node's typeVersion, as saved in a workflow; default the type's default version (what n8n gives a new node). */
	typeVersion?: number;
	/**
	 * Base URL of the pretend n8n instance; resume URLs are `<this>/webhook-waiting/<executionId>` (`$execution.resumeUrl`).
	 * Default http://127.0.0.1:5678. Nothing listens there unless the test starts something.
	 */
	instanceBaseUrl?: string;
	/** Aborting it cancels the execution the way n8n's "Stop" does (WorkflowExecute's PCancelable.cancel()). */
	abortSignal?: AbortSignal;
	/**
	 * Puts a Loop Over Items in front of the Sync Labs node ([Input] → [Loop] ⇄ [Sync Labs]): the node then runs
	 * once per batch of this many items, each run a new node run of the same execution (`runs` has them all).
	 */
	loopBatchSize?: number;
}

export interface RunNodeResult {
	/** run.status: 'success' | 'error' | 'waiting' | 'canceled' | … */
	status: string;
	/** Output of the Sync Labs node (main[0] of its last run), binary included. */
	items: INodeExecutionData[];
	/** main[0] of every run of the Sync Labs node, in order (one per loop batch with loopBatchSize). */
	runs: INodeExecutionData[][];
	/** What came out of its error output (main[1] of its last run); empty unless onError is 'continueErrorOutput'. */
	errorItems: INodeExecutionData[];
	error?: { message: string; description?: string | null; itemIndex?: number };
	waitTill?: Date;
	run: IRun;
	/** The bytes of an output binary, whatever the binary mode. */
	readBinary(item: INodeExecutionData, property?: string): Promise<Buffer>;
	/** What nodes logged (this.logger) and what n8n-core reported as errors during the run; nothing is printed. */
	logs: RunnerLogEntry[];
	/** Ids of this execution, e.g. to build or check a resume URL. */
	executionId: string;
	nodeId: string;
	/** Deletes the files this execution stored (filesystem mode). Safe to call more than once. */
	dispose(): Promise<void>;
}

export interface WaitingWebhookRequest {
	headers: Record<string, string>;
	body: Buffer;
	/** Default 'POST'. */
	method?: string;
	/**
	 * The URL that was called (e.g. the node's signed resume URL). When given, its path must be this
	 * execution's `/webhook-waiting/<executionId>` or n8n would answer 404 — so a test can prove
	 * the node handed out the right URL.
	 */
	url?: string;
}

export interface WaitingWebhookResult {
	/**
	 * What n8n would answer the caller; 0 when it sends nothing (`answered` false): webhook() returned
	 * noWebhookResponse without writing the response (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/webhooks/webhook-request-handler.ts
	 * sends nothing then, and the caller hangs until its own timeout).
	 */
	httpStatus: number;
	/** Whether n8n would send any answer at all. */
	answered: boolean;
	/** The response body n8n would send (what the node sent itself, or n8n's default). */
	responseBody: unknown;
	/** The continued execution when the webhook returned workflowData; null when the run keeps waiting. */
	resumed: RunNodeResult | null;
	/** What was logged while the webhook ran (and, when resumed, while the execution continued). */
	logs: RunnerLogEntry[];
}

/** A webhook the emulator delivered (or tried to: nothing listens at the resume URL) as a request for resumeWaitingRun(). */
export function requestFromDelivery(delivery: { url: string; header: string; body: string }): WaitingWebhookRequest {
	return {
		url: delivery.url,
		headers: { 'content-type': 'application/json', 'sync-signature': delivery.header },
		body: Buffer.from(delivery.body),
	};
}

export const SYNC_NODE_NAME = 'Sync Labs';
export const INPUT_NODE_NAME = 'Input';
export const LOOP_NODE_NAME = 'Loop Over Items';
/** The nodes wired to the success and error outputs when onError is 'continueErrorOutput'. */
export const SUCCESS_NODE_NAME = 'On Success';
export const ERROR_NODE_NAME = 'On Error';
const PASS_THROUGH_NODE_TYPE = 'n8n-nodes-synclabs-test.runnerPassThrough';
export const RUNNER_BASE_URL = 'http://127.0.0.1:5678';
const PACKAGE_PREFIX = 'n8n-nodes-synclabs';
const EXECUTION_MODE: WorkflowExecuteMode = 'manual';

interface RunState {
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
	binaryMode: BinaryMode;
	service: BinaryDataService;
	executionId: string;
	node: INode;
}

const states = new WeakMap<RunNodeResult, RunState>();
let executionCounter = 0;

function defaultVersion(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

class RunnerNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(name: string): INodeType | IVersionedNodeType {
		const type = this.types[name];
		if (!type) throw new Error(`workflowRunner: unknown node type "${name}"`);
		return type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

function buildAdditionalData(
	baseUrl: string,
	credentialsHelper: RunnerCredentialsHelper,
	executionId: string,
	workflowData: IWorkflowBase,
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async () => {
		throw new Error(`workflowRunner: ${what} is not supported`);
	};
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		executionId,
		workflowId: workflowData.id,
		hooks: new ExecutionLifecycleHooks(EXECUTION_MODE, executionId, workflowData),
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: unsupported('executeWorkflow'),
		startRunnerTask: unsupported('startRunnerTask'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => undefined,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: `${baseUrl}/`,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}

function lastOutput(run: IRun, nodeName: string, outputIndex = 0): INodeExecutionData[] {
	const tasks = run.data.resultData.runData[nodeName];
	const last = tasks?.[tasks.length - 1];
	return last?.data?.main?.[outputIndex] ?? [];
}

/** A downstream node that outputs what it received (stands in for whatever the user wired). */
const passThroughNodeType: INodeType = {
	description: {
		displayName: 'Runner Pass Through',
		name: 'runnerPassThrough',
		group: ['transform'],
		version: 1,
		description: 'Outputs its input',
		defaults: { name: 'Pass Through' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	},
};

function runError(run: IRun, nodeName: string): RunNodeResult['error'] {
	const tasks = run.data.resultData.runData[nodeName];
	const error = run.data.resultData.error ?? tasks?.[tasks.length - 1]?.error;
	if (!error) return undefined;
	const context = (error as { context?: { itemIndex?: unknown } }).context;
	return {
		message: error.message,
		description: error.description,
		...(typeof context?.itemIndex === 'number' ? { itemIndex: context.itemIndex } : {}),
	};
}

function toResult(run: IRun, state: RunState, logs: RunnerLogEntry[]): RunNodeResult {
	const waitTill = run.waitTill ?? run.data.waitTill;
	const result: RunNodeResult = {
		status: run.status,
		items: lastOutput(run, SYNC_NODE_NAME),
		runs: (run.data.resultData.runData[SYNC_NODE_NAME] ?? []).map((task) => task.data?.main?.[0] ?? []),
		errorItems: lastOutput(run, SYNC_NODE_NAME, 1),
		error: runError(run, SYNC_NODE_NAME),
		...(waitTill ? { waitTill } : {}),
		run,
		logs,
		executionId: state.executionId,
		nodeId: state.node.id,
		async readBinary(item, property = 'data') {
			const binary = item.binary?.[property];
			if (!binary) {
				const available = Object.keys(item.binary ?? {});
				throw new Error(`workflowRunner: the item has no binary property "${property}" (it has: ${available.join(', ') || 'none'})`);
			}
			return await readBinaryData(state.service, binary);
		},
		async dispose() {
			await deleteExecutionBinaryData(state.service, state.workflow.id, state.executionId);
		},
	};
	states.set(result, state);
	return result;
}

/** Runs [Input] → [Sync Labs] once and reports what the Sync Labs node produced. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const binaryMode = options.binaryMode ?? 'default';
	const nodeType = options.nodeTypeOverride ?? new SyncLabs();
	const nodeTypeName = `${PACKAGE_PREFIX}.${nodeType.description.name}`;
	const nodeTypes = new RunnerNodeTypes({
		[INPUT_NODE_TYPE]: createInputNodeType(options.items ?? [{}]),
		[nodeTypeName]: nodeType,
		[PASS_THROUGH_NODE_TYPE]: passThroughNodeType,
		...(options.loopBatchSize !== undefined ? { [LOOP_NODE_TYPE]: createLoopNodeType(options.loopBatchSize) } : {}),
	});
	const onError = options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow');

	const credentialType: ICredentialType = new SyncLabsApi();
	const credentialsHelper = new RunnerCredentialsHelper(
		{ [credentialType.name]: credentialType },
		{ [credentialType.name]: { ...options.credentials } as ICredentialDataDecryptedObject },
	);

	executionCounter += 1;
	const executionId = options.executionId ?? String(executionCounter);
	const workflowId = `runner-wf-${executionCounter}`;
	const inputNode: INode = {
		id: randomUUID(),
		name: INPUT_NODE_NAME,
		type: INPUT_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const syncNode: INode = {
		id: options.nodeId ?? randomUUID(),
		name: SYNC_NODE_NAME,
		type: nodeTypeName,
		typeVersion: options.typeVersion ?? defaultVersion(nodeType),
		position: [220, 0],
		parameters: structuredClone(options.parameters),
		credentials: { [credentialType.name]: { id: 'runner-credential', name: 'Sync Labs account' } },
		...(onError !== 'stopWorkflow' ? { onError } : {}),
		...(options.retryOnFail
			? { retryOnFail: true, maxTries: options.retryOnFail.maxTries, waitBetweenTries: Math.max(1, options.retryOnFail.waitBetweenTries ?? 1) }
			: {}),
	};
	const nodes: INode[] = [inputNode, syncNode];
	const connections: IConnections = { [INPUT_NODE_NAME]: { main: [[{ node: SYNC_NODE_NAME, type: 'main', index: 0 }]] } };
	if (options.loopBatchSize !== undefined) {
		if (onError === 'continueErrorOutput') throw new Error('workflowRunner: loopBatchSize is not combined with the error output');
		nodes.push({ id: randomUUID(), name: LOOP_NODE_NAME, type: LOOP_NODE_TYPE, typeVersion: 1, position: [110, 0], parameters: {} });
		connections[INPUT_NODE_NAME] = { main: [[{ node: LOOP_NODE_NAME, type: 'main', index: 0 }]] };
		connections[LOOP_NODE_NAME] = { main: [[], [{ node: SYNC_NODE_NAME, type: 'main', index: 0 }]] };
		connections[SYNC_NODE_NAME] = { main: [[{ node: LOOP_NODE_NAME, type: 'main', index: 0 }]] };
	}
	if (onError === 'continueErrorOutput') {
		// As the editor wires a node with an error output: main[0] = Success, main[1] = Error.
		for (const [name, x] of [[SUCCESS_NODE_NAME, 440], [ERROR_NODE_NAME, 440]] as const) {
			nodes.push({ id: randomUUID(), name, type: PASS_THROUGH_NODE_TYPE, typeVersion: 1, position: [x, name === ERROR_NODE_NAME ? 200 : 0], parameters: {} });
		}
		connections[SYNC_NODE_NAME] = {
			main: [[{ node: SUCCESS_NODE_NAME, type: 'main', index: 0 }], [{ node: ERROR_NODE_NAME, type: 'main', index: 0 }]],
		};
	}
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: 'workflowRunner',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
	const workflow = new Workflow({
		id: workflowId,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections,
		nodeTypes,
		active: false,
		settings: workflowData.settings,
	});

	const baseUrl = (options.instanceBaseUrl ?? RUNNER_BASE_URL).replace(/\/+$/, '');
	const additionalData = buildAdditionalData(baseUrl, credentialsHelper, executionId, workflowData);
	const lease = await acquireBinaryMode(binaryMode);
	const logs = collectLogs();
	try {
		const execution = new WorkflowExecute(additionalData, EXECUTION_MODE).run({
			workflow,
			startNode: workflow.getNode(INPUT_NODE_NAME)!,
		});
		const cancel = () => execution.cancel();
		if (options.abortSignal?.aborted) cancel();
		options.abortSignal?.addEventListener('abort', cancel, { once: true });
		const run = await execution.finally(() => options.abortSignal?.removeEventListener('abort', cancel));
		return toResult(run, {
			workflow,
			additionalData,
			binaryMode,
			service: lease.service,
			executionId,
			node: workflow.getNode(SYNC_NODE_NAME)!,
		}, logs.entries);
	} finally {
		logs.stop();
		lease.release();
	}
}

function resolveWebhookValue(workflow: Workflow, node: INode, value: unknown): string {
	if (typeof value === 'string' && value.startsWith('=')) {
		return String(workflow.expression.getSimpleParameterValue(node, value, EXECUTION_MODE, {}, undefined, '') ?? '');
	}
	return String(value ?? '');
}

/** The node's restart webhook that n8n's WaitingWebhooks would pick for this method and path suffix. */
function findRestartWebhook(workflow: Workflow, node: INode, method: string, suffix: string): IWebhookDescription | undefined {
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	return (nodeType.description.webhooks ?? []).find(
		(webhook) =>
			webhook.restartWebhook === true &&
			resolveWebhookValue(workflow, node, webhook.httpMethod).toUpperCase() === method &&
			resolveWebhookValue(workflow, node, webhook.path) === suffix,
	);
}

/**
 * The path suffix after /webhook-waiting/<executionId> (n8n's route is `/webhook-waiting/:path/:suffix?`; the
 * suffix must equal the restart webhook's path), or undefined when the URL is not this execution's.
 */
function resumeUrlSuffix(url: string, state: RunState): string | undefined {
	const base = new URL(`${state.additionalData.webhookWaitingBaseUrl}/${state.executionId}`);
	const called = new URL(url, base);
	if (called.origin !== base.origin) return undefined;
	if (called.pathname === base.pathname) return '';
	if (called.pathname.startsWith(`${base.pathname}/`)) return decodeURIComponent(called.pathname.slice(base.pathname.length + 1));
	return undefined;
}

/**
 * Delivers an HTTP request to a waiting execution the way n8n's WaitingWebhooks does: the waiting node's
 * restart webhook runs with a real WebhookContext (request with rawBody and headers, a recording response);
 * if it returns workflowData, that data becomes the waiting node's output and the execution continues
 * (n8n-core's processRunExecutionData disables the node, drops its waiting run and runs what follows).
 * Otherwise the execution keeps waiting. `result` itself is not changed, so it can receive several requests.
 */
/** What n8n sends: what webhook() wrote, else nothing after noWebhookResponse, else its default answer (ended by the caller). */
function answerOf(res: { ended: boolean; statusCode: number; body: unknown }, response: IWebhookResponseData): Pick<WaitingWebhookResult, 'httpStatus' | 'answered' | 'responseBody'> {
	if (res.ended) return { httpStatus: res.statusCode, answered: true, responseBody: res.body };
	if (response.noWebhookResponse) return { httpStatus: 0, answered: false, responseBody: undefined };
	return { httpStatus: 200, answered: true, responseBody: res.body };
}

export async function resumeWaitingRun(result: RunNodeResult, request: WaitingWebhookRequest): Promise<WaitingWebhookResult> {
	const state = states.get(result);
	if (!state) throw new Error('workflowRunner: resumeWaitingRun() needs a result returned by runNode() or resumeWaitingRun()');
	if (result.status !== 'waiting') {
		// n8n: 409 "The execution … has finished already / with error".
		return { httpStatus: 409, answered: true, responseBody: { message: `The execution "${state.executionId}" is not waiting (status ${result.status})` }, resumed: null, logs: [] };
	}

	// n8n reloads the execution from its database; a deep copy plays that part and keeps `result` intact.
	const runExecutionData: IRunExecutionData = structuredClone(result.run.data);
	const lastNodeExecuted = runExecutionData.resultData.lastNodeExecuted;
	const node = lastNodeExecuted ? state.workflow.getNode(lastNodeExecuted) : null;
	if (!node) throw new Error('workflowRunner: the waiting execution has no last executed node');

	const method = (request.method ?? 'POST').toUpperCase();
	let suffix = '';
	if (request.url !== undefined) {
		const fromUrl = resumeUrlSuffix(request.url, state);
		if (fromUrl === undefined) {
			return { httpStatus: 404, answered: true, responseBody: { message: `${request.url} is not the resume URL of execution ${state.executionId}` }, resumed: null, logs: [] };
		}
		suffix = fromUrl;
		// n8n 2.4x: an execution with a resume token only resumes on `?signature=<that token>` (401 otherwise)
		const token = runExecutionData.resumeToken;
		const given = new URL(request.url, 'http://placeholder').searchParams.get('signature') ?? '';
		if (token && given.split('/')[0] !== token) {
			return { httpStatus: 401, answered: true, responseBody: { error: 'Invalid token' }, resumed: null, logs: [] };
		}
	}
	const webhookDescription = findRestartWebhook(state.workflow, node, method, suffix);
	if (!webhookDescription) {
		return {
			httpStatus: 404,
			answered: true,
			responseBody: { message: `The workflow for execution "${state.executionId}" does not contain a waiting webhook with a matching path/method.` },
			resumed: null,
			logs: [],
		};
	}

	// getWebhookExecutionData (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/webhooks/waiting-webhooks.ts): disable the waiting node, clear waitTill, pop its waiting run.
	const stackEntry = runExecutionData.executionData!.nodeExecutionStack[0];
	stackEntry.node.disabled = true;
	runExecutionData.waitTill = undefined;
	runExecutionData.resultData.runData[node.name]?.pop();

	const lease = await acquireBinaryMode(state.binaryMode);
	const logs = collectLogs();
	try {
		const req = fakeWebhookRequest({ method, headers: request.headers, body: request.body, url: request.url ?? `/webhook-waiting/${state.executionId}/${state.node.id}` });
		const res = new FakeWebhookResponse();
		const webhookAdditionalData: IWorkflowExecuteAdditionalData = {
			...state.additionalData,
			httpRequest: req,
			httpResponse: res.asExpressResponse(),
		};
		const webhookData: IWebhookData = {
			httpMethod: method as IHttpRequestMethods,
			node: node.name,
			path: suffix,
			webhookDescription,
			workflowId: state.workflow.id,
			workflowExecuteAdditionalData: webhookAdditionalData,
		};
		const nodeType = state.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.webhook) throw new Error(`workflowRunner: node type ${node.type} has no webhook() method`);
		const context = new WebhookContext(state.workflow, node, webhookAdditionalData, EXECUTION_MODE, webhookData, [], runExecutionData);

		let response: IWebhookResponseData;
		let threw = false;
		try {
			response = await nodeType.webhook.call(context);
		} catch (error) {
			// executeWebhook (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/webhooks/webhook-helpers.ts): 500 "Error in workflow", then the execution runs anyway on an empty
			// item with resultData replaced (runData {}, the error), so earlier nodes' data is lost.
			threw = true;
			if (!res.ended) res.status(500).json({ code: 0, message: 'Error in workflow', cause: (error as Error).message });
			runExecutionData.resultData = {
				runData: {},
				lastNodeExecuted: node.name,
				error: { message: (error as Error).message, stack: (error as Error).stack } as never,
			};
			response = { noWebhookResponse: true, workflowData: [[{ json: {} }]] };
		}

		const responseCode = Number(webhookDescription.responseCode ?? 200) || 200;
		if (response.workflowData === undefined) {
			if (!res.ended && !response.noWebhookResponse) {
				res.status(responseCode).json(response.webhookResponse !== undefined ? response.webhookResponse : { message: 'Webhook call received' });
			}
			return { ...answerOf(res, response), resumed: null, logs: logs.entries };
		}

		// prepareExecutionData / executeWebhook (webhook-helpers.ts, as above) for a restarted execution.
		stackEntry.data.main = response.workflowData;
		stackEntry.metadata = { ...stackEntry.metadata, forwardAllOutputs: true };

		// responseMode 'onReceived': n8n answers as soon as the execution has started.
		if (!threw && !res.ended && !response.noWebhookResponse) {
			res.status(responseCode).json(response.webhookResponse !== undefined ? response.webhookResponse : { message: 'Workflow was started' });
		}

		const run = await new WorkflowExecute(state.additionalData, EXECUTION_MODE, runExecutionData).processRunExecutionData(state.workflow);
		// n8n stores the status from determineFinalExecutionStatus
		// (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/execution-lifecycle/shared/shared-hook-functions.ts): an error in resultData (as after a throwing webhook()) makes it 'error'.
		if (run.status === 'success' && run.data.resultData.error) run.status = 'error';
		return {
			...answerOf(res, response),
			resumed: toResult(run, state, logs.entries),
			logs: logs.entries,
		};
	} finally {
		logs.stop();
		lease.release();
	}
}

/**
 * Plays n8n's WaitTracker when a waiting execution's waitTill has passed (startExecution in
 * https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/wait-tracker.ts): the execution is run again as stored, without calling the node. n8n-core's
 * handleWaitingState (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/workflow-execute.ts) then disables the waiting node and pops its waiting run, so the
 * node passes its input through to what follows.
 */
export async function expireWaitingRun(result: RunNodeResult): Promise<RunNodeResult> {
	const state = states.get(result);
	if (!state) throw new Error('workflowRunner: expireWaitingRun() needs a result returned by runNode() or resumeWaitingRun()');
	if (result.status !== 'waiting') throw new Error(`workflowRunner: the execution is not waiting (status ${result.status})`);
	const runExecutionData: IRunExecutionData = structuredClone(result.run.data);
	const lease = await acquireBinaryMode(state.binaryMode);
	const logs = collectLogs();
	try {
		const run = await new WorkflowExecute(state.additionalData, EXECUTION_MODE, runExecutionData).processRunExecutionData(state.workflow);
		return toResult(run, state, logs.entries);
	} finally {
		logs.stop();
		lease.release();
	}
}

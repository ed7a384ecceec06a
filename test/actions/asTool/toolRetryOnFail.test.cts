// Retry On Fail on the Sync Labs node used as an AI Agent's tool, through n8n-core 2.41.1's own older tool invocation
// (getInputConnectionData → createNodeAsTool → makeHandleToolInvocation, the path actions/asTool/forTheModel.ts
// cites): each try of one tool call runs the node with a new run index and the agent's execute data, so the node's run
// identity and automatic Idempotency-Key rest on the call's arguments there (actions/common/nodeRun.ts).
import { randomUUID } from 'node:crypto';
import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
import {
	NodeConnectionTypes,
	VersionedNodeType,
	Workflow,
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { RunnerCredentialsHelper } from '../../runner/src/workflowRunner/credentialsHelper.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';
import { SyncLabs } from '../../../nodes/SyncLabs/SyncLabs.node';
import { SyncLabsApi } from '../../../credentials/SyncLabsApi.credentials';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

/** The node as n8n's convertNodeToAiTool shapes it: type name + "Tool", one ai_tool output, no main input. */
function toolType(): IVersionedNodeType {
	const node = new SyncLabs();
	const versions: Record<number, INodeType> = {};
	for (const [version, type] of Object.entries(node.nodeVersions)) {
		const description: INodeTypeDescription = { ...type.description, name: 'syncLabsTool', inputs: [], outputs: [NodeConnectionTypes.AiTool] };
		delete description.usableAsTool;
		versions[Number(version)] = Object.create(type, { description: { value: description } }) as INodeType;
	}
	return new VersionedNodeType(versions, { ...node.description, name: 'syncLabsTool' });
}

/** A stand-in for the AI Agent: takes its tools as n8n's agents do, and calls the first one once with `args`. */
function agentType(args: IDataObject, calls = 1): INodeType {
	return {
		description: {
			displayName: 'Agent Stub',
			name: 'agentStub',
			group: ['transform'],
			version: 1,
			description: 'Calls its tool once',
			defaults: { name: 'Agent' },
			inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as unknown;
			const tool = (Array.isArray(tools) ? tools[0] : tools) as { invoke(a: IDataObject): Promise<unknown> };
			const answers: IDataObject[] = [];
			for (let call = 0; call < calls; call++) {
				try {
					// A new arguments object per call, as the model's tool calls are.
					answers.push({ answer: String(await tool.invoke({ ...args })) });
				} catch (error) {
					answers.push({ toolError: (error as Error).message });
				}
			}
			return [answers.map((json) => ({ json }))];
		},
	};
}

const inputType: INodeType = {
	description: { displayName: 'Start', name: 'start', group: ['input'], version: 1, description: '', defaults: { name: 'Start' }, inputs: [], outputs: [NodeConnectionTypes.Main], properties: [] },
	async execute() {
		return [[{ json: {} }]];
	},
};

async function runAgentWithTool(parameters: IDataObject, retry: { maxTries: number }, calls = 1): Promise<IDataObject> {
	const types: Record<string, INodeType | IVersionedNodeType> = { 'test.start': inputType, 'test.agentStub': agentType({}, calls), 'n8n-nodes-synclabs.syncLabsTool': toolType() };
	const nodeTypes: INodeTypes = {
		getByName: (name) => types[name],
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(types[name], version),
		getKnownTypes: () => ({}),
	};
	const credentialType = new SyncLabsApi();
	const credentialsHelper = new RunnerCredentialsHelper(
		{ [credentialType.name]: credentialType },
		{ [credentialType.name]: { apiKey: 'tool-retry', baseUrl: emulator.url } as ICredentialDataDecryptedObject },
	);
	const nodes = [
		{ id: randomUUID(), name: 'Start', type: 'test.start', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
		{ id: randomUUID(), name: 'Agent', type: 'test.agentStub', typeVersion: 1, position: [200, 0] as [number, number], parameters: {} },
		{
			id: randomUUID(),
			name: 'Lip sync',
			type: 'n8n-nodes-synclabs.syncLabsTool',
			typeVersion: toolType().currentVersion,
			position: [200, 200] as [number, number],
			parameters: parameters as INodeParameters,
			credentials: { syncLabsApi: { id: 'c', name: 'Sync Labs account' } },
			retryOnFail: true,
			maxTries: retry.maxTries,
			waitBetweenTries: 10,
		},
	];
	const connections = {
		Start: { main: [[{ node: 'Agent', type: NodeConnectionTypes.Main, index: 0 }]] },
		'Lip sync': { [NodeConnectionTypes.AiTool]: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] },
	};
	const workflowData: IWorkflowBase = { id: 'tool-retry-wf', name: 'tool retry', active: false, activeVersionId: null, isArchived: false, createdAt: new Date(), updatedAt: new Date(), nodes, connections, settings: { executionOrder: 'v1' } };
	const workflow = new Workflow({ id: workflowData.id, name: workflowData.name, nodes, connections, nodeTypes, active: false, settings: workflowData.settings });
	const executionId = `tool-retry-${randomUUID()}`;
	const additionalData = {
		credentialsHelper,
		executionId,
		workflowId: workflowData.id,
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData),
		externalSecretsProxy: new ExternalSecretsProxy(),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		getRuntimeCredential: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: workflow.getNode('Start')! });
	const agentRuns = run.data.resultData.runData.Agent;
	const toolRuns = (run.data.resultData.runData['Lip sync'] ?? []).map((task) => task.error ? { error: task.error.message, description: task.error.description } : { ok: true });
	return { status: run.status, error: run.data.resultData.error?.message, agent: agentRuns?.[0]?.data?.main?.[0]?.[0]?.json, toolRuns };
}

describe('Generation → Create as an AI Agent tool with Retry On Fail (n8n-core makeHandleToolInvocation)', () => {
	it('repeats the create of the second try under the first try\'s Idempotency-Key, so Sync makes one generation', async () => {
		// The first try: Sync creates the generation and every one of its 5 transport attempts answers 500.
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 500, afterHandling: true, times: 5 });
		const outcome = await runAgentWithTool(
			{ resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: 'https://e.com/v.mp4', audioUrl: 'https://e.com/a.wav', completion: 'immediately' },
			{ maxTries: 2 },
		);
		const keys = [...new Set(emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate').map((r) => r.headers['idempotency-key']))];
		expect({ generationsCreated: emulator.counters.generationsCreated, distinctKeys: keys.length, outcome }).toEqual({
			generationsCreated: 1,
			distinctKeys: 1,
			outcome: expect.anything(),
		});
	});

	it('gives two calls of the tool in one agent run two keys, so each call creates its own generation', async () => {
		const outcome = await runAgentWithTool(
			{ resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: 'https://e.com/v.mp4', audioUrl: 'https://e.com/a.wav', completion: 'immediately' },
			{ maxTries: 2 },
			2,
		);
		const keys = [...new Set(emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate').map((r) => r.headers['idempotency-key']))];
		expect({ generationsCreated: emulator.counters.generationsCreated, distinctKeys: keys.length, status: outcome.status }).toEqual({ generationsCreated: 2, distinctKeys: 2, status: 'success' });
	});
});

// Runs the Sync Labs Polling Trigger's poll() the way n8n's poll scheduler does: a real n8n-core PollContext
// with real request helpers and the credential's own authenticate block, and the workflow's static data
// carried from one poll to the next like n8n's database does (also across a "restart": a new Workflow object
// built from the saved static data).
import { randomUUID } from 'node:crypto';
import { ExecutionLifecycleHooks, ExternalSecretsProxy, PollContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeTypes,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { SyncLabsApi } from '../../credentials/SyncLabsApi.credentials';
import { SyncLabsPollingTrigger } from '../../nodes/SyncLabs/SyncLabsPollingTrigger.node';
import { RunnerCredentialsHelper } from './workflowRunner/credentialsHelper';

const NODE_TYPE = 'n8n-nodes-synclabs.syncLabsPollingTrigger';

export interface PollerOptions {
	parameters: INodeParameters;
	credentials: { apiKey: string; baseUrl: string };
}

export interface Poller {
	/** One scheduled poll; returns the emitted items (empty when poll() returned null). */
	poll(mode?: WorkflowExecuteMode): Promise<INodeExecutionData[]>;
	/** The static data n8n would have saved. */
	savedStaticData(): IDataObject;
}

export function createPoller(options: PollerOptions): Poller {
	const trigger = new SyncLabsPollingTrigger();
	const credentialType = new SyncLabsApi();
	const credentialsHelper = new RunnerCredentialsHelper(
		{ [credentialType.name]: credentialType },
		{ [credentialType.name]: { ...options.credentials } as ICredentialDataDecryptedObject },
	);
	const nodeTypes: INodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(trigger, 1),
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: randomUUID(),
		name: 'Sync Labs Polling Trigger',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: structuredClone(options.parameters),
		credentials: { [credentialType.name]: { id: 'poller-credential', name: 'Sync Labs account' } },
	};
	let saved: IDataObject = {};

	return {
		async poll(mode: WorkflowExecuteMode = 'trigger') {
			const workflowData: IWorkflowBase = {
				id: 'poller-wf',
				name: 'poller',
				active: true,
				activeVersionId: null,
				isArchived: false,
				createdAt: new Date(),
				updatedAt: new Date(),
				nodes: [node],
				connections: {},
				settings: { executionOrder: 'v1' },
			};
			// A fresh Workflow per poll, loaded from the saved static data, as after a restart.
			const workflow = new Workflow({
				id: workflowData.id,
				name: workflowData.name,
				nodes: [node],
				connections: {},
				active: true,
				nodeTypes,
				staticData: structuredClone(saved),
				settings: {},
			});
			const additionalData = {
				credentialsHelper,
				hooks: new ExecutionLifecycleHooks(mode, 'poll', workflowData),
				externalSecretsProxy: new ExternalSecretsProxy(),
				variables: {},
				restApiUrl: 'http://127.0.0.1:5678/rest',
				instanceBaseUrl: 'http://127.0.0.1:5678/',
				webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
				webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
				webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
				currentNodeExecutionIndex: 0,
			} as unknown as IWorkflowExecuteAdditionalData;
			const context = new PollContext(workflow, node, additionalData, mode, 'activate');
			const result = await trigger.poll.call(context);
			if (mode !== 'manual') saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject; // n8n stores it as JSON
			return result?.[0] ?? [];
		},
		savedStaticData: () => structuredClone(saved),
	};
}

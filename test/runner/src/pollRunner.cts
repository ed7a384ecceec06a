// Runs the Sync Labs Polling Trigger's poll() the way n8n's poll scheduler does: a real n8n-core PollContext
// with real request helpers and the credential's own authenticate block, and the workflow's static data kept
// the way n8n keeps it. A running n8n holds one Workflow object, so whatever a poll writes stays in memory for
// the next poll; it reaches the database only when a poll returns items (`__emit` calls saveStaticData:
// getExecutePollFunctions in https://github.com/n8n-io/n8n/blob/n8n@2.8.4/packages/cli/src/active-workflow-manager.ts; the same in 2.41.1,
// https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/workflows/triggers/trigger-execution-context.factory.ts,
// legacy path) or in manual mode never; and once after the poll n8n runs when it activates the workflow (at
// activation and at every start: activatePolling in n8n 2.8.4's
// https://github.com/n8n-io/n8n/blob/n8n@2.8.4/packages/core/src/execution-engine/active-workflows.ts runs
// executeTrigger(true), then add() in active-workflow-manager.ts calls saveStaticData). restart() drops the memory
// and reloads what the database has; the next poll is that activation poll.
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
import { SyncLabsApi } from '../../../credentials/SyncLabsApi.credentials';
import { SyncLabsPollingTrigger } from '../../../nodes/SyncLabs/SyncLabsPollingTrigger.node.js';
import { RunnerCredentialsHelper } from './workflowRunner/credentialsHelper.cjs';

const NODE_TYPE = 'n8n-nodes-synclabs.syncLabsPollingTrigger';

export interface PollerOptions {
	parameters: INodeParameters;
	credentials: { apiKey: string; baseUrl: string };
	/**
	 * What `getPollBudgetMs()` answers (n8n 2.41 has it: PollContext defaults to 5 min). null: the method is
	 * absent, as on n8n 2.8.4. Default: n8n-core's own default.
	 */
	pollBudgetMs?: number | null;
}

export interface Poller {
	/** One scheduled poll; returns the emitted items (empty when poll() returned null). */
	poll(mode?: WorkflowExecuteMode): Promise<INodeExecutionData[]>;
	/** The static data n8n would have saved to its database. */
	savedStaticData(): IDataObject;
	/** The static data a running n8n holds in memory. */
	liveStaticData(): IDataObject;
	/** This node's part of it (what getWorkflowStaticData('node') returns: key `node:<node name>`). */
	liveNodeStaticData(): IDataObject;
	/**
	 * The same part without a copy, for a test that reads it often (a copy of a large state every poll is most of
	 * a long simulation's time): read it before the next poll, never write to it.
	 */
	peekLiveNodeStaticData(): Readonly<IDataObject>;
	/** n8n stops and starts again: the in-memory static data is gone, the database copy is loaded. */
	restart(): void;
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
	/** What n8n's database holds: JSON, as n8n stores it. */
	let saved = '{}';
	let live: IDataObject | undefined;
	/** `live` as JSON, kept so reading it back does not serialize the whole static data again. */
	let liveJson: string | undefined;
	let activating = true;

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
			// The running instance's static data, or after a (re)start what the database holds.
			if (live === undefined) {
				live = JSON.parse(saved) as IDataObject;
				liveJson = saved;
			}
			const workflow = new Workflow({
				id: workflowData.id,
				name: workflowData.name,
				nodes: [node],
				connections: {},
				active: true,
				nodeTypes,
				// A manual run must leave the running instance's data as it was; any other poll's data replaces
				// `live` below, so it may write to it directly (no copy of the whole static data every poll).
				staticData: mode === 'manual' ? structuredClone(live) : live,
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
			if (options.pollBudgetMs === null) (context as unknown as { getPollBudgetMs?: unknown }).getPollBudgetMs = undefined;
			else if (options.pollBudgetMs !== undefined) {
				const ms = options.pollBudgetMs;
				(context as unknown as { getPollBudgetMs: () => number }).getPollBudgetMs = () => ms;
			}
			let result: INodeExecutionData[][] | null = null;
			try {
				result = await trigger.poll.call(context);
			} finally {
				// A failed poll's writes stay in memory too (n8n keeps the object), but are not saved.
				if (mode !== 'manual') {
					liveJson = JSON.stringify(workflow.staticData);
					live = JSON.parse(liveJson) as IDataObject;
				}
			}
			// n8n stores it as JSON, and only when the poll emitted or was the activation poll.
			if (mode !== 'manual' && (result !== null || activating)) saved = liveJson ?? '{}';
			if (mode !== 'manual') activating = false;
			return result?.[0] ?? [];
		},
		savedStaticData: () => JSON.parse(saved) as IDataObject,
		liveStaticData: () => JSON.parse(liveJson ?? JSON.stringify(live ?? {})) as IDataObject,
		liveNodeStaticData: () => (JSON.parse(liveJson ?? JSON.stringify(live ?? {})) as Record<string, IDataObject>)[`node:${node.name}`] ?? {},
		peekLiveNodeStaticData: () => ((live ?? {}) as Record<string, IDataObject>)[`node:${node.name}`] ?? {},
		restart() {
			live = undefined;
			liveJson = undefined;
			activating = true;
		},
	};
}

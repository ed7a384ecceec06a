// A real n8n-core context for calling the Sync client (nodes/SyncLabs/api) directly, outside any operation:
// n8n-core's LoadOptionsContext with its real request helpers and the credential's own `authenticate` block,
// as the editor's list searches get. The emulator's contract tests and the wire check use it.
//
//   const ctx = createApiContext({ apiKey: 'key', baseUrl: emulator.url });
//   const generation = await getGeneration(ctx, id);
import { LoadOptionsContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeTypes,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { SyncLabsApi } from '../../../credentials/SyncLabsApi.credentials';
import { SyncLabs } from '../../../nodes/SyncLabs/SyncLabs.node.js';
import { RunnerCredentialsHelper } from './workflowRunner/credentialsHelper.cjs';

export function createApiContext(credentials: { apiKey: string; baseUrl: string }): LoadOptionsContext {
	const versioned: IVersionedNodeType = new SyncLabs();
	const nodeTypes: INodeTypes = {
		getByName: () => versioned,
		getByNameAndVersion: (_name: string, version?: number) => NodeHelpers.getVersionedNodeType(versioned, version),
		getKnownTypes: (): IDataObject => ({}),
	};
	const credentialType = new SyncLabsApi();
	const credentialsHelper = new RunnerCredentialsHelper(
		{ [credentialType.name]: credentialType },
		{ [credentialType.name]: { ...credentials } as ICredentialDataDecryptedObject },
	);
	const node: INode = {
		id: 'api-context-node',
		name: 'Sync Labs',
		type: 'n8n-nodes-synclabs.syncLabs',
		typeVersion: versioned.currentVersion,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: { id: 'runner-credential', name: 'Sync Labs account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = { credentialsHelper, currentNodeParameters: {}, variables: {} } as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters');
}

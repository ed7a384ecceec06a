// Calls a "From List" method of the Sync Labs node (methods.listSearch) the way n8n's editor does, with
// n8n-core's real LoadOptionsContext (n8n's DynamicNodeParametersService.getResourceLocatorResults builds
// the same one), real request helpers and the credential's own `authenticate` block: so a test sees the
// requests an emulator receives and the page tokens n8n would hand back.
//
//   const page = await runListSearch({ method: 'searchGenerations', credentials, filter: 'lipsync' });
//   const next = await runListSearch({ method: 'searchGenerations', credentials, paginationToken: page.paginationToken });
import { LoadOptionsContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeListSearchResult,
	type INodeParameters,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { SyncLabsApi } from '../../../credentials/SyncLabsApi.credentials';
import { SyncLabs } from '../../../nodes/SyncLabs/SyncLabs.node.js';
import { RunnerCredentialsHelper } from './workflowRunner/credentialsHelper.cjs';

export interface ListSearchOptions {
	/** A key of the node's methods.listSearch, e.g. 'searchGenerations'. */
	method: string;
	filter?: string;
	paginationToken?: string;
	/** The node's current parameters (the editor sends the unsaved ones), e.g. { visualType: 'image' }. */
	parameters?: INodeParameters;
	credentials: { apiKey: string; baseUrl: string };
	/** Default 2, the first version with resource locators. */
	typeVersion?: number;
}

const NODE_TYPE = 'n8n-nodes-synclabs.syncLabs';

/** The node type and n8n-core's LoadOptionsContext the editor's list searches and load-options calls run in. */
function loadOptionsContext(options: Omit<ListSearchOptions, 'method' | 'filter' | 'paginationToken'>): { nodeType: INodeType; context: LoadOptionsContext } {
	const versioned: IVersionedNodeType = new SyncLabs();
	const typeVersion = options.typeVersion ?? 2;
	const nodeType: INodeType = NodeHelpers.getVersionedNodeType(versioned, typeVersion);
	const nodeTypes: INodeTypes = {
		getByName: () => versioned,
		getByNameAndVersion: (_name: string, version?: number) => NodeHelpers.getVersionedNodeType(versioned, version),
		getKnownTypes: (): IDataObject => ({}),
	};
	const credentialType = new SyncLabsApi();
	const credentialsHelper = new RunnerCredentialsHelper(
		{ [credentialType.name]: credentialType },
		{ [credentialType.name]: { ...options.credentials } as ICredentialDataDecryptedObject },
	);
	const parameters = options.parameters ?? {};
	const node: INode = {
		id: 'list-search-node',
		name: 'Sync Labs',
		type: NODE_TYPE,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: { [credentialType.name]: { id: 'runner-credential', name: 'Sync Labs account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = { credentialsHelper, currentNodeParameters: parameters, variables: {} } as unknown as IWorkflowExecuteAdditionalData;
	return { nodeType, context: new LoadOptionsContext(workflow, node, additionalData, 'parameters') };
}

export async function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
	const { nodeType, context } = loadOptionsContext(options);
	const typeVersion = options.typeVersion ?? 2;
	const search = nodeType.methods?.listSearch?.[options.method];
	if (!search) throw new Error(`listSearch: the node (version ${typeVersion}) has no list-search method "${options.method}"`);
	return await search.call(context, options.filter, options.paginationToken);
}

/** Calls a loadOptions method of the node (e.g. 'getModels') the way the editor fills a dropdown. */
export async function runLoadOptions(options: Omit<ListSearchOptions, 'filter' | 'paginationToken'>): Promise<INodePropertyOptions[]> {
	const { nodeType, context } = loadOptionsContext(options);
	const load = nodeType.methods?.loadOptions?.[options.method];
	if (!load) throw new Error(`loadOptions: the node has no load-options method "${options.method}"`);
	return await load.call(context);
}

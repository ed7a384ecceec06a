// The Sync Labs node as n8n runs it when it is an AI Agent's tool: the same node type with "Tool" appended to its
// name, as n8n's NodeTypes.getByNameAndVersion builds it for a type it does not know
// (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/node-types.ts: each version's description is
// cloned and passed to convertNodeToAiTool, packages/cli/src/tool-generation/ai-tools.ts). The node's
// `@tool` display rules and its own check (the type name ends in "Tool") then see a tool. Unlike n8n's tool variant
// it keeps a main input and output, so runNode() can hand it the model's arguments as its one input item, which is
// what n8n's tool invocation does (makeHandleToolInvocation: addInputData([[{ json: toolArgs }]])).
import { VersionedNodeType, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { SyncLabs } from '../../../nodes/SyncLabs/SyncLabs.node.js';

export const TOOL_TYPE_NAME = 'syncLabsTool';

function asTool(description: INodeTypeDescription): INodeTypeDescription {
	const copy = { ...description, name: `${description.name}Tool`, displayName: `${description.displayName} Tool` };
	delete copy.usableAsTool;
	return copy;
}

/** A fresh "Sync Labs Tool" node type with every version of the action node (pass it as runNode's nodeTypeOverride). */
export function syncLabsToolNodeType(): VersionedNodeType {
	const node = new SyncLabs();
	const versions: Record<number, INodeType> = {};
	for (const [version, type] of Object.entries(node.nodeVersions)) {
		versions[Number(version)] = Object.create(type, { description: { value: asTool(type.description) } }) as INodeType;
	}
	return new VersionedNodeType(versions, { ...node.description, name: TOOL_TYPE_NAME, displayName: `${node.description.displayName} Tool` });
}

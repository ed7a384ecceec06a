// What an AI Agent's model sees of the Sync Labs tools in examples/ai-agent-lip-sync.json, built with n8n's own
// code: n8n-core's createNodeAsTool (the tool's name from the node name, its description from the node's Tool
// Description, its arguments from the `$fromAI()` calls), then LangChain's convertToOpenAITool, the function
// definition the OpenAI Chat Model sends. The node is loaded as n8n's Workflow loads it (defaults filled in, hidden
// parameters dropped: getNodeParameters), in its tool variant.
import fs from 'node:fs';
import path from 'node:path';
import { NodeHelpers, type INode, type INodeType } from 'n8n-workflow';
import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { syncLabsToolNodeType } from '../../runner/index.cjs';
import { TOOL_DESCRIPTIONS } from '../../../nodes/SyncLabs/actions/asTool/toolDescriptions';

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'ai-agent-lip-sync.json');
const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as { nodes: INode[] };
const toolNodes = example.nodes.filter((node) => node.type === 'n8n-nodes-synclabs.syncLabsTool');

/** The node as n8n's Workflow holds it when the agent asks for its tools, and its type's version. */
function loaded(node: INode): { node: INode; nodeType: INodeType } {
	const nodeType = syncLabsToolNodeType().nodeVersions[node.typeVersion];
	const parameters = NodeHelpers.getNodeParameters(nodeType.description.properties, node.parameters, true, false, node, nodeType.description);
	return { node: { ...node, parameters: parameters ?? {} }, nodeType };
}

function openAiFunction(node: INode) {
	const tool = createNodeAsTool({ ...loaded(node), handleToolInvocation: async () => '' }).response;
	return convertToOpenAITool(tool).function;
}

describe('the Sync Labs tools of the example agent workflow, as the model sees them', () => {
	it('has a Create and a Get tool', () => {
		expect(toolNodes.map((node) => [node.name, node.parameters.resource, node.parameters.operation])).toEqual([
			['Lip-sync video', 'generation', 'create'],
			['Get lip-sync generation', 'generation', 'get'],
		]);
	});

	it('names each tool after its node, describes it with the operation\'s tool description, and asks for the $fromAI fields with their descriptions', () => {
		expect(toolNodes.map(openAiFunction)).toMatchSnapshot();
	});

	it('gives every field the model fills a description, and the tool the operation\'s description for a model', () => {
		for (const node of toolNodes) {
			const fn = openAiFunction(node);
			expect(fn.description).toBe(TOOL_DESCRIPTIONS.generation[String(node.parameters.operation)]);
			const properties = Object.entries((fn.parameters as { properties: Record<string, { description?: string }> }).properties);
			expect(properties.length).toBeGreaterThan(0);
			for (const [name, property] of properties) expect({ name, description: (property.description ?? '').length > 20 }).toEqual({ name, description: true });
		}
	});

	it('without a Tool Description of its own the node would be described by its short action text, as n8n does for other nodes', () => {
		const { node, nodeType } = loaded(toolNodes[0]);
		const withoutOurs = { ...node, parameters: { ...node.parameters, toolDescription: '' } };
		expect(createNodeAsTool({ node: withoutOurs, nodeType, handleToolInvocation: async () => '' }).response.description).toBe('Create a generation in Sync Labs');
	});
});

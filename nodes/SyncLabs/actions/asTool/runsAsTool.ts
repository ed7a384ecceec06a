// Whether the node runs as an AI Agent's tool, and the display rules that show or hide a parameter there.
// n8n makes the tool variant of a node with `usableAsTool` by appending "Tool" to its type name
// (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/tool-generation/ai-tools.ts), and evaluates the
// `@tool` display rule as "the type name ends in Tool" (getPropertyValues in
// https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/node-helpers.ts). n8n drops a hidden
// parameter's saved value when it loads a workflow, so a parameter hidden with NOT_AS_TOOL is never read by a tool.
import type { IDisplayOptions, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

/** Shown only in the tool variant ("Sync Labs Tool"). */
export const AS_TOOL_ONLY: IDisplayOptions = { show: { '@tool': [true] } };
/** Hidden in the tool variant: what a tool cannot use (binary data never reaches or leaves an agent's tool). */
export const NOT_AS_TOOL: IDisplayOptions = { hide: { '@tool': [true] } };

/** The same test n8n applies for `@tool`, on the running node: its type is "<package>.syncLabsTool". */
export function runsAsTool(ctx: IExecuteFunctions | IWebhookFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

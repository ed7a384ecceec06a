// The one sentence every refused input becomes: the field's name first, then what is wrong, then the item,
// e.g. "Max Wait Time (Seconds) is the text "2 h", which is not a number; it must be a number of at least 1
// (item 3)". The triggers have no items: their sentence ends with the problem.
import { NodeOperationError, type INode } from 'n8n-workflow';

/** Anything that names its node: every n8n function context (execute, webhook, poll, load options). */
export interface NodeContext {
	getNode(): INode;
}

/** `problem` continues the sentence that starts with the field's name: "is required", "is the number 7, ...". */
export function refusal(ctx: NodeContext, itemIndex: number | undefined, field: string, problem: string): NodeOperationError {
	if (itemIndex === undefined) {
		return new NodeOperationError(ctx.getNode(), `${field} ${problem}`, { description: `Check the "${field}" parameter.` });
	}
	return new NodeOperationError(ctx.getNode(), `${field} ${problem} (item ${itemIndex})`, {
		itemIndex,
		description: `Check the "${field}" parameter of item ${itemIndex}.`,
	});
}

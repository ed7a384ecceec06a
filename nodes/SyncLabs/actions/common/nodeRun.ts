// The identity of one run of this node in this execution: the same for every attempt at it (transport retries,
// n8n's Retry On Fail) and for nothing else anywhere. Idempotency keys (generation/submitGeneration.ts) and the
// per-run memories (common/nodeRunMemory.ts) are built on it.
import { randomBytes } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * One random salt per node run, keyed on the run's execute data: n8n shifts that object off the execution
 * stack once and hands the same one to every Retry On Fail attempt (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/
 * workflow-execute.ts: the `tryIndex` loop calls runNode(workflow, executionData, ...) again, and the node
 * context's getExecuteData() returns it: node-execution-context/base-execute-context.ts; the same in 2.8.4).
 * The loop runs in one process, in queue mode too (the worker that runs the execution), so an in-process
 * WeakMap is enough, and it uses none of the user's 10 custom data keys.
 */
const saltByRun = new WeakMap<object, string>();

/**
 * n8n's older tool calls (makeHandleToolInvocation in
 * https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/node-execution-context/utils/get-input-connection-data.ts,
 * used by AI Agents before version 3 and other tool callers) run the node in a SupplyDataContext with the agent's execute
 * data for every tool call and a new run index for every Retry On Fail try of one call. The call's arguments are the
 * one object all its tries share and no other call has. An AI Agent from version 3 on runs the tool as a node of the
 * workflow (an ExecuteContext, isToolExecution() false), where the execute data and run index hold.
 */
function toolCallArguments(ctx: IExecuteFunctions): object | undefined {
	if (typeof ctx.isToolExecution !== 'function' || !ctx.isToolExecution()) return undefined;
	const args: unknown = ctx.getInputData()[0]?.json;
	return args !== null && typeof args === 'object' ? args : undefined;
}

/** The object that is the same for every attempt of this node run and for nothing else. */
export function runAnchor(ctx: IExecuteFunctions): object {
	const toolCall = toolCallArguments(ctx);
	if (toolCall !== undefined) return toolCall;
	try {
		const data: unknown = ctx.getExecuteData();
		if (data && typeof data === 'object') return data;
	} catch {
		// contexts without execute data (none of n8n's execute contexts): fall back to the input array
	}
	return ctx.getInputData();
}

/**
 * A random value drawn once per node run, so every attempt at it (transport retries, n8n's Retry On Fail) sends
 * the same key, while another run never does: not on another instance, after a database reset, nor in a clone
 * sharing the encryption key, where execution ids and getInstanceId() repeat.
 */
export function executionSalt(ctx: IExecuteFunctions): string {
	const anchor = runAnchor(ctx);
	let salt = saltByRun.get(anchor);
	if (salt === undefined) {
		salt = randomBytes(10).toString('hex');
		saltByRun.set(anchor, salt);
	}
	return salt;
}

export function runIndexOf(ctx: IExecuteFunctions, itemIndex: number): number {
	// A tool call's tries each get a new run index; its arguments (runAnchor) tell the calls apart instead.
	if (toolCallArguments(ctx) !== undefined) return 0;
	try {
		return ctx.getWorkflowDataProxy(itemIndex).$runIndex ?? 0;
	} catch {
		return 0;
	}
}

/** Names one run of this node in this execution (as seen from one of its items), and nothing else anywhere. */
export function nodeRunIdentity(ctx: IExecuteFunctions, itemIndex: number): string {
	return `${executionSalt(ctx)}-${ctx.getExecutionId() ?? 'manual'}-${ctx.getNode().id ?? ctx.getNode().name}-${runIndexOf(ctx, itemIndex)}`;
}


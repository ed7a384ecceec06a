// The shape every `<operation>.operation.ts` module exports, so the router can treat them alike.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

export interface SyncOperation {
	description: INodeProperties[];
	/**
	 * Runs the operation for one input item and returns its output items (pairedItem set by the router).
	 * `stop` fires when another item failed and the node is about to throw: stop waiting (runPerItem.ts).
	 */
	execute?: (this: IExecuteFunctions, itemIndex: number, stop: AbortSignal) => Promise<INodeExecutionData[]>;
	/** For operations that must see all items at once (batch from rows, pausing the execution). */
	executeAll?: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[][]>;
	/** How many items may run at the same time (default 1). */
	concurrency?: (this: IExecuteFunctions) => number;
}

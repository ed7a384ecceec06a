// Dispatches to `<resource>/<operation>.operation.ts`, runs per-item operations with bounded concurrency,
// and applies the item conventions in one place: pairedItem on every output item, continueOnFail, and
// errors that carry the item index.
import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { mapWithConcurrency } from '../helpers/concurrency';
import type { SyncOperation } from './operation';
import * as generation from './generation/Generation.resource';

const resources: Record<string, Record<string, SyncOperation>> = {
	generation: generation.operations,
};

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const details = error instanceof NodeApiError || error instanceof NodeOperationError ? error.description : undefined;
	return {
		json: { error: error.message, ...(details ? { errorDescription: details } : {}) },
		pairedItem: { item: itemIndex },
	};
}

function asNodeError(ctx: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error, { itemIndex });
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of resource "${resource}" is not supported`);
	}

	if (operation.executeAll) return await operation.executeAll.call(this, items);
	const executeItem = operation.execute!;

	const limit = operation.concurrency ? operation.concurrency.call(this) : 1;
	const perItem = await mapWithConcurrency(items, limit, async (_item, itemIndex) => {
		try {
			const output = await executeItem.call(this, itemIndex);
			return output.map((entry) => ({ ...entry, pairedItem: { item: itemIndex } }));
		} catch (error) {
			if (this.continueOnFail()) return [errorItem(error as Error, itemIndex)];
			throw asNodeError(this, error as Error, itemIndex);
		}
	});
	return [perItem.flat()];
}

export { errorItem, asNodeError };

// How a failed item looks: with continueOnFail an output item carrying the error (paired to its input),
// otherwise an n8n error that carries the item index.
import { NodeApiError, NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const details = error instanceof NodeApiError || error instanceof NodeOperationError ? error.description : undefined;
	return {
		json: { error: error.message, ...(details ? { errorDescription: details } : {}) },
		pairedItem: { item: itemIndex },
	};
}

export function asNodeError(ctx: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error, { itemIndex });
}

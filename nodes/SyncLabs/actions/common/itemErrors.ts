// How a failed item looks: with continueOnFail an output item carrying the error (paired to its input),
// otherwise an n8n error that carries the item index.
//
// Which output the item lands on is n8n's decision (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/workflow-execute.ts,
// handleNodeErrorOutput): with On Error = "Continue (using error output)" an item moves to the error output
// when `item.error` is set, or when its json holds nothing but `error` and `message` (n8n 2.8: exactly those
// two keys or `error` alone; 2.41 also allows `details`). Setting `item.error` is not usable: the same
// file's normalizeNodeErrors() then replaces the json with `{ error: message }`, dropping Sync's code and
// suggestion. So that mode gets `{ message, error: { message, code, suggestion, httpCode, ... } }` (an error
// object under `error`, as n8n's HTTP Request node outputs), and "Continue (regular output)" keeps the
// `{ error, errorDescription }` shape saved workflows already read, plus `generationId` when the item's generation
// exists or may exist (and `speechJobId` or `speechId` for the speech it made or may have made, `assetId` for the
// asset it registered).
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { errorCodeOf } from '../../schemas/spellings';
import { generationIdOf } from '../../transport';

/** Sync's own error body, when the error came from the API (transport's SyncApiError keeps it as `body`). */
function apiBody(error: Error): IDataObject | undefined {
	const body = (error as { body?: unknown }).body;
	return error instanceof NodeApiError && body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : undefined;
}

/** What the error output's `error` object carries besides the message: Sync's code and suggestion, the HTTP status, the hint. */
export function errorDetails(error: Error, itemIndex: number): IDataObject {
	const details: IDataObject = { itemIndex };
	const description = error instanceof NodeApiError || error instanceof NodeOperationError ? error.description : undefined;
	if (description) details.description = description;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	const body = apiBody(error);
	if (body) {
		const code = errorCodeOf(body);
		if (code) details.code = code;
		for (const key of ['suggestion', 'field', 'lineNumber'] as const) {
			if (body[key] !== undefined) details[key] = body[key];
		}
	}
	const generationId = generationIdOf(error);
	if (generationId) details.generationId = generationId;
	Object.assign(details, madeObjects(error));
	// A generation Sync ended FAILED or REJECTED (actions/generation/completion.ts failureOf): its code, status and reason.
	const failed = (error as { context?: { generationFailure?: unknown } }).context?.generationFailure;
	if (failed && typeof failed === 'object' && !Array.isArray(failed)) Object.assign(details, failed as IDataObject);
	return details;
}

/**
 * Other things an item made or may have made, which its error names (the error's context, set by the operation):
 * a speech job or a synchronous speech (actions/speech/madeSpeech.ts), an asset (actions/asset/uploadedAssets.ts); the
 * url names one whose answer gave no id.
 */
const MADE_OBJECT_KEYS = ['speechJobId', 'speechId', 'speechUrl', 'assetId', 'assetUrl'] as const;

function madeObjects(error: Error): IDataObject {
	const context = (error as { context?: IDataObject }).context ?? {};
	const named: IDataObject = {};
	for (const key of MADE_OBJECT_KEYS) if (typeof context[key] === 'string') named[key] = context[key];
	return named;
}

function generationFailureId(error: Error): string | undefined {
	const failed = (error as { context?: { generationFailure?: { generationId?: unknown } } }).context?.generationFailure;
	return typeof failed?.generationId === 'string' ? failed.generationId : undefined;
}

export function errorItem(ctx: IExecuteFunctions, error: Error, itemIndex: number): INodeExecutionData {
	if (ctx.getNode().onError === 'continueErrorOutput') {
		const message = error.message || 'Unknown error';
		return { json: { message, error: { message, ...errorDetails(error, itemIndex) } }, pairedItem: { item: itemIndex } };
	}
	const details = error instanceof NodeApiError || error instanceof NodeOperationError ? error.description : undefined;
	// The generation the item created or may have created (a failed poll, 503 IDEMPOTENCY_OUTCOME_UNKNOWN): named
	// here too, so a billed generation is never left unnamed (actions/generation/createdGenerations.ts).
	const generationId = generationIdOf(error) ?? generationFailureId(error);
	return {
		json: { error: error.message, ...(details ? { errorDescription: details } : {}), ...(generationId ? { generationId } : {}), ...madeObjects(error) },
		pairedItem: { item: itemIndex },
	};
}

/** The item an n8n error names (NodeError keeps `itemIndex` in its context: https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/errors/node-operation.error.ts). */
export function itemIndexOf(error: unknown): number | undefined {
	const index = (error as { context?: { itemIndex?: unknown } } | undefined)?.context?.itemIndex;
	return typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : undefined;
}

export function asNodeError(ctx: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error, { itemIndex });
}

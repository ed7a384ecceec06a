// The client's one way to Sync: every endpoint function of this folder describes its request as a SyncRequest
// and hands it here; transport/index.ts does the HTTP (credential, retries, Retry-After, cancel, stop signal,
// error bodies). Operation tests replace this module with a fake Sync (test/api/fakeSync.cts), so the
// endpoint functions' paths, envelopes and parsing still run while nothing goes over the network.
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { apiRequest, type SyncContext } from '../transport';
import type { RetrySettings } from '../transport/retryPolicy';

/** One request to the Sync API, as an endpoint function of this folder builds it. */
export interface SyncRequest {
	method: IHttpRequestMethods;
	/** The path under the credential's base URL, ids already encoded: `/v2/generate/abc`. */
	path: string;
	qs?: IDataObject;
	body?: IHttpRequestOptions['body'];
	headers?: IDataObject;
	/** The answer is text, not JSON (the download endpoint answers text/plain). */
	text?: boolean;
	/** Safe to repeat after a 5xx or a reset: reads, deletes, and creates that carry an Idempotency-Key. */
	repeatable: boolean;
	/** A keyed create whose outcome is unknown is still repeated after the stop signal (transport/retryLoop.ts). */
	settleAfterStop?: boolean;
}

/** What the caller adds to any request: the item it is for, its stop signal, fewer retries (the editor's calls). */
export interface CallOptions {
	itemIndex?: number;
	/** The item's stop signal (another item failed): no attempt starts after it fires (transport/retryLoop.ts). */
	stop?: AbortSignal;
	/** When the answer must have come (transport/index.ts ApiRequestOptions.answerBy): a poll's deadline. */
	answerBy?: number;
	retry?: Partial<RetrySettings>;
}

/** Sends the request; resolves with the answer of a 2xx (JSON, or text), throws SyncApiError otherwise. */
export async function send(ctx: SyncContext, request: SyncRequest, call: CallOptions = {}): Promise<unknown> {
	return await apiRequest.call(ctx, request.method, request.path, {
		body: request.body,
		qs: request.qs,
		headers: request.headers,
		text: request.text,
		repeatable: request.repeatable,
		settleAfterStop: request.settleAfterStop,
		itemIndex: call.itemIndex,
		stop: call.stop,
		answerBy: call.answerBy,
		retry: call.retry,
	});
}

// The one way this package talks to the Sync Labs API: base URL from the credential, the API key added by
// the credential's authenticate block, retries with backoff for what is safe to repeat, Retry-After honoured,
// and Sync's error bodies turned into NodeApiError (never carrying request headers, so never the key).
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { apiErrorMessage, parseApiError, type ApiErrorBody } from '../schemas/apiError';
import { errorCodeOf } from '../schemas/spellings';
import {
	DEFAULT_RETRY_SETTINGS,
	classifyHttpFailure,
	classifyTransportFailure,
	mayRetry,
	parseRetryAfter,
	type FailureKind,
	type RetrySettings,
} from './retryPolicy';
import { runWithRetries, type AttemptFailure } from './retryLoop';
import { canceledError, failureCause, networkFailure } from './failure';

// IWebhookFunctions: the resume webhook GETs a generation whose delivery lacks its output URL (actions/generation/waitForWebhook.ts).
export type SyncContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IWebhookFunctions;

export interface ApiRequestOptions {
	body?: IHttpRequestOptions['body'];
	qs?: IDataObject;
	headers?: IDataObject;
	/** Safe to repeat after a 5xx or a reset: reads, deletes, and creates that carry an Idempotency-Key. */
	repeatable: boolean;
	/** Read the body as text (the download endpoint answers text/plain). */
	text?: boolean;
	itemIndex?: number;
	retry?: Partial<RetrySettings>;
	/** The item's stop signal (another item failed): no attempt starts after it fires, waits end (retryLoop.ts). */
	stop?: AbortSignal;
	/**
	 * When the answer must have come (Date.now's clock): an attempt still waiting then is aborted, and no retry
	 * waits past it (retryLoop.ts); the request then fails with the last failure. Set by a poll (polling/pollBudget.ts limits), so one slow listing cannot hold the poll
	 * past n8n's budget, nor the other kind's steps after it.
	 */
	answerBy?: number;
	/**
	 * A keyed create: an attempt whose outcome is unknown (5xx, reset) is still repeated after `stop`, so the
	 * generation it may have created is known and the error can name every generation created.
	 */
	settleAfterStop?: boolean;
}

/** Thrown instead of sending a request for an item after another item has failed (actions/common/runPerItem.ts). */
export function stoppedError(ctx: SyncContext, itemIndex: number | undefined, what: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Stopped before ${what}: another item failed`, { itemIndex });
}

export class SyncApiError extends NodeApiError {
	constructor(
		ctx: SyncContext,
		readonly body: ApiErrorBody,
		itemIndex: number | undefined,
	) {
		const code = errorCodeOf(body);
		const details = [body.suggestion, body.field ? `Field: ${body.field}` : undefined, body.lineNumber ? `Line: ${body.lineNumber}` : undefined]
			.filter(Boolean)
			.join(' ');
		super(ctx.getNode(), body as JsonObject, {
			itemIndex,
			httpCode: String(body.statusCode ?? ''),
			message: `Sync Labs: ${apiErrorMessage(body)}${code ? ` [${code}]` : ''}`,
			description: details || undefined,
		});
	}

	get statusCode(): number | undefined {
		return this.body.statusCode;
	}

	get errorCode(): string | undefined {
		return errorCodeOf(this.body);
	}
}

/** The generation a failed request's error names (Sync's error body, or an earlier attempt's: apiRequest). */
export function generationIdOf(error: unknown): string | undefined {
	const named = (error as { body?: { generationId?: unknown } } | null)?.body?.generationId ?? (error as { context?: { generationId?: unknown } } | null)?.context?.generationId;
	return typeof named === 'string' && named !== '' ? named : undefined;
}

interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export async function getBaseUrl(ctx: SyncContext): Promise<string> {
	const credentials = await ctx.getCredentials<{ baseUrl?: string }>('syncLabsApi');
	const baseUrl = (credentials.baseUrl || 'https://api.sync.so').trim().replace(/\/+$/, '');
	return baseUrl;
}

/** The failure of a request whose answer did not come by its answerBy; polling/listingFailures.ts reads `answerLate`. */
function lateAnswer(ctx: SyncContext, itemIndex: number | undefined): NodeApiError {
	const late = new NodeApiError(ctx.getNode(), { message: 'no answer within the poll time budget', code: 'ETIMEDOUT' }, { itemIndex });
	late.context.answerLate = true;
	return late;
}

/** The execution's cancel signal, where the context has one (not in load-options or poll contexts). */
export function cancelSignal(ctx: SyncContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx && typeof ctx.getExecutionCancelSignal === 'function' ? ctx.getExecutionCancelSignal() : undefined;
}

/** Sends one request; resolves with the parsed body of a 2xx, throws SyncApiError (or NodeApiError) otherwise. */
export async function apiRequest<T = unknown>(
	this: SyncContext,
	method: IHttpRequestMethods,
	endpoint: string,
	options: ApiRequestOptions,
): Promise<T> {
	const settings: RetrySettings = { ...DEFAULT_RETRY_SETTINGS, ...options.retry };
	const url = `${await getBaseUrl(this)}${endpoint}`;
	const signal = cancelSignal(this);
	// A generation an earlier attempt's error named (503 IDEMPOTENCY_OUTCOME_UNKNOWN, docs/sync-api.md#idempotency-keys):
	// a later attempt that fails otherwise carries it too, so the final error never loses it (generationIdOf).
	let namedGeneration: string | undefined;
	// Whether an earlier attempt may have been carried out: then a later attempt's 404 may be that attempt's doing
	// (a delete, api/deleteOnce.ts), so the final error says so (context.earlierOutcomeUnknown).
	let unknownBefore = false;

	const failed = (kind: FailureKind, error: NodeApiError, retryAfterMs?: number): AttemptFailure<T> => {
		const outcomeUnknown = kind === 'server_error' || kind === 'outcome_unknown' || kind === 'transport_error';
		if (unknownBefore) error.context.earlierOutcomeUnknown = true;
		// Read by api/madeAnswer.ts mayHaveBeenCarriedOut: this attempt reached nobody.
		if (kind === 'not_sent') error.context.requestNeverSent = true;
		unknownBefore ||= outcomeUnknown;
		return {
			ok: false,
			retryable: mayRetry(kind, options.repeatable),
			error,
			reason: kind,
			retryAfterMs,
			outcomeUnknown,
			// A free slot is waited for by time, not by count: a generation can hold it for minutes.
			retryForMs: kind === 'concurrency_limited' ? settings.concurrencyWaitMs : undefined,
		};
	};

	return await runWithRetries<T>(
		{
			settings,
			signal,
			stop: options.stop,
			settleUnknownAfterStop: options.settleAfterStop === true && options.repeatable,
			answerBy: options.answerBy,
			stopped: () => stoppedError(this, options.itemIndex, `${method} ${endpoint.split('?')[0]}`),
			onRetry: ({ attempt, delayMs, reason }) =>
				this.logger.debug(`Sync Labs ${method} ${endpoint}: ${reason}, retrying in ${delayMs} ms`, { attempt }),
		},
		async () => {
			// AbortSignal.timeout/any: no timers of our own in nodes/ (n8n's no-restricted-globals lint rule); a whole
			// number of milliseconds (a fraction throws ERR_OUT_OF_RANGE).
			const leftMs = options.answerBy === undefined ? Infinity : options.answerBy - Date.now();
			// A retry that would start after answerBy (a Retry-After, a backoff) is not sent: the answer is due already.
			if (leftMs <= 0) return failed('final', lateAnswer(this, options.itemIndex));
			const deadline = Number.isFinite(leftMs) ? AbortSignal.timeout(Math.ceil(leftMs)) : undefined;
			const signals = [signal, deadline].filter((x): x is AbortSignal => x !== undefined);
			const abortSignal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'syncLabsApi', {
					method,
					url,
					body: options.body,
					qs: options.qs,
					headers: { accept: 'application/json', ...options.headers },
					json: options.text ? false : true,
					encoding: options.text ? 'text' : undefined,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					// n8n forwards x-api-key across origins on redirects and buffers bodies to replay them;
					// the Sync API does not redirect, so a redirect is an error rather than a leak.
					disableFollowRedirect: true,
					abortSignal,
				})) as FullResponse;
				if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, value: response.body as T };

				const body = parseApiError(response.body, response.statusCode);
				if (body.generationId) namedGeneration = body.generationId;
				else if (namedGeneration) body.generationId = namedGeneration;
				return failed(
					classifyHttpFailure(response.statusCode, errorCodeOf(body)),
					new SyncApiError(this, body, options.itemIndex),
					parseRetryAfter(response.headers?.['retry-after'], Date.now()),
				);
			} catch (error) {
				if (signal?.aborted) throw canceledError(this, options.itemIndex);
				if (deadline?.aborted) return failed('final', lateAnswer(this, options.itemIndex));
				const cause = failureCause(error);
				const failure = networkFailure(this, error, options.itemIndex, 'Sync Labs request');
				if (namedGeneration) failure.context.generationId = namedGeneration;
				return failed(classifyTransportFailure(cause.code, cause.message), failure);
			}
		},
	);
}

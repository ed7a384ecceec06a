// GET of a batch's results file (`outputUrl`), as text. On the real API that URL is on the API host and answers
// 302 with a signed storage URL. The API key goes only to URLs under the credential's base URL: redirects
// are followed by hand, and a hop that leaves the base URL is fetched with the plain helper (the
// redirect-following transport would otherwise forward the custom x-api-key header to the storage host;
// it strips only Authorization and Cookie).
import { NodeApiError, type IHttpRequestOptions } from 'n8n-workflow';
import { cancelSignal, getBaseUrl, SyncApiError, type SyncContext } from './index';
import { canceledError, failureCause, networkFailure, storageHttpFailure } from './failure';
import { runWithRetries } from './retryLoop';
import { DEFAULT_RETRY_SETTINGS, isTransientStatus, isTransportRetryable, type RetrySettings } from './retryPolicy';
import { parseApiError } from '../schemas/apiError';

const MAX_REDIRECTS = 5;

interface TextResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** Whether `url` is on the base URL's origin and under its path. */
export function isUnderBaseUrl(url: string, baseUrl: string): boolean {
	let target: URL;
	let base: URL;
	try {
		target = new URL(url);
		base = new URL(baseUrl);
	} catch {
		return false;
	}
	if (target.origin !== base.origin) return false;
	const prefix = base.pathname.replace(/\/+$/, '');
	return prefix === '' || target.pathname === prefix || target.pathname.startsWith(`${prefix}/`);
}

function requestOptions(url: string): IHttpRequestOptions {
	return {
		method: 'GET',
		url,
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
}

/** A URL on the API host: sent with the key, without following redirects (they are followed by the caller). */
async function getAuthenticated(ctx: SyncContext, url: string): Promise<TextResponse> {
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'syncLabsApi', {
		...requestOptions(url),
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		abortSignal: cancelSignal(ctx),
	})) as TextResponse;
}

/** A signed storage URL: no credential involved at all. */
async function getPlain(ctx: SyncContext, url: string): Promise<TextResponse> {
	return (await ctx.helpers.httpRequest({ ...requestOptions(url), abortSignal: cancelSignal(ctx) })) as TextResponse;
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body === undefined || body === null) return '';
	return JSON.stringify(body);
}

/**
 * Sends until the answer is not a transient status, or the retries run out: then the last answer is
 * returned, not thrown, so the caller builds the error (API-host body or storage detail).
 */
async function withRetries(
	ctx: SyncContext,
	itemIndex: number,
	send: () => Promise<TextResponse>,
	settings: RetrySettings,
): Promise<TextResponse> {
	const signal = cancelSignal(ctx);
	return await runWithRetries<TextResponse>(
		{
			settings,
			signal,
			onRetry: ({ attempt, delayMs, reason }) =>
				ctx.logger.debug(`Sync Labs batch results: ${reason}, retrying in ${delayMs} ms`, { attempt, retryable: true }),
		},
		async () => {
			try {
				const response = await send();
				const status = response.statusCode;
				if (!isTransientStatus(status)) return { ok: true, value: response };
				return { ok: false, retryable: true, error: new Error(`HTTP ${status}`), fallback: () => response };
			} catch (error) {
				if (signal?.aborted) throw canceledError(ctx, itemIndex);
				const cause = failureCause(error);
				return {
					ok: false,
					retryable: isTransportRetryable(cause.code, cause.message),
					error: networkFailure(ctx, error, itemIndex, 'Downloading the batch results'),
				};
			}
		},
	);
}

/** Returns the results file as text. */
export async function downloadBatchResults(
	ctx: SyncContext,
	outputUrl: string,
	itemIndex: number,
	retry: Partial<RetrySettings> = {},
): Promise<string> {
	const settings: RetrySettings = { ...DEFAULT_RETRY_SETTINGS, maxRetries: 2, ...retry };
	const baseUrl = await getBaseUrl(ctx);
	let url = outputUrl;
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		const authenticated = isUnderBaseUrl(url, baseUrl);
		const response = authenticated
			? await withRetries(ctx, itemIndex, async () => await getAuthenticated(ctx, url), settings)
			: await withRetries(ctx, itemIndex, async () => await getPlain(ctx, url), settings);
		const status = response.statusCode;
		if (status >= 200 && status < 300) return bodyText(response.body);
		const location = response.headers?.location;
		if (status >= 300 && status < 400 && typeof location === 'string' && location) {
			url = new URL(location, url).href;
			continue;
		}
		if (authenticated) throw new SyncApiError(ctx, parseApiError(response.body, status), itemIndex);
		const description = 'The signed results URL may have expired; get the batch again for a fresh one.';
		throw storageHttpFailure(ctx, status, bodyText(response.body), itemIndex, 'Downloading the batch results', description);
	}
	throw new NodeApiError(ctx.getNode(), { message: 'Too many redirects' }, { itemIndex, message: 'Downloading the batch results failed: too many redirects' });
}


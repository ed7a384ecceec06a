// Downloads a batch's results file (`outputUrl`). On the real API that URL is on the API host and answers
// 302 with a signed storage URL. The API key goes only to URLs under the credential's base URL: redirects
// are followed by hand, and a hop that leaves the base URL is fetched with the plain helper (the
// redirect-following transport would otherwise forward the custom x-api-key header to the storage host;
// it strips only Authorization and Cookie).
import { NodeApiError, sleep, type IExecuteFunctions, type IHttpRequestOptions } from 'n8n-workflow';
import { cancelSignal, getBaseUrl, SyncApiError } from '../../transport';
import { DEFAULT_RETRY_SETTINGS, backoffDelayMs, classifyTransportFailure, type RetrySettings } from '../../transport/retryPolicy';
import { parseApiError } from '../../shared/schemas/apiError';
import { storageErrorText } from '../../helpers/storageError';
import { isPlainObject, nonBlankLines } from '../../helpers/jsonl';

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
async function getAuthenticated(ctx: IExecuteFunctions, url: string): Promise<TextResponse> {
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'syncLabsApi', {
		...requestOptions(url),
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		abortSignal: cancelSignal(ctx),
	})) as TextResponse;
}

/** A signed storage URL: no credential involved at all. */
async function getPlain(ctx: IExecuteFunctions, url: string): Promise<TextResponse> {
	return (await ctx.helpers.httpRequest({ ...requestOptions(url), abortSignal: cancelSignal(ctx) })) as TextResponse;
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body === undefined || body === null) return '';
	return JSON.stringify(body);
}

async function withRetries(
	ctx: IExecuteFunctions,
	itemIndex: number,
	send: () => Promise<TextResponse>,
	settings: RetrySettings,
): Promise<TextResponse> {
	for (let attempt = 0; ; attempt++) {
		let retryable = false;
		let failure: Error;
		try {
			const response = await send();
			const status = response.statusCode;
			if (!(status >= 500 || status === 429 || status === 408) || attempt >= settings.maxRetries) return response;
			retryable = true;
			failure = new Error(`HTTP ${status}`);
		} catch (error) {
			const err = error as { code?: string; message?: string };
			failure = new NodeApiError(
				ctx.getNode(),
				{ message: err.message ?? 'Request failed', code: err.code ?? '' },
				{ itemIndex, message: `Downloading the batch results failed: ${err.message ?? err.code}` },
			);
			retryable = classifyTransportFailure(err.code, err.message) === 'transport_error' && !cancelSignal(ctx)?.aborted;
			if (!retryable || attempt >= settings.maxRetries) throw failure;
		}
		const delay = backoffDelayMs(attempt, settings, undefined);
		ctx.logger.debug(`Sync Labs batch results: ${failure.message}, retrying in ${delay} ms`, { attempt, retryable });
		await sleep(delay);
	}
}

/** Returns the results file as text. */
export async function downloadBatchResults(
	ctx: IExecuteFunctions,
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
		const detail = storageErrorText(bodyText(response.body));
		throw new NodeApiError(
			ctx.getNode(),
			{ message: detail || `HTTP ${status}`, httpCode: String(status) },
			{
				itemIndex,
				httpCode: String(status),
				message: `Downloading the batch results failed: HTTP ${status}${detail ? ` ${detail}` : ''}`,
				description: 'The signed results URL may have expired; get the batch again for a fresh one.',
			},
		);
	}
	throw new NodeApiError(ctx.getNode(), { message: 'Too many redirects' }, { itemIndex, message: 'Downloading the batch results failed: too many redirects' });
}

/** One output object per non-empty line. Lines that are not JSON objects are kept, marked, not dropped. */
export function parseResultLines(text: string): Array<Record<string, unknown>> {
	return nonBlankLines(text).map(({ line, text: raw }) => {
		let value: unknown;
		try {
			value = JSON.parse(raw);
		} catch {
			return { line, raw: raw.slice(0, 10000), parseError: 'The line is not valid JSON' };
		}
		return isPlainObject(value) ? value : { line, value: value as never };
	});
}

// Requests to Sync's signed storage URLs (output videos, presigned uploads): never the API key, so n8n's plain
// request helper, bodies streamed, retried like every other safe request (5xx/408/429 and transport errors,
// also in the middle of a body) with the backoff of retryPolicy.ts, honouring the execution's cancel signal.
import { NodeApiError, type IExecuteFunctions, type IHttpRequestOptions, type IWebhookFunctions } from 'n8n-workflow';
import { cancelSignal, stoppedError } from './index';
import { canceledError, failureCause, networkFailure, storageHttpFailure } from './failure';
import { runWithRetries } from './retryLoop';
import { DEFAULT_RETRY_SETTINGS, isTransientStatus, isTransportRetryable, type RetrySettings } from './retryPolicy';

export interface StreamResponse {
	statusCode: number;
	headers: Record<string, string | undefined>;
	body: unknown;
}

/** Frees the socket of an answer we do not read (a stream body that is not consumed keeps it open). */
function discard(body: unknown): void {
	const stream = body as { destroy?: () => void } | null;
	if (stream && typeof stream.destroy === 'function' && !Buffer.isBuffer(body)) stream.destroy();
}

export interface SignedUrlOptions<T> {
	what: string;
	itemIndex?: number;
	retry?: Partial<RetrySettings>;
	/** Epoch ms after which no attempt runs and a running one is aborted (the resume webhook's bound). */
	deadline?: number;
	/** Longest one attempt may take, headers and body; a stalled one is aborted and retried. */
	attemptTimeoutMs?: number;
	/**
	 * Reads the body inside the attempt, so a reset in the middle of the body repeats the whole GET within
	 * the same retry budget (headers arrive long before the body ends: prepareBinaryData reads it later).
	 */
	read: (response: StreamResponse) => Promise<T>;
}

/** A retry needs at least this much time before the deadline to be worth starting. */
const MIN_ATTEMPT_MS = 1000;

export async function getSignedUrl<T>(ctx: IExecuteFunctions | IWebhookFunctions, url: string, options: SignedUrlOptions<T>): Promise<T> {
	const cancel = cancelSignal(ctx);
	const failure = (message: string, code = '') =>
		new NodeApiError(ctx.getNode(), { message, code }, { itemIndex: options.itemIndex, message: `Downloading ${options.what} failed: ${message}` });
	const timeLeft = () => (options.deadline === undefined ? Infinity : options.deadline - Date.now());
	return await runWithRetries<T>(
		{
			settings: { ...DEFAULT_RETRY_SETTINGS, ...options.retry },
			signal: cancel,
			onRetry: ({ attempt, delayMs, reason }) => ctx.logger.debug(`Sync Labs download of ${options.what}: ${reason}, retrying in ${delayMs} ms`, { attempt }),
		},
		async () => {
			const limitMs = Math.min(timeLeft(), options.attemptTimeoutMs ?? Infinity);
			if (limitMs <= 0) return { ok: false, retryable: false, error: failure('no time left before the wait expires', 'ETIMEDOUT') };
			// AbortSignal.timeout/any: no timers of our own in nodes/ (n8n's no-restricted-globals lint rule).
			// Its delay must be a whole number of milliseconds (a fraction throws ERR_OUT_OF_RANGE).
			const timeout = Number.isFinite(limitMs) ? AbortSignal.timeout(Math.max(1, Math.ceil(limitMs))) : undefined;
			const signals = [cancel, timeout].filter((x): x is AbortSignal => x !== undefined);
			const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
			let body: unknown;
			let reading = false;
			// The request helper's abort may not reach a body already handed over: end it ourselves.
			const onAbort = () => discard(body);
			signal?.addEventListener('abort', onAbort);
			const retryable = (yes: boolean) => yes && !cancel?.aborted && timeLeft() > MIN_ATTEMPT_MS;
			try {
				const response = (await ctx.helpers.httpRequest({
					method: 'GET',
					url,
					encoding: 'stream',
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					abortSignal: signal,
				})) as StreamResponse;
				body = response.body;
				if (signal?.aborted) discard(body);
				if (response.statusCode < 200 || response.statusCode >= 300) {
					discard(response.body);
					const error = storageHttpFailure(ctx, response.statusCode, undefined, options.itemIndex, `Downloading ${options.what}`);
					return { ok: false, retryable: retryable(isTransientStatus(response.statusCode)), error, reason: `HTTP ${response.statusCode}` };
				}
				reading = true;
				return { ok: true, value: await options.read(response) };
			} catch (error) {
				discard(body);
				if (cancel?.aborted) throw canceledError(ctx, options.itemIndex);
				if (timeout?.aborted) {
					const message = `no complete answer within ${Math.round(limitMs / 1000)} s`;
					return { ok: false, retryable: retryable(true), error: failure(message, 'ETIMEDOUT'), reason: message };
				}
				const cause = failureCause(error);
				return {
					ok: false,
					// A failure while reading the body ("aborted", premature close) ends a GET: repeating it is safe.
					retryable: retryable(reading || isTransportRetryable(cause.code, cause.message)),
					error: networkFailure(ctx, error, options.itemIndex, `Downloading ${options.what}`),
				};
			} finally {
				signal?.removeEventListener('abort', onAbort);
			}
		},
	);
}

/** What a PUT sends: a fresh stream per attempt (a stream can be read once) and its exact size. */
export interface UploadSource {
	fileName: string;
	mimeType: string;
	size: number;
	openStream(): Promise<unknown>;
}

/**
 * PUTs a file to a presigned storage URL, streamed. Redirects are disabled: the redirect-following transport
 * keeps a copy of the whole body in memory to replay it (a 1 GiB upload in RAM), and no credential is near it.
 */
export async function putSignedUrl(
	ctx: IExecuteFunctions,
	url: string,
	source: UploadSource,
	options: { itemIndex: number; retries: number; stop?: AbortSignal },
): Promise<void> {
	const { itemIndex } = options;
	const signal = cancelSignal(ctx);
	const what = `Uploading "${source.fileName}" to Sync Labs storage`;
	await runWithRetries<void>(
		{
			settings: { ...DEFAULT_RETRY_SETTINGS, maxRetries: options.retries },
			signal,
			stop: options.stop,
			stopped: () => stoppedError(ctx, itemIndex, `uploading "${source.fileName}"`),
			onRetry: ({ attempt, delayMs }) => ctx.logger.debug(`Sync Labs asset upload: PUT failed, retrying in ${delayMs} ms`, { attempt }),
		},
		async () => {
			const body = await source.openStream();
			try {
				const response = (await ctx.helpers.httpRequest({
					method: 'PUT',
					url,
					body: body as IHttpRequestOptions['body'],
					headers: { 'Content-Type': source.mimeType, 'Content-Length': String(source.size) },
					json: false,
					encoding: 'text',
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					disableFollowRedirect: true,
					abortSignal: signal,
				})) as { statusCode: number; body: unknown };
				if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, value: undefined };
				const description = 'The file is sent to a presigned storage URL from POST /v2/assets/upload, without the API key.';
				return {
					ok: false,
					retryable: isTransientStatus(response.statusCode),
					error: storageHttpFailure(ctx, response.statusCode, response.body, itemIndex, what, description),
				};
			} catch (error) {
				discard(body);
				if (signal?.aborted) throw canceledError(ctx, itemIndex);
				const cause = failureCause(error);
				return {
					ok: false,
					retryable: isTransportRetryable(cause.code, cause.message),
					error: networkFailure(ctx, error, itemIndex, what),
				};
			}
		},
	);
}

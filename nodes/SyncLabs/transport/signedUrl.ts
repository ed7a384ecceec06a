// GET of a signed storage URL (a generation's output video): never the API key, so n8n's plain request
// helper; the body is streamed. Retried like every other safe request (a GET is always safe to repeat):
// 5xx/408/429 and transport errors (also in the middle of the body), with the backoff of retryPolicy.ts.
import { NodeApiError, type IExecuteFunctions, type IWebhookFunctions } from 'n8n-workflow';
import { runWithRetries } from './retryLoop';
import { DEFAULT_RETRY_SETTINGS, classifyTransportFailure, isTransientStatus, type RetrySettings } from './retryPolicy';

export interface StreamResponse {
	statusCode: number;
	headers: Record<string, string | undefined>;
	body: unknown;
}

function cancelSignalOf(ctx: IExecuteFunctions | IWebhookFunctions): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx && typeof ctx.getExecutionCancelSignal === 'function' ? ctx.getExecutionCancelSignal() : undefined;
}

/** Frees the socket of an answer we do not read (a stream body that is not consumed keeps it open). */
function discard(body: unknown): void {
	const stream = body as { destroy?: () => void; resume?: () => void } | null;
	if (stream && typeof stream.destroy === 'function') stream.destroy();
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
	const cancel = cancelSignalOf(ctx);
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
					return { ok: false, retryable: retryable(isTransientStatus(response.statusCode)), error: failure(`HTTP ${response.statusCode}`), reason: `HTTP ${response.statusCode}` };
				}
				reading = true;
				return { ok: true, value: await options.read(response) };
			} catch (error) {
				discard(body);
				if (timeout?.aborted && !cancel?.aborted) {
					const message = `no complete answer within ${Math.round(limitMs / 1000)} s`;
					return { ok: false, retryable: retryable(true), error: failure(message, 'ETIMEDOUT'), reason: message };
				}
				// Only the code and message: the raw error holds the request config.
				const err = ((error as { cause?: unknown }).cause ?? error) as { code?: string; message?: string };
				return {
					ok: false,
					// A failure while reading the body ("aborted", premature close) ends a GET: repeating it is safe.
					retryable: retryable(reading || classifyTransportFailure(err.code, err.message) === 'transport_error'),
					error: failure(err.code ?? err.message ?? 'request failed', err.code ?? ''),
				};
			} finally {
				signal?.removeEventListener('abort', onAbort);
			}
		},
	);
}

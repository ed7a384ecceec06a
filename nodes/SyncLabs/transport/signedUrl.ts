// GET of a signed storage URL (a generation's output video): never the API key, so n8n's plain request
// helper; the body is streamed. Retried like every other safe request (a GET is always safe to repeat):
// 5xx/408/429 and transport errors, with the backoff of retryPolicy.ts.
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

export async function getSignedUrlStream(
	ctx: IExecuteFunctions | IWebhookFunctions,
	url: string,
	options: { what: string; itemIndex?: number; retry?: Partial<RetrySettings> },
): Promise<StreamResponse> {
	const signal = cancelSignalOf(ctx);
	const failure = (message: string, code = '') =>
		new NodeApiError(ctx.getNode(), { message, code }, { itemIndex: options.itemIndex, message: `Downloading ${options.what} failed: ${message}` });
	return await runWithRetries<StreamResponse>(
		{
			settings: { ...DEFAULT_RETRY_SETTINGS, ...options.retry },
			signal,
			onRetry: ({ attempt, delayMs, reason }) => ctx.logger.debug(`Sync Labs download of ${options.what}: ${reason}, retrying in ${delayMs} ms`, { attempt }),
		},
		async () => {
			try {
				const response = (await ctx.helpers.httpRequest({
					method: 'GET',
					url,
					encoding: 'stream',
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					abortSignal: signal,
				})) as StreamResponse;
				if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, value: response };
				discard(response.body);
				return { ok: false, retryable: isTransientStatus(response.statusCode), error: failure(`HTTP ${response.statusCode}`), reason: `HTTP ${response.statusCode}` };
			} catch (error) {
				// Only the code and message: the raw error holds the request config.
				const err = ((error as { cause?: unknown }).cause ?? error) as { code?: string; message?: string };
				return {
					ok: false,
					retryable: classifyTransportFailure(err.code, err.message) === 'transport_error',
					error: failure(err.code ?? err.message ?? 'request failed', err.code ?? ''),
				};
			}
		},
	);
}

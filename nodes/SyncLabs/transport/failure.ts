// How a failed request becomes an n8n error, for every request this package makes. Only a failure's code and
// message are kept: the raw error holds the request config (headers with the API key, presigned URLs).
import { NodeApiError, type INode } from 'n8n-workflow';

interface HasNode {
	getNode(): INode;
}

/** The socket-level cause: n8n's authenticated helper wraps it in a NodeApiError (`cause`); the plain one may not. */
export function failureCause(error: unknown): { code?: string; message?: string } {
	const inner = (error as { cause?: unknown } | null)?.cause;
	return (inner && typeof inner === 'object' ? inner : error ?? {}) as { code?: string; message?: string };
}

/** A request that got no HTTP answer (reset, DNS, timeout): `<what> failed: <code or message>`. */
export function networkFailure(ctx: HasNode, error: unknown, itemIndex: number | undefined, what: string): NodeApiError {
	const cause = failureCause(error);
	return new NodeApiError(
		ctx.getNode(),
		{ message: cause.message ?? 'Request failed', code: cause.code ?? '' },
		{ itemIndex, message: `${what} failed: ${cause.code ?? cause.message ?? 'unknown error'}` },
	);
}

export function canceledError(ctx: HasNode, itemIndex: number | undefined): NodeApiError {
	return new NodeApiError(ctx.getNode(), { message: 'Execution was canceled' }, { itemIndex });
}

/** S3 answers errors as XML: `<Error><Code>…</Code><Message>…</Message></Error>`. */
export function storageErrorText(body: unknown): string {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
	const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
	if (code || message) return [code, message].filter(Boolean).join(': ');
	return text.trim().slice(0, 300);
}

/** A non-2xx answer of a signed storage URL (not the API: its errors are not Sync's JSON). */
export function storageHttpFailure(
	ctx: HasNode,
	statusCode: number,
	body: unknown,
	itemIndex: number | undefined,
	what: string,
	description?: string,
): NodeApiError {
	const detail = storageErrorText(body);
	return new NodeApiError(
		ctx.getNode(),
		{ message: detail || `HTTP ${statusCode}`, httpCode: String(statusCode) },
		{ itemIndex, httpCode: String(statusCode), message: `${what} failed: HTTP ${statusCode}${detail ? ` ${detail}` : ''}`, description },
	);
}

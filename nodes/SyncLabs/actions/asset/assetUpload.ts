// The three-step asset upload (synclabs-api.md §7.3): ask Sync for a presigned URL, PUT the bytes there
// without the API key, then register the uploaded file as an asset. Used by Asset → Upload and by
// Generation → Create for binary inputs too large to send as multipart.
//
// The PUT streams the file: a fresh stream from n8n's binary store for every attempt, redirects disabled
// (the redirect-following transport keeps a copy of the whole request body in memory to replay it, which
// would hold a 1 GiB upload in RAM), and no credentials anywhere near it.
import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type JsonObject,
} from 'n8n-workflow';
import { apiRequest, cancelSignal, stoppedError } from '../../transport';
import { runWithRetries } from '../../transport/retryLoop';
import { DEFAULT_RETRY_SETTINGS, classifyTransportFailure, isTransientStatus, type RetrySettings } from '../../transport/retryPolicy';
import { assetSchema, presignedUploadSchema, type Asset, type AssetType } from '../../schemas/asset';
import type { BinaryInput, MediaKind } from '../common/binaryInput';
import { parseResponse } from '../../schemas/parseResponse';
import { storageErrorText } from '../../transport/storageError';
import { invalidInput } from '../common/validation';

/** One upload is capped at 5 GB (synclabs-api.md §7.3). */
export const MAX_ASSET_UPLOAD_BYTES = 5 * 1000 * 1000 * 1000;

export type AssetVisibility = 'USER' | 'ORGANIZATION';

export interface UploadAssetOptions {
	name?: string;
	visibility?: AssetVisibility;
	/** Parameter name used in validation errors; defaults to the binary property. */
	field?: string;
	/** Retries of the PUT after a 5xx or a dropped connection (default 3). */
	putRetries?: number;
	/** The item's stop signal (another item failed): no further request or retry starts (transport/retryLoop.ts). */
	stop?: AbortSignal;
}

const ASSET_TYPE_OF: Record<MediaKind, AssetType> = { video: 'VIDEO', audio: 'AUDIO', image: 'IMAGE' };

export function assetTypeOf(kind: MediaKind): AssetType {
	return ASSET_TYPE_OF[kind];
}

function destroyBody(body: unknown): void {
	const stream = body as { destroy?: () => void } | undefined;
	if (stream && typeof stream.destroy === 'function' && !Buffer.isBuffer(body)) stream.destroy();
}

/**
 * PUTs the file to the presigned URL. Deliberately uses the plain request helper and never reads the
 * credential: the storage host must not receive the API key.
 */
async function putToPresignedUrl(
	ctx: IExecuteFunctions,
	uploadUrl: string,
	input: BinaryInput,
	itemIndex: number,
	retries: number,
	stop: AbortSignal | undefined,
): Promise<void> {
	const settings: RetrySettings = { ...DEFAULT_RETRY_SETTINGS, maxRetries: retries };
	const signal = cancelSignal(ctx);
	await runWithRetries<void>(
		{
			settings,
			signal,
			stop,
			stopped: () => stoppedError(ctx, itemIndex, `uploading "${input.fileName}"`),
			onRetry: ({ attempt, delayMs }) => ctx.logger.debug(`Sync Labs asset upload: PUT failed, retrying in ${delayMs} ms`, { attempt }),
		},
		async () => {
			// A stream can be read once, so every attempt opens its own.
			const body = await input.openStream();
			try {
				const response = (await ctx.helpers.httpRequest({
					method: 'PUT',
					url: uploadUrl,
					body: body as IHttpRequestOptions['body'],
					headers: { 'Content-Type': input.mimeType, 'Content-Length': String(input.size) },
					json: false,
					encoding: 'text',
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					disableFollowRedirect: true,
					abortSignal: signal,
				})) as { statusCode: number; body: unknown };
				if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, value: undefined };
				const detail = storageErrorText(response.body);
				return {
					ok: false,
					retryable: isTransientStatus(response.statusCode),
					error: new NodeApiError(
						ctx.getNode(),
						{ message: detail || `HTTP ${response.statusCode}`, httpCode: String(response.statusCode) } as JsonObject,
						{
							itemIndex,
							httpCode: String(response.statusCode),
							message: `Uploading "${input.fileName}" to Sync Labs storage failed: HTTP ${response.statusCode}${detail ? ` ${detail}` : ''}`,
							description: 'The file is sent to a presigned storage URL from POST /v2/assets/upload, without the API key.',
						},
					),
				};
			} catch (error) {
				destroyBody(body);
				const err = error as { code?: string; message?: string };
				if (signal?.aborted) throw new NodeApiError(ctx.getNode(), { message: 'Execution was canceled' }, { itemIndex });
				return {
					ok: false,
					retryable: classifyTransportFailure(err.code, err.message) === 'transport_error',
					// Only code and message: the raw error carries the request config, including the presigned URL.
					error: new NodeApiError(
						ctx.getNode(),
						{ message: err.message ?? 'Upload failed', code: err.code ?? '' },
						{ itemIndex, message: `Uploading "${input.fileName}" to Sync Labs storage failed: ${err.message ?? err.code}` },
					),
				};
			}
		},
	);
}

/**
 * Uploads an input binary as a Sync Labs asset and returns the registered Asset (use its `id` as `assetId`
 * in a generation input). Validates the size first; errors name the binary property and the item.
 */
export async function uploadBinaryAsAsset(
	this: IExecuteFunctions,
	itemIndex: number,
	input: BinaryInput,
	options: UploadAssetOptions = {},
): Promise<Asset & IDataObject> {
	const field = options.field ?? `Binary field "${input.propertyName}"`;
	if (!(input.size > 0)) throw invalidInput(this, itemIndex, field, `holds "${input.fileName}", which is empty (0 bytes)`);
	if (input.size > MAX_ASSET_UPLOAD_BYTES) {
		const gb = (input.size / 1024 ** 3).toFixed(2);
		throw invalidInput(this, itemIndex, field, `holds "${input.fileName}", ${input.size} bytes (${gb} GB); Sync Labs accepts at most 5 GB per upload`);
	}

	const presignedResponse = await apiRequest.call(this, 'POST', '/v2/assets/upload', {
		body: { fileName: input.fileName, contentType: input.mimeType, size: input.size },
		// Only hands out a URL; asking twice creates nothing.
		repeatable: true,
		itemIndex,
		stop: options.stop,
	});
	const presigned = parseResponse(this, presignedUploadSchema, presignedResponse, 'presigned upload answer', itemIndex);

	await putToPresignedUrl(this, presigned.uploadUrl, input, itemIndex, options.putRetries ?? 3, options.stop);

	const name = options.name?.trim();
	const registered = await apiRequest.call(this, 'POST', '/v2/assets', {
		body: {
			url: presigned.url,
			type: assetTypeOf(input.kind),
			...(name ? { name } : {}),
			...(options.visibility ? { visibility: options.visibility } : {}),
		},
		// Registering twice would create two assets.
		repeatable: false,
		itemIndex,
		stop: options.stop,
	});
	return parseResponse(this, assetSchema, registered, 'asset', itemIndex);
}

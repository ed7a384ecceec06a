// The three-step asset upload (docs/sync-api.md#asset-upload): ask Sync for a presigned URL, PUT the bytes there
// without the API key, then register the uploaded file as an asset. Used by Asset → Upload and by
// Generation → Create for binary inputs too large to send as multipart.
// The PUT (transport/signedUrl.ts) streams the file, a fresh stream from n8n's binary store per attempt.
import type { IDataObject, IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { registerAsset, requestAssetUpload } from '../../api';
import { putSignedUrl } from '../../transport/signedUrl';
import type { Asset, AssetType } from '../../schemas/asset';
import type { BinaryInput, MediaKind } from './binaryInput';
import { invalidInput } from './validation';
import { asNodeError } from './itemErrors';

/** One upload is capped at 5 GB (docs/sync-api.md#asset-upload). */
export const MAX_ASSET_UPLOAD_BYTES = 5 * 1000 * 1000 * 1000;

export type AssetVisibility = 'USER' | 'ORGANIZATION';

export interface UploadAssetOptions {
	name?: string;
	visibility?: AssetVisibility;
	/** The project the asset joins (docs/sync-api-2026.md#projects). */
	projectId?: string;
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

/** Refuses a file Sync Labs would not take (empty, or over 5 GB), naming the field and the item, before any request. */
export function checkUploadSize(ctx: IExecuteFunctions, itemIndex: number, input: BinaryInput, field: string): void {
	if (!(input.size > 0)) throw invalidInput(ctx, itemIndex, field, `holds "${input.fileName}", which is empty (0 bytes)`);
	if (input.size > MAX_ASSET_UPLOAD_BYTES) {
		const gb = (input.size / 1024 ** 3).toFixed(2);
		throw invalidInput(ctx, itemIndex, field, `holds "${input.fileName}", ${input.size} bytes (${gb} GB); Sync Labs accepts at most 5 GB per upload`);
	}
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
	checkUploadSize(this, itemIndex, input, options.field ?? `Binary field "${input.propertyName}"`);

	const presigned = await requestAssetUpload(this, { fileName: input.fileName, contentType: input.mimeType, size: input.size }, { itemIndex, stop: options.stop });

	await putSignedUrl(this, presigned.uploadUrl, input, { itemIndex, retries: options.putRetries ?? 3, stop: options.stop });

	const name = options.name?.trim();
	return await registerAsset(this, { url: presigned.url, type: assetTypeOf(input.kind), name, visibility: options.visibility, projectId: options.projectId }, { itemIndex, stop: options.stop }).catch(
		(error: unknown) => {
			throw withRegisteredAssetAdvice(this, error, itemIndex);
		},
	);
}

/**
 * What to do about the asset a failed register step made (its answer unreadable) or may have made (a 5xx, a 408 or
 * no answer): api/assets.ts registerAsset puts either on the error's context. Undefined when it made none.
 */
export function registeredAssetAdvice(error: unknown, itemIndex: number): string | undefined {
	const context = (error as { context?: { assetRegistered?: unknown; assetId?: unknown; assetMayBeRegistered?: unknown } } | null)?.context;
	if (context?.assetRegistered === true && typeof context.assetId === 'string') {
		return `Sync Labs registered asset ${context.assetId} for item ${itemIndex} all the same: use it (Asset → Get) instead of uploading the file again, which would make a new asset.`;
	}
	if (context?.assetMayBeRegistered === true) {
		return `Sync Labs may have registered item ${itemIndex}'s asset before this failure (registering cannot be repeated safely). Look for it with Asset → Get Many before uploading the file again, which could register it a second time.`;
	}
	return undefined;
}

/**
 * The register step's error, its description naming the asset made or saying it may exist, so that every operation
 * uploading a binary (Asset → Upload, Generation → Create, Dub, Voice → Clone) names it in every On Error mode.
 */
function withRegisteredAssetAdvice(ctx: IExecuteFunctions, error: unknown, itemIndex: number): unknown {
	const advice = registeredAssetAdvice(error, itemIndex);
	if (advice === undefined) return error;
	const nodeError = asNodeError(ctx, error as Error, itemIndex) as NodeOperationError;
	nodeError.description = [nodeError.description, advice].filter(Boolean).join(' ');
	return nodeError;
}

// The three-step asset upload (docs/sync-api.md#asset-upload): ask Sync for a presigned URL, PUT the bytes there
// without the API key, then register the uploaded file as an asset. Used by Asset → Upload and by
// Generation → Create for binary inputs too large to send as multipart.
// The PUT (transport/signedUrl.ts) streams the file, a fresh stream from n8n's binary store per attempt.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { registerAsset, requestAssetUpload } from '../../api';
import { putSignedUrl } from '../../transport/signedUrl';
import type { Asset, AssetType } from '../../schemas/asset';
import type { BinaryInput, MediaKind } from './binaryInput';
import { invalidInput } from './validation';

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
	return await registerAsset(this, { url: presigned.url, type: assetTypeOf(input.kind), name, visibility: options.visibility, projectId: options.projectId }, { itemIndex, stop: options.stop });
}

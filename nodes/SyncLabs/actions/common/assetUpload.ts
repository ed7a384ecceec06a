// The three-step asset upload (docs/sync-api.md#asset-upload): ask Sync for a presigned URL, PUT the bytes there
// without the API key, then register the uploaded file as an asset. Used by Asset → Upload, by Voice → Clone for a
// binary sample, and by Generation → Create and Dub for binary inputs not sent as multipart.
// The PUT (transport/signedUrl.ts) streams the file, a fresh stream from n8n's binary store per attempt.
import type { IDataObject, IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { registerAsset, requestAssetUpload } from '../../api';
import { putSignedUrl } from '../../transport/signedUrl';
import type { Asset, AssetType } from '../../schemas/asset';
import type { BinaryInput, MediaKind } from './binaryInput';
import { invalidInput } from './validation';
import { asNodeError } from './itemErrors';
import { oncePerRun, type RepeatRefusal } from './oncePerRun';

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
 * Once per item, file and node run (common/oncePerRun.ts): registering has no idempotency key, so a later attempt
 * of n8n's Retry On Fail reuses the asset (a create it repeats is then the same request under the same
 * Idempotency-Key), and after a register step that made an asset unreadably, or may have made one, it refuses.
 */
export async function uploadBinaryAsAsset(
	this: IExecuteFunctions,
	itemIndex: number,
	input: BinaryInput,
	options: UploadAssetOptions = {},
): Promise<Asset & IDataObject> {
	checkUploadSize(this, itemIndex, input, options.field ?? `Binary field "${input.propertyName}"`);
	const step = `asset upload:${input.propertyName}:${input.size}:${input.fileName}`;
	return await oncePerRun(this, itemIndex, step, async () => await uploadOnce(this, itemIndex, input, options), (error) => registerRefusal(error, itemIndex));
}

async function uploadOnce(ctx: IExecuteFunctions, itemIndex: number, input: BinaryInput, options: UploadAssetOptions): Promise<Asset & IDataObject> {
	const presigned = await requestAssetUpload(ctx, { fileName: input.fileName, contentType: input.mimeType, size: input.size }, { itemIndex, stop: options.stop });

	await putSignedUrl(ctx, presigned.uploadUrl, input, { itemIndex, retries: options.putRetries ?? 3, stop: options.stop });

	const name = options.name?.trim();
	return await registerAsset(ctx, { url: presigned.url, type: assetTypeOf(input.kind), name, visibility: options.visibility, projectId: options.projectId }, { itemIndex, stop: options.stop }).catch(
		(error: unknown) => {
			throw withRegisteredAssetAdvice(ctx, error, itemIndex);
		},
	);
}

interface RegisterContext {
	assetRegistered?: unknown;
	assetId?: unknown;
	assetUrl?: unknown;
	assetMayBeRegistered?: unknown;
}

function registerContextOf(error: unknown): RegisterContext | undefined {
	return (error as { context?: RegisterContext } | null)?.context;
}

/** How the asset a register step made is named: its id, else the url Sync answered, else as having no id. */
function madeAssetName(context: RegisterContext): string {
	if (typeof context.assetId === 'string') return `asset ${context.assetId}`;
	if (typeof context.assetUrl === 'string') return `an asset at ${context.assetUrl} (no ID given)`;
	return 'an asset (no ID given)';
}

/**
 * What to do about the asset a failed register step made (its answer unreadable) or may have made (a 5xx, a 408 or
 * no answer): api/assets.ts registerAsset puts either on the error's context. Undefined when it made none.
 */
export function registeredAssetAdvice(error: unknown, itemIndex: number): string | undefined {
	const context = registerContextOf(error);
	if (context?.assetRegistered === true) {
		const use = typeof context.assetId === 'string' ? 'use it (Asset → Get)' : 'find it with Asset → Get Many and use it';
		return `Sync Labs registered ${madeAssetName(context)} for item ${itemIndex} all the same: ${use} instead of uploading the file again, which would make a new asset.`;
	}
	if (context?.assetMayBeRegistered === true) {
		return `Sync Labs may have registered item ${itemIndex}'s asset before this failure (registering cannot be repeated safely). Look for it with Asset → Get Many before uploading the file again, which could register it a second time.`;
	}
	return undefined;
}

/** What a later attempt of the node run says instead of uploading the file again, after a register step that made an asset or may have. */
function registerRefusal(error: unknown, itemIndex: number): RepeatRefusal | undefined {
	const context = registerContextOf(error);
	const made = context?.assetRegistered === true;
	if (!made && context?.assetMayBeRegistered !== true) return undefined;
	const message = made
		? `The file was not uploaded again: an earlier attempt registered ${madeAssetName(context)}, but Sync Labs answered in a shape the node does not read (item ${itemIndex})`
		: `The file was not uploaded again: an earlier attempt at registering it ended with "${(error as Error).message}", so Sync Labs may have registered the asset (item ${itemIndex})`;
	const refusalContext: IDataObject = made
		? { assetRegistered: true, ...(typeof context.assetId === 'string' ? { assetId: context.assetId } : {}), ...(typeof context.assetUrl === 'string' ? { assetUrl: context.assetUrl } : {}) }
		: { assetMayBeRegistered: true };
	return { message, description: registeredAssetAdvice({ context: refusalContext }, itemIndex) ?? '', context: refusalContext };
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

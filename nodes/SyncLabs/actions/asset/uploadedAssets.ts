// What a run of Asset → Upload has uploaded, so that an error that stops the node (On Error = Stop Workflow) leaves
// no asset unnamed: each upload made an asset at Sync, and running the node again uploads the file again as a new
// one. The node's error lists every asset the run registered, as Voice → Clone lists its voices (voice/clonedVoices.ts).
// An item's own error names the asset its register step made with an answer the node cannot read, or may have made
// (api/assets.ts registerAsset puts either on the error's context), in every On Error mode.
import type { IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { asNodeError } from '../common/itemErrors';

export interface UploadedAsset {
	id: string;
	/** The asset's name as Sync registered it (the file name when no Name was given). */
	name?: string;
	itemIndex: number;
}

/** The node's error, extended with every asset this run uploaded; one the error already names is not named twice. */
export function withUploadedAssets(ctx: IExecuteFunctions, error: unknown, uploaded: UploadedAsset[]): unknown {
	const message = (error as Error | undefined)?.message ?? '';
	const unnamed = uploaded.filter((asset) => !message.includes(asset.id)).sort((a, b) => a.itemIndex - b.itemIndex);
	if (unnamed.length === 0) return error;
	const list = unnamed.map((asset) => `${asset.id} (${asset.name ? `"${asset.name}", ` : ''}item ${asset.itemIndex})`).join(', ');
	const nodeError = asNodeError(ctx, error as Error, 0) as NodeOperationError;
	nodeError.message = `${nodeError.message}. Assets already uploaded by this node: ${list}`;
	const advice = `Uploaded, but not output because the node stopped: ${list}. Use these asset IDs instead of uploading the files again: each upload makes a new asset.`;
	nodeError.description = [nodeError.description, advice].filter(Boolean).join(' ');
	return nodeError;
}

/**
 * The item's error, naming the asset its register step made although the answer was unreadable (recorded in
 * `uploaded`), or saying that Sync may have registered it after a 5xx, a 408 or no answer (registering has no
 * idempotency key, so the node never repeats it).
 */
export function withItemAsset(ctx: IExecuteFunctions, error: unknown, itemIndex: number, uploaded: UploadedAsset[]): unknown {
	const context = (error as { context?: { assetRegistered?: unknown; assetId?: unknown; assetMayBeRegistered?: unknown } } | null)?.context;
	let advice: string;
	if (context?.assetRegistered === true && typeof context.assetId === 'string') {
		uploaded.push({ id: context.assetId, itemIndex });
		advice = `Sync Labs registered asset ${context.assetId} for item ${itemIndex} all the same: use it (Asset → Get) instead of uploading the file again, which would make a new asset.`;
	} else if (context?.assetMayBeRegistered === true) {
		advice = `Sync Labs may have registered item ${itemIndex}'s asset before this failure (registering cannot be repeated safely). Look for it with Asset → Get Many before uploading the file again, which could register it a second time.`;
	} else {
		return error;
	}
	const nodeError = asNodeError(ctx, error as Error, itemIndex) as NodeOperationError;
	nodeError.description = [nodeError.description, advice].filter(Boolean).join(' ');
	return nodeError;
}

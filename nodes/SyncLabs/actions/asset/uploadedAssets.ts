// What a run of Asset → Upload has uploaded, so that an error that stops the node (On Error = Stop Workflow) leaves
// no asset unnamed: each upload made an asset at Sync, and running the node again uploads the file again as a new
// one. The node's error lists every asset the run registered, as Voice → Clone lists its voices (voice/clonedVoices.ts).
// An item's own error names the asset its register step made with an answer the node cannot read, or may have made
// (common/assetUpload.ts), in every On Error mode.
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
 * Records the asset the item's register step made although the answer was unreadable, so that an error stopping the
 * node names it too; the item's own error already names it, or says Sync may have registered one
 * (common/assetUpload.ts).
 */
export function withItemAsset(error: unknown, itemIndex: number, uploaded: UploadedAsset[]): unknown {
	const context = (error as { context?: { assetRegistered?: unknown; assetId?: unknown } } | null)?.context;
	if (context?.assetRegistered === true && typeof context.assetId === 'string') uploaded.push({ id: context.assetId, itemIndex });
	return error;
}

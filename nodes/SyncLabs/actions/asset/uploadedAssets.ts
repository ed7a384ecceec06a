// What a run of Asset → Upload has uploaded, so that an error that stops the node (On Error = Stop Workflow) leaves
// no asset unnamed: each upload made an asset at Sync, and running the node again uploads the file again as a new
// one. The node's error lists every asset the run registered, as Voice → Clone lists its voices (voice/clonedVoices.ts).
// An item's own error names the asset its register step made with an answer the node cannot read, or may have made
// (common/assetUpload.ts), in every On Error mode.
import type { IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { asNodeError } from '../common/itemErrors';

export interface UploadedAsset {
	/** Missing when Sync's answer gave none, or when the register step may have made the asset (`uncertain`). */
	id?: string;
	/** The asset's url, which names it when Sync's answer gave no id. */
	url?: string;
	/** The asset's name as Sync registered it (the file name when no Name was given). */
	name?: string;
	itemIndex: number;
	/** The register step got no usable answer (a 5xx, a 408, none): it may or may not have made the asset. */
	uncertain?: boolean;
}

function described(asset: UploadedAsset): string {
	if (asset.uncertain) return `item ${asset.itemIndex}'s asset (may have been registered)`;
	const id = asset.id ?? (asset.url ? `an asset at ${asset.url} (no ID given)` : 'an asset (no ID given)');
	return `${id} (${asset.name ? `"${asset.name}", ` : ''}item ${asset.itemIndex})`;
}

/** The node's error, extended with every asset this run uploaded; one the error already names is not named twice. */
export function withUploadedAssets(ctx: IExecuteFunctions, error: unknown, uploaded: UploadedAsset[]): unknown {
	const message = (error as Error | undefined)?.message ?? '';
	// An asset without an id is named by the error of its own item already (common/assetUpload.ts).
	const ownItem = (error as { context?: { itemIndex?: unknown } } | undefined)?.context?.itemIndex;
	const unnamed = uploaded
		.filter((asset) => (asset.id !== undefined ? !message.includes(asset.id) : asset.itemIndex !== ownItem))
		.sort((a, b) => a.itemIndex - b.itemIndex);
	if (unnamed.length === 0) return error;
	const list = unnamed.map(described).join(', ');
	const nodeError = asNodeError(ctx, error as Error, 0) as NodeOperationError;
	nodeError.message = `${nodeError.message}. Assets already uploaded by this node: ${list}`;
	const uncertain = unnamed.some((asset) => asset.uncertain) ? ' One that may have been registered: look for it with Asset → Get Many before uploading its file again.' : '';
	const advice = `Uploaded, but not output because the node stopped: ${list}. Use ${unnamed.every((asset) => asset.id !== undefined) ? 'these asset IDs' : 'these assets'} instead of uploading the files again: each upload makes a new asset.${uncertain}`;
	nodeError.description = [nodeError.description, advice].filter(Boolean).join(' ');
	return nodeError;
}

/**
 * Records the asset the item's register step made although the answer was unreadable, or may have made, so that an
 * error stopping the node for another item names it too; the item's own error already names it, or says Sync may
 * have registered one (common/assetUpload.ts).
 */
export function withItemAsset(error: unknown, itemIndex: number, uploaded: UploadedAsset[]): unknown {
	const context = (error as { context?: { assetRegistered?: unknown; assetId?: unknown; assetUrl?: unknown; assetMayBeRegistered?: unknown } } | null)?.context;
	if (context?.assetRegistered === true) {
		uploaded.push({ itemIndex, ...(typeof context.assetId === 'string' ? { id: context.assetId } : {}), ...(typeof context.assetUrl === 'string' ? { url: context.assetUrl } : {}) });
	} else if (context?.assetMayBeRegistered === true) {
		uploaded.push({ itemIndex, uncertain: true });
	}
	return error;
}

// Registering an asset (`POST /v2/assets`) has no idempotency key (docs/sync-api.md#asset-upload): after a register
// step that made an asset with an answer the node cannot read, or may have made one (a 5xx, a 408 or no answer),
// uploading the file again would register a second asset. The transport never repeats it; this keeps n8n's Retry
// On Fail from doing so, as speech/synchronousOncePerRun.ts does for the synchronous speech request. Every attempt at
// one item of one node run shares its run identity (generation/submitGeneration.ts itemRunIdentity).
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import { remember } from '../common/boundedMemory';
import { itemRunIdentity } from '../generation/submitGeneration';
import { registeredAssetAdvice } from '../common/assetUpload';

/** An item run's identity → the asset its register step made unreadably, or the error after which it may have made one. */
const uncertainRegisters = new Map<string, { assetId: string } | { error: string }>();

/** Remembers, when the item's failed upload made an asset or may have, that this node run must not register it again. */
export function rememberUncertainRegister(ctx: IExecuteFunctions, itemIndex: number, error: unknown): void {
	const context = (error as { context?: { assetRegistered?: unknown; assetId?: unknown; assetMayBeRegistered?: unknown } } | null)?.context;
	let outcome: { assetId: string } | { error: string };
	if (context?.assetRegistered === true && typeof context.assetId === 'string') outcome = { assetId: context.assetId };
	else if (context?.assetMayBeRegistered === true) outcome = { error: (error as Error).message };
	else return;
	remember(uncertainRegisters, itemRunIdentity(ctx, itemIndex), outcome);
}

/**
 * Throws, before any request, instead of letting a later attempt of the same node run upload this item's file again
 * after an attempt whose register step made an asset or may have. The error names the asset (context.assetId) or
 * says it may exist, with the same advice as the first attempt's error.
 */
export function refuseRegisterAgain(ctx: IExecuteFunctions, itemIndex: number): void {
	const earlier = uncertainRegisters.get(itemRunIdentity(ctx, itemIndex));
	if (earlier === undefined) return;
	const made = 'assetId' in earlier;
	const message = made
		? `The file was not uploaded again: an earlier attempt registered asset ${earlier.assetId}, but Sync Labs answered in a shape the node does not read (item ${itemIndex})`
		: `The file was not uploaded again: an earlier attempt at registering it ended with "${earlier.error}", so Sync Labs may have registered the asset (item ${itemIndex})`;
	const refusal = new NodeOperationError(ctx.getNode(), message, { itemIndex });
	Object.assign(refusal.context, made ? { assetId: earlier.assetId, assetRegistered: true } : { assetMayBeRegistered: true });
	refusal.description = registeredAssetAdvice(refusal, itemIndex);
	throw refusal;
}

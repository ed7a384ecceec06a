// The synchronous `POST /v2/tts` has no idempotency key (docs/sync-api-2026.md#text-to-speech): after a 5xx, a 408
// or no answer Sync may have made (and billed) the speech, and sending it again would make and bill another take.
// The transport never repeats it; this keeps n8n's Retry On Fail from doing so, and from making a second take when
// the first was made but a later step (its download) failed: that attempt reuses the speech made; a speech made
// with an answer the node cannot read is named and not made again. Retry On Fail runs the node again
// in the same process with the same execute data, so the item's run identity (actions/common/nodeRun.ts) names every
// attempt at one item of one node run, and nothing else. Other requests without a key: common/oncePerRun.ts.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { NodeRunMemory } from '../common/nodeRunMemory';

/** An item run's identity → the error its synchronous request ended with. */
const unknownOutcomes = new NodeRunMemory<string>();
/** An item run's identity → the speech its synchronous request made (a later step, the download, may have failed). */
const madeSpeeches = new NodeRunMemory<IDataObject>();
/** An item run's identity → the speech its synchronous request made, whose answer the node could not read. */
const unreadableSpeeches = new NodeRunMemory<{ id?: string; url?: string }>();

/** Remembers the speech this item's synchronous request made, so a later attempt of the node run reuses it. */
export function rememberMadeSpeech(ctx: IExecuteFunctions, itemIndex: number, speech: IDataObject): void {
	madeSpeeches.set(ctx, itemIndex, speech);
}

/** The speech an earlier attempt of this node run made for the item (its download may have failed), if any. */
export function speechMadeBefore(ctx: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	return madeSpeeches.get(ctx, itemIndex);
}

/** Remembers that this item's synchronous request of this node run ended without a known outcome. */
export function rememberUnknownOutcome(ctx: IExecuteFunctions, itemIndex: number, error: unknown): void {
	unknownOutcomes.set(ctx, itemIndex, (error as Error | undefined)?.message ?? 'no answer');
}

/**
 * Remembers the speech this item's synchronous request made although Sync's answer had a shape the node does not read:
 * it exists and is billed, but cannot be reused as output.
 */
export function rememberUnreadableSpeech(ctx: IExecuteFunctions, itemIndex: number, speech: { id?: string; url?: string }): void {
	unreadableSpeeches.set(ctx, itemIndex, { id: speech.id, url: speech.url });
}

/**
 * Throws instead of letting a later attempt of the same node run send this item's synchronous request again, after
 * an attempt that may have made the speech, or made it with an answer the node could not read.
 */
export function refuseAfterUnknownOutcome(ctx: IExecuteFunctions, itemIndex: number): void {
	const unreadable = unreadableSpeeches.get(ctx, itemIndex);
	if (unreadable !== undefined) {
		const refusal = new NodeOperationError(
			ctx.getNode(),
			`The synchronous speech request was not sent again: an earlier attempt made ${unreadable.id === undefined ? 'a speech (no ID given)' : `speech ${unreadable.id}`}${unreadable.url ? ` at ${unreadable.url}` : ''}, but Sync Labs answered in a shape the node does not read (item ${itemIndex})`,
			{
				itemIndex,
				description:
					'That speech exists and is billed. The synchronous text-to-speech request has no idempotency key, so a repeat would make and bill a second take; Retry On Fail does not send it again. Use that speech\'s audio, or run the workflow again only if you want another take.',
			},
		);
		// The continue modes' error item names it too (actions/common/itemErrors.ts).
		if (unreadable.id !== undefined) refusal.context.speechId = unreadable.id;
		if (unreadable.url !== undefined) refusal.context.speechUrl = unreadable.url;
		throw refusal;
	}
	const earlier = unknownOutcomes.get(ctx, itemIndex);
	if (earlier === undefined) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`The synchronous speech request was not sent again: an earlier attempt at it ended with "${earlier}", so the speech may already have been made (and billed) (item ${itemIndex})`,
		{
			itemIndex,
			description:
				'The synchronous text-to-speech request has no idempotency key, so a repeat could make and bill a second take; Retry On Fail does not send it again. Sync Labs has no list of speeches to check: run the workflow again only if you accept that risk.',
		},
	);
}

// What a run of Generation → Delete or Voice → Delete has deleted, so that an error that stops the node (On Error =
// Stop Workflow) says which deletes already happened: a delete cannot be undone, and a run repeated after fixing the
// failed item meets "not found" for each of them. The node's error lists them, as Voice → Clone lists the voices it
// cloned (voice/clonedVoices.ts).
import type { IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';
import { SyncApiError } from '../../transport';
// Not an endpoint, so not in the client's index (test/api/everyEndpoint.cts calls every function it exports).
import { mayHaveBeenCarriedOut } from '../../api/madeAnswer';
import { runAfterCheckingEveryItem } from './everyItemFirst';
import { asNodeError } from './itemErrors';
import { NodeRunMemory } from './nodeRunMemory';

export interface DeletedObject {
	id: string;
	itemIndex: number;
}

/** What was deleted, for the error's sentences: "Generations" and "generation", or "Voices" and "voice". */
export interface DeletedKind {
	plural: string;
	singular: string;
}

/**
 * The node's error, extended with every object this run deleted, also one the error names: "Voice … not found" for
 * an id an earlier item deleted must still say that it was deleted, not that there was none.
 */
export function withAlreadyDeleted(ctx: IExecuteFunctions, error: unknown, deleted: DeletedObject[], kind: DeletedKind): unknown {
	const unnamed = [...deleted].sort((a, b) => a.itemIndex - b.itemIndex);
	if (unnamed.length === 0) return error;
	const list = unnamed.map((object) => `${object.id} (item ${object.itemIndex})`).join(', ');
	const nodeError = asNodeError(ctx, error as Error, 0) as NodeOperationError;
	nodeError.message = `${nodeError.message}. ${kind.plural} already deleted by this node: ${list}`;
	const advice = `Deleted, but not output because the node stopped: ${list}. A delete cannot be undone; leave these items out when you run the node again, since Sync Labs answers a deleted ${kind.singular} as not found.`;
	nodeError.description = [nodeError.description, advice].filter(Boolean).join(' ');
	return nodeError;
}

/** One item's delete: its output, and whether the object is gone by this delete. */
export interface ItemDelete {
	output: INodeExecutionData[];
	deleted: boolean;
}

const MAY_HAVE_DELETED = 'may have deleted';

/**
 * Per item and node run, for n8n's Retry On Fail (which runs the node again, common/oncePerRun.ts): the output of a
 * delete an earlier attempt made, which a later attempt outputs again instead of meeting "not found", or that an
 * earlier attempt may have made (a 5xx, a 408, no answer), after which a later attempt's 404 means deleted.
 */
const earlierDeletes = new NodeRunMemory<{ output: INodeExecutionData[] } | typeof MAY_HAVE_DELETED>();

/**
 * A delete operation over all items: every item's ID read before the first delete (common/everyItemFirst.ts), so a
 * bad item 2 stops the node before items 0 and 1 are deleted; the deletes one at a time; and an error that stops the
 * node after some deletes names them.
 */
export async function deleteAfterReadingEveryId(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	readId: (itemIndex: number) => string,
	remove: (itemIndex: number, id: string, stop: AbortSignal) => Promise<ItemDelete>,
	kind: DeletedKind,
): Promise<INodeExecutionData[][]> {
	const deleted: DeletedObject[] = [];
	try {
		return await runAfterCheckingEveryItem(
			ctx,
			items,
			async (itemIndex) => readId(itemIndex),
			async (itemIndex, id, stop) => {
				const step = `delete ${id}`;
				const earlier = earlierDeletes.get(ctx, itemIndex, step);
				if (earlier !== undefined && earlier !== MAY_HAVE_DELETED) {
					deleted.push({ id, itemIndex });
					return earlier.output;
				}
				const done = await remove(itemIndex, id, stop).catch((error: unknown): ItemDelete => {
					const notFound = error instanceof SyncApiError && error.statusCode === 404;
					if (earlier === MAY_HAVE_DELETED && notFound) return { output: [{ json: { deleted: true, id } }], deleted: true };
					if (mayHaveBeenCarriedOut(ctx, error)) earlierDeletes.set(ctx, itemIndex, MAY_HAVE_DELETED, step);
					throw error;
				});
				if (done.deleted) {
					deleted.push({ id, itemIndex });
					earlierDeletes.set(ctx, itemIndex, { output: done.output }, step);
				}
				return done.output;
			},
		);
	} catch (error) {
		throw withAlreadyDeleted(ctx, error, deleted, kind);
	}
}

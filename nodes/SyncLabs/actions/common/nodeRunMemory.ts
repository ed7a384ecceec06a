// In-process memory of what one node run did, per item, for n8n's Retry On Fail, which runs the node again in the same
// process: an upload held from its start, a request whose outcome is unknown, a speech already made. It lives as long
// as the node run's execute data (common/nodeRun.ts runAnchor), which n8n hands unchanged to every attempt: held in a
// WeakMap, it is gone with the execution, so a worker does not grow without end, and a run that polls for hours while
// thousands of other executions run keeps its own however long it waits.
import type { IExecuteFunctions } from 'n8n-workflow';
import { nodeRunIdentity, runAnchor } from './nodeRun';

export class NodeRunMemory<V> {
	private readonly runs = new WeakMap<object, Map<string, V>>();

	private key(ctx: IExecuteFunctions, itemIndex: number, step: string): string {
		// The run's identity too: in n8n's older tool calls several runs share one execute data (common/nodeRun.ts).
		return `${nodeRunIdentity(ctx, itemIndex)}:${itemIndex}:${step}`;
	}

	/** What this item of this node run remembers under `step`, if anything. */
	get(ctx: IExecuteFunctions, itemIndex: number, step = ''): V | undefined {
		return this.runs.get(runAnchor(ctx))?.get(this.key(ctx, itemIndex, step));
	}

	/** Remembers `value` for this item of this node run under `step`. */
	set(ctx: IExecuteFunctions, itemIndex: number, value: V, step = ''): void {
		const anchor = runAnchor(ctx);
		let entries = this.runs.get(anchor);
		if (entries === undefined) {
			entries = new Map<string, V>();
			this.runs.set(anchor, entries);
		}
		entries.set(this.key(ctx, itemIndex, step), value);
	}

	delete(ctx: IExecuteFunctions, itemIndex: number, step = ''): void {
		this.runs.get(runAnchor(ctx))?.delete(this.key(ctx, itemIndex, step));
	}
}

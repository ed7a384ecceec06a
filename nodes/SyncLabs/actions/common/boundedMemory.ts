// In-process memory of what one node run did, per item, for n8n's Retry On Fail, which runs the node again in the same
// process: an upload held from its start, a request whose outcome is unknown, a speech already made. Bounded by node
// runs, not by items: a run remembers as many entries as it has items (its input is in memory anyway), so a run of
// 10,000 items loses none of them, while a long-lived worker keeps only the newest runs.
import type { IExecuteFunctions } from 'n8n-workflow';
import { nodeRunIdentity } from './nodeRun';

/** How many node runs each memory keeps: more than a worker runs at once, so a run's retry always finds its own. */
const RUN_LIMIT = 100;

export class NodeRunMemory<V> {
	private readonly runs = new Map<string, Map<string, V>>();

	/** What this item of this node run remembers under `step`, if anything. */
	get(ctx: IExecuteFunctions, itemIndex: number, step = ''): V | undefined {
		return this.runs.get(nodeRunIdentity(ctx, itemIndex))?.get(`${itemIndex}:${step}`);
	}

	/** Remembers `value` for this item of this node run under `step`; the oldest runs beyond the bound are forgotten. */
	set(ctx: IExecuteFunctions, itemIndex: number, value: V, step = ''): void {
		const run = nodeRunIdentity(ctx, itemIndex);
		const entries = this.runs.get(run) ?? new Map<string, V>();
		this.runs.delete(run);
		this.runs.set(run, entries);
		entries.set(`${itemIndex}:${step}`, value);
		while (this.runs.size > RUN_LIMIT) this.runs.delete(this.runs.keys().next().value as string);
	}

	delete(ctx: IExecuteFunctions, itemIndex: number, step = ''): void {
		this.runs.get(nodeRunIdentity(ctx, itemIndex))?.delete(`${itemIndex}:${step}`);
	}
}

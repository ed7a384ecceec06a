import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { eventsFilter } from './webhook/eventFilter.description';
import type { ListedItem } from './polling/listSince';
import { PollBudget } from './polling/pollBudget';
import { latestFinished, runPollCycle } from './polling/pollCycle';
import { isTerminalBatchStatus } from './schemas/batch';
import { isTerminalGenerationStatus } from './schemas/generation';
import { TerminalWatch } from './polling/terminalWatch';
import type { SyncWebhookEvent } from './webhook/webhookEvent';
import { readerFor } from './parameters';
import { kindError, ListingFailures } from './polling/listingFailures';

export class SyncLabsPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sync Labs Polling Trigger',
		name: 'syncLabsPollingTrigger',
		icon: { light: 'file:syncLabs.svg', dark: 'file:syncLabs.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Every poll: " + ($parameter["watch"] || []).join(", ")}}',
		description:
			'Starts the workflow for every Sync Labs generation or batch that finished since the last poll. A safety net for webhooks, which Sync does not retry.',
		defaults: { name: 'Sync Labs Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'syncLabsApi', required: true }],
		properties: [
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'multiOptions',
				default: ['generation'],
				options: [
					{ name: 'Batches', value: 'batch' },
					{ name: 'Generations', value: 'generation' },
				],
			},
			eventsFilter,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'First Run Lookback (Minutes)',
						name: 'lookbackMinutes',
						type: 'number',
						default: 60,
						typeOptions: { minValue: 0 },
						description:
							'On the first poll after activation, also emit what finished among the generations and batches created this long ago',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const read = readerFor(this, undefined, pollingParameters());
		const watch = read.list('watch');
		const events = read.list('events');
		const options = read.collection<{ lookbackMinutes?: number }>('options');
		const lookbackMs = Math.max(0, options.lookbackMinutes ?? 60) * 60_000;
		const selected = (e: SyncWebhookEvent) => events.length === 0 || events.includes(e.event);

		// A manual "Fetch Test Event" shows the latest finished object and leaves the state untouched.
		if (this.getMode() === 'manual') {
			const latest = await latestFinished.call(this, watch, selected);
			return latest ? [[{ json: latest as unknown as IDataObject }]] : null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const budget = new PollBudget(this);
		const firstRunCutoffMs = Date.now() - lookbackMs;
		const out: ListedItem[] = [];

		const generations = watch.includes('generation')
			? new TerminalWatch<ListedItem>(staticData.generations, isTerminalGenerationStatus)
			: undefined;
		// Batches run for hours and their list has no paging: on a first run every running batch is tracked.
		const batches = watch.includes('batch')
			? new TerminalWatch<ListedItem>(staticData.batches, isTerminalBatchStatus, undefined, Number.POSITIVE_INFINITY)
			: undefined;
		const watches = [
			['generations', generations],
			['batches', batches],
		] as const;
		const watched = watches.filter(([, w]) => w !== undefined).map(([kind]) => kind);
		budget.sharedByKinds = watched.length > 1;
		const failures = new ListingFailures(this, watched, budget.startedAt);
		const outcomes = await runPollCycle.call(this, generations, batches, budget, firstRunCutoffMs, failures.failing());
		for (const kind of watched) failures.record(kind, outcomes[kind]);

		// Nothing ever listed and every watched kind failed (a wrong key, URL or plan): said at once, as before, which
		// on activation fails the activation. Otherwise a failure is reported after a few polls (ListingFailures).
		const neverListed = watches.every(([, w]) => !w || !w.storable);
		if (neverListed && watched.every((kind) => outcomes[kind]?.failed)) {
			for (const kind of watched) {
				const outcome = outcomes[kind];
				if (outcome?.failed && !outcome.cut) throw kindError(this, kind, outcome.error);
			}
		}

		for (const [, w] of watches) if (w) out.push(...w.emitted);
		// Oldest first; an object listed without createdAt comes last.
		const createdAt = (e: SyncWebhookEvent) => Date.parse(e.createdAt ?? '') || Number.POSITIVE_INFINITY;
		const emit = out
			.map((item) => item.event)
			.filter((e): e is SyncWebhookEvent => e !== null && selected(e))
			.sort((a, b) => (createdAt(a) === createdAt(b) ? 0 : createdAt(a) - createdAt(b)));
		const report = failures.dueReport(emit.length > 0);
		// The watches' changes are stored before a report too: n8n keeps a throwing poll's static data in memory. Only
		// when the report holds back this poll's items are they left out, so that the next poll finds the items again.
		if (!report?.holdsItems) {
			for (const [key, w] of watches) if (w?.storable) staticData[key] = w.toState() as unknown as IDataObject;
		}
		if (report) throw report.error;
		if (emit.length === 0) return null;
		return [emit.map((event) => ({ json: event as unknown as IDataObject }))];
	}
}

/** The declarations poll() reads its parameters by: there `this` is n8n's poll context, not the node. */
function pollingParameters() {
	return new SyncLabsPollingTrigger().description.properties;
}

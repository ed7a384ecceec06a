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
		let failure: unknown;

		const generations = watch.includes('generation')
			? new TerminalWatch<ListedItem>(staticData.generations, isTerminalGenerationStatus)
			: undefined;
		// Batches run for hours and their list has no paging: on a first run every running batch is tracked.
		const batches = watch.includes('batch')
			? new TerminalWatch<ListedItem>(staticData.batches, isTerminalBatchStatus, undefined, Number.POSITIVE_INFINITY)
			: undefined;
		try {
			await runPollCycle.call(this, generations, batches, budget, firstRunCutoffMs);
		} catch (error) {
			// What was decided before the failure is kept (an unfinished scan became a gap), so nothing is lost.
			// Cut by the deadline (a retry wait ran past it): not a failure, the next poll resumes.
			if (!budget.stop.aborted) failure = error;
		}
		for (const [key, w] of [
			['generations', generations],
			['batches', batches],
		] as const) {
			if (!w) continue;
			out.push(...w.emitted);
			if (w.storable) staticData[key] = w.toState() as unknown as IDataObject;
		}

		const emit = out
			.map((item) => item.event)
			.filter((e): e is SyncWebhookEvent => e !== null && selected(e))
			.sort((a, b) => Date.parse(a.createdAt ?? '') - Date.parse(b.createdAt ?? ''));
		if (emit.length === 0) {
			if (failure) throw failure;
			return null;
		}
		return [emit.map((event) => ({ json: event as unknown as IDataObject }))];
	}
}

/** The declarations poll() reads its parameters by: there `this` is n8n's poll context, not the node. */
function pollingParameters() {
	return new SyncLabsPollingTrigger().description.properties;
}

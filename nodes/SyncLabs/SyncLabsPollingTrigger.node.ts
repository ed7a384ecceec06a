import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { eventsFilter } from './shared/eventFilter.description';
import { listBatchesSince, listGenerationsSince } from './helpers/listSince';
import { batchSchema, isTerminalBatchStatus } from './shared/schemas/batch';
import { generationSchema, isTerminalGenerationStatus } from './shared/schemas/generation';
import { decideEmissions, initialWatchState, isWatchState, type WatchState } from './shared/terminalWatch';
import { batchEvent, generationEvent, type SyncWebhookEvent } from './shared/webhookEvent';

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
		const watch = this.getNodeParameter('watch', ['generation']) as string[];
		const events = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as { lookbackMinutes?: number };
		const lookback = options.lookbackMinutes ?? 60;
		const now = Date.now();
		const manual = this.getMode() === 'manual';
		const staticData = this.getWorkflowStaticData('node');
		const collected: SyncWebhookEvent[] = [];

		if (watch.includes('generation')) {
			const state = isWatchState(staticData.generations) ? staticData.generations : initialWatchState(now, lookback);
			const listed = (await listGenerationsSince.call(this, state.watermark)).flatMap((g) => {
				const parsed = generationSchema.safeParse(g);
				return parsed.success ? [parsed.data] : [];
			});
			const decision = decideEmissions(state, listed, isTerminalGenerationStatus, now);
			collected.push(...decision.emit.map((g) => generationEvent(g)));
			if (!manual) staticData.generations = decision.state as unknown as IDataObject;
		}

		if (watch.includes('batch')) {
			const state: WatchState = isWatchState(staticData.batches) ? staticData.batches : initialWatchState(now, lookback);
			const listed = (await listBatchesSince.call(this, state.watermark)).flatMap((b) => {
				const parsed = batchSchema.safeParse(b);
				return parsed.success ? [{ ...parsed.data, createdAt: parsed.data.created_at }] : [];
			});
			const decision = decideEmissions(state, listed, isTerminalBatchStatus, now);
			collected.push(...decision.emit.map(({ createdAt: _createdAt, ...b }) => batchEvent(b)));
			if (!manual) staticData.batches = decision.state as unknown as IDataObject;
		}

		const selected = collected.filter((e) => events.length === 0 || events.includes(e.event));
		// A manual "Fetch Test Event" shows the latest one and leaves the state untouched.
		const output = manual ? selected.slice(-1) : selected;
		if (output.length === 0) return null;
		return [output.map((event) => ({ json: event as unknown as IDataObject }))];
	}
}

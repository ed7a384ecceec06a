// Usage → Get Many: the usage export, every generation of the organization that finished in [Start Time,
// End Time), oldest first, each with its recorded cost (docs/sync-api-2026.md#usage-export); amounts kept as
// Sync's decimal text with a number added (money/costAmounts.ts). docs/costs.md.
import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { collectUsage } from '../../api';
import { readerFor } from '../../parameters';
import { withAmountNumbers } from '../../money/costAmounts';
import { invalidInput } from '../common/validation';
import { resultLimit } from '../common/limit';
import { returnAllAndLimit } from '../common/descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'Generations that finished at or after this time. A time without a zone is read in the n8n server\'s time zone; end it with Z for UTC, e.g. 2026-11-12T00:00:00Z.',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Generations that finished before this time (not at it), so back-to-back ranges never overlap. Must be after Start Time.',
	},
	...returnAllAndLimit(),
];

export const description = updateDisplayOptions({ show: { resource: ['usage'], operation: ['getMany'] } }, properties);

/** ISO 8601 in UTC as Sync's docs write it: no milliseconds when there are none. */
function syncTime(iso: string): string {
	return iso.replace(/\.000Z$/, 'Z');
}

export async function execute(this: IExecuteFunctions, itemIndex: number, stop: AbortSignal): Promise<INodeExecutionData[]> {
	const read = readerFor(this, itemIndex, properties);
	const startTime = read.dateTime('startTime');
	const endTime = read.dateTime('endTime');
	if (startTime === undefined) throw invalidInput(this, itemIndex, 'Start Time', 'is required');
	if (endTime === undefined) throw invalidInput(this, itemIndex, 'End Time', 'is required');
	if (Date.parse(endTime) <= Date.parse(startTime)) {
		throw invalidInput(this, itemIndex, 'End Time', `is ${syncTime(endTime)}, which is not after Start Time ${syncTime(startTime)}; the range includes its start and excludes its end`);
	}
	const limit = resultLimit(this, itemIndex, properties);
	const rows = await collectUsage(this, { startTime: syncTime(startTime), endTime: syncTime(endTime) }, limit, { itemIndex, stop });
	return rows.map((row) => ({ json: withAmountNumbers(row) }));
}

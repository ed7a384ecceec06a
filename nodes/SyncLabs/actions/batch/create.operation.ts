import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type IPairedItemData,
} from 'n8n-workflow';
import { SyncApiError } from '../../transport';
import { createBatch } from '../../api';
import {
	BATCH_ENDPOINT,
	checkBatchRow,
	checkBatchSize,
	findDuplicateRequestId,
	parseJsonl,
	toJsonl,
	type BatchRow,
} from './jsonl';
import { invalidInput, requireBoolean, requireHttpUrl } from '../common/validation';
import { asNodeError, errorItem, itemIndexOf } from '../common/itemErrors';
import { runPerItem } from '../common/runPerItem';

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'JSONL Binary File',
				value: 'binary',
				description: 'Each input item carries a JSONL file (one request per line) and creates one batch',
			},
			{
				name: 'Rows From Input Items',
				value: 'rows',
				description: 'All input items together make one batch, one row per item',
			},
		],
		default: 'rows',
	},
	{
		displayName:
			'The Batch API needs the Scale plan or higher. A batch holds 20 to 500 requests whose inputs are at most 30 seconds long, and finishes within 24 hours.',
		name: 'batchNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the JSONL file',
		description:
			'Each line is {"request_id": "...", "endpoint": "/v2/generate", "payload": {"model": "...", "input": [...]}}',
		displayOptions: { show: { source: ['binary'] } },
	},
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		default: '={{ $json.request_id }}',
		description:
			'Unique ID of the row within the batch; the results file refers to it. Left empty, "item-N" is used (N = the input item index).',
		displayOptions: { show: { source: ['rows'] } },
	},
	{
		displayName: 'Payload (JSON)',
		name: 'payload',
		type: 'json',
		default: '={{ $json.payload }}',
		description:
			'The generation request of the row, as sent to POST /v2/generate: an object with at least "model" and "input"',
		displayOptions: { show: { source: ['rows'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: 'Whether to only validate the batch; no generations are created and the output is {"status": "VALIDATED"}',
			},
			{
				displayName: 'Webhook URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/webhook',
				description: 'Sync Labs sends the batch to this URL when it completes or fails',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['batch'], operation: ['create'] } }, properties);

interface CreateOptions {
	dryRun?: boolean | string;
	webhookUrl?: string;
}

function readOptions(ctx: IExecuteFunctions, itemIndex: number): { dryRun: boolean; webhookUrl?: string } {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as CreateOptions;
	const url = typeof options.webhookUrl === 'string' ? options.webhookUrl.trim() : '';
	return {
		dryRun: options.dryRun === undefined ? false : requireBoolean(ctx, itemIndex, 'Dry Run', options.dryRun),
		webhookUrl: url ? requireHttpUrl(ctx, itemIndex, 'Webhook URL', url) : undefined,
	};
}

// ---- JSONL binary file: one batch per input item ----

/** Reads and checks one item's JSONL file; throws its input error before any request. */
async function prepareFile(ctx: IExecuteFunctions, itemIndex: number): Promise<FormData> {
	const field = 'Input Binary Field';
	const propertyName = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (!propertyName) throw invalidInput(ctx, itemIndex, field, 'is required');
	const binary = ctx.getInputData()[itemIndex]?.binary?.[propertyName];
	if (!binary) {
		const available = Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {});
		throw invalidInput(
			ctx,
			itemIndex,
			field,
			`is "${propertyName}", but the input item has ${available.length ? `no binary field of that name (its ${available.length} binary field${available.length === 1 ? ' is' : 's are'}: ${available.join(', ')})` : 'no binary data at all'}`,
		);
	}
	const { dryRun, webhookUrl } = readOptions(ctx, itemIndex);
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	const text = buffer.toString('utf8');

	const parsed = parseJsonl(text);
	if (!parsed.ok) throw invalidInput(ctx, itemIndex, field, `"${propertyName}" holds a file whose ${parsed.problem}`);
	const lines = parsed.lines;
	const sizeProblem = checkBatchSize(lines.length, buffer.length);
	if (sizeProblem) throw invalidInput(ctx, itemIndex, field, `"${propertyName}" holds a batch that ${sizeProblem}`);
	for (const { line, value } of lines) {
		const problem = checkBatchRow(value);
		if (problem) {
			throw invalidInput(ctx, itemIndex, field, `"${propertyName}" holds a file whose line ${line} is wrong: ${problem.field ? `${problem.field} ` : 'the row '}${problem.problem}`);
		}
	}
	const duplicate = findDuplicateRequestId(lines.map((l) => l.value as BatchRow));
	if (duplicate) {
		const row = lines[duplicate.index];
		throw invalidInput(
			ctx,
			itemIndex,
			field,
			`"${propertyName}" holds a file whose line ${row.line} repeats request_id "${(row.value as BatchRow).request_id}" of line ${lines[duplicate.firstIndex].line}; request IDs must be unique`,
		);
	}

	const form = new FormData();
	const fileName = binary.fileName || 'batch.jsonl';
	form.append('input', new Blob([buffer], { type: 'application/jsonl' }), fileName);
	if (webhookUrl) form.append('webhook_url', webhookUrl);
	form.append('dry_run', dryRun ? 'true' : 'false');
	return form;
}

/** The node's error, extended with the batches this run already created (they are billed and keep running). */
function withCreatedBatches(ctx: IExecuteFunctions, error: unknown, created: Array<{ id: string; itemIndex: number }>): unknown {
	if (created.length === 0) return error;
	const list = created.map((c) => `${c.id} (item ${c.itemIndex})`).join(', ');
	const nodeError = asNodeError(ctx, error as Error, 0) as NodeOperationError;
	nodeError.message = `${nodeError.message}. Batches already created by this node: ${list}`;
	nodeError.description = [
		nodeError.description,
		`These batches were created before the failure and keep running at Sync Labs: ${list}. Continue with Batch → "Get" instead of running this node again, which would create them again.`,
	]
		.filter(Boolean)
		.join(' ');
	return nodeError;
}

async function executeFromFiles(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	// Every file is checked before the first batch is created (issue 9 point 6): without continue-on-fail one
	// bad file stops the node before anything is billed; with it, that item becomes its error item.
	const prepared: Array<{ form: FormData } | { failure: unknown }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push({ form: await prepareFile(ctx, itemIndex) });
		} catch (failure) {
			if (!ctx.continueOnFail()) throw asNodeError(ctx, failure as Error, itemIndex);
			prepared.push({ failure });
		}
	}
	const created: Array<{ id: string; itemIndex: number }> = [];
	try {
		// One batch per item, one at a time (batches have their own concurrency limit).
		return await runPerItem(ctx, items, 1, async (itemIndex) => {
			const item = prepared[itemIndex];
			if ('failure' in item) throw item.failure;
			// Batch creation has no idempotency key: never repeated after a 5xx or a reset (429s still are).
			const json = await createBatch(ctx, { form: item.form }, { itemIndex });
			if (typeof json.id === 'string') created.push({ id: json.id, itemIndex });
			return [{ json }];
		});
	} catch (error) {
		throw withCreatedBatches(ctx, error, created);
	}
}

// ---- rows from input items: all items make one batch ----

function readPayload(ctx: IExecuteFunctions, itemIndex: number): unknown {
	const value = ctx.getNodeParameter('payload', itemIndex, undefined) as unknown;
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		throw invalidInput(ctx, itemIndex, 'Payload (JSON)', `is not valid JSON (${value.length} characters; ${(error as Error).message})`);
	}
}

function readRequestId(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('requestId', itemIndex, '') as unknown;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return `item-${itemIndex}`;
	if (typeof value !== 'string') throw invalidInput(ctx, itemIndex, 'Request ID', `is a ${typeof value}; it must be text`);
	return value.trim();
}

const ROW_FIELD: Record<string, string> = {
	request_id: 'Request ID',
	endpoint: 'Payload (JSON)',
	payload: 'Payload (JSON)',
	'payload.model': 'Payload (JSON)',
	'payload.input': 'Payload (JSON)',
	'': 'Payload (JSON)',
};

function buildRows(ctx: IExecuteFunctions, items: INodeExecutionData[]): BatchRow[] {
	const rows: BatchRow[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const row = { request_id: readRequestId(ctx, itemIndex), endpoint: BATCH_ENDPOINT, payload: readPayload(ctx, itemIndex) };
		const problem = checkBatchRow(row);
		if (problem) {
			const where = problem.field.startsWith('payload.') ? `field "${problem.field.slice('payload.'.length)}" ` : '';
			throw invalidInput(ctx, itemIndex, ROW_FIELD[problem.field] ?? 'Payload (JSON)', `${where}${problem.problem} (row ${itemIndex + 1})`);
		}
		rows.push(row as BatchRow);
	}
	if (rows.length === 0) return rows;
	const sizeProblem = checkBatchSize(rows.length, Buffer.byteLength(toJsonl(rows)));
	if (sizeProblem) {
		throw new NodeOperationError(ctx.getNode(), `Rows From Input Items make a batch that ${sizeProblem} (one row per input item)`, {
			itemIndex: 0,
			description: 'Split the input into batches of 20 to 500 items (for example with the Loop Over Items node), each under 5 MB.',
		});
	}
	const duplicate = findDuplicateRequestId(rows);
	if (duplicate) {
		throw invalidInput(
			ctx,
			duplicate.index,
			'Request ID',
			`"${rows[duplicate.index].request_id}" is already used by item ${duplicate.firstIndex}; request IDs must be unique within a batch`,
		);
	}
	return rows;
}

/** Names the input item behind the row an API validation error points at (line N = rows[N-1]). */
function withRowItem(ctx: IExecuteFunctions, error: Error, rowCount: number): Error {
	if (!(error instanceof SyncApiError)) return error;
	const line = error.body.lineNumber;
	if (typeof line !== 'number' || line < 1 || line > rowCount) return error;
	const mapped = new SyncApiError(ctx, error.body, line - 1);
	mapped.description = [mapped.description, `Row ${line} comes from input item ${line - 1}.`].filter(Boolean).join(' ');
	return mapped;
}

async function executeFromRows(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const pairedItem: IPairedItemData[] = items.map((_, item) => ({ item }));
	try {
		const rows = buildRows(ctx, items);
		if (rows.length === 0) return [[]];
		const { dryRun, webhookUrl } = readOptions(ctx, 0);
		let response: IDataObject;
		try {
			response = await createBatch(ctx, { rows, webhookUrl, dryRun }, { itemIndex: 0 });
		} catch (error) {
			throw asNodeError(ctx, withRowItem(ctx, error as Error, rows.length), 0);
		}
		return [[{ json: response, pairedItem }]];
	} catch (error) {
		// The item whose row is at fault (an input error, or the API's line number mapped by withRowItem) comes
		// first in pairedItem: n8n's error output merges that first paired item's json into the error item
		// (n8n-core dist/execution-engine/workflow-execute.js, handleNodeErrorOutput).
		const culprit = Math.min(itemIndexOf(error) ?? 0, Math.max(0, items.length - 1));
		if (ctx.continueOnFail()) {
			const rest = pairedItem.filter((p) => p.item !== culprit);
			return [[{ ...errorItem(ctx, error as Error, culprit), pairedItem: [{ item: culprit }, ...rest] }]];
		}
		throw asNodeError(ctx, error as Error, culprit);
	}
}

export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const source = this.getNodeParameter('source', 0, 'rows') as string;
	if (source === 'binary') return await executeFromFiles(this, items);
	return await executeFromRows(this, items);
}

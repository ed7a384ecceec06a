import {
	NodeApiError,
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type IPairedItemData,
} from 'n8n-workflow';
import { SyncApiError } from '../../transport';
import { createBatch, type CreateBatchRequest, type CreateGenerationBody } from '../../api';
import { oncePerRun } from '../common/oncePerRun';
import {
	BATCH_ENDPOINT,
	checkBatchRow,
	checkBatchSize,
	findDuplicateRequestId,
	parseJsonl,
	toJsonl,
	type BatchRow,
} from './jsonl';
import { invalidInput, requireHttpUrl } from '../common/validation';
import { readerFor } from '../../parameters';
import { projectIdFrom, projectIdOption } from '../project/projectOption';
import { asNodeError, errorItem, itemIndexOf } from '../common/itemErrors';
import { runPerItem } from '../common/runPerItem';
import { modelProblemError, modelProblems, shownModel } from '../common/accountModels';
import { costCapsFrom, costGuardOptions, estimatedCostFields, guardCosts, type CostCaps, type CostGuardOptions, type CostVerdict } from '../common/costGuard';
import { byDisplayName } from '../generation/sortOptions';

/** Options in the order of their labels, as the editor lists them. */
const byName = (options: INodeProperties[]) => options.sort(byDisplayName);

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
		options: byName([
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: 'Whether to only validate the batch; no generations are created and the output is {"status": "VALIDATED"}',
			},
			projectIdOption('The project each row\'s generation joins: set as "projectId" in the row\'s payload (read per item)', {
				displayOptions: { show: { '/source': ['rows'] } },
			}),
			{
				displayName: 'Webhook URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/webhook',
				description: 'Sync Labs sends the batch to this URL when it completes or fails',
			},
			...costGuardOptions,
		]),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['batch'], operation: ['create'] } }, properties);

interface CreateOptions extends CostGuardOptions {
	dryRun?: boolean;
	webhookUrl?: string;
}

function readOptions(ctx: IExecuteFunctions, itemIndex: number): { dryRun: boolean; webhookUrl?: string; caps?: CostCaps } {
	const options = readerFor(ctx, itemIndex, properties).collection<CreateOptions>('options');
	const url = options.webhookUrl ?? '';
	const dryRun = options.dryRun ?? false;
	return {
		dryRun,
		webhookUrl: url ? requireHttpUrl(ctx, itemIndex, 'Webhook URL', url) : undefined,
		// A dry run creates nothing, so nothing is estimated.
		caps: dryRun ? undefined : costCapsFrom(options),
	};
}

/** The batch's output item, with the guard's estimate of all its rows when the guard ran. */
function withEstimate(json: IDataObject, cost: CostVerdict | undefined): IDataObject {
	return { ...json, ...estimatedCostFields(cost) };
}

/** The batch a create made although its answer was unreadable (api/batches.ts), as the error names it. */
function createdBatchName(error: unknown): string | undefined {
	const context = (error as NodeOperationError | undefined)?.context;
	if (context?.batchCreated !== true) return undefined;
	return typeof context.batchId === 'string' ? `batch ${context.batchId}` : 'a batch (no ID given)';
}

/**
 * A create answer of a shape the node does not expect is still a batch Sync created (and bills): the client puts its
 * id on the error (api/batches.ts), and the error names it so nobody creates it again.
 */
function namedIfCreated(error: unknown): unknown {
	const name = createdBatchName(error);
	if (name === undefined) return error;
	const nodeError = error as NodeOperationError;
	const use = name.startsWith('batch ') ? `${name[0].toUpperCase()}${name.slice(1)} exists and runs at Sync Labs: continue with Batch → "Get"` : 'It exists and runs at Sync Labs: find it with Batch → "Get Many" (newest first)';
	nodeError.message = `${nodeError.message}; Sync Labs created ${name} all the same`;
	nodeError.description = [nodeError.description, `${use} instead of running this node again, which would create it again.`].filter(Boolean).join(' ');
	return nodeError;
}

/**
 * Creates the batch of `whose` once per node run (common/oncePerRun.ts): batch creation has no idempotency key, so a
 * later attempt of n8n's Retry On Fail returns the batch an earlier attempt created, and after one that created a
 * batch unreadably or may have created one, it refuses with that attempt's naming instead of creating it again.
 */
async function createBatchOnce(ctx: IExecuteFunctions, itemIndex: number, request: CreateBatchRequest, whose: string): Promise<IDataObject> {
	return await oncePerRun(
		ctx,
		itemIndex,
		'batch create',
		async () =>
			await createBatch(ctx, request, { itemIndex }).catch((error: unknown) => {
				throw withPossibleBatch(namedIfCreated(error), whose);
			}),
		(error) => {
			const name = createdBatchName(error);
			if (name === undefined && !mayHaveCreatedBatch(error)) return undefined;
			const context = (error as NodeOperationError).context;
			const message =
				name === undefined
					? `The batch of ${whose} was not created again: an earlier attempt ended with "${(error as Error).message}", so Sync Labs may have created it`
					: `The batch of ${whose} was not created again: an earlier attempt created ${name}, but Sync Labs answered in a shape the node does not read`;
			const named = name === undefined ? { batchMayBeCreated: true } : { batchCreated: true, ...(typeof context.batchId === 'string' ? { batchId: context.batchId } : {}) };
			return { message, description: (error as NodeOperationError).description ?? '', context: named };
		},
	);
}

// ---- JSONL binary file: one batch per input item ----

interface PreparedFile {
	form: FormData;
	propertyName: string;
	/** Each row's model with its line, for the check against the account's models. */
	models: Array<{ line: number; model: string }>;
	/** Each row's payload, for the cost guard. */
	payloads: CreateGenerationBody[];
	caps?: CostCaps;
	cost?: CostVerdict;
}

/** Reads and checks one item's JSONL file; throws its input error before any request. */
async function prepareFile(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedFile> {
	const field = 'Input Binary Field';
	const propertyName = readerFor(ctx, itemIndex, properties).text('binaryPropertyName');
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
	const { dryRun, webhookUrl, caps } = readOptions(ctx, itemIndex);
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
	const rows = lines.map(({ line, value }) => ({ line, payload: (value as BatchRow).payload as CreateGenerationBody }));
	return { form, propertyName, models: rows.map(({ line, payload }) => ({ line, model: payload.model })), payloads: rows.map((row) => row.payload), caps };
}

/**
 * A failed create that Sync may still have carried out: a 5xx, or no HTTP answer at all (a reset or a timeout, whose
 * NodeApiError carries the socket error's code as httpCode). Batch creation has no idempotency key
 * (docs/sync-api.md#idempotency-keys), so the node never repeats it and only a look at the batch list tells.
 */
function mayHaveCreatedBatch(error: unknown): boolean {
	return (error as NodeOperationError | undefined)?.context?.batchMayBeCreated === true;
}

/** The create's error, saying that the batch of `whose` may exist when the outcome is unknown. */
function withPossibleBatch(error: unknown, whose: string): unknown {
	if (!mayHaveCreatedBatch(error)) return error;
	const nodeError = error as NodeApiError;
	nodeError.description = [
		nodeError.description,
		`Sync Labs may have created the batch of ${whose} before this failure (batch creation cannot be repeated safely). Look for it with Batch → "Get Many" (newest first) before running the node again, which could create it a second time.`,
	]
		.filter(Boolean)
		.join(' ');
	return nodeError;
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
	// Every file is checked before the first batch is created: without continue-on-fail one
	// bad file stops the node before anything is billed; with it, that item becomes its error item.
	const prepared: Array<PreparedFile | { failure: unknown }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push(await prepareFile(ctx, itemIndex));
		} catch (failure) {
			if (!ctx.continueOnFail()) throw asNodeError(ctx, failure as Error, itemIndex);
			prepared.push({ failure });
		}
	}
	// Every row's model against the account's models (actions/common/accountModels.ts): a later file's unknown
	// model would otherwise be refused after the earlier files' batches were created.
	const uses = prepared.flatMap((file, itemIndex) => ('failure' in file ? [] : file.models.map((row) => ({ ...row, itemIndex }))));
	for (const { use, problem } of await modelProblems(ctx, uses, false)) {
		const file = prepared[use.itemIndex];
		if ('failure' in file) continue;
		const failure = modelProblemError(ctx, use.itemIndex, 'Input Binary Field', `"${file.propertyName}" holds a file whose line ${use.line} has model ${shownModel(use.model)}`, problem);
		if (!ctx.continueOnFail()) throw failure;
		prepared[use.itemIndex] = { failure };
	}
	// Each file is one batch: its rows' estimates together against the caps, the whole file admitted or refused.
	const costs = await guardCosts(
		ctx,
		prepared.flatMap((file, itemIndex) => ('failure' in file ? [] : [{ itemIndex, caps: file.caps, creates: file.payloads.map((body) => ({ body })) }])),
	);
	for (const [itemIndex, cost] of costs) prepared[itemIndex] = cost.admitted ? { ...(prepared[itemIndex] as PreparedFile), cost } : { failure: cost.error };
	const created: Array<{ id: string; itemIndex: number }> = [];
	try {
		// One batch per item, one at a time (batches have their own concurrency limit).
		return await runPerItem(ctx, items, 1, async (itemIndex) => {
			const item = prepared[itemIndex];
			if ('failure' in item) throw item.failure;
			// Batch creation has no idempotency key: never repeated after a 5xx or a reset (429s still are).
			const json = await createBatchOnce(ctx, itemIndex, { form: item.form }, `item ${itemIndex}`);
			if (typeof json.id === 'string') created.push({ id: json.id, itemIndex });
			return [{ json: withEstimate(json, item.cost) }];
		});
	} catch (error) {
		throw withCreatedBatches(ctx, error, created);
	}
}

// ---- rows from input items: all items make one batch ----

/** The row's payload: an object, or text holding one; undefined when empty (checkBatchRow then says it is required). */
function readPayload(ctx: IExecuteFunctions, itemIndex: number): unknown {
	return readerFor(ctx, itemIndex, properties).json('payload');
}

function readRequestId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readerFor(ctx, itemIndex, properties).text('requestId') || `item-${itemIndex}`;
}

const ROW_FIELD: Record<string, string> = {
	request_id: 'Request ID',
	endpoint: 'Payload (JSON)',
	payload: 'Payload (JSON)',
	'payload.model': 'Payload (JSON)',
	'payload.input': 'Payload (JSON)',
	'': 'Payload (JSON)',
};

/** The row with the item's Project ID option in its payload; a payload naming another project is refused. */
function inProject(ctx: IExecuteFunctions, itemIndex: number, row: BatchRow): BatchRow {
	const projectId = projectIdFrom(ctx, itemIndex, readerFor(ctx, itemIndex, properties).collection<{ projectId?: string }>('options'));
	if (!projectId) return row;
	const payload = row.payload as IDataObject;
	if (payload.projectId !== undefined && payload.projectId !== projectId) {
		throw invalidInput(ctx, itemIndex, 'Project ID', `is ${projectId}, but the row's payload names the project ${JSON.stringify(payload.projectId)}; remove one of the two (row ${itemIndex + 1})`);
	}
	return { ...row, payload: { ...payload, projectId } };
}

function buildRows(ctx: IExecuteFunctions, items: INodeExecutionData[]): BatchRow[] {
	const rows: BatchRow[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const row = { request_id: readRequestId(ctx, itemIndex), endpoint: BATCH_ENDPOINT, payload: readPayload(ctx, itemIndex) };
		const problem = checkBatchRow(row);
		if (problem) {
			const where = problem.field.startsWith('payload.') ? `field "${problem.field.slice('payload.'.length)}" ` : '';
			throw invalidInput(ctx, itemIndex, ROW_FIELD[problem.field] ?? 'Payload (JSON)', `${where}${problem.problem} (row ${itemIndex + 1})`);
		}
		rows.push(inProject(ctx, itemIndex, row as BatchRow));
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

/** The verdicts of a batch's rows, all admitted, as the batch's one verdict: their estimates summed. */
function wholeBatch(rows: CostVerdict[]): CostVerdict {
	const admitted = rows.filter((row): row is Extract<CostVerdict, { admitted: true }> => row.admitted);
	const createMicros = admitted.map((row) => row.estimatedMicros);
	const unestimated = [...new Set(admitted.flatMap((row) => row.unestimated))];
	return { admitted: true, estimatedMicros: createMicros.reduce((sum, micros) => sum + micros, 0), createMicros, unestimated };
}

/**
 * Dry Run and Webhook URL belong to the batch the rows make together, so every item must give the same; the cost caps
 * stay each item's own (its row is checked against them, docs/cost-guard.md). Taking item 0's for all would turn a
 * "true" another item's expression gave into a real, billed batch without a word.
 */
function batchWideOptions(ctx: IExecuteFunctions, optionsPerItem: Array<ReturnType<typeof readOptions>>): { dryRun: boolean; webhookUrl?: string } {
	const [first] = optionsPerItem;
	optionsPerItem.forEach((options, itemIndex) => {
		if (options.dryRun !== first.dryRun) {
			throw invalidInput(ctx, itemIndex, 'Dry Run', `is ${options.dryRun}, but item 0's is ${first.dryRun}; the rows make one batch, which is a dry run or not (row ${itemIndex + 1})`);
		}
		if (options.webhookUrl !== first.webhookUrl) {
			const shown = (url: string | undefined) => (url === undefined ? 'empty' : `"${url}"`);
			throw invalidInput(ctx, itemIndex, 'Webhook URL', `is ${shown(options.webhookUrl)}, but item 0's is ${shown(first.webhookUrl)}; the rows make one batch, with one webhook URL (row ${itemIndex + 1})`);
		}
	});
	return { dryRun: first.dryRun, webhookUrl: first.webhookUrl };
}

async function executeFromRows(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const pairedItem: IPairedItemData[] = items.map((_, item) => ({ item }));
	try {
		const rows = buildRows(ctx, items);
		if (rows.length === 0) return [[]];
		// Read before the model list is: a bad option is refused before any request.
		const optionsPerItem = rows.map((_, itemIndex) => readOptions(ctx, itemIndex));
		const { dryRun, webhookUrl } = batchWideOptions(ctx, optionsPerItem);
		const uses = rows.map((row, itemIndex) => ({ itemIndex, model: row.payload.model as string }));
		const [refused] = await modelProblems(ctx, uses, false);
		if (refused) throw modelProblemError(ctx, refused.use.itemIndex, 'Payload (JSON)', `has model ${shownModel(refused.use.model)} (row ${refused.use.itemIndex + 1})`, refused.problem);
		// The rows are one batch: capped as a whole, never created in part (a refused row refuses the batch).
		const costs = await guardCosts(
			ctx,
			rows.map((row, itemIndex) => ({ itemIndex, caps: optionsPerItem[itemIndex].caps, name: `Row ${itemIndex + 1} (item ${itemIndex})`, creates: [{ body: row.payload as CreateGenerationBody }] })),
			{ asOneBatch: { rows: rows.length } },
		);
		const batchCost = costs.size > 0 ? wholeBatch([...costs.values()]) : undefined;
		let response: IDataObject;
		try {
			response = await createBatchOnce(ctx, 0, { rows, webhookUrl, dryRun }, `items 0 to ${rows.length - 1}`);
		} catch (error) {
			throw asNodeError(ctx, withRowItem(ctx, error as Error, rows.length), 0);
		}
		return [[{ json: withEstimate(response, batchCost), pairedItem }]];
	} catch (error) {
		// The item whose row is at fault (an input error, or the API's line number mapped by withRowItem) comes
		// first in pairedItem: n8n's error output merges that first paired item's json into the error item
		// (handleNodeErrorOutput, https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/workflow-execute.ts).
		const culprit = Math.min(itemIndexOf(error) ?? 0, Math.max(0, items.length - 1));
		if (ctx.continueOnFail()) {
			const rest = pairedItem.filter((p) => p.item !== culprit);
			return [[{ ...errorItem(ctx, error as Error, culprit), pairedItem: [{ item: culprit }, ...rest] }]];
		}
		throw asNodeError(ctx, error as Error, culprit);
	}
}

export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const source = readerFor(this, 0, properties).choice('source');
	if (source === 'binary') return await executeFromFiles(this, items);
	return await executeFromRows(this, items);
}

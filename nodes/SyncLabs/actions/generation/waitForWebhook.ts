// "Wait for Webhook": hand Sync this execution's resume URL (`$execution.resumeUrl`), then pause the
// execution. n8n keeps a waiting execution in its database, so it survives restarts and resumes on
// whichever process (or queue worker) receives Sync's callback. resumeWebhook.ts handles that callback.
import {
	NodeOperationError,
	type IBinaryData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IWebhookFunctions,
} from 'n8n-workflow';
import { getGeneration } from '../../api';
import type { Generation } from '../../schemas/generation';
import { outputUrlOf } from '../../schemas/spellings';
import { DEFAULT_BINARY_PROPERTY, downloadOutputAsBinary } from '../../transport/download';
import { normalizedGeneration } from './generationOutput';
import { CUSTOM_DATA_LIMIT, customDataOf } from '../common/executionCustomData';
import { asNodeError, errorItem } from '../common/itemErrors';

/** What the Max Wait Time field shows (completion.descriptions.ts); applies whether or not the option was added. */
export const DEFAULT_WEBHOOK_WAIT_SECONDS = 1800;

/**
 * Execution custom data key holding the generation this run of the node waits for. It binds the resume to
 * that generation, and downstream (also after an expired wait) reads it in a Code node with
 * `$execution.customData.get("syncLabsGenerationId")` (n8n 2.41 expressions do not expose `get`; checked in
 * test/e2e/resume.e2e.test.cts).
 */
export const GENERATION_ID_KEY = 'syncLabsGenerationId';
const RESERVED_PLACEHOLDER = 'reserved-before-create';

/** Before the create: refuse when the id could not be stored (custom data full), so nothing is billed unbound. */
export function assertGenerationCanBeBound(ctx: IExecuteFunctions, itemIndex: number): void {
	const all = customDataOf(ctx)?.getAll?.();
	if (all && !(GENERATION_ID_KEY in all) && Object.keys(all).length >= CUSTOM_DATA_LIMIT) {
		throw new NodeOperationError(ctx.getNode(), `Execution custom data is full (${CUSTOM_DATA_LIMIT} keys), so "Wait for Webhook" cannot remember its generation`, {
			itemIndex,
			description: `Free one key set by an earlier node, or use "Poll Until Done". The node stores the generation ID under "${GENERATION_ID_KEY}".`,
		});
	}
}

/**
 * Before the create, after assertGenerationCanBeBound: takes the generation ID's key now, so no other key
 * written while creating can use the last free one. The
 * placeholder never matches a generation ID; the execution is not waiting yet, so nothing resumes on it.
 */
export function reserveGenerationKey(ctx: IExecuteFunctions): { restore(): void } {
	const data = customDataOf(ctx);
	const previous = data?.get(GENERATION_ID_KEY);
	data?.set?.(GENERATION_ID_KEY, RESERVED_PLACEHOLDER);
	return {
		/**
		 * After a failed create: the previous value back (Loop Over Items: the last iteration's real id). n8n's
		 * custom data has no delete (setWorkflowExecutionMetadata in execution-metadata.ts, see CUSTOM_DATA_LIMIT), so where there
		 * was none an empty string stands for "no generation" (expectedGeneration reads it as none).
		 */
		restore() {
			if (data?.get(GENERATION_ID_KEY) !== RESERVED_PLACEHOLDER) return;
			data.set?.(GENERATION_ID_KEY, typeof previous === 'string' ? previous : '');
		},
	};
}

export function rememberGeneration(ctx: IExecuteFunctions, generationId: string): void {
	const data = customDataOf(ctx);
	data?.set?.(GENERATION_ID_KEY, generationId);
	if (data?.get(GENERATION_ID_KEY) !== generationId) {
		ctx.logger.warn('Sync Labs: could not store the generation ID in execution custom data; the resume will accept any signed generation', {
			generationId,
		});
	}
}

/** The generation the waiting run of this node created, or undefined (custom data unavailable). */
export function expectedGeneration(ctx: IWebhookFunctions): string | undefined {
	const data = customDataOf(ctx);
	let value = data?.get(GENERATION_ID_KEY);
	if (value === undefined && !data) {
		// n8n 2.8's webhook context has no data proxy; its expressions still know $execution.customData.
		try {
			value = ctx.evaluateExpression(`{{ $execution.customData.get("${GENERATION_ID_KEY}") }}`);
		} catch {
			value = undefined;
		}
	}
	return typeof value === 'string' && value ? value : undefined;
}

export function resumeUrlFor(ctx: IExecuteFunctions): string {
	// `$execution.resumeUrl` (`<base>/webhook-waiting/<executionId>`, plus `?signature=<resume token>` where n8n
	// issues one, as 2.4x does) is the URL n8n's waiting-webhook route resumes a plain waiting node on: it runs
	// the restart webhook (path '') of the last node executed. getSignedResumeUrl() is not usable here: its
	// `/<nodeId>` suffix is taken as a webhook path (404 on n8n 2.8), and on 2.4x its HMAC is only accepted
	// for Send-and-Wait nodes; for any other node n8n compares it with the resume token (401). Checked in
	// test/e2e/action.e2e.test.cts against real n8n 2.8.4 and 2.41.1.
	const fromProxy = ctx.getWorkflowDataProxy(0).$execution?.resumeUrl as unknown;
	if (typeof fromProxy === 'string' && fromProxy) return fromProxy;
	return ctx.getSignedResumeUrl();
}

export function assertOneItemForWebhook(ctx: IExecuteFunctions, itemCount: number): void {
	if (itemCount > 1) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Completion "Wait for Webhook" handles one item per execution, but this node received ${itemCount} items`,
			{
				description:
					'An execution resumes once, on the first callback. Use "Poll Until Done" for many items, or process them one by one with "Loop Over Items".',
			},
		);
	}
}

/**
 * Create's and Dub's answer to more than one item with Wait for Webhook: with On Error = Stop the node's error; with
 * On Error = continue every item refused as its error item, since a thrown error would make n8n pass the input
 * through as if it had succeeded (handleNodeExecutionError,
 * https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/workflow-execute.ts). Undefined for one item.
 */
export function refuseSeveralItemsForWebhook(ctx: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData[][] | undefined {
	try {
		assertOneItemForWebhook(ctx, items.length);
		return undefined;
	} catch (error) {
		if (!ctx.continueOnFail()) throw asNodeError(ctx, error as Error, 0);
		return [items.map((_, itemIndex) => errorItem(ctx, error as Error, itemIndex))];
	}
}

/** One status check between create and pause: a generation that already finished needs no wait (and no callback race). */
export async function currentGeneration(ctx: IExecuteFunctions, generationId: string, itemIndex: number): Promise<Generation> {
	return await getGeneration(ctx, generationId, { itemIndex });
}

export interface DownloadBounds {
	deadline?: number;
	attemptTimeoutMs?: number;
}

/** Longest the resume webhook spends downloading, however long the wait had left. */
const MAX_RESUME_DOWNLOAD_MS = 10 * 60 * 1000;
const MIN_RESUME_DOWNLOAD_MS = 1000;

/**
 * Bounds for the download inside the resume webhook(). n8n keeps the execution waiting until webhook()
 * returns, so its WaitTracker would resume it at waitTill first and the acknowledged callback would be lost
 * (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/wait-tracker.ts, ExecutionAlreadyResumingError in active-executions.ts). The webhook context cannot
 * read waitTill (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/webhooks/waiting-webhooks.ts clears it and pops the waiting run first), so the wait
 * is taken to have started at the generation's createdAt (the pause follows the create within seconds) and
 * the download gets at most half of what is left, at least two attempts' worth.
 */
export function resumeDownloadBounds(createdAt: unknown, maxWaitSeconds: number | undefined, now = Date.now()): DownloadBounds {
	const waitMs = (typeof maxWaitSeconds === 'number' && maxWaitSeconds > 0 ? maxWaitSeconds : DEFAULT_WEBHOOK_WAIT_SECONDS) * 1000;
	const started = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN;
	// An unknown or future start (Sync's clock ahead): count the wait from now, still at most half of it.
	const leftMs = Number.isFinite(started) && started <= now ? started + waitMs - now : waitMs;
	const budgetMs = Math.max(MIN_RESUME_DOWNLOAD_MS, Math.min(MAX_RESUME_DOWNLOAD_MS, leftMs / 2));
	return { deadline: now + budgetMs, attemptTimeoutMs: Math.max(MIN_RESUME_DOWNLOAD_MS, budgetMs / 2) };
}

/** The output URL from a GET of the generation (a delivery may lack it); undefined when it has none either. */
async function fetchedOutputUrl(ctx: IExecuteFunctions | IWebhookFunctions, generationId: string, itemIndex = 0): Promise<string | undefined> {
	return outputUrlOf(await getGeneration(ctx, generationId, { itemIndex }));
}

export async function pauseUntilWebhook(ctx: IExecuteFunctions, maxWaitSeconds: number | undefined): Promise<void> {
	const seconds = typeof maxWaitSeconds === 'number' && maxWaitSeconds > 0 ? maxWaitSeconds : DEFAULT_WEBHOOK_WAIT_SECONDS;
	await ctx.putExecutionToWait(new Date(Date.now() + seconds * 1000));
}

/**
 * The output item for a finished generation in "Wait for Webhook" mode, from execute() or from the resume
 * webhook. Never throws: an error thrown in webhook(), or an error-shaped item, fails the whole execution in
 * n8n 2.41 (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/webhooks/webhook-helpers.ts), so FAILED/REJECTED come out as items with status, error
 * and errorCode, and a failed download adds `downloadError` to the generation instead of losing it.
 */
export async function finishedWebhookItem(
	ctx: IExecuteFunctions | IWebhookFunctions,
	payload: IDataObject,
	options: { downloadOutput?: boolean; binaryPropertyName?: string; downloadBounds?: DownloadBounds },
	itemIndex?: number,
): Promise<INodeExecutionData> {
	// Status case normalized once: the resume accepts any case (isTerminalGenerationStatus), so must the rest.
	const status = typeof payload.status === 'string' ? payload.status.toUpperCase() : payload.status;
	const generation = { ...payload, status } as Generation;
	// "" becomes null in normalizedGeneration (actions/generation/generationOutput.ts), absent becomes null here.
	const normalized = normalizedGeneration(generation);
	const json: IDataObject = { ...normalized, error: normalized.error ?? null, errorCode: normalized.errorCode ?? null };
	if (!options.downloadOutput || status !== 'COMPLETED') return { json };
	let binary: Record<string, IBinaryData>;
	try {
		// A delivery without the URL: the generation itself (GET) is the witness of where the output is.
		const outputUrl = outputUrlOf(generation) ?? (await fetchedOutputUrl(ctx, generation.id, itemIndex));
		if (outputUrl) json.outputUrl = outputUrl;
		else throw new Error(`Sync Labs reported generation ${generation.id} as COMPLETED without an output URL`);
		binary = await downloadOutputAsBinary(ctx, outputUrl, generation.id, options.binaryPropertyName || DEFAULT_BINARY_PROPERTY, itemIndex, options.downloadBounds);
	} catch (error) {
		ctx.logger.warn('Sync Labs: the output video could not be downloaded; the generation is output without it', {
			generationId: generation.id,
			reason: (error as Error).message,
		});
		return { json: { ...json, downloadError: (error as Error).message } };
	}
	return { json, binary };
}

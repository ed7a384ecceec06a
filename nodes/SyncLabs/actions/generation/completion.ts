// What happens after a generation exists: return it, or poll it to the end; then fail on FAILED/REJECTED
// (unless asked to output those as items) and optionally download the video next to the JSON.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import type { Generation } from '../../schemas/generation';
import { errorCodeOf, outputUrlOf } from '../../schemas/spellings';
import { DEFAULT_BINARY_PROPERTY, downloadOutputAsBinary } from '../../transport/download';
import { normalizedGeneration } from './generationOutput';
import { DEFAULT_POLL_SETTINGS, pollGeneration, type PollSettings } from './pollGeneration';

export interface CompletionOptions {
	binaryPropertyName?: string;
	downloadOutput?: boolean;
	firstPollInterval?: number;
	maxPollInterval?: number;
	maxWaitTime?: number;
	outputFailedAsItems?: boolean;
	toleranceSeconds?: number;
}

export function pollSettingsFrom(options: CompletionOptions): PollSettings {
	const seconds = (value: number | undefined, fallbackMs: number) =>
		typeof value === 'number' && Number.isFinite(value) && value > 0 ? value * 1000 : fallbackMs;
	const firstIntervalMs = seconds(options.firstPollInterval, DEFAULT_POLL_SETTINGS.firstIntervalMs);
	return {
		firstIntervalMs,
		maxIntervalMs: Math.max(firstIntervalMs, seconds(options.maxPollInterval, DEFAULT_POLL_SETTINGS.maxIntervalMs)),
		maxWaitMs: seconds(options.maxWaitTime, DEFAULT_POLL_SETTINGS.maxWaitMs),
		factor: DEFAULT_POLL_SETTINGS.factor,
	};
}

export function failureOf(ctx: IExecuteFunctions, generation: Generation, itemIndex: number): NodeOperationError | undefined {
	if (generation.status === 'COMPLETED') return undefined;
	const code = errorCodeOf(generation);
	const failure = new NodeOperationError(
		ctx.getNode(),
		`Generation ${generation.id} ended ${generation.status}: ${generation.error ?? 'no reason given'}${code ? ` [${code}]` : ''}`,
		{
			itemIndex,
			description: 'Turn on "Output Failed Generations as Items" to route failures in the workflow instead of stopping it.',
		},
	);
	// Sync's own verdict, for the error output's `error` object (actions/common/itemErrors.ts errorDetails).
	failure.context.generationFailure = {
		generationId: generation.id,
		status: generation.status,
		...(code ? { code } : {}),
		...(typeof generation.error === 'string' && generation.error ? { reason: generation.error } : {}),
	};
	return failure;
}

/** Turns a finished generation into the node's output item for it. */
export async function finishedGenerationItem(
	ctx: IExecuteFunctions,
	generation: Generation,
	itemIndex: number,
	options: CompletionOptions,
): Promise<INodeExecutionData> {
	if (!options.outputFailedAsItems) {
		const failure = failureOf(ctx, generation, itemIndex);
		if (failure) throw failure;
	}
	const json = normalizedGeneration(generation as IDataObject);
	const outputUrl = outputUrlOf(generation);
	if (options.downloadOutput && generation.status === 'COMPLETED' && outputUrl) {
		const binary = await downloadOutputAsBinary(ctx, outputUrl, generation.id, options.binaryPropertyName || DEFAULT_BINARY_PROPERTY);
		return { json, binary };
	}
	return { json };
}

export async function pollToItem(
	ctx: IExecuteFunctions,
	generationId: string,
	itemIndex: number,
	options: CompletionOptions,
	stop?: AbortSignal,
): Promise<INodeExecutionData> {
	const generation = await pollGeneration(ctx, generationId, itemIndex, pollSettingsFrom(options), stop);
	return await finishedGenerationItem(ctx, generation, itemIndex, options);
}

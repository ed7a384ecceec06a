// The execution's custom data (`$execution.customData`): a few string values n8n keeps with the execution
// itself, so they follow it into the database, across a Wait and onto whichever process resumes it. At most
// 10 keys; an 11th is dropped silently outside manual runs
// (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/node-execution-context/utils/execution-metadata.ts).
import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

/** KV_LIMIT of execution-metadata.ts (above). */
export const CUSTOM_DATA_LIMIT = 10;

export interface CustomData {
	get(key: string): unknown;
	set?(key: string, value: string): void;
	getAll?(): Record<string, unknown>;
}

function asCustomData(value: unknown): CustomData | undefined {
	return value && typeof (value as CustomData).get === 'function' ? (value as CustomData) : undefined;
}

/**
 * The execution's custom data. n8n 2.4x: `this.customData` (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/node-execution-context/node-execution-context.ts, a getter
 * that throws where there is no run data). n8n 2.8 has only the expression key `$execution.customData`
 * (https://github.com/n8n-io/n8n/blob/n8n@2.8.4/packages/core/src/execution-engine/node-execution-context/utils/get-additional-keys.ts), reached through the data proxy in execute().
 */
export function customDataOf(ctx: IExecuteFunctions | IWebhookFunctions): CustomData | undefined {
	try {
		const direct = asCustomData((ctx as { customData?: unknown }).customData);
		if (direct) return direct;
	} catch {
		// no run data in this context
	}
	if ('getWorkflowDataProxy' in ctx && typeof ctx.getWorkflowDataProxy === 'function') {
		return asCustomData((ctx.getWorkflowDataProxy(0).$execution as { customData?: unknown } | undefined)?.customData);
	}
	return undefined;
}

/** Whether `key` can be written: it is there already, or fewer than 10 keys are. Unknown (no getAll) counts as yes. */
export function hasRoomFor(data: CustomData, key: string): boolean {
	const all = data.getAll?.();
	return !all || key in all || Object.keys(all).length < CUSTOM_DATA_LIMIT;
}

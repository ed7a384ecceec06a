// "Wait for Webhook": hand Sync this execution's signed resume URL, then pause the execution. n8n keeps a
// waiting execution in its database, so it survives restarts and resumes on whichever process (or queue
// worker) receives Sync's callback. resumeWebhook.ts handles that callback.
import { NodeOperationError, WAIT_INDEFINITELY, type IExecuteFunctions } from 'n8n-workflow';

export const DEFAULT_WEBHOOK_WAIT_SECONDS = 60 * 60;

export function resumeUrlFor(ctx: IExecuteFunctions): string {
	try {
		return ctx.getSignedResumeUrl();
	} catch {
		// Older n8n without signed resume URLs.
		return ctx.getWorkflowDataProxy(0).$execution.resumeUrl as string;
	}
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

export async function pauseUntilWebhook(ctx: IExecuteFunctions, maxWaitSeconds: number | undefined): Promise<void> {
	const waitTill =
		typeof maxWaitSeconds === 'number' && maxWaitSeconds > 0 ? new Date(Date.now() + maxWaitSeconds * 1000) : WAIT_INDEFINITELY;
	await ctx.putExecutionToWait(waitTill);
}

// "Wait for Webhook": hand Sync this execution's resume URL (`$execution.resumeUrl`), then pause the
// execution. n8n keeps a waiting execution in its database, so it survives restarts and resumes on
// whichever process (or queue worker) receives Sync's callback. resumeWebhook.ts handles that callback.
import { NodeOperationError, WAIT_INDEFINITELY, type IExecuteFunctions } from 'n8n-workflow';

export const DEFAULT_WEBHOOK_WAIT_SECONDS = 60 * 60;

export function resumeUrlFor(ctx: IExecuteFunctions): string {
	// `$execution.resumeUrl` (`<base>/webhook-waiting/<executionId>`, plus `?signature=<resume token>` where n8n
	// issues one, as 2.4x does) is the URL n8n's waiting-webhook route resumes a plain waiting node on: it runs
	// the restart webhook (path '') of the last node executed. getSignedResumeUrl() is not usable here: its
	// `/<nodeId>` suffix is taken as a webhook path (404 on n8n 2.8), and on 2.4x its HMAC is only accepted
	// for Send-and-Wait nodes; for any other node n8n compares it with the resume token (401). Checked in
	// test/e2e/action.e2e.test.ts against real n8n 2.8.4 and 2.41.1.
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

export async function pauseUntilWebhook(ctx: IExecuteFunctions, maxWaitSeconds: number | undefined): Promise<void> {
	const waitTill =
		typeof maxWaitSeconds === 'number' && maxWaitSeconds > 0 ? new Date(Date.now() + maxWaitSeconds * 1000) : WAIT_INDEFINITELY;
	await ctx.putExecutionToWait(waitTill);
}

// The action node's side of "Wait for Webhook": Sync calls the execution's resume URL when the generation
// ends. The call is verified exactly like the trigger's deliveries; anything unverified gets 401 and the
// execution keeps waiting. Only the generation this run of the node created resumes it (the URL is the same
// for every Loop Over Items iteration of one execution); any other gets 409 and the wait goes on.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { receiveSignedDelivery } from '../../webhook/receiveSignedDelivery';
import { isTerminalGenerationStatus } from '../../schemas/generation';
import { DEFAULT_TOLERANCE_SECONDS } from '../../webhook/syncSignature';
import { expectedGeneration, finishedWebhookItem, resumeDownloadBounds } from './waitForWebhook';
import { createdAtOf } from '../../schemas/spellings';
import { readerFor } from '../../parameters';
import { description as createParameters } from './create.operation';
import { costCapsFrom, type CostGuardOptions } from '../common/costGuard';
import { lastRunMicros } from '../common/costLedger';
import { usdNumber } from '../../money/microDollars';
import { withResumedLanguage } from './dub.operation';
import { readGenerationShape } from './outputOption';
import { runsAsTool } from '../asTool/runsAsTool';
import { itemsForTheModel } from '../asTool/forTheModel';

export async function resumeOnSyncWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	// Create's options, which Create itself read by the same rules before it paused.
	const options = readerFor(this, undefined, createParameters).collection<
		CostGuardOptions & {
			toleranceSeconds?: number;
			downloadOutput?: boolean;
			binaryPropertyName?: string;
			maxWaitTime?: number;
		}
	>('options');
	// The node's Output choice, read as the router read it before the create (actions/router.ts).
	const shape = readGenerationShape(this);
	const outcome = await receiveSignedDelivery(this, { toleranceSeconds: options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS });
	if (!outcome.accepted) return outcome.response;

	const { event } = outcome;
	const expected = expectedGeneration(this);
	if (expected === undefined) {
		// Only an execution paused by an older version of this node has no stored id: accept as that version did.
		this.logger.debug('Sync Labs resume webhook: no generation ID in execution custom data, accepting the signed delivery');
	}
	if (event.kind !== 'generation' || (expected !== undefined && event.id !== expected)) {
		this.logger.warn('Sync Labs resume webhook refused with 409: the delivery is for another generation, still waiting', {
			kind: event.kind,
			deliveredId: event.id,
			expectedId: expected,
		});
		this.getResponseObject().status(409).json({ message: 'This execution waits for another Sync Labs generation' });
		return { noWebhookResponse: true };
	}
	// Only a finished generation resumes; anything else is acknowledged and the execution keeps waiting.
	if (!isTerminalGenerationStatus(event.status)) {
		this.logger.debug('Sync Labs resume webhook: not a finished generation, still waiting', { status: event.status });
		return { webhookResponse: 'ignored' };
	}

	// Acknowledge before the download: Sync does not retry, so the answer must not wait for (or depend on) storage.
	// With noWebhookResponse n8n sends nothing itself and still runs workflowData (executeWebhook, https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/webhooks/webhook-helpers.ts).
	this.getResponseObject().status(200).json({ message: 'Workflow was started' });
	const payload = event.payload as IDataObject;
	const downloadBounds = resumeDownloadBounds(createdAtOf(payload), options.maxWaitTime);
	const finished = await finishedWebhookItem(this, payload, { ...options, downloadBounds });
	// With a cap set the guard ran in the paused run, which created this one generation and noted its estimate.
	const estimated = costCapsFrom(options) ? lastRunMicros(this) : undefined;
	if (estimated !== undefined) finished.json.estimatedCostUsd = usdNumber(estimated);
	// Dub's options are Create's (dub.operation.ts picks them), read above by the same rules; its item also says the language.
	const operation = this.getNode().parameters.operation;
	const withLanguage = operation === 'dub' ? withResumedLanguage(this, finished) : finished;
	// Shaped as the router shapes what execute() outputs; for a tool, what the model may read.
	const item = { ...withLanguage, json: shape(withLanguage.json) };
	return { noWebhookResponse: true, workflowData: [runsAsTool(this) ? itemsForTheModel([item]) : [item]] };
}

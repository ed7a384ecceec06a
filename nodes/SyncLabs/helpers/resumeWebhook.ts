// The action node's side of "Wait for Webhook": Sync calls the execution's resume URL when the generation
// ends. The call is verified exactly like the trigger's deliveries; anything unverified gets 401 and the
// execution keeps waiting. A verified terminal generation resumes the execution with that generation.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { receiveSignedDelivery } from '../shared/receiveSignedDelivery';
import { isTerminalGenerationStatus } from '../shared/schemas/generation';
import { DEFAULT_TOLERANCE_SECONDS } from '../shared/syncSignature';
import { downloadOutputAsBinary } from './download';
import { normalizedGeneration } from './generationOutput';

export async function resumeOnSyncWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const options = this.getNodeParameter('options', {}) as {
		toleranceSeconds?: number;
		downloadOutput?: boolean;
		binaryPropertyName?: string;
	};
	const outcome = await receiveSignedDelivery(this, { toleranceSeconds: options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS });
	if (!outcome.accepted) return outcome.response;

	const { event } = outcome;
	// Only a finished generation resumes; anything else is acknowledged and the execution keeps waiting.
	if (event.kind !== 'generation' || !isTerminalGenerationStatus(event.status)) {
		this.logger.debug('Sync Labs resume webhook: not a finished generation, still waiting', { status: event.status });
		return { webhookResponse: 'ignored' };
	}

	const json = normalizedGeneration(event.payload as IDataObject);
	if (options.downloadOutput && event.status === 'COMPLETED' && event.outputUrl) {
		const binary = await downloadOutputAsBinary(this, event.outputUrl, event.id, options.binaryPropertyName);
		return { workflowData: [[{ json, binary }]] };
	}
	return { workflowData: [[{ json }]] };
}

// Polls a text-to-speech job until SUCCESS or FAILED (docs/sync-api-2026.md#text-to-speech: Sync asks for a poll
// every 3 seconds with Retry-After). A job's statuses are not a generation's: any status but those two counts
// as running, up to the maximum wait.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { getSpeechJob } from '../../api';
import { sleepUnlessAborted } from '../../transport/retryLoop';
import { isSpeechJobFailed, isSpeechJobSucceeded, type SpeechJob } from '../../schemas/speech';

export interface SpeechPollSettings {
	intervalMs: number;
	maxWaitMs: number;
	/**
	 * The job's key is the Idempotency Key option's, so a run with it returns this job; an automatic key is derived
	 * from the execution, so a new run sends a new key and makes (and bills) a new job.
	 */
	keyGiven: boolean;
}

/** How to get at a job that keeps running or sent no audio, without making another. */
function pickUp(job: SpeechJob, keyGiven: boolean): string {
	if (keyGiven) return 'run the node again with the same "Idempotency Key" and script: Sync then returns this job instead of making another.';
	return `read the job later with GET /v2/tts/jobs/${job.id} (for example with the HTTP Request node and your Sync Labs credential). Running this node again would not: its automatic Idempotency Key is new in each execution, so it would make (and bill) another job.`;
}

function failureText(job: SpeechJob): string {
	const error = job.error as { message?: unknown; code?: unknown } | string | null | undefined;
	if (typeof error === 'string' && error) return error;
	if (error && typeof error === 'object') {
		const parts = [error.code, error.message].filter((part) => typeof part === 'string' && part !== '');
		if (parts.length) return parts.join(': ');
	}
	return 'no reason given';
}

/** The job once it succeeded; an error naming the job when it failed, the wait ran out, or another item failed. */
export async function waitForSpeechJob(
	ctx: IExecuteFunctions,
	first: SpeechJob & IDataObject,
	itemIndex: number,
	settings: SpeechPollSettings,
	stop?: AbortSignal,
	/** Told every state of the job read, so the run's ledger knows it (madeSpeech.ts). */
	seen?: (job: SpeechJob & IDataObject) => void,
): Promise<SpeechJob & IDataObject> {
	const cancel = ctx.getExecutionCancelSignal();
	const startedAt = Date.now();
	let job = first;
	let checks = 0;
	for (;;) {
		seen?.(job);
		if (isSpeechJobSucceeded(job)) {
			// The job's schema allows a null url (it is null until SUCCESS); a success without one is no speech to reuse.
			if (typeof job.url === 'string' && job.url !== '') return job;
			throw new NodeOperationError(ctx.getNode(), `Speech job ${job.id} succeeded but Sync Labs sent no audio URL (item ${itemIndex})`, {
				itemIndex,
				description: `To get its audio, ${pickUp(job, settings.keyGiven)}`,
			});
		}
		if (isSpeechJobFailed(job)) {
			throw new NodeOperationError(ctx.getNode(), `Speech job ${job.id} failed: ${failureText(job)} (item ${itemIndex})`, {
				itemIndex,
				description: 'Sync Labs made no audio. Check the voice and the script, then run the node again.',
			});
		}
		if (Date.now() - startedAt + settings.intervalMs > settings.maxWaitMs) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Speech job ${job.id} did not finish within ${Math.round(settings.maxWaitMs / 1000)} seconds (status ${job.status} after ${checks} checks) (item ${itemIndex})`,
				{
					itemIndex,
					description: `The job keeps running at Sync Labs. Raise "Max Wait Time" for later runs; to get this job's audio, ${pickUp(job, settings.keyGiven)}`,
				},
			);
		}
		await sleepUnlessAborted(settings.intervalMs, [cancel, stop]);
		if (cancel?.aborted) throw new NodeOperationError(ctx.getNode(), `Execution canceled while waiting for speech job ${job.id}`, { itemIndex });
		if (stop?.aborted) {
			throw new NodeOperationError(ctx.getNode(), `Stopped waiting for speech job ${job.id}: another item failed`, { itemIndex });
		}
		job = await getSpeechJob(ctx, job.id, { itemIndex, stop });
		checks++;
	}
}

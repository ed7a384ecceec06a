// Text to speech (docs/sync-api-2026.md#text-to-speech): the answer of the synchronous POST /v2/tts, and the
// job of POST /v2/tts/jobs and GET /v2/tts/jobs/{id}. A job's statuses are its own (PENDING, PROCESSING,
// SUCCESS, FAILED): not a generation's COMPLETED/FAILED/REJECTED, so the two lists are never shared.
import { z } from 'zod';

/** `POST /v2/tts` → `{ id, url, duration }`, all required; `duration` in seconds. */
export const speechSchema = z
	.object({
		id: z.string().min(1),
		url: z.string().min(1),
		duration: z.number(),
	})
	.passthrough();

export type Speech = z.infer<typeof speechSchema>;

/** The documented job statuses; any other is read as "still running" until the maximum wait. */
export const SPEECH_JOB_STATUSES = ['PENDING', 'PROCESSING', 'SUCCESS', 'FAILED'] as const;

export const speechJobSchema = z
	.object({
		id: z.string().min(1),
		status: z.string().min(1),
		createdAt: z.string().nullish(),
		url: z.string().nullish(),
		duration: z.number().nullish(),
		// TtsJobError: fields not documented, kept as sent.
		error: z.unknown().optional(),
		startedAt: z.string().nullish(),
		finishedAt: z.string().nullish(),
	})
	.passthrough();

export type SpeechJob = z.infer<typeof speechJobSchema>;

export function isSpeechJobSucceeded(job: SpeechJob): boolean {
	return job.status.toUpperCase() === 'SUCCESS';
}

export function isSpeechJobFailed(job: SpeechJob): boolean {
	return job.status.toUpperCase() === 'FAILED';
}

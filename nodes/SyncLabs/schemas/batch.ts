// The Sync Labs batch object (GET /v2/batch/{id}, list items, and the batch webhook payload).
import { z } from 'zod';

export const TERMINAL_BATCH_STATUSES = ['COMPLETED', 'FAILED'] as const;

export const batchMetricsSchema = z
	.object({
		total_generations: z.number().nullish(),
		success_count: z.number().nullish(),
		failed_count: z.number().nullish(),
		pending_count: z.number().nullish(),
	})
	.passthrough();

export const batchSchema = z
	.object({
		id: z.string().min(1),
		status: z.string().min(1),
		created_at: z.string().nullish(),
		metrics: batchMetricsSchema,
		outputUrl: z.string().nullish(),
		webhookUrl: z.string().nullish(),
		webhook_url: z.string().nullish(),
		error: z.string().nullish(),
		errorCode: z.string().nullish(),
		error_code: z.string().nullish(),
	})
	.passthrough();

export type Batch = z.infer<typeof batchSchema>;

export function isTerminalBatchStatus(status: string): boolean {
	return (TERMINAL_BATCH_STATUSES as readonly string[]).includes(status.toUpperCase());
}

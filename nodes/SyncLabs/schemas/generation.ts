// The Sync Labs generation object (GET /v2/generate/{id}, list items, and the generation webhook payload).
// Unknown fields are kept (passthrough): the API grows, and users must see everything Sync sent.
import { z } from 'zod';

/** Statuses after which a generation never changes again (CANCELED and TIMED_OUT are legacy). */
export const TERMINAL_GENERATION_STATUSES = ['COMPLETED', 'FAILED', 'REJECTED', 'CANCELED', 'TIMED_OUT'] as const;

export const generationInputSchema = z
	.object({
		type: z.string(),
		url: z.string().nullish(),
		assetId: z.string().nullish(),
	})
	.passthrough();

export const generationSchema = z
	.object({
		id: z.string().min(1),
		status: z.string().min(1),
		createdAt: z.string().nullish(),
		model: z.string().nullish(),
		input: z.array(generationInputSchema),
		options: z.record(z.unknown()).nullish(),
		outputUrl: z.string().nullish(),
		outputMediaUrl: z.string().nullish(),
		outputDuration: z.number().nullish(),
		segmentOutputUrl: z.string().nullish(),
		webhookUrl: z.string().nullish(),
		error: z.string().nullish(),
		errorCode: z.string().nullish(),
		error_code: z.string().nullish(),
	})
	.passthrough();

export type Generation = z.infer<typeof generationSchema>;

export function isTerminalGenerationStatus(status: string): boolean {
	return (TERMINAL_GENERATION_STATUSES as readonly string[]).includes(status.toUpperCase());
}


// The Sync Labs model object (GET /v2/models).
import { z } from 'zod';

export const modelSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		type: z.string().nullish(),
		version: z.string().nullish(),
		description: z.string().nullish(),
		deprecatedAt: z.string().nullish(),
	})
	.passthrough();

export const modelListSchema = z.array(modelSchema);

export type Model = z.infer<typeof modelSchema>;

// The Sync Labs project (POST /v2/projects, GET /v2/projects/{id}, the items of GET /v2/projects):
// docs/sync-api-2026.md#projects. The list's item fields are not documented, so only `id` is required and
// everything Sync sends is kept.
import { z } from 'zod';

export type ProjectVisibility = 'USER' | 'ORGANIZATION';
export type ProjectMode = 'CREATOR' | 'DEVELOPER';

export const projectSchema = z
	.object({
		id: z.string().min(1),
		createdAt: z.string().nullish(),
		updatedAt: z.string().nullish(),
		visibility: z.string().nullish(),
		mode: z.string().nullish(),
		name: z.string().nullish(),
		description: z.string().nullish(),
		defaultWorkflow: z.string().nullish(),
	})
	.passthrough();

export type Project = z.infer<typeof projectSchema>;

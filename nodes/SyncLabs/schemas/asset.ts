// The Sync Labs asset object (GET /v2/assets/{id}, list pages, POST /v2/assets) and the presigned-upload answer
// of POST /v2/assets/upload (docs/sync-api.md#assets, #asset-upload).
import { z } from 'zod';

export type AssetType = 'AUDIO' | 'IMAGE' | 'VIDEO';

export const assetSchema = z
	.object({
		id: z.string().min(1),
		createdAt: z.string().nullish(),
		updatedAt: z.string().nullish(),
		type: z.string().min(1),
		visibility: z.string().nullish(),
		name: z.string().nullish(),
		url: z.string().nullish(),
		size: z.number().nullish(),
		format: z.string().nullish(),
		inputType: z.string().nullish(),
		durationSeconds: z.number().nullish(),
		thumbnailUrl: z.string().nullish(),
		width: z.number().nullish(),
		height: z.number().nullish(),
	})
	.passthrough();

export type Asset = z.infer<typeof assetSchema>;

export const assetPageSchema = z
	.object({
		items: z.array(assetSchema),
		nextCursor: z.string().nullish(),
		totalCount: z.number().nullish(),
	})
	.passthrough();

export const presignedUploadSchema = z
	.object({
		uploadUrl: z.string().url(),
		url: z.string().min(1),
		expiresIn: z.number().nullish(),
	})
	.passthrough();

// The account behind the credential (GET /v2/account): docs/sync-api-2026.md#account. Only the top-level names
// are documented; `account` is null for a key without an owner, and plan, limits and balance have no documented
// shape and can be missing when Sync's lookup fails, so everything is optional and kept as Sync sends it.
import { z } from 'zod';

export const accountSchema = z
	.object({
		account: z.unknown().optional(),
		organization: z.unknown().optional(),
		credentialType: z.string().nullish(),
		billingModel: z.string().nullish(),
		billingUrl: z.string().nullish(),
		plan: z.unknown().optional(),
		limits: z.unknown().optional(),
		balance: z.unknown().optional(),
	})
	.passthrough();

export type Account = z.infer<typeof accountSchema>;

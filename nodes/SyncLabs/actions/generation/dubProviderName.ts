// Whether Sync expects `dubParams.providerName` is unknown: Sync's video-dubbing guide sends "elevenlabs", its
// dubbing tutorial does not list the field (docs/sync-api-2026.md#dubbing). The node sends none, and when Sync's 400
// names that field, sends the create once more with the provider the guide shows. A 400 created nothing; the second
// create carries its own key, derived from the first (so a Retry On Fail derives the same one), because whether
// Sync keeps a key it refused with a 400 is not documented.
import { SyncApiError } from '../../transport';
import { apiErrorMessage } from '../../schemas/apiError';
import { nameBasedUuid } from '../project/projectId';
import type { DubCreate } from './dubRequest';

/** The provider Sync's guide names (docs/sync-api-2026.md#dubbing). */
const GUIDE_PROVIDER = 'elevenlabs';

/** Whether Sync refused this create with a 400 that names `providerName`, which the create did not send. */
export function asksForProviderName(error: unknown, create: DubCreate): boolean {
	if (!(error instanceof SyncApiError) || error.statusCode !== 400) return false;
	if ((create.body.dubParams as { providerName?: unknown } | undefined)?.providerName !== undefined) return false;
	return /providerName/i.test(`${error.body.field ?? ''} ${apiErrorMessage(error.body)}`);
}

export function withProviderName(create: DubCreate): DubCreate {
	return {
		...create,
		body: { ...create.body, dubParams: { ...(create.body.dubParams as object), providerName: GUIDE_PROVIDER } },
		idempotencyKey: nameBasedUuid(`dub-provider:${create.idempotencyKey}`),
	};
}

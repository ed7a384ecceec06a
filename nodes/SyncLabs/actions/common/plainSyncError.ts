// Says a Sync refusal plainly where the operation knows what it means (a name taken, an hourly limit, a foreign
// project id): the error keeps Sync's body, code and HTTP status (error output, actions/common/itemErrors.ts),
// only its sentence and hint change.
import { SyncApiError } from '../../transport';

/** Sync's refusal with this status (and, if given, one of these error codes); undefined for anything else. */
export function syncRefusal(error: unknown, status: number, codes?: readonly string[]): SyncApiError | undefined {
	if (!(error instanceof SyncApiError) || error.statusCode !== status) return undefined;
	if (codes && !codes.includes(error.errorCode ?? '')) return undefined;
	return error;
}

/** The same error with `message` and `description` in place of Sync's; Sync's own text stays in the hint. */
export function saidPlainly(error: SyncApiError, message: string, description: string): SyncApiError {
	const sync = error.message;
	error.message = message;
	error.description = `${description} (${sync})`;
	return error;
}

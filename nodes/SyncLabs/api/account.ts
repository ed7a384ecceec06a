// The account behind the credential: GET /v2/account (docs/sync-api-2026.md#account). A read, safe to repeat.
import type { IDataObject } from 'n8n-workflow';
import type { SyncContext } from '../transport';
import { accountSchema, type Account } from '../schemas/account';
import { send, type CallOptions } from './send';
import { strictObject } from './read';

/** `GET /v2/account`: plan, billing model, limits and balance as Sync gives them; strict only about being an object. */
export async function getAccount(ctx: SyncContext, call: CallOptions = {}): Promise<Account & IDataObject> {
	const answer = await send(ctx, { method: 'GET', path: '/v2/account', repeatable: true }, call);
	return strictObject(ctx, accountSchema, answer, 'account', call.itemIndex);
}

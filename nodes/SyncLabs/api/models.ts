// Models (docs/sync-api.md#quirks, item 17): one unpaged list of the models the account can use.
import type { IDataObject } from 'n8n-workflow';
import type { SyncContext } from '../transport';
import { modelSchema, type Model } from '../schemas/model';
import { send, type CallOptions } from './send';
import { strictList } from './read';

/** `GET /v2/models`: strict. */
export async function listModels(ctx: SyncContext, call: CallOptions = {}): Promise<Array<Model & IDataObject>> {
	const answer = await send(ctx, { method: 'GET', path: '/v2/models', repeatable: true }, call);
	return strictList(ctx, modelSchema, answer, 'model', call.itemIndex);
}

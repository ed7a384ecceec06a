// Account → Get: the account, organization, plan, billing model, limits and balance behind the credential, as
// Sync gives them (docs/sync-api-2026.md#account: only the top-level names are documented, so nothing is
// renamed or dropped). docs/costs.md.
import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getAccount } from '../../api';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, stop: AbortSignal): Promise<INodeExecutionData[]> {
	return [{ json: await getAccount(this, { itemIndex, stop }) }];
}

// Account → Get: GET /v2/account once, its answer output exactly as Sync gives it (only its top-level names are
// documented), under each account switch of the emulator (docs/sync-api-2026.md#account).
import type { IDataObject } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';

const API_KEY = 'account-key';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 2, processingMs: 3 });
});
afterEach(() => {
	emulator.reset();
	Object.assign(emulator.config, { plan: 'scale', billingModel: undefined, accountOwnerless: false, accountOmitsLimits: false, creditBalanceUsd: 100 });
});
afterAll(async () => emulator.stop());

const getAccount = async () => await runNode({ parameters: { resource: 'account', operation: 'get' }, credentials: { apiKey: API_KEY, baseUrl: emulator.url } });

async function direct(): Promise<IDataObject> {
	const response = await fetch(`${emulator.url}/v2/account`, { headers: { 'x-api-key': API_KEY } });
	return (await response.json()) as IDataObject;
}

describe('Account → Get', () => {
	it('reads GET /v2/account once, with the API key and no organization header', async () => {
		const result = await getAccount();
		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((r) => [r.method, r.path, r.status])).toEqual([['GET', '/v2/account', 200]]);
		expect(emulator.requests[0].headers['x-sync-organization-id']).toBeUndefined();
	});

	it.each([
		['a usage-billed plan', {}],
		['credits', { billingModel: 'credits', creditBalanceUsd: 12.5 }],
		['the free plan', { plan: 'free' }],
		['an enterprise plan', { plan: 'enterprise' }],
		['a key without an owner', { accountOwnerless: true }],
		['plan, limits and balance missing (their lookup failed)', { accountOmitsLimits: true }],
	])('outputs the account of %s exactly as Sync gives it', async (_name, config) => {
		Object.assign(emulator.config, config);
		const result = await getAccount();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual(await direct());
	});

	it('keeps the balance of a credits account as Sync writes it, and null for a key without an owner', async () => {
		Object.assign(emulator.config, { billingModel: 'credits', creditBalanceUsd: 12.5, accountOwnerless: true });
		const [item] = (await getAccount()).items;
		expect(item.json).toMatchObject({ account: null, billingModel: 'credits', balance: { balance: '12.500000', available: '12.500000', inFlight: '0.000000' } });
	});
});

// The owner account of a harness n8n: set up on a fresh database (or logged in to on a kept one), and the
// public API key the instance's api() uses.
import type { Fail, N8nClient } from './client.cjs';
import type { OwnerAccount } from './n8nTypes.cjs';

export const OWNER: OwnerAccount = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2ePassw0rd!',
};

/**
 * Sets up the owner (or logs in when one exists), logs in, and creates an API key with every scope; with
 * `apiKeyLabel`, the owner's keys with that label are deleted first. Returns the raw key.
 */
export async function setUpOwner(
	rest: N8nClient['rest'],
	owner: OwnerAccount,
	apiKeyLabel: string | undefined,
	fail: Fail,
): Promise<string> {
	const setup = await rest('POST', '/owner/setup', owner);
	if (setup.status !== 200) {
		const login = await rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		if (login.status !== 200) fail(`owner setup (${setup.status}) and login (${login.status}) failed`);
	}
	const login = await rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	if (login.status !== 200) fail(`login failed: HTTP ${login.status} ${JSON.stringify(login.body)}`);
	const scopes = await rest<{ data: string[] }>('GET', '/api-keys/scopes');
	if (scopes.status !== 200) fail(`api-key scopes: HTTP ${scopes.status}`);
	if (apiKeyLabel !== undefined) {
		// one key per label, not one more per start of a kept user folder
		// n8n 2.8 answers { data: [...] }; 2.41 pages it, { data: { items: [...] } }
		// (getRedactedApiKeys, https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/services/public-api-key.service.ts)
		type Key = { id: string; label: string };
		const existing = await rest<{ data: Key[] | { items: Key[] } }>('GET', '/api-keys');
		const data = existing.status === 200 ? existing.body.data : [];
		for (const k of Array.isArray(data) ? data : (data?.items ?? [])) {
			if (k.label === apiKeyLabel) await rest('DELETE', `/api-keys/${k.id}`);
		}
	}
	const key = await rest<{ data: { rawApiKey: string } }>('POST', '/api-keys', {
		label: apiKeyLabel ?? `e2e-${Date.now()}`,
		scopes: scopes.body.data,
		expiresAt: null,
	});
	if (key.status !== 200 || !key.body?.data?.rawApiKey) {
		fail(`creating API key: HTTP ${key.status} ${JSON.stringify(key.body)}`);
	}
	return key.body.data.rawApiKey;
}

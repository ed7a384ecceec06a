// Smoke: the packed package loads into a real n8n as a community package (n8n-nodes-synclabs.* types),
// with no node_modules of its own (zod and n8n-workflow come from n8n, as in production).
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { ALL_EVENTS, CREDENTIAL, webhookPath, WORKFLOWS } from './fixtures/trigger.cjs';
import { N8nInstance, startN8n } from './harness/index.cjs';

let n8n: N8nInstance;

beforeAll(async () => {
	// The CLI import route (import:credentials / import:workflow before start) is exercised here; the other
	// scenarios use the default REST route.
	n8n = await startN8n({
		importVia: 'cli',
		credentials: [CREDENTIAL],
		workflows: [WORKFLOWS[0]],
		vars: { SYNC_BASE_URL: 'http://127.0.0.1:9' },
		waitForWebhooks: [webhookPath(ALL_EVENTS.webhookId)],
	});
});

afterAll(async () => {
	await n8n?.stop();
});

it('n8n serves the package node and credential types', async () => {
	const nodesRes = await n8n.authed<Array<{ name: string }>>('GET', '/types/nodes.json');
	expect(nodesRes.status).toBe(200);
	const nodes = nodesRes.body;
	const names = nodes.map((n) => n.name).filter((n) => n.startsWith('n8n-nodes-synclabs.'));
	const pkg = JSON.parse(readFileSync(join(n8n.packageDir, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	expect(names.length).toBeGreaterThanOrEqual(1);
	expect(names).toContain('n8n-nodes-synclabs.syncLabsTrigger');
	// every node file the package declares is loaded (type name = class name with a lower-case first letter)
	const declared = pkg.n8n.nodes.map((f) => {
		const cls = f.split('/').pop()!.replace(/\.node\.js$/, '');
		return `n8n-nodes-synclabs.${cls[0].toLowerCase()}${cls.slice(1)}`;
	});
	expect(names).toEqual(expect.arrayContaining(declared));

	const credentials = await n8n.authed<Array<{ name: string }>>('GET', '/types/credentials.json');
	expect(credentials.status).toBe(200);
	expect(credentials.body.map((c) => c.name)).toContain('syncLabsApi');
});

it("n8n keeps each node's codex: search aliases, categories and the documentation links", async () => {
	const nodesRes = await n8n.authed<Array<{ name: string; codex?: { alias?: string[]; categories?: string[]; resources?: { primaryDocumentation?: Array<{ url: string }> } } }>>(
		'GET',
		'/types/nodes.json',
	);
	// n8n also derives an AI-tool variant (syncLabsTool) from usableAsTool, with a codex of its own.
	const ours = nodesRes.body.filter((n) => n.name.startsWith('n8n-nodes-synclabs.') && !n.name.endsWith('Tool'));
	expect(ours.length).toBeGreaterThanOrEqual(3);
	for (const node of ours) {
		expect({ name: node.name, alias: node.codex?.alias }).toEqual({ name: node.name, alias: expect.arrayContaining(['lip sync', 'lipsync', 'dubbing']) });
		expect(node.codex?.categories).toEqual(expect.arrayContaining(['Marketing']));
		expect(node.codex?.resources?.primaryDocumentation?.[0]?.url).toMatch(/^https:\/\/github\.com\/synclabs-n8n\/n8n-nodes-synclabs(#|\/blob\/main\/docs\/)/);
	}
});

it('the installed package has no runtime dependencies of its own (no zod, no n8n-workflow)', () => {
	const pkg = JSON.parse(readFileSync(join(n8n.packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
	expect(pkg.dependencies ?? {}).toEqual({});
	expect(existsSync(join(n8n.packageDir, 'node_modules', 'zod'))).toBe(false);
	expect(existsSync(join(n8n.packageDir, 'node_modules', 'n8n-workflow'))).toBe(false);
	// the nodes dir holds nothing but the package (peer dependencies were not installed next to it)
	expect(existsSync(join(n8n.runDir, '.n8n', 'nodes', 'node_modules', 'zod'))).toBe(false);
	expect(existsSync(join(n8n.runDir, '.n8n', 'nodes', 'node_modules', 'n8n-workflow'))).toBe(false);
	expect(n8n.log()).not.toMatch(/Cannot find module/);
});

it('a CLI-imported workflow using the trigger is active, and its credential kept its id', async () => {
	const wf = await n8n.api<{ id: string; active: boolean }>('GET', `/workflows/${ALL_EVENTS.id}`);
	expect(wf.status).toBe(200);
	expect(wf.body.active).toBe(true);
	expect(n8n.credentialIds[CREDENTIAL.id]).toBe(CREDENTIAL.id);
});

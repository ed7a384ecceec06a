// Smoke: the packed package loads into a real n8n as a community package (n8n-nodes-synclabs.* types),
// with no node_modules of its own (zod and n8n-workflow come from n8n, as in production). Also what the
// harness promises about every n8n it starts (its scratch files stay in its run dir), and the credential's
// API key as real n8n's credential test sends it.
import { randomBytes } from 'crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
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

/** Regular files directly in `dir`, or in its subfolders, changed since `sinceMs`, whose bytes contain `marker`. */
function filesContaining(dir: string, marker: Buffer, sinceMs: number, depth = 1): string[] {
	const found: string[] = [];
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return found;
	}
	for (const name of names) {
		const file = join(dir, name);
		try {
			const info = statSync(file);
			if (info.isDirectory() && depth > 0) found.push(...filesContaining(file, marker, sinceMs, depth - 1));
			else if (info.isFile() && info.mtimeMs >= sinceMs && info.size < 1024 * 1024 && readFileSync(file).includes(marker)) found.push(file);
		} catch {
			// removed meanwhile, or not ours to read
		}
	}
	return found;
}

it("n8n's scratch folder for data-table uploads, made at start-up in os.tmpdir(), is in its run dir", () => {
	expect(existsSync(join(n8n.runDir, 'tmp', 'n8nDataTableUploads'))).toBe(true);
});

// n8n 2.8 leaves a parsed multipart upload where formidable wrote it (os.tmpdir()); 2.41 removes it after the request.
it("n8n writes a multipart delivery's upload into its run dir's temp folder, never the system one", async () => {
	const since = Date.now() - 1000;
	const marker = Buffer.from(`synclabs-smoke-upload-${randomBytes(8).toString('hex')}`);
	const boundary = '----smokeboundary';
	const body = Buffer.concat([
		Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="clip.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
		marker,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	]);
	const res = await fetch(n8n.webhookUrl(webhookPath(ALL_EVENTS.webhookId)), {
		method: 'POST',
		headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
		body,
	});
	expect(res.status).toBe(401);
	expect(filesContaining(tmpdir(), marker, since)).toEqual([]);
	if (n8n.version.startsWith('2.8.')) expect(filesContaining(join(n8n.runDir, 'tmp'), marker, since)).toHaveLength(1);
});

it("n8n's credential test sends an API key pasted with surrounding whitespace without it", async () => {
	const seen: Array<string | string[] | undefined> = [];
	const api = http.createServer((req, res) => {
		seen.push(req.headers['x-api-key']);
		res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
	});
	await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
	try {
		const baseUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
		const tested = await n8n.rest<{ data: { status: string; message?: string } }>('POST', '/credentials/test', {
			credentials: { id: CREDENTIAL.id, name: CREDENTIAL.name, type: CREDENTIAL.type, data: { ...CREDENTIAL.data, apiKey: '\u00a0sk-e2e-pasted \n', baseUrl } },
		});
		expect(tested.status).toBe(200);
		expect(tested.body.data).toMatchObject({ status: 'OK' });
		expect(seen).toEqual(['sk-e2e-pasted']);
	} finally {
		api.close();
	}
});

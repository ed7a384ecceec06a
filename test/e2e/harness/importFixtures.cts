// Getting fixtures into a harness n8n and live: `__NAME__` substitution, import through the CLI (server
// stopped) or the editor's REST endpoints (server up), and activation with the webhooks waited for.
import { writeFileSync } from 'fs';
import { join } from 'path';
import type { N8nCli } from './cli.cjs';
import type { Fail, N8nClient } from './client.cjs';
import type { CredentialFixture, WorkflowFixture } from './n8nTypes.cjs';

/** Replaces `__NAME__` tokens in every string of a JSON value. */
export function substitute<T>(value: T, vars: Record<string, string>): T {
	const text = JSON.stringify(value).replace(/__([A-Z][A-Z0-9_]*)__/g, (m, name: string) =>
		name in vars ? JSON.stringify(vars[name]).slice(1, -1) : m,
	);
	return JSON.parse(text) as T;
}

/**
 * `n8n import:credentials` / `import:workflow` before the server starts (credential ids kept, recorded in
 * `credentialIds`; workflows inactive, activated later); `lap` is called after each import that ran.
 */
export async function importViaCli(opts: {
	cli: N8nCli;
	runDir: string;
	credentials: CredentialFixture[];
	workflows: WorkflowFixture[];
	credentialIds: Record<string, string>;
	lap: (name: string) => void;
}): Promise<void> {
	const { cli, runDir, credentials, workflows, credentialIds, lap } = opts;
	if (credentials.length > 0) {
		for (const c of credentials) credentialIds[c.id] = c.id;
		const file = join(runDir, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		await cli(['import:credentials', `--input=${file}`]);
		lap('import:credentials');
	}
	if (workflows.length > 0) {
		const file = join(runDir, 'workflows.json');
		writeFileSync(
			file,
			JSON.stringify(
				workflows.map((wf) => ({
					settings: { executionOrder: 'v1' },
					pinData: {},
					...wf,
					active: false,
				})),
				null,
				2,
			),
		);
		await cli(['import:workflow', `--input=${file}`]);
		lap('import:workflow');
	}
}

/**
 * `POST /rest/credentials` and `POST /rest/workflows` on the running server: n8n assigns the credential ids
 * (recorded in `credentialIds`), so the workflows' node credential references are rewritten to them; the
 * fixed workflow ids are kept. Returns the workflows as created (rewritten references).
 */
export async function importViaRest(opts: {
	rest: N8nClient['rest'];
	credentials: CredentialFixture[];
	workflows: WorkflowFixture[];
	credentialIds: Record<string, string>;
	fail: Fail;
}): Promise<WorkflowFixture[]> {
	const { rest, credentials, credentialIds, fail } = opts;
	for (const c of credentials) {
		const r = await rest<{ data: { id: string } }>('POST', '/credentials', {
			name: c.name,
			type: c.type,
			data: c.data,
		});
		if (r.status !== 200) fail(`creating credential ${c.name}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
		credentialIds[c.id] = r.body.data.id;
	}
	const workflows = opts.workflows.map((wf) => ({
		...wf,
		nodes: wf.nodes.map((node) => ({
			...node,
			...(node.credentials
				? {
						credentials: Object.fromEntries(
							Object.entries(node.credentials as Record<string, { id?: string; name?: string }>).map(
								([type, ref]) => [type, { ...ref, id: (ref.id && credentialIds[ref.id]) || ref.id }],
							),
						),
					}
				: {}),
		})),
	}));
	for (const { ...wf } of workflows) {
		delete wf.active; // activation is its own call (activateFixtures); the create body carries none
		const r = await rest('POST', '/workflows', {
			settings: { executionOrder: 'v1' },
			pinData: {},
			...wf,
		});
		if (r.status !== 200) fail(`creating workflow ${wf.id}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
	}
	return workflows;
}

/**
 * Activates every workflow not marked `active: false` (takes effect at once on the running server), then
 * waits for each of `waitForWebhooks` (substituted with `vars`) to be served.
 */
export async function activateFixtures(
	client: Pick<N8nClient, 'activate' | 'waitForWebhook'>,
	workflows: WorkflowFixture[],
	waitForWebhooks: string[],
	vars: Record<string, string>,
): Promise<void> {
	for (const wf of workflows) if (wf.active !== false) await client.activate(wf.id);
	for (const path of waitForWebhooks) await client.waitForWebhook(substitute(path, vars));
}

// Starts a real n8n (cached install, see install-n8n.sh) with the packed n8n-nodes-synclabs loaded as a
// community package, imports credentials and workflows, activates them, and reads executions back through
// n8n's public REST API. Everything listens on 127.0.0.1 only; only the processes started here are stopped.
// The start-up phases live next to this file, one a file: userFolder (run dir, package install), n8nEnv
// (ports, substitutions, environment), cli, dbTemplate, server (spawn, readiness), owner (owner, API key),
// importFixtures (CLI/REST import, activation), client (the instance's HTTP side).
import { existsSync, readFileSync } from 'fs';
import { n8nCli } from './cli.cjs';
import { createN8nClient, type Fail } from './client.cjs';
import { seedDatabase } from './dbTemplate.cjs';
import { activateFixtures, importViaCli, importViaRest, substitute } from './importFixtures.cjs';
import { allocatePorts, assertPortFree, baseUrlOf, fixtureVars, n8nEnv } from './n8nEnv.cjs';
import type { N8nInstance, StartOptions } from './n8nTypes.cjs';
import { OWNER, setUpOwner } from './owner.cjs';
import { ensureInstalled, selectedVersion } from './paths.cjs';
import type { GroupProcess } from './processGroup.cjs';
import { spawnServer, waitForReady } from './server.cjs';
import { createUserFolder, installIntoUserFolder, markTestsFailed, releaseUserFolder, type UserFolder } from './userFolder.cjs';

export type {
	CredentialFixture,
	ExecutionData,
	ExecutionSummary,
	N8nInstance,
	OwnerAccount,
	StartOptions,
	WorkflowFixture,
	WorkflowNodeFixture,
} from './n8nTypes.cjs';
export { nodeOutput, probeWebhookUntilServed } from './client.cjs';
export { substitute } from './importFixtures.cjs';
export { OWNER } from './owner.cjs';

export async function startN8n(options: StartOptions = {}): Promise<N8nInstance> {
	const version = options.version ?? selectedVersion();
	const install = ensureInstalled(version);
	const { lap, timings } = lapTimer();

	const folder = createUserFolder(version, options.runDir);
	await assertPortFree(options.port);
	const { logFile, packageDir } = installIntoUserFolder(folder);
	const { runDir } = folder;
	lap('package');

	const ports = await allocatePorts(options.port);
	const { port } = ports;
	const baseUrl = baseUrlOf(port);
	const vars = fixtureVars(port, options.vars);
	const env = n8nEnv({ install, version, runDir, ports, extra: options.env });
	const cli = n8nCli(install, runDir, env, ports.cliBrokerPort);

	if (await seedDatabase({ install, env, runDir, persistent: folder.persistent, useDbTemplate: options.useDbTemplate })) {
		lap('db-template');
	}

	const importVia = options.importVia ?? 'rest';
	const credentials = substitute(options.credentials ?? [], vars);
	let workflows = substitute(options.workflows ?? [], vars);
	const credentialIds: Record<string, string> = {};
	if (importVia === 'cli') await importViaCli({ cli, runDir, credentials, workflows, credentialIds, lap });

	const server = spawnServer(install, runDir, env, logFile);
	const fail = failWithLog(version, logFile);
	const client = createN8nClient({ baseUrl, install, fail, isExited: () => server.isExited() });
	const stop = stopOnce(server, folder, { version, logFile, keepRunDir: options.keepRunDir, stopGraceMs: options.stopGraceMs });

	try {
		await waitForReady(server, baseUrl, version, fail);
		lap('start→ready');
		client.setApiKey(await setUpOwner(client.rest, options.owner ?? OWNER, options.apiKeyLabel, fail));
		lap('owner+apiKey');
		if (importVia === 'rest') {
			workflows = await importViaRest({ rest: client.rest, credentials, workflows, credentialIds, fail });
			lap('import(rest)');
		}
		await activateFixtures(client, workflows, options.waitForWebhooks ?? [], vars);
		lap('activate+webhooks');
	} catch (error) {
		markTestsFailed();
		await stop();
		throw error;
	}

	if (process.env.SYNCLABS_E2E_VERBOSE === '1') {
		process.stderr.write(`[e2e] n8n ${version} up at ${baseUrl}: ${JSON.stringify(timings)}\n`);
	}

	return {
		version,
		install,
		runDir,
		logFile,
		port,
		baseUrl,
		get apiKey() {
			return client.apiKey;
		},
		packageDir,
		credentialIds,
		webhookUrl: client.webhookUrl,
		executions: client.executions,
		waitForExecutions: client.waitForExecutions,
		api: client.api,
		rest: client.rest,
		authed: client.authed,
		activate: client.activate,
		deactivate: client.deactivate,
		waitForWebhook: client.waitForWebhook,
		cli,
		log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
		stop,
	};
}

/** Start-up timings by phase (printed with SYNCLABS_E2E_VERBOSE=1): `lap(name)` records the time since the last. */
function lapTimer(): { lap: (name: string) => void; timings: Record<string, number> } {
	const timings: Record<string, number> = {};
	let t0 = Date.now();
	const lap = (name: string) => {
		timings[name] = Date.now() - t0;
		t0 = Date.now();
	};
	return { lap, timings };
}

function tail(file: string, lines = 60): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/** Errors of a running instance carry the tail of its log. */
function failWithLog(version: string, logFile: string): Fail {
	return (message: string): never => {
		throw new Error(`${message}\n--- n8n ${version} log (${logFile}) ---\n${tail(logFile)}`);
	};
}

/** stop(): SIGTERM, `stopGraceMs` (default 30 s), SIGKILL to n8n's process group; then the user folder released. Once only. */
function stopOnce(
	server: GroupProcess,
	folder: UserFolder,
	info: { version: string; logFile: string; keepRunDir?: boolean; stopGraceMs?: number },
): () => Promise<void> {
	let stopped = false;
	return async function stop(): Promise<void> {
		if (stopped) return;
		stopped = true;
		const stopStart = Date.now();
		// ends with SIGKILL to the group: the task runner shares it, so nothing of ours is left behind
		await server.stop({ signal: 'SIGTERM', graceMs: info.stopGraceMs ?? 30_000 });
		if (process.env.SYNCLABS_E2E_VERBOSE === '1') {
			process.stderr.write(`[e2e] n8n ${info.version} stopped in ${Date.now() - stopStart} ms\n`);
		}
		releaseUserFolder(folder, info);
	};
}

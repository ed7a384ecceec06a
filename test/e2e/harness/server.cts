// The `n8n start` process of a harness n8n: spawned in its own process group (stop() ends n8n and its task
// runner together), and waited for until it serves the editor's first endpoint.
import { type Fail, sleep } from './client.cjs';
import type { N8nInstall } from './paths.cjs';
import { type GroupProcess, spawnGroup } from './processGroup.cjs';

export function spawnServer(install: N8nInstall, runDir: string, env: Record<string, string>, logFile: string): GroupProcess {
	// own process group, so stop() ends n8n and its task runner together
	return spawnGroup(install.nodeBin, [install.n8nBin, 'start'], { cwd: runDir, env, logFile });
}

/** Polls until `/healthz/readiness` and `/rest/settings` answer 200; fails when n8n exits or after 120 s. */
export async function waitForReady(server: GroupProcess, baseUrl: string, version: string, fail: Fail): Promise<void> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (server.isExited()) fail(`n8n ${version} exited during start-up (code ${server.child.exitCode})`);
		if (Date.now() > deadline) fail(`n8n ${version} not ready after 120 s`);
		try {
			const res = await fetch(`${baseUrl}/healthz/readiness`);
			await res.arrayBuffer();
			if (res.status === 200) {
				// Readiness can be 200 while migrations still run and before /rest is mounted (2.8.4 with
				// a fresh DB): also wait for the public settings endpoint the editor loads first.
				const settings = await fetch(`${baseUrl}/rest/settings`);
				await settings.arrayBuffer();
				if (settings.status === 200) break;
			}
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
}

// n8n CLI commands (`n8n import:workflow`, `n8n execute`, ...) against one harness n8n's user folder, on their
// own task-broker port so they can run while the server is up.
import { execFile } from 'child_process';
import type { N8nInstall } from './paths.cjs';

export type N8nCli = (args: string[]) => Promise<string>;

/** Runs `n8n <args>` with the instance's environment; resolves with stdout, rejects with stdout and stderr. */
export function n8nCli(install: N8nInstall, runDir: string, env: Record<string, string>, cliBrokerPort: number): N8nCli {
	return (args: string[]): Promise<string> =>
		new Promise((resolveCli, reject) => {
			execFile(
				install.nodeBin,
				[install.n8nBin, ...args],
				{
					cwd: runDir,
					env: { ...env, N8N_RUNNERS_BROKER_PORT: String(cliBrokerPort) },
					timeout: 120_000,
					maxBuffer: 64 * 1024 * 1024,
				},
				(error, stdout, stderr) => {
					if (error) {
						reject(new Error(`n8n ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
					} else resolveCli(stdout);
				},
			);
		});
}

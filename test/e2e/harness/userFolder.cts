// n8n's user folder (N8N_USER_FOLDER) for one startN8n: a fresh temp dir or the caller's persistent one, always
// outside the repository, with the packed package installed as a community package; kept or removed at stop.
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { scratchDirOf } from './n8nEnv.cjs';
import { installPackage, packPackage } from './pack.cjs';
import { PACKAGE_NAME, REPO_ROOT } from './paths.cjs';

export interface UserFolder {
	runDir: string;
	/** The caller's folder (StartOptions.runDir): never removed here. */
	persistent: boolean;
}

/** `runDir` (StartOptions.runDir) when given, created when missing, else a fresh temp dir. */
export function createUserFolder(version: string, runDir?: string): UserFolder {
	const persistent = runDir !== undefined;
	// Outside the repository, so the repo's node_modules is not on the package's module lookup chain.
	const dir = persistent ? resolve(runDir as string) : mkdtempSync(join(tmpdir(), `synclabs-e2e-n8n-${version}-`));
	if (dir.startsWith(REPO_ROOT)) throw new Error(`run dir ${dir} must be outside the repository`);
	if (persistent) mkdirSync(dir, { recursive: true });
	return { runDir: dir, persistent };
}

/**
 * Makes the folder ready for n8n: the Read/Write Files node's dir, and the packed package installed fresh
 * (a kept folder's previous install removed first). Returns n8n's log file and the package's install dir.
 */
export function installIntoUserFolder({ runDir, persistent }: UserFolder): { logFile: string; packageDir: string } {
	const logFile = join(runDir, 'n8n.log');
	mkdirSync(join(runDir, 'files'), { recursive: true }); // default N8N_RESTRICT_FILE_ACCESS_TO (Read/Write Files node)
	mkdirSync(scratchDirOf(runDir), { recursive: true }); // n8n's TMPDIR (n8nEnv.cts)
	// a kept user folder gets the current build, not a merge of it with the previous one
	if (persistent) rmSync(join(runDir, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME), { recursive: true, force: true });
	const packageDir = installPackage(runDir, packPackage());
	return { logFile, packageDir };
}

/** Set by environment.js when a test failed, and by startN8n when start-up failed: run dirs are then kept. */
export function testsFailed(): boolean {
	return Boolean((globalThis as { __SYNCLABS_E2E_FAILED__?: boolean }).__SYNCLABS_E2E_FAILED__);
}

export function markTestsFailed(): void {
	(globalThis as { __SYNCLABS_E2E_FAILED__?: boolean }).__SYNCLABS_E2E_FAILED__ = true;
}

/**
 * After n8n stopped: a temp folder is removed, unless kept for inspection (`keepRunDir`, SYNCLABS_E2E_KEEP=1
 * or a failed test); the caller's persistent folder is left alone.
 */
export function releaseUserFolder(
	{ runDir, persistent }: UserFolder,
	info: { version: string; logFile: string; keepRunDir?: boolean },
): void {
	const keep = info.keepRunDir || process.env.SYNCLABS_E2E_KEEP === '1' || testsFailed();
	if (persistent) {
		// the caller's folder: never removed here
	} else if (keep) {
		process.stderr.write(`[e2e] n8n ${info.version} run dir kept for inspection: ${runDir} (log: ${info.logFile})\n`);
	} else {
		rmSync(runDir, { recursive: true, force: true });
	}
}

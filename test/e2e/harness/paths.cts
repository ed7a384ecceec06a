// Where things live: the repository, the n8n install cache (outside the repo), the install marker.
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { homedir } from 'os';
import { join, resolve } from 'path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-synclabs';
/** Node-type prefix of a package loaded from `.n8n/nodes/node_modules` (like a real community install). */
export const NODE_PREFIX = `${PACKAGE_NAME}.`;

export const SUPPORTED_VERSIONS = ['2.41.1', '2.8.4'] as const;
export type N8nVersion = (typeof SUPPORTED_VERSIONS)[number];

export function cacheDir(): string {
	return process.env.SYNCLABS_E2E_CACHE || join(homedir(), '.cache', PACKAGE_NAME);
}

export interface N8nInstall {
	version: string;
	/** Folder whose node_modules/n8n is the install. */
	dir: string;
	/** The node binary that runs this n8n (system Node 20, or Node 24 from the cache). */
	nodeBin: string;
	nodeVersion: string;
	n8nBin: string;
}

/** The n8n version the suite runs against: N8N_E2E_VERSION, default 2.41.1. */
export function selectedVersion(): N8nVersion {
	const v = process.env.N8N_E2E_VERSION || '2.41.1';
	if (!(SUPPORTED_VERSIONS as readonly string[]).includes(v)) {
		throw new Error(`N8N_E2E_VERSION=${v} is not one of ${SUPPORTED_VERSIONS.join(', ')}`);
	}
	return v as N8nVersion;
}

/**
 * Returns the cached install of `version`, running install-n8n.sh first when it is missing
 * (345 s for 2.41.1 here, with progress on stderr; run.sh normally does this before jest starts).
 */
export function ensureInstalled(version: string): N8nInstall {
	const script = join(REPO_ROOT, 'test', 'e2e', 'install-n8n.sh');
	const r = spawnSync('bash', [script, version], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: 15 * 60_000,
	});
	if (r.status !== 0) throw new Error(`install-n8n.sh ${version} failed (exit ${r.status}, ${r.error ?? ''})`);
	const dir = r.stdout.trim().split('\n').pop() as string;
	const markerPath = join(dir, '.install-complete');
	if (!existsSync(markerPath)) throw new Error(`no install marker at ${markerPath}`);
	const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as { nodeBin: string; nodeVersion: string };
	return {
		version,
		dir,
		nodeBin: marker.nodeBin,
		nodeVersion: marker.nodeVersion,
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

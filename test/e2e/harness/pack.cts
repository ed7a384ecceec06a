// Packs the repository the way it is published (`npm pack` of dist/) and installs the tarball into an
// n8n user folder the way n8n's community-package installer does.
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PACKAGE_NAME, REPO_ROOT } from './paths.cjs';

interface PackageJson {
	name: string;
	version: string;
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

function readPackageJson(dir: string): PackageJson {
	return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs = 5 * 60_000): string {
	return execFileSync(cmd, args, {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: timeoutMs,
		env: { ...process.env, npm_config_update_notifier: 'false' },
	});
}

/** The files the package's `n8n` section promises (e.g. `dist/nodes/X/X.node.js`). */
function promisedFiles(pkg: PackageJson): string[] {
	return [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])].map((f) => f.replace(/^\.\//, ''));
}

/**
 * A promised `dist/<path>.js` whose TypeScript source `<path>.ts` does not exist in the repository yet
 * (a node still being written). Such files are tolerated, with a warning, and left out of the installed
 * package.json; a missing file whose source exists is an incomplete build and is never tolerated.
 */
function isUnwritten(distFile: string): boolean {
	const source = distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');
	return !existsSync(join(REPO_ROOT, source));
}

let packed: string | undefined;

/**
 * `npm pack` in the repo root and return the tarball path (once per process; SYNCLABS_E2E_TGZ, set by
 * run.sh, wins). The tarball must contain every node and credential file listed in package.json; when it
 * does not (dist/ missing, or another engineer's build is half-way), `npm run build` is run and packing retried.
 */
export function packPackage(options: { keepAfterExit?: boolean } = {}): string {
	if (process.env.SYNCLABS_E2E_TGZ && existsSync(process.env.SYNCLABS_E2E_TGZ)) return process.env.SYNCLABS_E2E_TGZ;
	if (packed && existsSync(packed)) return packed;
	const dest = mkdtempSync(join(tmpdir(), 'synclabs-e2e-pack-'));
	// Removed when this process ends, unless the caller hands it on (pack-cli → run.sh, which removes it). Under
	// jest the process is not ours to outlive (its workers do not reliably emit 'exit'), so the test environment
	// removes the dirs listed here at the end of each test file (harness/environment.js).
	if (!options.keepAfterExit) {
		process.on('exit', () => rmSync(dest, { recursive: true, force: true }));
		const g = globalThis as { __SYNCLABS_E2E_PACK_DIRS__?: string[] };
		(g.__SYNCLABS_E2E_PACK_DIRS__ ??= []).push(dest);
	}
	let lastProblem = '';
	for (let attempt = 1; attempt <= 3; attempt++) {
		try {
			const pkg = readPackageJson(REPO_ROOT);
			const out = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], REPO_ROOT);
			const info = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
			const tgz = join(dest, info[0].filename);
			const listing = new Set(run('tar', ['-tzf', tgz], dest).split('\n'));
			const missing = promisedFiles(pkg).filter((f) => !listing.has(`package/${f}`) && !isUnwritten(f));
			if (missing.length === 0) {
				packed = tgz;
				return tgz;
			}
			lastProblem = `tarball lacks ${missing.join(', ')}`;
		} catch (error) {
			lastProblem = `npm pack failed: ${(error as Error).message}`;
		}
		// dist/ is missing or being rebuilt by someone else: build it ourselves and try again.
		try {
			run('npm', ['run', 'build'], REPO_ROOT, 10 * 60_000);
		} catch (error) {
			lastProblem += `; npm run build failed: ${(error as Error).message}`;
		}
	}
	throw new Error(`could not pack ${PACKAGE_NAME}: ${lastProblem}`);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes/node_modules/<name>` like n8n's installer
 * (CommunityPackagesService): unpack, drop devDependencies/peerDependencies/optionalDependencies from the
 * package.json, then `npm install` only the runtime dependencies inside the package dir. So n8n-workflow and
 * zod are NOT installed next to the package; they resolve from n8n itself, as in production.
 * Returns the package dir.
 */
export function installPackage(userFolder: string, tgz: string): string {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const pkgDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(pkgDir, { recursive: true });
	run('tar', ['-xzf', tgz, '-C', pkgDir, '--strip-components=1'], nodesDir);
	const pkg = readPackageJson(pkgDir);
	if (pkg.n8n) {
		for (const key of ['nodes', 'credentials'] as const) {
			const listed = pkg.n8n[key] ?? [];
			const absent = listed.filter((f) => !existsSync(join(pkgDir, f)));
			const broken = absent.filter((f) => !isUnwritten(f));
			if (broken.length > 0) throw new Error(`packed ${PACKAGE_NAME} lacks ${broken.join(', ')}`);
			if (absent.length > 0) {
				process.stderr.write(
					`[e2e] WARNING: ${absent.join(', ')} not written yet (no source); left out of the installed package.json\n`,
				);
				pkg.n8n[key] = listed.filter((f) => !absent.includes(f));
			}
		}
	}
	delete pkg.devDependencies;
	delete pkg.peerDependencies;
	delete pkg.optionalDependencies;
	writeFileSync(join(pkgDir, 'package.json'), JSON.stringify(pkg, null, 2));
	run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		pkgDir,
	);
	// n8n keeps a package.json in the nodes dir listing the installed packages.
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } }, null, 2),
	);
	return pkgDir;
}

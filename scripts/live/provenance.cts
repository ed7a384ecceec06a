// What a recorded pass names besides its date: the commit it checked (marked when the work tree differs from
// it) and the n8n-core whose request helpers sent the requests.
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

function git(args: string[]): string {
	return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

export function commitChecked(): string {
	try {
		const commit = git(['rev-parse', '--short', 'HEAD']);
		return git(['status', '--porcelain', '--untracked-files=no']) === '' ? commit : `${commit} (with uncommitted changes)`;
	} catch {
		return 'unknown (no git)';
	}
}

export function n8nCoreVersion(): string {
	const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'n8n-core', 'package.json'), 'utf8')) as { version: string };
	return `n8n-core ${manifest.version}`;
}

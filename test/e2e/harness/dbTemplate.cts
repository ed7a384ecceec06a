// The database a harness n8n starts from: a migrated empty sqlite DB, made once per n8n install and copied into
// each user folder, instead of ~10-30 s of migrations at every start.
import { execFile } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { N8nInstall } from './paths.cjs';
import { freePorts } from './ports.cjs';

/**
 * Copies the DB template into `runDir/.n8n` unless the folder is persistent and has a database already, or the
 * template is turned off (StartOptions.useDbTemplate false, SYNCLABS_E2E_DB_TEMPLATE=0). True when it copied.
 */
export async function seedDatabase(opts: {
	install: N8nInstall;
	env: Record<string, string>;
	runDir: string;
	persistent: boolean;
	useDbTemplate?: boolean;
}): Promise<boolean> {
	const { install, env, runDir, persistent } = opts;
	const hasDb = persistent && existsSync(join(runDir, '.n8n', 'database.sqlite'));
	if (hasDb || opts.useDbTemplate === false || process.env.SYNCLABS_E2E_DB_TEMPLATE === '0') return false;
	const template = await ensureDbTemplate(install, env);
	mkdirSync(join(runDir, '.n8n'), { recursive: true });
	copyFileSync(template, join(runDir, '.n8n', 'database.sqlite'));
	if (existsSync(`${template}-wal`)) copyFileSync(`${template}-wal`, join(runDir, '.n8n', 'database.sqlite-wal'));
	return true;
}

/**
 * A migrated, empty n8n database for this install, made once by running `n8n import:credentials` with an
 * empty list against a scratch user folder, and kept next to the install
 * (`<install>/e2e-db-template/database.sqlite`). Copied into each run dir.
 */
async function ensureDbTemplate(install: N8nInstall, env: Record<string, string>): Promise<string> {
	const dir = join(install.dir, 'e2e-db-template');
	const template = join(dir, 'database.sqlite');
	if (existsSync(template)) return template;
	mkdirSync(dir, { recursive: true });
	const scratch = mkdtempSync(join(tmpdir(), `synclabs-e2e-dbtemplate-${install.version}-`));
	try {
		const empty = join(scratch, 'empty.json');
		writeFileSync(empty, '[]');
		const [brokerPort] = await freePorts(1);
		await new Promise<void>((resolveRun, reject) =>
			execFile(
				install.nodeBin,
				[install.n8nBin, 'import:credentials', `--input=${empty}`],
				{
					cwd: scratch,
					env: { ...env, N8N_USER_FOLDER: scratch, N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
					timeout: 180_000,
					maxBuffer: 64 * 1024 * 1024,
				},
				(error, stdout, stderr) =>
					error ? reject(new Error(`making the DB template failed: ${error.message}\n${stdout}\n${stderr}`)) : resolveRun(),
			),
		);
		const db = join(scratch, '.n8n', 'database.sqlite');
		if (!existsSync(db)) throw new Error(`making the DB template produced no ${db}`);
		// n8n leaves its WAL un-checkpointed at exit: the DB file and its WAL together are the state (sqlite
		// replays the WAL on open). The WAL goes in first; the main file's rename marks the template complete.
		if (existsSync(`${db}-wal`)) {
			copyFileSync(`${db}-wal`, `${template}-wal.${process.pid}.partial`);
			renameSync(`${template}-wal.${process.pid}.partial`, `${template}-wal`);
		} else rmSync(`${template}-wal`, { force: true });
		const partial = `${template}.${process.pid}.partial`;
		copyFileSync(db, partial);
		renameSync(partial, template);
		return template;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

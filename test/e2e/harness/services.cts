// Throwaway Redis and PostgreSQL servers for the queue-mode e2e tests: Debian's binaries (installed by
// test/e2e/services/ensure-services.sh when absent), started on 127.0.0.1 on free ports with data in a temp
// dir, each in its own process group (processGroup.cts), and stopped (group killed, data removed) by stop().
import { execFileSync } from 'child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { connect } from 'net';
import { REPO_ROOT } from './paths.cjs';
import { freePort } from './ports.cjs';
import { spawnGroup } from './processGroup.cjs';

export interface ServiceBinaries {
	redisServer: string;
	/** Folder with initdb, pg_ctl, postgres. */
	pgBin: string;
}

let binaries: ServiceBinaries | undefined;

/** Runs ensure-services.sh once per process (installs redis-server/postgresql through apt when absent). */
export function ensureServiceBinaries(): ServiceBinaries {
	if (binaries) return binaries;
	const out = execFileSync('bash', [join(REPO_ROOT, 'test', 'e2e', 'services', 'ensure-services.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: 15 * 60_000,
	});
	const vars = Object.fromEntries(
		out
			.split('\n')
			.filter((l) => l.includes('='))
			.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).trim()]),
	);
	if (!vars.REDIS_SERVER || !vars.PG_BIN) throw new Error(`ensure-services.sh printed no paths:\n${out}`);
	binaries = { redisServer: vars.REDIS_SERVER, pgBin: vars.PG_BIN };
	return binaries;
}

export interface Service {
	port: number;
	dir: string;
	logFile: string;
	log(): string;
	stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tcpOpen(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const s = connect({ host: '127.0.0.1', port });
		s.once('connect', () => {
			s.destroy();
			resolve(true);
		});
		s.once('error', () => resolve(false));
	});
}

// the servers get a minimal environment, not the test runner's
const serviceEnv = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });
const GRACE_MS = 10_000;

const read = (f: string) => {
	try {
		return readFileSync(f, 'utf8');
	} catch {
		return '';
	}
};

/** `redis-server` on 127.0.0.1:<free port>, no persistence. */
export async function startRedis(): Promise<Service> {
	const { redisServer } = ensureServiceBinaries();
	const dir = mkdtempSync(join(tmpdir(), 'synclabs-e2e-redis-'));
	const logFile = join(dir, 'redis.log');
	const port = await freePort();
	const p = spawnGroup(
		redisServer,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir],
		{ cwd: dir, env: serviceEnv(), logFile },
	);
	const deadline = Date.now() + 20_000;
	while (!(await tcpOpen(port))) {
		if (p.isExited()) throw new Error(`redis-server exited at start:\n${read(logFile)}`);
		if (Date.now() > deadline) throw new Error(`redis-server not listening on ${port} after 20 s:\n${read(logFile)}`);
		await sleep(100);
	}
	return {
		port,
		dir,
		logFile,
		log: () => read(logFile),
		async stop() {
			await p.stop({ signal: 'SIGTERM', graceMs: GRACE_MS });
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

export interface PostgresService extends Service {
	user: string;
	password: string;
	database: string;
}

/**
 * A fresh PostgreSQL cluster (initdb) on 127.0.0.1:<free port>, password auth for user `n8n`, database `n8n`.
 * As root, initdb and postgres refuse to run, so they run as the `postgres` system user (from Debian's
 * package) with the data dir chowned to it.
 */
export async function startPostgres(): Promise<PostgresService> {
	const { pgBin } = ensureServiceBinaries();
	const dir = mkdtempSync(join(tmpdir(), 'synclabs-e2e-pg-'));
	const data = join(dir, 'data');
	const logFile = join(dir, 'postgres.log');
	const user = 'n8n';
	const password = 'n8n-e2e-pass';
	const database = 'n8n';
	let ids: { uid?: number; gid?: number } = {};
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		ids = { uid, gid };
		chownSync(dir, uid, gid);
	}
	const pwFile = join(dir, 'pw');
	writeFileSync(pwFile, password);
	if (ids.uid !== undefined) chownSync(pwFile, ids.uid, ids.gid!);
	execFileSync(
		join(pgBin, 'initdb'),
		['-D', data, '-U', user, '--pwfile', pwFile, '-A', 'scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync'],
		{ stdio: ['ignore', 'pipe', 'pipe'], cwd: dir, timeout: 120_000, ...ids },
	);
	const port = await freePort();
	const p = spawnGroup(
		join(pgBin, 'postgres'),
		[
			'-D', data,
			'-p', String(port),
			'-c', 'listen_addresses=127.0.0.1',
			'-c', `unix_socket_directories=${dir}`,
			'-c', 'fsync=off',
			'-c', 'synchronous_commit=off',
			'-c', 'full_page_writes=off',
			'-c', 'max_connections=200',
			'-c', 'shared_buffers=128MB',
		],
		{ cwd: dir, env: serviceEnv(), logFile, ...ids },
	);
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (p.isExited()) throw new Error(`postgres exited at start:\n${read(logFile)}`);
		if (Date.now() > deadline) throw new Error(`postgres not ready on ${port} after 30 s:\n${read(logFile)}`);
		if (await tcpOpen(port)) {
			try {
				execFileSync(join(pgBin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', user], {
					stdio: 'ignore',
					timeout: 5000,
				});
				break;
			} catch {
				// starting
			}
		}
		await sleep(150);
	}
	// the database n8n connects to
	execFileSync(join(pgBin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, database], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, PGPASSWORD: password },
		timeout: 30_000,
	});
	return {
		port,
		dir,
		logFile,
		user,
		password,
		database,
		log: () => read(logFile),
		async stop() {
			// SIGTERM to postgres = smart shutdown; SIGINT = fast. Use SIGINT first via the group (the SIGTERM
			// stop() sends right after does not turn a fast shutdown back into a smart one).
			if (!p.isExited()) p.kill('SIGINT');
			await p.stop({ signal: 'SIGTERM', graceMs: GRACE_MS });
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

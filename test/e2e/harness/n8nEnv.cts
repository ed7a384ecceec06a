// What one n8n of the harness listens on and runs with: its ports (HTTP, task broker, the CLI's broker), the
// built-in fixture substitutions, and the environment of every n8n command against its user folder.
import { dirname, join } from 'path';
import type { N8nInstall } from './paths.cjs';
import { canListen, freePorts } from './ports.cjs';

const ENCRYPTION_KEY = 'e2e-test-encryption-key-0123456789';

export interface N8nPorts {
	/** HTTP (editor, REST, public API, webhooks). */
	port: number;
	/** The server's task broker. */
	brokerPort: number;
	/** The task broker of CLI commands (`cli()`), so they can run while the server is up. */
	cliBrokerPort: number;
}

/** Fails at once, saying so, when the fixed port (StartOptions.port) is taken. */
export async function assertPortFree(port: number | undefined): Promise<void> {
	if (port !== undefined && !(await canListen(port))) {
		throw new Error(`port ${port} on 127.0.0.1 is in use (another n8n?); choose another port`);
	}
}

/** Free ports on 127.0.0.1; HTTP on `fixedPort` when given. */
export async function allocatePorts(fixedPort: number | undefined): Promise<N8nPorts> {
	const [brokerPort, cliBrokerPort, randomPort] = await freePorts(fixedPort !== undefined ? 2 : 3);
	return { port: fixedPort ?? randomPort, brokerPort, cliBrokerPort };
}

export const baseUrlOf = (port: number) => `http://127.0.0.1:${port}`;

/** `__NAME__` substitutions for the fixtures: the built-ins, then the caller's (StartOptions.vars). */
export function fixtureVars(port: number, extra: Record<string, string> = {}): Record<string, string> {
	const baseUrl = baseUrlOf(port);
	return {
		BASE_URL: baseUrl,
		PORT: String(port),
		WEBHOOK_BASE: `${baseUrl}/webhook`,
		...extra,
	};
}

/**
 * The temp folder of one n8n run: inside its run dir, so what n8n and its libraries write to os.tmpdir()
 * (multipart uploads parsed by formidable, n8nDataTableUploads in https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/@n8n/config/src/configs/data-table.config.ts) goes
 * with the run dir and never piles up in the system temp folder. Created by installIntoUserFolder (userFolder.cts).
 */
export const scratchDirOf = (runDir: string) => join(runDir, 'tmp');

/** os.tmpdir() reads TMPDIR on Linux and macOS; TMP and TEMP are the Windows spellings. */
export function scratchDirEnv(runDir: string): Record<string, string> {
	const dir = scratchDirOf(runDir);
	return { TMPDIR: dir, TMP: dir, TEMP: dir };
}

/** The environment of every n8n command (server and CLI) against `runDir`; `extra` (StartOptions.env) wins. */
export function n8nEnv(opts: {
	install: N8nInstall;
	version: string;
	runDir: string;
	ports: N8nPorts;
	extra?: Record<string, string>;
}): Record<string, string> {
	const { install, version, runDir, ports } = opts;
	const baseUrl = baseUrlOf(ports.port);
	return {
		PATH: `${dirname(install.nodeBin)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
		HOME: process.env.HOME ?? runDir,
		LANG: process.env.LANG ?? 'C.UTF-8',
		TZ: 'UTC',
		N8N_USER_FOLDER: runDir,
		N8N_PORT: String(ports.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `${baseUrl}/`,
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(ports.brokerPort),
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		DB_TYPE: 'sqlite',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_RESTRICT_FILE_ACCESS_TO: join(runDir, 'files'),
		...scratchDirEnv(runDir),
		...(version.startsWith('2.4') ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		...(opts.extra ?? {}),
	};
}

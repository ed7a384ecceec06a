// What `npm start` (scripts/sandbox.cts) runs and where it keeps its state; shared with its test
// (test/e2e/sandbox.e2e.test.cts).
import { homedir } from 'os';
import { join } from 'path';
import type { N8nVersion, OwnerAccount } from '../../test/e2e/harness/index.cjs';

/** The n8n the sandbox runs (one constant: bumping it is a one-line change). */
export const SANDBOX_N8N_VERSION: N8nVersion = '2.41.1';

export const DEFAULT_PORT = 5678; // n8n's own default, so URLs from n8n's docs work as written

export const SANDBOX_OWNER: OwnerAccount = {
	email: 'sandbox@n8n-nodes-synclabs.local',
	firstName: 'Sandbox',
	lastName: 'Owner',
	password: 'SandboxPassw0rd!',
};

export const CREDENTIAL_NAME = 'Sync Labs account';
export const API_KEY_LABEL = 'n8n-nodes-synclabs sandbox';
/** The emulator's default signing secret for the sandbox (any `whsec_` value works with the emulator). */
export const SANDBOX_SECRET = 'whsec_sandboxSigningSecret0123456789';

/** Example files in the order a newcomer should open them; files not listed follow alphabetically. */
export const NEWCOMER_ORDER = [
	'lip-sync-from-urls.json', // one node, poll until done: the shortest path to a result
	'upload-file-with-text-to-speech.json', // binary input and a script instead of audio
	'route-webhook-events.json', // the trigger: Sync's callbacks, signature-checked
	'batch.json', // many generations at once
	'dub-into-languages.json', // one video, one dubbed video per language
	'daily-spend-report.json', // what yesterday cost, per model
];

/**
 * State lives outside the repository: the harness refuses user folders inside it, because a package installed
 * there would resolve n8n-workflow and friends from the repo's node_modules instead of from n8n (a missing
 * runtime dependency would go unnoticed; see test/e2e/harness/userFolder.cts). XDG's data dir survives `git clean`.
 */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
	const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
	return join(dataHome, 'n8n-nodes-synclabs', 'sandbox');
}

export interface SandboxArgs {
	port: number;
	emulatorPort: number;
	dir: string;
	fresh: boolean;
	smoke: boolean;
	help: boolean;
}

export const USAGE = `npm start [-- options]   Sync Labs sandbox: a local n8n ${SANDBOX_N8N_VERSION} with this package

  --port N     n8n's port (default ${DEFAULT_PORT}; env SYNCLABS_SANDBOX_PORT)
  --dir D      state folder (default ${defaultStateDir()}; env SYNCLABS_SANDBOX_DIR)
  --fresh      delete the state folder first: a new database, credential and example workflows
  --smoke      run the first example once in a throw-away folder, print its result and exit
  env SYNCLABS_EMULATOR_PORT   the emulator's port (default: a free one)
  env SYNCLABS_API_KEY         use the real Sync API instead of the emulator (+ SYNCLABS_SIGNING_SECRET)`;

function portNumber(value: string | undefined, what: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${what} must be a port number 0-65535, got "${value}"`);
	return n;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SandboxArgs {
	const args: SandboxArgs = {
		port: env.SYNCLABS_SANDBOX_PORT ? portNumber(env.SYNCLABS_SANDBOX_PORT, 'SYNCLABS_SANDBOX_PORT') : DEFAULT_PORT,
		emulatorPort: env.SYNCLABS_EMULATOR_PORT ? portNumber(env.SYNCLABS_EMULATOR_PORT, 'SYNCLABS_EMULATOR_PORT') : 0,
		dir: env.SYNCLABS_SANDBOX_DIR || defaultStateDir(env),
		fresh: false,
		smoke: false,
		help: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = () => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		if (flag === '--port') args.port = portNumber(value(), '--port');
		else if (flag === '--dir') args.dir = value();
		else if (flag === '--fresh') args.fresh = true;
		else if (flag === '--smoke') args.smoke = true;
		else if (flag === '--help' || flag === '-h') args.help = true;
		else throw new Error(`unknown option ${argv[i]}\n\n${USAGE}`);
	}
	if (args.port === 0) throw new Error('--port 0 is not allowed: the sandbox keeps one fixed port');
	return args;
}

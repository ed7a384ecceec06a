// `npm start`: a local n8n with this package installed from its tarball, an owner account, a `syncLabsApi`
// credential and the example workflows, talking to the Sync Labs API emulator (or to the real API when
// SYNCLABS_API_KEY is set). State (database: workflows, executions, credentials) is kept in one folder across
// starts (scripts/sandbox/config.cts: defaultStateDir); `--fresh` starts clean. Ctrl-C, SIGTERM and SIGHUP
// stop every process it started; so does the end of its parent (npm does not forward SIGHUP).
// Options: see USAGE in scripts/sandbox/config.cts.
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { startEmulator, TINY_MP4, type Emulator } from '../test/emulator/index.cjs';
import { canListen, startN8n, type N8nInstance, type WorkflowFixture } from '../test/e2e/harness/index.cjs';
import {
	API_KEY_LABEL,
	CREDENTIAL_NAME,
	NEWCOMER_ORDER,
	parseArgs,
	SANDBOX_N8N_VERSION,
	SANDBOX_OWNER,
	SANDBOX_SECRET,
	USAGE,
} from './sandbox/config.cjs';
import { sandboxBanner } from './sandbox/banner.cjs';

const REPO = resolve(__dirname, '..');
const EXAMPLES_DIR = join(REPO, 'examples');
/** The credential id the example files reference; replaced by the id n8n gives the sandbox's credential. */
const EXAMPLE_CREDENTIAL_ID = 'syncLabsCredential';
const SAMPLE_VIDEO_PATH = '/home/node/.n8n-files/speaker.mp4';
const STATE_FILE = 'sandbox.json';

interface SandboxState {
	product: 'n8n-nodes-synclabs sandbox';
	createdAt: string;
	/** n8n encrypts credentials with it; kept here because the database is. */
	encryptionKey: string;
	/** Example files already imported once; never imported again, so edits and deletions stick. */
	importedExamples: string[];
}

interface Example {
	file: string;
	workflow: WorkflowFixture;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

function loadExamples(filesDir: string): Example[] {
	const rank = (f: string) => (NEWCOMER_ORDER.includes(f) ? NEWCOMER_ORDER.indexOf(f) : NEWCOMER_ORDER.length);
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
		.map((file, index) => {
			const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8').split(SAMPLE_VIDEO_PATH).join(join(filesDir, 'speaker.mp4'));
			const workflow = JSON.parse(text) as Omit<WorkflowFixture, 'id'>;
			// Only webhook triggers are activated: a schedule waits for the user to turn it on, and a chat for the
			// user's own model credential (n8n refuses to publish the AI agent example without it).
			const hasWebhookTrigger = workflow.nodes.some((n) => String(n.type).endsWith('Trigger') && !/manual|schedule|chat/i.test(String(n.type)));
			return { file, workflow: { ...workflow, id: `SyncLabsExmpl${String(index).padStart(3, '0')}`, active: hasWebhookTrigger } };
		});
}

// --- processes this script starts, and stopping them ---------------------------------------------------

const groups = new Set<ChildProcess>(); // build and install children, each leading its own process group
let n8n: N8nInstance | undefined;
let emulator: Emulator | undefined;
let lockFile: string | undefined;
let stopping = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	try {
		if (child.pid !== undefined) process.kill(-child.pid, signal);
	} catch {
		// gone
	}
}

process.on('exit', () => {
	for (const child of groups) killGroup(child, 'SIGKILL');
	if (lockFile) rmSync(lockFile, { force: true });
});

async function shutdown(reason: string, code: number): Promise<void> {
	if (stopping) return;
	stopping = true;
	say(`\nStopping the sandbox (${reason})...`);
	// whatever happens below, the exit hooks (here and in test/e2e/harness/processGroup.cts) SIGKILL the rest
	setTimeout(() => process.exit(code), 20_000).unref();
	for (const child of groups) killGroup(child, 'SIGTERM');
	await n8n?.stop().catch(() => undefined);
	await emulator?.stop().catch(() => undefined);
	process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal, 0));
// npm forwards only SIGINT and SIGTERM to its script (npm 11's @npmcli/run-script 10.0.4,
// https://github.com/npm/run-script/blob/v10.0.4/lib/signal-manager.js): a SIGHUP to npm ends npm and re-parents this process.
const parentPid = process.ppid;
setInterval(() => {
	if (process.ppid !== parentPid) void shutdown('its parent process ended', 0);
}, 500).unref();

/** Runs a command in its own process group (stopped with the sandbox); stdout to `logFile` or the terminal. */
function run(command: string, args: string[], opts: { logFile?: string } = {}): Promise<void> {
	return new Promise((resolveRun, reject) => {
		// without a log file: stdout dropped, stderr (progress lines) on the terminal
		const stdio = opts.logFile ? (['ignore', 'pipe', 'pipe'] as const) : (['ignore', 'ignore', 'inherit'] as const);
		const child = spawn(command, args, { cwd: REPO, detached: true, stdio: [...stdio] });
		groups.add(child);
		let output = '';
		child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			groups.delete(child);
			if (opts.logFile) writeFileSync(opts.logFile, output);
			if (code === 0) resolveRun();
			else {
				const tail = output.trim().split('\n').slice(-30).join('\n');
				reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${tail ? `:\n${tail}` : ''}`));
			}
		});
	});
}

// --- state folder -----------------------------------------------------------------------------------------

function prepareStateDir(dir: string, fresh: boolean): SandboxState {
	const stateFile = join(dir, STATE_FILE);
	if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(stateFile)) {
		throw new Error(`${dir} exists and is not a sandbox folder (no ${STATE_FILE}); choose another --dir`);
	}
	const lock = join(dir, 'sandbox.pid');
	if (existsSync(lock)) {
		const pid = Number(readFileSync(lock, 'utf8'));
		let alive = false;
		try {
			process.kill(pid, 0);
			alive = pid !== process.pid;
		} catch {
			// stale lock of a sandbox that was killed
		}
		if (alive) throw new Error(`another sandbox (pid ${pid}) uses ${dir}; stop it first, or pass --dir`);
	}
	if (fresh && existsSync(dir)) {
		say(`--fresh: deleting ${dir}`);
		rmSync(dir, { recursive: true, force: true });
	}
	mkdirSync(join(dir, 'files'), { recursive: true });
	writeFileSync(lock, String(process.pid));
	lockFile = lock;
	if (existsSync(stateFile)) return JSON.parse(readFileSync(stateFile, 'utf8')) as SandboxState;
	const state: SandboxState = {
		product: 'n8n-nodes-synclabs sandbox',
		createdAt: new Date().toISOString(),
		encryptionKey: randomBytes(24).toString('base64url'),
		importedExamples: [],
	};
	saveState(dir, state);
	return state;
}

function saveState(dir: string, state: SandboxState): void {
	writeFileSync(join(dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

/** `npm pack` of the fresh build into the state folder (replacing the previous tarball). */
function pack(dir: string): string {
	const dest = join(dir, 'package');
	rmSync(dest, { recursive: true, force: true });
	mkdirSync(dest, { recursive: true });
	const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], {
		cwd: REPO,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, npm_config_update_notifier: 'false' },
	});
	const info = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
	return join(dest, info[0].filename);
}

// --- credential and examples -------------------------------------------------------------------------------

/**
 * The sandbox's one `syncLabsApi` credential: created on the first start; later starts only move its Base URL
 * to this start's emulator, sending the other fields back redacted so n8n keeps what is stored (its
 * unredact, https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/credentials/credentials.service.ts). A credential pointed elsewhere in the editor is left
 * alone, unless SYNCLABS_API_KEY asks for the real API. Returns its id and where it points.
 */
async function upsertCredential(
	instance: N8nInstance,
	data: { apiKey: string; signingSecret: string; baseUrl: string },
	real: boolean,
): Promise<{ id: string; baseUrl: string; kept: boolean }> {
	const list = await instance.rest<{ data: Array<{ id: string; name: string; type: string }> }>('GET', '/credentials');
	if (list.status !== 200) throw new Error(`listing credentials: HTTP ${list.status}`);
	const existing = list.body.data.find((c) => c.type === 'syncLabsApi' && c.name === CREDENTIAL_NAME);
	if (!existing) {
		const r = await instance.rest<{ data: { id: string } }>('POST', '/credentials', { name: CREDENTIAL_NAME, type: 'syncLabsApi', data });
		if (r.status !== 200) throw new Error(`creating credential "${CREDENTIAL_NAME}": HTTP ${r.status} ${JSON.stringify(r.body)}`);
		return { id: r.body.data.id, baseUrl: data.baseUrl, kept: false };
	}
	const current = await instance.rest<{ data: { data?: Record<string, unknown> } }>('GET', `/credentials/${existing.id}?includeData=true`);
	if (current.status !== 200) throw new Error(`reading credential "${CREDENTIAL_NAME}": HTTP ${current.status}`);
	const stored = current.body.data.data ?? {};
	const storedBase = String(stored.baseUrl ?? '');
	const wasEmulator = /^http:\/\/127\.0\.0\.1:\d+\/?$/.test(storedBase);
	if (!real && !wasEmulator) return { id: existing.id, baseUrl: storedBase, kept: true };
	const next = real ? data : { ...stored, baseUrl: data.baseUrl };
	const r = await instance.rest('PATCH', `/credentials/${existing.id}`, { name: CREDENTIAL_NAME, type: 'syncLabsApi', data: next });
	if (r.status !== 200) throw new Error(`updating credential "${CREDENTIAL_NAME}": HTTP ${r.status} ${JSON.stringify(r.body)}`);
	return { id: existing.id, baseUrl: data.baseUrl, kept: false };
}

async function importNewExamples(instance: N8nInstance, examples: Example[], credentialId: string, state: SandboxState, dir: string) {
	for (const { file, workflow } of examples) {
		if (state.importedExamples.includes(file)) continue;
		const { active, ...wf } = workflow;
		const nodes = wf.nodes.map((node) => {
			const ref = node.credentials?.syncLabsApi as { id?: string } | undefined;
			if (!ref || ref.id !== EXAMPLE_CREDENTIAL_ID) return node;
			return { ...node, credentials: { ...node.credentials, syncLabsApi: { id: credentialId, name: CREDENTIAL_NAME } } };
		});
		const exists = await instance.rest('GET', `/workflows/${wf.id}`);
		if (exists.status !== 200) {
			const r = await instance.rest('POST', '/workflows', { settings: { executionOrder: 'v1' }, pinData: {}, ...wf, nodes });
			if (r.status !== 200) throw new Error(`importing ${file}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
			if (active) await instance.activate(wf.id);
		}
		state.importedExamples.push(file);
		saveState(dir, state);
	}
}

// --- main ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		say(USAGE);
		return;
	}
	const started = Date.now();
	const dir = args.smoke ? mkdtempSync(join(tmpdir(), 'synclabs-sandbox-smoke-')) : resolve(args.dir);
	if (args.smoke) process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
	// before a minute of building: the port must be free (startN8n checks again right before n8n starts)
	if (!(await canListen(args.port))) {
		throw new Error(`port ${args.port} on 127.0.0.1 is in use (another n8n or sandbox?); use --port or SYNCLABS_SANDBOX_PORT`);
	}
	const state = prepareStateDir(dir, args.fresh);

	say(`Sync Labs sandbox: state in ${dir}`);
	say('Building the package (npm run build)...');
	await run('npm', ['run', 'build'], { logFile: join(dir, 'build.log') });
	// test/e2e/install-n8n.sh prints its progress (and names its npm log) on stderr; instant when cached
	await run('bash', [join(REPO, 'test', 'e2e', 'install-n8n.sh'), SANDBOX_N8N_VERSION]);
	process.env.SYNCLABS_E2E_TGZ = pack(dir); // startN8n installs this tarball (test/e2e/harness/pack.cts)

	const filesDir = join(dir, 'files');
	writeFileSync(join(filesDir, 'speaker.mp4'), Buffer.from(TINY_MP4));
	const examples = loadExamples(filesDir);

	const realKey = process.env.SYNCLABS_API_KEY;
	const secret = process.env.SYNCLABS_SIGNING_SECRET || SANDBOX_SECRET;
	if (!realKey) {
		emulator = await startEmulator({
			port: args.emulatorPort,
			webhookSecret: secret,
			pendingMs: args.smoke ? 50 : 1000,
			processingMs: args.smoke ? 500 : 8000,
		});
	}

	say(`Starting n8n ${SANDBOX_N8N_VERSION} on port ${args.port}...`);
	n8n = await startN8n({
		version: SANDBOX_N8N_VERSION,
		runDir: dir,
		port: args.port,
		owner: SANDBOX_OWNER,
		apiKeyLabel: API_KEY_LABEL,
		stopGraceMs: 10_000,
		// n8n's scratch files (os.tmpdir()) go to <dir>/tmp, as for every harness run (test/e2e/harness/n8nEnv.cts)
		env: { N8N_ENCRYPTION_KEY: state.encryptionKey, N8N_RESTRICT_FILE_ACCESS_TO: filesDir },
	});
	if (stopping) return;
	const credential = await upsertCredential(
		n8n,
		{ apiKey: realKey ?? 'sandbox-api-key', signingSecret: secret, baseUrl: emulator?.url ?? 'https://api.sync.so' },
		Boolean(realKey),
	);
	await importNewExamples(n8n, examples, credential.id, state, dir);

	// the examples that still exist (the user may have deleted some), and the webhooks of the active ones
	const present: Array<Example & { active: boolean }> = [];
	for (const example of examples) {
		const r = await n8n.api<{ active?: boolean }>('GET', `/workflows/${example.workflow.id}`);
		if (r.status === 200) present.push({ ...example, active: Boolean(r.body.active) });
	}
	const webhookPaths = present
		.filter((e) => e.active)
		.flatMap((e) => e.workflow.nodes.filter((n) => String(n.type).endsWith('syncLabsTrigger')).map((n) => `${n.webhookId}/syncLabs`));
	for (const path of webhookPaths) await n8n.waitForWebhook(path);

	if (args.smoke) {
		const first = examples[0].workflow;
		const output = await n8n.cli(['execute', `--id=${first.id}`, '--rawOutput']);
		const run = JSON.parse(output.slice(output.indexOf('{'))) as { data: { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, unknown> }>> } }>> } } };
		const item = run.data.resultData.runData['Lip-sync video'][0].data.main[0][0];
		say(JSON.stringify({ workflow: first.name, status: item.json.status, id: item.json.id, binary: Object.keys(item.binary ?? {}) }));
		return shutdown('smoke run done', item.json.status === 'COMPLETED' ? 0 : 1);
	}

	const base = n8n.baseUrl;
	say(
		sandboxBanner({
			readySeconds: Math.round((Date.now() - started) / 1000),
			editorUrl: base,
			owner: SANDBOX_OWNER,
			emulator: emulator ? { url: emulator.url, secret } : undefined,
			credential: { name: CREDENTIAL_NAME, baseUrl: credential.baseUrl, kept: credential.kept },
			examples: present.map((e) => ({ name: e.workflow.name, url: `${base}/workflow/${e.workflow.id}`, active: e.active })),
			triggerUrls: webhookPaths.map((p) => n8n!.webhookUrl(p)),
			logFile: n8n.logFile,
			stateDir: dir,
		}),
	);
	setInterval(() => undefined, 1 << 30); // keep running until a signal
}

main().catch((error: Error) => {
	process.stderr.write(`\nnpm start failed: ${error.message}\n`);
	void shutdown('start-up failed', 1);
});

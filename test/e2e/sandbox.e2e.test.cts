// `npm start` as a user runs it (scripts/sandbox.cts): started in its own process group, stopped by a signal
// sent to the top process (npm) only, as an IDE's stop button or `kill PID` does. After each stop no process
// it started (npm, sh, node, n8n, the task runner, esbuild) and no listener on its ports may survive; a restart
// on the same state folder shows the workflows of the previous run, without duplicating the examples.
// Runs once per `npm test`: only when the suite's n8n is the sandbox's (scripts/sandbox/config.cts).
import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { completedGeneration } from './fixtures/trigger.cjs';
import { deliverSigned, freePorts, REPO_ROOT, selectedVersion } from './harness/index.cjs';
import {
	API_KEY_LABEL,
	NEWCOMER_ORDER,
	SANDBOX_N8N_VERSION,
	SANDBOX_OWNER,
	SANDBOX_SECRET,
} from '../../scripts/sandbox/config.cjs';

const START_DEADLINE_MS = 300_000; // a build, a pack and an n8n start on a shared 2-core machine
const STOP_DEADLINE_MS = 30_000; // n8n gets 10 s to shut down before SIGKILL (scripts/sandbox.cts)
const describeIfSandboxVersion = selectedVersion() === SANDBOX_N8N_VERSION ? describe : describe.skip;

/** pid → start time (field 22 of /proc/<pid>/stat), so a reused pid is not mistaken for a survivor. */
function procTable(): Map<number, { ppid: number; start: string; cmd: string }> {
	const table = new Map<number, { ppid: number; start: string; cmd: string }>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
			table.set(Number(entry), { ppid: Number(afterName[1]), start: afterName[19], cmd });
		} catch {
			// exited while we looked
		}
	}
	return table;
}

/** The process and all its descendants, whatever process group or session they moved to. */
function tree(rootPid: number): Map<number, { start: string; cmd: string }> {
	const table = procTable();
	const found = new Map<number, { start: string; cmd: string }>();
	const queue = [rootPid];
	while (queue.length > 0) {
		const pid = queue.shift() as number;
		const p = table.get(pid);
		if (!p || found.has(pid)) continue;
		found.set(pid, { start: p.start, cmd: p.cmd });
		for (const [child, c] of table) if (c.ppid === pid) queue.push(child);
	}
	return found;
}

function survivors(seen: Map<number, { start: string; cmd: string }>): string[] {
	const table = procTable();
	return [...seen].filter(([pid, p]) => table.get(pid)?.start === p.start).map(([pid, p]) => `${pid} ${p.cmd}`);
}

/** Ports with a listening TCP socket (any address), from /proc/net/tcp and tcp6. */
function listeningPorts(): Set<number> {
	const ports = new Set<number>();
	for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text = '';
		try {
			text = readFileSync(file, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n').slice(1)) {
			const cols = line.trim().split(/\s+/);
			if (cols[3] === '0A') ports.add(parseInt(cols[1].split(':')[1], 16)); // 0A = LISTEN
		}
	}
	return ports;
}

interface Sandbox {
	child: ChildProcess;
	output(): string;
	/** Every process seen under npm while it ran (sampled until the stop). */
	seen: Map<number, { start: string; cmd: string }>;
	stopSampling(): void;
}

describeIfSandboxVersion(`npm start (the sandbox, n8n ${SANDBOX_N8N_VERSION})`, () => {
	let stateDir: string;
	let port: number;
	let emulatorPort: number;
	const running: Sandbox[] = [];

	beforeAll(async () => {
		stateDir = mkdtempSync(join(tmpdir(), 'synclabs-sandbox-e2e-'));
		[port, emulatorPort] = await freePorts(2);
	});

	afterAll(() => {
		for (const s of running) {
			s.stopSampling();
			for (const pid of s.seen.keys()) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// gone, as it should be
				}
			}
		}
		rmSync(stateDir, { recursive: true, force: true });
	});

	async function start(extraArgs: string[] = []): Promise<Sandbox> {
		const env: NodeJS.ProcessEnv = { ...process.env, SYNCLABS_EMULATOR_PORT: String(emulatorPort) };
		delete env.SYNCLABS_E2E_TGZ; // the sandbox packs its own build
		delete env.SYNCLABS_API_KEY;
		const child = spawn('npm', ['start', '--', '--port', String(port), '--dir', stateDir, ...extraArgs], {
			cwd: REPO_ROOT,
			env,
			detached: true, // its own process group, like a terminal job
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
		const seen = new Map<number, { start: string; cmd: string }>();
		const sample = () => {
			if (child.pid !== undefined) for (const [pid, p] of tree(child.pid)) seen.set(pid, p);
		};
		const timer = setInterval(sample, 250);
		const sandbox: Sandbox = { child, output: () => output, seen, stopSampling: () => clearInterval(timer) };
		running.push(sandbox);
		const deadline = Date.now() + START_DEADLINE_MS;
		while (!output.includes('Sync Labs sandbox is running')) {
			if (child.exitCode !== null || child.signalCode !== null) throw new Error(`npm start exited early:\n${output}`);
			if (Date.now() > deadline) throw new Error(`npm start not ready after ${START_DEADLINE_MS / 1000} s:\n${output}`);
			await new Promise((r) => setTimeout(r, 250));
		}
		sample();
		return sandbox;
	}

	/** Sends `signal` to npm only; resolves when nothing it started is left, or fails naming the survivors. */
	async function stopWith(sandbox: Sandbox, signal: NodeJS.Signals): Promise<number> {
		sandbox.stopSampling();
		const seen = new Map(sandbox.seen);
		for (const [pid, p] of tree(sandbox.child.pid as number)) seen.set(pid, p);
		expect([...seen.values()].some((p) => p.cmd.includes('n8n start'))).toBe(true); // n8n was among them
		const t0 = Date.now();
		process.kill(sandbox.child.pid as number, signal);
		let left: string[] = [];
		let ports: number[] = [];
		while (Date.now() - t0 < STOP_DEADLINE_MS) {
			left = survivors(seen);
			const listening = listeningPorts();
			ports = [port, emulatorPort].filter((p) => listening.has(p));
			if (left.length === 0 && ports.length === 0) return Date.now() - t0;
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(
			`${STOP_DEADLINE_MS / 1000} s after ${signal} to npm: still running ${JSON.stringify(left)}, ` +
				`ports still listening ${JSON.stringify(ports)}\n${sandbox.output()}`,
		);
	}

	/** Logs in as the sandbox owner; returns a REST caller with the session cookie. */
	async function login(): Promise<(method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>> {
		const base = `http://127.0.0.1:${port}/rest`;
		const headers = { 'content-type': 'application/json', 'browser-id': 'sandbox-e2e' };
		const res = await fetch(`${base}/login`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ emailOrLdapLoginId: SANDBOX_OWNER.email, password: SANDBOX_OWNER.password }),
		});
		expect(res.status).toBe(200);
		const cookie = (res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth=')) ?? '').split(';')[0];
		return async (method, path, body) => {
			const r = await fetch(`${base}${path}`, {
				method,
				headers: { ...headers, cookie },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await r.text();
			return { status: r.status, body: text ? JSON.parse(text) : undefined };
		};
	}

	async function workflowNames(rest: Awaited<ReturnType<typeof login>>): Promise<string[]> {
		const r = await rest('GET', '/workflows');
		expect(r.status).toBe(200);
		return (r.body.data as Array<{ name: string }>).map((w) => w.name).sort();
	}

	async function credentialCount(rest: Awaited<ReturnType<typeof login>>): Promise<number> {
		const r = await rest('GET', '/credentials');
		expect(r.status).toBe(200);
		return (r.body.data as Array<{ name: string; type: string }>).filter((c) => c.type === 'syncLabsApi').length;
	}

	/** The sandbox credential's id and its fields as the editor gets them (secrets redacted). */
	async function credential(rest: Awaited<ReturnType<typeof login>>): Promise<{ id: string; data: Record<string, unknown> }> {
		const list = await rest('GET', '/credentials');
		const { id } = (list.body.data as Array<{ id: string; type: string }>).find((c) => c.type === 'syncLabsApi') as { id: string };
		const r = await rest('GET', `/credentials/${id}?includeData=true`);
		expect(r.status).toBe(200);
		return { id, data: r.body.data.data };
	}

	/** Ids of the trigger example's executions (REST list: { data: { results } } in 2.41). */
	async function triggerExecutionIds(rest: Awaited<ReturnType<typeof login>>): Promise<string[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: 'SyncLabsExmpl002' }));
		const r = await rest('GET', `/executions?filter=${filter}`);
		expect(r.status).toBe(200);
		const list = (r.body.data.results ?? r.body.data) as Array<{ id: string }>;
		return list.map((e) => String(e.id)).sort();
	}

	async function sandboxApiKeys(rest: Awaited<ReturnType<typeof login>>): Promise<number> {
		const r = await rest('GET', '/api-keys');
		expect(r.status).toBe(200);
		const keys = (Array.isArray(r.body.data) ? r.body.data : r.body.data.items) as Array<{ label: string }>;
		return keys.filter((k) => k.label === API_KEY_LABEL).length;
	}

	const exampleNames = readdirSync(join(REPO_ROOT, 'examples'))
		.filter((f) => f.endsWith('.json'))
		.map((f) => (JSON.parse(readFileSync(join(REPO_ROOT, 'examples', f), 'utf8')) as { name: string }).name);
	const USER_WORKFLOW = 'My own workflow, made in the first run';

	it('keeps a workflow and an execution made in the first run after SIGTERM and a restart, with one credential, one API key and each example once; SIGTERM and SIGINT leave no process or port behind', async () => {
		const first = await start();
		// the banner lists the examples in the newcomer order and names the n8n log
		const banner = first.output();
		const firstExample = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', NEWCOMER_ORDER[0]), 'utf8')) as { name: string };
		expect(banner).toContain(`1. ${firstExample.name}`);
		expect(banner).toContain(`n8n log:      ${join(stateDir, 'n8n.log')}`);
		expect(banner).toContain(SANDBOX_OWNER.email);

		const rest1 = await login();
		expect(await workflowNames(rest1)).toEqual([...exampleNames].sort());
		const created = await rest1('POST', '/workflows', {
			name: USER_WORKFLOW,
			nodes: [{ id: 'a1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		expect(created.status).toBe(200);
		// an execution: a signed delivery to the trigger example's production URL, as in the banner
		const triggerUrl = /Trigger URL: +(\S+)/.exec(banner)?.[1] as string;
		expect(triggerUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/webhook/`));
		const delivery = await deliverSigned(triggerUrl, completedGeneration('sandbox-e2e-generation'), { secret: SANDBOX_SECRET });
		expect(delivery.status).toBe(200);
		let executions: string[] = [];
		for (const t0 = Date.now(); executions.length === 0 && Date.now() - t0 < 60_000; ) {
			executions = await triggerExecutionIds(rest1);
			if (executions.length === 0) await new Promise((r) => setTimeout(r, 500));
		}
		expect(executions).toHaveLength(1);
		expect((await credential(rest1)).data.baseUrl).toBe(`http://127.0.0.1:${emulatorPort}`);
		const sigtermMs = await stopWith(first, 'SIGTERM');

		[emulatorPort] = await freePorts(1); // the emulator moves: the credential must follow it
		const second = await start();
		const rest2 = await login();
		expect(await workflowNames(rest2)).toEqual([...exampleNames, USER_WORKFLOW].sort());
		expect(await credentialCount(rest2)).toBe(1);
		expect(await triggerExecutionIds(rest2)).toEqual(executions);
		expect(await sandboxApiKeys(rest2)).toBe(1);
		expect((await credential(rest2)).data.baseUrl).toBe(`http://127.0.0.1:${emulatorPort}`);
		const sigintMs = await stopWith(second, 'SIGINT');
		process.stderr.write(`[sandbox e2e] everything stopped ${sigtermMs} ms after SIGTERM, ${sigintMs} ms after SIGINT\n`);
	}, 2 * START_DEADLINE_MS + 2 * STOP_DEADLINE_MS + 60_000);

	it('leaves a credential the user pointed at the real API as it is on the next start, and stops on SIGHUP with nothing left', async () => {
		const third = await start();
		const rest = await login();
		const before = await credential(rest);
		// what the editor's Save sends: every field, secrets as the redacted values it was given
		const edited = await rest('PATCH', `/credentials/${before.id}`, {
			name: 'Sync Labs account',
			type: 'syncLabsApi',
			data: { ...before.data, baseUrl: 'https://api.sync.so' },
		});
		expect(edited.status).toBe(200);
		await stopWith(third, 'SIGINT');

		const fourth = await start();
		expect(fourth.output()).toContain('→ https://api.sync.so  (as you set it in n8n; left unchanged)');
		expect((await credential(await login())).data.baseUrl).toBe('https://api.sync.so');
		const sighupMs = await stopWith(fourth, 'SIGHUP');
		process.stderr.write(`[sandbox e2e] everything stopped ${sighupMs} ms after SIGHUP\n`);
	}, 2 * START_DEADLINE_MS + 2 * STOP_DEADLINE_MS + 30_000);

	it('starts clean with --fresh: only the examples and one credential, on the emulator', async () => {
		const fifth = await start(['--fresh']);
		const rest = await login();
		expect(await workflowNames(rest)).toEqual([...exampleNames].sort());
		expect(await credentialCount(rest)).toBe(1);
		expect((await credential(rest)).data.baseUrl).toBe(`http://127.0.0.1:${emulatorPort}`);
		await stopWith(fifth, 'SIGTERM');
	}, START_DEADLINE_MS + STOP_DEADLINE_MS + 30_000);

	it("keeps n8n's scratch files and the packed tarball in the state folder, not in the system temp folder", () => {
		// TMPDIR=<state>/tmp for n8n (it creates n8nDataTableUploads in os.tmpdir(): @n8n/config's data-table.config.ts)
		expect(readdirSync(join(stateDir, 'tmp'))).toContain('n8nDataTableUploads');
		expect(readdirSync(join(stateDir, 'package')).filter((f) => f.endsWith('.tgz'))).toHaveLength(1);
	});
});

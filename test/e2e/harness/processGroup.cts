// Child processes of the e2e harness (n8n servers, queue-mode webhook/workers, redis-server, postgres): each
// runs in its own process group (detached, i.e. setsid) with stdout and stderr appended to a log file, so a
// stop or the exit-time cleanup reaches everything it forked (n8n's task runner, postgres's backends).
import { ChildProcess, spawn } from 'child_process';
import { closeSync, openSync } from 'fs';

export interface GroupOptions {
	cwd: string;
	/** The whole environment (nothing is inherited). */
	env: Record<string, string>;
	/** stdout and stderr are appended here. */
	logFile: string;
	/** Run as this user (postgres refuses to run as root). */
	uid?: number;
	gid?: number;
}

export interface GroupProcess {
	child: ChildProcess;
	/** Settles when the group leader has exited. */
	exited: Promise<void>;
	isExited(): boolean;
	/** Sends a signal to the whole group; a group that is gone is ignored. */
	kill(signal: NodeJS.Signals): void;
	/**
	 * `signal` to the group, up to `graceMs` for the leader to exit, then SIGKILL; SIGKILL to the group in
	 * any case at the end, for members that outlive the leader.
	 */
	stop(opts: { signal: NodeJS.Signals; graceMs: number }): Promise<void>;
}

// Groups still running; SIGKILLed if the test process exits without stopping them.
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

export function spawnGroup(command: string, args: string[], opts: GroupOptions): GroupProcess {
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.on('exit', () => {
			for (const c of running) killGroup(c, 'SIGKILL');
		});
	}
	const fd = openSync(opts.logFile, 'a');
	const child = spawn(command, args, {
		cwd: opts.cwd,
		env: opts.env,
		detached: true,
		stdio: ['ignore', fd, fd],
		...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid } : {}),
	});
	closeSync(fd); // the child has its own copy
	running.add(child);
	let isExited = false;
	const exited = new Promise<void>((r) =>
		child.once('exit', () => {
			isExited = true;
			running.delete(child);
			r();
		}),
	);
	const kill = (signal: NodeJS.Signals) => killGroup(child, signal);
	return {
		child,
		exited,
		isExited: () => isExited,
		kill,
		async stop({ signal, graceMs }) {
			if (!isExited) {
				kill(signal);
				let timer: NodeJS.Timeout | undefined;
				const timedOut = await Promise.race([
					exited.then(() => false),
					new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs))),
				]);
				clearTimeout(timer);
				if (timedOut) {
					kill('SIGKILL');
					await exited;
				}
			}
			kill('SIGKILL');
		},
	};
}

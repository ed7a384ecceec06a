// npm run emulator -- --port <port> --secret <whsec_...> [--pending-ms n] [--processing-ms n] [--api-key k]...
// [--concurrency n] [--latency-ms n] [--plan scale] [--quirk name=value]... (the surface switches of switches.cts)
// Prints one line with the URL once listening; runs until SIGINT/SIGTERM, then exits 0.
// npm 11 does not forward SIGTERM to the script it runs: `kill <npm pid>` ends npm but would leave the emulator
// running. So the emulator also stops (exit 0) when the process that started its launcher goes away (Linux, checked
// every 500 ms; set SYNC_EMULATOR_KEEP_ORPHAN=1 to disable). For an exit code of 0 as seen by the spawner, spawn
// `node_modules/.bin/tsx test/emulator/src/cli.cts ...` directly, or signal the whole process group.
import * as fs from 'fs';
import { startEmulator } from '../index.cjs';
import { parseSwitch } from './switches.cjs';
import type { EmulatorOptions, Plan } from './types.cjs';

function parseArgs(argv: string[]): EmulatorOptions {
	const o: EmulatorOptions = {};
	const num = (flag: string, v: string | undefined): number => {
		const n = Number(v);
		if (v === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
		const value = () => inline ?? argv[++i];
		switch (flag) {
			case '--port':
				o.port = num(flag, value());
				break;
			case '--secret':
				o.webhookSecret = value();
				break;
			case '--pending-ms':
				o.pendingMs = num(flag, value());
				break;
			case '--processing-ms':
				o.processingMs = num(flag, value());
				break;
			case '--api-key':
				o.apiKeys = [...(o.apiKeys ?? []), value()];
				break;
			case '--concurrency':
				o.concurrencyLimit = num(flag, value());
				break;
			case '--latency-ms':
				o.latencyMs = num(flag, value());
				break;
			case '--plan':
				o.plan = value() as Plan;
				break;
			case '--quirk': {
				// `--quirk=name=value` keeps everything after the first '=' (the split above cuts at the second).
				const v = argv[i].startsWith('--quirk=') ? argv[i].slice('--quirk='.length) : value();
				if (v === undefined) throw new Error('--quirk needs name=value');
				Object.assign(o, parseSwitch(v));
				break;
			}
			case '--help':
				process.stdout.write('usage: npm run emulator -- [--port n] [--secret whsec_...] [--pending-ms n] [--processing-ms n] [--api-key k]... [--concurrency n] [--latency-ms n] [--plan p] [--quirk name=value]...\n');
				process.exit(0);
				break;
			default:
				throw new Error(`unknown argument: ${argv[i]}`);
		}
	}
	return o;
}

function parentOf(pid: number): number | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	} catch {
		return undefined;
	}
}

/** Calls onOrphaned when our parent or grandparent (npm above the tsx launcher) exits. */
function watchLaunchers(onOrphaned: () => void): void {
	if (process.platform !== 'linux' || process.env.SYNC_EMULATOR_KEEP_ORPHAN === '1') return;
	const parent = process.ppid;
	const grandparent = parentOf(parent);
	const timer = setInterval(() => {
		if (process.ppid !== parent || (grandparent !== undefined && grandparent > 1 && parentOf(parent) !== grandparent)) onOrphaned();
	}, 500);
	timer.unref();
}

async function main(): Promise<void> {
	let options: EmulatorOptions;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (e) {
		process.stderr.write(`${(e as Error).message}\n`);
		process.exit(2);
	}
	const emu = await startEmulator(options);
	let stopping = false;
	const shutdown = () => {
		if (stopping) return;
		stopping = true;
		emu.stop().then(
			() => process.exit(0),
			() => process.exit(0),
		);
	};
	// Handlers first, then the URL line: whoever reads the line may signal at once, and a SIGINT that arrives
	// before a handler exists kills the process with the default action (exit code null, not 0).
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
	watchLaunchers(shutdown);
	process.stdout.write(`Sync Labs API emulator listening on ${emu.url}\n`);
}

main().catch((e: unknown) => {
	process.stderr.write(`emulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
});

// The command form: `npm run emulator -- --port <port> --secret <whsec_...>` prints one URL line, serves, and exits 0
// on SIGTERM/SIGINT.
import { spawn } from 'child_process';
import type { ChildProcessWithoutNullStreams } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';
import { startReceiver } from './helpers.cjs';

const ROOT = path.resolve(__dirname, '../../..');

function spawnCli(args: string[]): ChildProcessWithoutNullStreams {
	return spawn(process.execPath, ['-r', 'tsx/cjs', 'test/emulator/src/cli.cts', ...args], { cwd: ROOT, stdio: 'pipe' });
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
	return new Promise((resolve, reject) => {
		let out = '';
		let err = '';
		const timer = setTimeout(() => reject(new Error(`no URL line within 20 s; stderr: ${err}`)), 20000);
		child.stdout.on('data', (c: Buffer) => {
			out += c.toString();
			const nl = out.indexOf('\n');
			if (nl >= 0) {
				clearTimeout(timer);
				resolve(out.slice(0, nl));
			}
		});
		child.stderr.on('data', (c: Buffer) => (err += c.toString()));
		child.on('exit', (code) => reject(new Error(`exited ${code} before printing; stderr: ${err}`)));
	});
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
	return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('emulator command', () => {
	it('prints its URL once listening, serves the API with the given secret, and exits 0 on SIGTERM', async () => {
		const secret = 'whsec_cli_secret';
		const child = spawnCli(['--port', '0', '--secret', secret, '--pending-ms', '0', '--processing-ms', '0']);
		const exited = exitCode(child);
		const receiver = await startReceiver();
		try {
			const line = await firstLine(child);
			const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] as string;
			expect(line).toBe(`Sync Labs API emulator listening on ${url}`);
			const models = await fetch(`${url}/v2/models`, { headers: { 'x-api-key': 'k' } });
			expect(models.status).toBe(200);
			await fetch(`${url}/v2/generate`, {
				method: 'POST',
				headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
				body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: 'https://x.test/v.mp4' }, { type: 'audio', url: 'https://x.test/a.wav' }], webhookUrl: receiver.url }),
			});
			const start = Date.now();
			while (receiver.received.length === 0 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 20));
			const hook = receiver.received[0];
			const t = Number(/t=(\d+)/.exec(String(hook.headers['sync-signature']))?.[1]);
			expect(hook.headers['sync-signature']).toBe(signSyncPayload({ secret, timestamp: t, body: hook.body }));
		} finally {
			child.kill('SIGTERM');
			await receiver.close();
		}
		expect(await exited).toBe(0);
	}, 40000);

	it('listens on the requested port and exits 0 on SIGINT', async () => {
		// A port the system just handed out and took back: a random one could be held by a server of another test
		// file running in parallel.
		const port = await freePort();
		const child = spawnCli(['--port', String(port)]);
		const exited = exitCode(child);
		const line = await firstLine(child);
		expect(line).toContain(`http://127.0.0.1:${port}`);
		child.kill('SIGINT');
		expect(await exited).toBe(0);
	}, 40000);

	it('does not outlive `npm run emulator` when npm gets SIGTERM (npm does not forward it)', async () => {
		// Its own process group, so that whatever happens to the test (a timeout on a loaded machine), nothing it
		// started outlives it: the group is killed at the end.
		const child = spawn('npm', ['run', '--silent', 'emulator', '--', '--port', '0', '--secret', 'whsec_npm'], { cwd: ROOT, stdio: 'pipe', detached: true });
		try {
			const exited = exitCode(child);
			const line = await firstLine(child);
			const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] as string;
			expect((await fetch(`${url}/v2/errors`)).status).toBe(200);
			child.kill('SIGTERM');
			await exited;
			const deadline = Date.now() + 5000;
			let alive = true;
			while (alive && Date.now() < deadline) {
				alive = await fetch(`${url}/v2/errors`).then(() => true, () => false);
				if (alive) await new Promise((r) => setTimeout(r, 100));
			}
			expect(alive).toBe(false);
		} finally {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// the group has already ended
			}
		}
	}, 40000);

	it('refuses unknown arguments with exit code 2', async () => {
		const child = spawnCli(['--bogus']);
		expect(await exitCode(child)).toBe(2);
	}, 40000);
});

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

import { createServer } from 'net';
import { readFileSync } from 'fs';

/** Can we listen on 127.0.0.1:port right now? */
export function canListen(port: number): Promise<boolean> {
	return new Promise((resolveCheck) => {
		const srv = createServer();
		srv.unref();
		srv.once('error', () => resolveCheck(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolveCheck(true)));
	});
}

/** The kernel's ephemeral port range (client sockets and listen(0) take ports from it). */
function ephemeralRange(): [number, number] {
	try {
		const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
		if (lo > 0 && hi >= lo) return [lo, hi];
	} catch {
		// not Linux
	}
	return [32768, 60999];
}

/**
 * A port on 127.0.0.1 that was free a moment ago. It is drawn at random from 20000-32767 (or below the
 * ephemeral range), where no outgoing connection or `listen(0)` of another process can take it between this
 * check and n8n binding it; only another process choosing the same fixed port could.
 */
export async function freePort(exclude: Set<number> = new Set()): Promise<number> {
	const [ephemeralLow] = ephemeralRange();
	const low = 20000;
	const high = Math.min(ephemeralLow - 1, 32767);
	for (let attempt = 0; attempt < 200 && high > low; attempt++) {
		const port = low + Math.floor(Math.random() * (high - low + 1));
		if (!exclude.has(port) && (await canListen(port))) return port;
	}
	// unusual ephemeral range: let the kernel choose
	return new Promise((resolvePort, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			srv.close(() => resolvePort(typeof addr === 'object' && addr ? addr.port : 0));
		});
	});
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await freePort(ports));
	return [...ports];
}

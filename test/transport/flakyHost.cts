// A host name for the Sync API whose connections the test refuses on demand: dns.lookup of FLAKY_HOST answers
// 127.0.0.2 (where nothing listens: the emulator listens on 127.0.0.1 only, so the connect is refused with
// ECONNREFUSED, a request never sent) for the lookups `refuse` picks, and 127.0.0.1 otherwise. Each new connection
// looks the name up; a connection the emulator reset is not reused.
import dns from 'dns';

export const FLAKY_HOST = 'sync-flaky.test';

type LookupCallback = (error: NodeJS.ErrnoException | null, address?: unknown, family?: number) => void;

export function useFlakyHost(refuse: (lookup: number) => boolean): { lookups: () => number; restore: () => void } {
	const original = dns.lookup;
	let count = 0;
	const patched = function (hostname: string, options: unknown, callback?: LookupCallback) {
		const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
		const opts = (typeof options === 'object' && options !== null ? options : {}) as { all?: boolean };
		if (hostname !== FLAKY_HOST) return (original as unknown as (...args: unknown[]) => void).call(dns, hostname, options, callback);
		count += 1;
		const address = refuse(count) ? '127.0.0.2' : '127.0.0.1';
		process.nextTick(() => (opts.all ? cb(null, [{ address, family: 4 }]) : cb(null, address, 4)));
	};
	(dns as unknown as { lookup: unknown }).lookup = patched;
	return {
		lookups: () => count,
		restore: () => {
			(dns as unknown as { lookup: unknown }).lookup = original;
		},
	};
}

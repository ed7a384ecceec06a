// The hostile-traffic generator of fuzz.e2e.test.cts: a seeded PRNG (a failing run replays with its seed) and
// the requests it builds against the Sync Labs Trigger's production URL: random/malformed Sync-Signature
// headers, forged, stale, future and tampered signatures, random bodies, content types (JSON, text, XML,
// urlencoded, multipart, octet-stream, none), encodings (gzip, deflate, corrupt gzip, unknown), charsets,
// chunked bodies, other methods, many/odd headers, sizes mostly small with a few large ones up to and one beyond
// n8n's payload limit, and raw-socket requests that lie about their length. What the answers must be is the
// test's business, not this file's.
import { gzipSync, deflateSync } from 'zlib';
import { connect } from 'net';
import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';
import { generationPayload, type LoadRequest } from './load.cjs';

/** What fuzzed requests are built from: the run's seed (ids `fuzz_<seed>_<i>`) and the secrets to forge with. */
export interface FuzzOptions {
	seed: number;
	/** The trigger's signing secret: stale, future and tampered signatures are made with it. */
	secret: string;
	/** A secret that is not the trigger's. */
	wrongSecret: string;
}

export const PAYLOAD_LIMIT = 16 * 1024 * 1024; // n8n's default N8N_PAYLOAD_SIZE_MAX (MiB)

/** mulberry32: small seeded PRNG, so a failing run can be replayed with SYNCLABS_E2E_FUZZ_SEED. */
export function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number) => Math.floor(next() * n);
	const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)];
	const bytes = (n: number) => {
		const b = Buffer.allocUnsafe(n);
		for (let i = 0; i < n; i++) b[i] = int(256);
		return b;
	};
	const printable = (n: number) => {
		let s = '';
		for (let i = 0; i < n; i++) s += String.fromCharCode(32 + int(95));
		return s;
	};
	return { next, int, pick, bytes, printable };
}

export type Rand = ReturnType<typeof prng>;
export const now = () => Math.floor(Date.now() / 1000);
const hex = (r: Rand, n: number) => r.bytes(Math.ceil(n / 2)).toString('hex').slice(0, n);

function smallSize(r: Rand): number {
	const x = r.next();
	if (x < 0.6) return r.int(600);
	if (x < 0.95) return 600 + r.int(4000);
	if (x < 0.995) return 4600 + r.int(60_000);
	return 64_000 + r.int(1_000_000);
}

/** A JSON-ish Sync payload, sometimes mutated into something else. */
function fuzzJson(r: Rand, id: string, size: number): Buffer {
	const base: Record<string, unknown> = generationPayload(id, Math.max(0, size));
	switch (r.int(8)) {
		case 0:
			base.status = r.pick(['COMPLETED', 'FAILED', 'REJECTED', 'PENDING', '', null, 42, { x: 1 }]);
			break;
		case 1:
			delete base.id;
			break;
		case 2:
			base.id = r.pick([null, 7, '', 'x'.repeat(5000), ['a'], { $ne: 1 }]);
			break;
		case 3:
			// Literal "__proto__" / "constructor" keys in the bytes (an object property would set the prototype instead).
			return Buffer.from(JSON.stringify(base).replace(/}$/, ',"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'));
		case 4:
			return Buffer.from(JSON.stringify([base, base]));
		case 5: {
			const s = JSON.stringify(base);
			return Buffer.from(s.slice(0, r.int(s.length))); // truncated JSON
		}
		case 6: {
			let deep = '';
			const d = 200 + r.int(3000);
			deep = '['.repeat(d) + ']'.repeat(d);
			return Buffer.from(`{"id":"${id}","status":"COMPLETED","x":${deep}}`);
		}
		default:
			break;
	}
	return Buffer.from(JSON.stringify(base));
}

function badSignature(r: Rand, body: Buffer, opts: FuzzOptions): string | string[] | undefined {
	const t = now();
	switch (r.int(16)) {
		case 0:
			return undefined;
		case 1:
			return '';
		case 2:
			return signSyncPayload({ secret: opts.wrongSecret, timestamp: t, body });
		case 3:
			return signSyncPayload({ secret: opts.secret, timestamp: t - 3600 - r.int(100000), body }); // stale
		case 4:
			return signSyncPayload({ secret: opts.secret, timestamp: t + 3600 + r.int(100000), body }); // future
		case 5: {
			// valid over other bytes (tampered body)
			return signSyncPayload({ secret: opts.secret, timestamp: t, body: Buffer.concat([body, Buffer.from(' ')]) });
		}
		case 6:
			return `t=${t},v1=${hex(r, 64)}`;
		case 7:
			return `t=${r.pick(['abc', '-1', '1e99', '', '0x10', 'NaN', String(t) + '.5'])},v1=${hex(r, 64)}`;
		case 8:
			return `t=${t},${Array.from({ length: 1 + r.int(300) }, () => `v1=${hex(r, 64)}`).join(',')}`;
		case 9:
			return `v1=${hex(r, 64)},t=${t},v0=${hex(r, 64)},,,=,t=,v1=`;
		case 10:
			return r.printable(r.int(8000));
		case 11:
			return `t=${t},v1=${signSyncPayload({ secret: opts.secret, timestamp: t, body }).split('v1=')[1].toUpperCase().replace(/./, 'Z')}`;
		case 12:
			return [signSyncPayload({ secret: opts.wrongSecret, timestamp: t, body }), `t=${t},v1=${hex(r, 64)}`];
		case 13:
			return `t=${t}, v1=${hex(r, 63)}`;
		case 14:
			return `sha256=${hex(r, 64)}`;
		default:
			return `t=${t},v1=${hex(r, r.int(200))}`;
	}
}

export const CONTENT_TYPES = [
	'application/json',
	'application/json; charset=utf-8',
	'application/json; charset=utf-16',
	'application/json; charset=bogus-42',
	'text/plain',
	'text/plain; charset=latin1',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=----fuzzboundary',
	'multipart/form-data',
	'application/octet-stream',
	'application/vnd.api+json',
	'image/png',
	'*/*',
	'',
] as const;

function multipartBody(r: Rand, size: number, boundary = '----fuzzboundary'): Buffer {
	const parts: Buffer[] = [];
	const n = 1 + r.int(4);
	for (let i = 0; i < n; i++) {
		const file = r.next() < 0.5;
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${r.pick(['data', 'file', 'payload', r.printable(8).replace(/"/g, '')])}"` +
					(file ? `; filename="${r.pick(['a.json', 'x.mp4', '../../etc/passwd', 'ü.bin'])}"\r\nContent-Type: ${r.pick(['application/json', 'application/octet-stream'])}` : '') +
					'\r\n\r\n',
			),
			r.bytes(Math.floor(size / n)),
			Buffer.from('\r\n'),
		);
	}
	if (r.next() < 0.8) parts.push(Buffer.from(`--${boundary}--\r\n`)); // sometimes never closed
	return Buffer.concat(parts);
}

function urlencodedBody(r: Rand, size: number): Buffer {
	const pairs: string[] = [];
	let len = 0;
	while (len < size) {
		const p = `${encodeURIComponent(r.printable(1 + r.int(10)))}=${r.next() < 0.2 ? '%zz%' : encodeURIComponent(r.printable(r.int(50)))}`;
		pairs.push(p);
		len += p.length + 1;
	}
	if (r.next() < 0.1) pairs.push('a[b][c][d][e][f][g][h]=1', '__proto__[polluted]=1');
	return Buffer.from(pairs.join('&'));
}

// XML bodies get their own small share and a short timeout: n8n 2.41.1 parses every XML webhook body with one
// shared xml2js Parser, which mixes up concurrent parses and, once an invalid body has gone through it, leaves
// some requests unanswered, for n8n's own Webhook node exactly as for this trigger (before any node code runs).
// At the share of the other content types their hung connections would hold most of the client's slots.
export const XML_CONTENT_TYPES = ['application/xml', 'text/xml', 'application/atom+xml'] as const;
export const XML_SHARE = Number(process.env.SYNCLABS_E2E_FUZZ_XML_SHARE ?? 0.005);
export const XML_TIMEOUT_MS = 3000;
export const isXml = (contentType: string) => /\/xml\b|\+xml\b/i.test(contentType);

// 8 MiB of zeros, gzipped to about 8 KB: built once, sent as a decompression bomb.
const GZIP_BOMB = gzipSync(Buffer.alloc(8 * 1024 * 1024));

/** One fuzzed request (never a valid delivery). */
export function fuzzRequest(r: Rand, url: string, i: number, opts: FuzzOptions): LoadRequest {
	const id = `fuzz_${opts.seed}_${i}`;
	const size = smallSize(r);
	const ct: string = r.next() < XML_SHARE ? r.pick(XML_CONTENT_TYPES) : r.pick(CONTENT_TYPES);
	let body: Buffer;
	let kind = 'fuzz';
	if (ct.startsWith('multipart/')) {
		body = multipartBody(r, size);
		kind = 'fuzz:multipart';
	} else if (ct === 'application/x-www-form-urlencoded') {
		body = urlencodedBody(r, size);
		kind = 'fuzz:urlencoded';
	} else if (r.next() < 0.5) {
		body = fuzzJson(r, id, size);
		kind = 'fuzz:json';
	} else {
		body = r.bytes(size);
		kind = 'fuzz:bytes';
	}
	if (isXml(ct)) kind = kind.replace('fuzz:', 'fuzz:xml-');
	const headers: Record<string, string | string[]> = {};
	if (ct) headers['content-type'] = ct;
	const sig = badSignature(r, body, opts);
	if (sig !== undefined) headers[r.pick(['sync-signature', 'Sync-Signature', 'SYNC-SIGNATURE'])] = sig;

	// content encodings
	const enc = r.next();
	if (enc < 0.06) {
		body = gzipSync(body);
		headers['content-encoding'] = 'gzip';
		kind += '+gzip';
	} else if (enc < 0.08) {
		body = deflateSync(body);
		headers['content-encoding'] = 'deflate';
		kind += '+deflate';
	} else if (enc < 0.1) {
		headers['content-encoding'] = 'gzip'; // but not gzipped
		kind += '+badgzip';
	} else if (enc < 0.11) {
		headers['content-encoding'] = r.pick(['br', 'xyz', 'gzip, gzip', 'identity', 'compress']);
		kind += '+enc';
	} else if (enc < 0.12) {
		// a gzip bomb-ish body: 8 MiB of zeros compressed to ~8 KB
		body = GZIP_BOMB;
		headers['content-encoding'] = 'gzip';
		kind += '+gzipbomb';
	}
	// random extra headers
	const extra = r.next() < 0.1 ? 1 + r.int(80) : r.int(3);
	for (let h = 0; h < extra; h++) {
		const name = `x-${r.printable(1 + r.int(20)).replace(/[^A-Za-z0-9-]/g, 'a')}`;
		headers[name] = r.printable(r.int(200));
	}
	if (r.next() < 0.02) headers['transfer-encoding'] = 'chunked'; // node streams it chunked, no content-length
	if (r.next() < 0.02) headers['expect'] = '100-continue';
	if (r.next() < 0.02) headers['x-forwarded-for'] = `${r.int(256)}.${r.int(256)}.${r.int(256)}.${r.int(256)}, ${r.printable(20)}`;
	const method = r.next() < 0.03 ? r.pick(['GET', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) : 'POST';
	const path = r.next() < 0.02 ? r.pick(['?a=1&a=2', '/../../rest/settings', '%2e%2e/', '?' + 'q='.repeat(500), '/extra']) : '';
	return {
		method,
		url: url + path,
		headers,
		body: method === 'GET' || method === 'HEAD' ? undefined : body,
		kind,
		timeoutMs: isXml(ct) ? XML_TIMEOUT_MS : undefined,
	};
}

/** The few large ones: near and beyond n8n's body limit, each on its own connection. */
export function largeRequests(url: string, seed: number): LoadRequest[] {
	const big = (n: number) => {
		const payload = Buffer.from(JSON.stringify(generationPayload(`fuzz_${seed}_large_${n}`, n)));
		return payload;
	};
	return [
		{ url, headers: { 'content-type': 'application/json', 'sync-signature': `t=${now()},v1=${'0'.repeat(64)}` }, body: big(2 * 1024 * 1024), kind: 'large:2MiB', noKeepAlive: true },
		{ url, headers: { 'content-type': 'application/json' }, body: big(8 * 1024 * 1024), kind: 'large:8MiB', noKeepAlive: true },
		{ url, headers: { 'content-type': 'application/octet-stream', 'sync-signature': 'x' }, body: Buffer.alloc(PAYLOAD_LIMIT - 64 * 1024, 0x61), kind: 'large:limit-64KiB', noKeepAlive: true },
		{ url, headers: { 'content-type': 'application/json', 'sync-signature': `t=${now()},v1=${'1'.repeat(64)}` }, body: big(PAYLOAD_LIMIT + 1024 * 1024), kind: 'large:over-limit', noKeepAlive: true },
	];
}

/** Raw-socket requests that lie (length bigger than the body, then close; garbage request lines). */
export async function rawAbuse(port: number, path: string, r: Rand): Promise<Array<{ kind: string; status: number | 'none' }>> {
	const payloads: Array<[string, string]> = [
		['raw:short-body', `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nSync-Signature: t=1,v1=00\r\n\r\n{"id":"x"`],
		['raw:bad-length', `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n{}`],
		['raw:both-lengths', `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
		['raw:bad-chunk', `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`],
		['raw:garbage', `${r.printable(200)}\r\n\r\n`],
		['raw:header-nul', `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nSync-Signature: t=1\u0000v1=00\r\nContent-Length: 2\r\n\r\n{}`],
		['raw:http10', `POST ${path} HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`],
		['raw:huge-header', `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nSync-Signature: ${'v1='.repeat(30000)}\r\nContent-Length: 2\r\n\r\n{}`],
	];
	const out: Array<{ kind: string; status: number | 'none' }> = [];
	for (const [kind, text] of payloads) {
		const status = await new Promise<number | 'none'>((resolve) => {
			const s = connect({ host: '127.0.0.1', port });
			let data = '';
			const timer = setTimeout(() => s.destroy(), 5000);
			s.on('data', (d) => (data += d.toString('latin1')));
			s.on('error', () => undefined);
			s.on('close', () => {
				clearTimeout(timer);
				const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
				resolve(m ? Number(m[1]) : 'none');
			});
			s.write(text, () => {
				if (kind === 'raw:short-body') setTimeout(() => s.end(), 200);
				else setTimeout(() => s.end(), 1000);
			});
		});
		out.push({ kind, status });
	}
	return out;
}

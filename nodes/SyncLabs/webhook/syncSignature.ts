// Verifies the `Sync-Signature` header Sync Labs puts on webhook deliveries.
// Pure: no n8n imports, no I/O, an injectable clock, and it never throws (see docs/webhook-signatures.md, rules R1-R14).
import { createHmac, timingSafeEqual } from 'crypto';

export const DEFAULT_TOLERANCE_SECONDS = 300;
export const MAX_HEADER_LENGTH = 2048;
export const MAX_V1_SIGNATURES = 8;

export type SignatureRejectReason =
	| 'missing_header'
	| 'header_too_long'
	| 'missing_timestamp'
	| 'duplicate_timestamp'
	| 'malformed_timestamp'
	| 'no_v1_signature'
	| 'too_many_signatures'
	| 'raw_body_unavailable'
	| 'empty_body'
	| 'signature_mismatch'
	| 'timestamp_too_old'
	| 'timestamp_too_new'
	| 'no_secret_configured'
	| 'invalid_tolerance'
	| 'internal_error';

export type SignatureVerdict =
	| {
			ok: true;
			/** `t` as sent: seconds, or milliseconds when it had 13 digits (see `timestampUnit`). */
			timestamp: number;
			timestampUnit: 'seconds' | 'milliseconds';
			/** 0 = current secret, 1 = previous secret (rotation). */
			matchedSecretIndex: number;
			/** Which bytes matched: the raw body, or its compact JSON re-serialization (R4). */
			via: 'raw' | 'reserialized';
			skewSeconds: number;
	  }
	| {
			ok: false;
			reason: SignatureRejectReason;
			skewSeconds?: number;
			/** With `signature_mismatch` only: configured secrets whose shape explains a mismatch (R10). */
			secretProblems?: SecretProblem[];
	  };

/** Sync's signing secrets start with this (docs/webhook-signatures.md#r10-secret-configuration). */
export const SIGNING_SECRET_PREFIX = 'whsec_';

export type SecretShapeProblem = 'contains_whitespace' | 'missing_prefix';

export interface SecretProblem {
	/** Position in `secrets`, from 1: 1 is the current signing secret, 2 the previous one. Never the value. */
	secretNumber: number;
	problem: SecretShapeProblem;
}

export interface VerifySyncSignatureInput {
	/** The exact bytes received. Anything but a Buffer or a string is rejected. */
	rawBody: unknown;
	/** The `sync-signature` header value as Node gives it (string, string[] or undefined). */
	header: unknown;
	/**
	 * Configured secrets in priority order: current first, then previous. Surrounding whitespace is dropped (a
	 * pasted secret often ends with a newline); entries empty after that are skipped.
	 */
	secrets: ReadonlyArray<unknown>;
	/** Current time in milliseconds since the epoch. */
	nowMs: number;
	/** Allowed |now - t| in seconds; must be a positive finite number (0 never means "off"). */
	toleranceSeconds?: number;
}

// Seconds (exactly 10 digits) or milliseconds (exactly 13): Sync's docs say only "timestamp at the time of
// sending" and their sample parses `t=(\d+)` with no unit (https://sync.so/docs/api-reference/guides/webhooks).
// Every other length is refused as malformed, so a short `t` is never judged by the clock
// alone. Ten digits cover 2001-09-09 to 2286 (docs/webhook-signatures.md#r6-timestamp-format).
const TIMESTAMP_PATTERN = /^(?:[0-9]{10}|[0-9]{13})$/;
const MILLISECOND_DIGITS = 13;
const SIGNATURE_PATTERN = /^[0-9a-fA-F]{64}$/;

interface ParsedHeader {
	timestamp: string;
	signatures: Buffer[];
}

function isSpaceOrTab(code: number): boolean {
	return code === 32 || code === 9;
}

/** Trims only spaces and tabs (String.trim would also eat newlines and other Unicode spaces). */
function trimSpacesAndTabs(value: string): string {
	let start = 0;
	let end = value.length;
	while (start < end && isSpaceOrTab(value.charCodeAt(start))) start++;
	while (end > start && isSpaceOrTab(value.charCodeAt(end - 1))) end--;
	return start === 0 && end === value.length ? value : value.slice(start, end);
}

function parseHeader(header: unknown): ParsedHeader | SignatureRejectReason {
	if (typeof header !== 'string' || header.length === 0) return 'missing_header';
	if (header.length > MAX_HEADER_LENGTH) return 'header_too_long';

	const timestamps: string[] = [];
	const candidates: string[] = [];
	for (const rawItem of header.split(',')) {
		const item = trimSpacesAndTabs(rawItem);
		const eq = item.indexOf('=');
		if (eq <= 0) continue;
		const key = item.slice(0, eq);
		const value = item.slice(eq + 1);
		if (key === 't') timestamps.push(value);
		else if (key === 'v1') candidates.push(value);
		// Other schemes (v0, v2, ...) are ignored on purpose: never a fallback.
	}

	if (timestamps.length === 0) return 'missing_timestamp';
	if (timestamps.length > 1) return 'duplicate_timestamp';
	if (!TIMESTAMP_PATTERN.test(timestamps[0])) return 'malformed_timestamp';
	if (candidates.length === 0) return 'no_v1_signature';
	if (candidates.length > MAX_V1_SIGNATURES) return 'too_many_signatures';

	// Only well-formed 64-hex candidates are decoded; the rest can never match.
	const signatures = candidates.filter((c) => SIGNATURE_PATTERN.test(c)).map((c) => Buffer.from(c, 'hex'));
	return { timestamp: timestamps[0], signatures };
}

function digest(secret: string, timestamp: string, body: Buffer | string): Buffer {
	return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** Index of the first secret for which any candidate equals HMAC(secret, t.body), or -1. */
function matchingSecretIndex(
	secrets: string[],
	timestamp: string,
	body: Buffer | string,
	signatures: Buffer[],
): number {
	for (let i = 0; i < secrets.length; i++) {
		const expected = digest(secrets[i], timestamp, body);
		let matched = false;
		// Compare against every candidate (no early exit) so timing does not depend on the position of a match.
		for (const candidate of signatures) {
			if (timingSafeEqual(candidate, expected)) matched = true;
		}
		if (matched) return i;
	}
	return -1;
}

/**
 * Blank characters a copy can add around a secret: what trim() removes, and the zero-width ones it keeps (U+200B to
 * U+200D, U+2060), which text copied from a web page carries invisibly.
 */
const EDGE_BLANKS = /^[\s\u200B-\u200D\u2060]+|[\s\u200B-\u200D\u2060]+$/g;
const BLANK_INSIDE = /[\s\u200B-\u200D\u2060]/;

/** The secret as used for the HMAC: a Sync secret never has blanks around it, so a copy slip is forgiven. */
export function usableSecret(value: unknown): string {
	return typeof value === 'string' ? value.replace(EDGE_BLANKS, '') : '';
}

/**
 * What is wrong with the shape of each configured secret: whitespace left inside it, or no `whsec_` prefix.
 * Neither stops verification (a test or proxy may sign with any string), but either explains a mismatch, as
 * stripe-node's note on a secret containing whitespace does (https://github.com/stripe/stripe-node/blob/v23.1.0/src/Webhooks.ts).
 */
export function secretShapeProblems(secrets: ReadonlyArray<unknown>): SecretProblem[] {
	const problems: SecretProblem[] = [];
	secrets.forEach((value, index) => {
		const secret = usableSecret(value);
		if (secret === '') return;
		if (BLANK_INSIDE.test(secret)) problems.push({ secretNumber: index + 1, problem: 'contains_whitespace' });
		if (!secret.startsWith(SIGNING_SECRET_PREFIX)) problems.push({ secretNumber: index + 1, problem: 'missing_prefix' });
	});
	return problems;
}

function reserialize(body: Buffer): string | undefined {
	try {
		return JSON.stringify(JSON.parse(body.toString('utf8')));
	} catch {
		return undefined;
	}
}

function verify(input: VerifySyncSignatureInput): SignatureVerdict {
	const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance <= 0) {
		return { ok: false, reason: 'invalid_tolerance' };
	}

	const configured: ReadonlyArray<unknown> = Array.isArray(input.secrets) ? input.secrets : [];
	const secrets = configured.map(usableSecret).filter((s) => s.length > 0);
	if (secrets.length === 0) return { ok: false, reason: 'no_secret_configured' };

	let body: Buffer;
	if (Buffer.isBuffer(input.rawBody)) body = input.rawBody;
	else if (typeof input.rawBody === 'string') body = Buffer.from(input.rawBody, 'utf8');
	else return { ok: false, reason: 'raw_body_unavailable' };

	const parsed = parseHeader(input.header);
	if (typeof parsed === 'string') return { ok: false, reason: parsed };
	if (body.length === 0) return { ok: false, reason: 'empty_body' };

	let via: 'raw' | 'reserialized' = 'raw';
	let index = matchingSecretIndex(secrets, parsed.timestamp, body, parsed.signatures);
	if (index < 0) {
		const compact = reserialize(body);
		if (compact !== undefined) {
			index = matchingSecretIndex(secrets, parsed.timestamp, compact, parsed.signatures);
			via = 'reserialized';
		}
	}
	if (index < 0) {
		const secretProblems = secretShapeProblems(configured);
		return secretProblems.length > 0
			? { ok: false, reason: 'signature_mismatch', secretProblems }
			: { ok: false, reason: 'signature_mismatch' };
	}

	// Freshness after authenticity: only a holder of the secret learns about clock problems.
	// The same symmetric tolerance for both units; milliseconds are compared at their own precision.
	const timestamp = Number(parsed.timestamp);
	const timestampUnit = parsed.timestamp.length === MILLISECOND_DIGITS ? 'milliseconds' : 'seconds';
	const skewMs = timestampUnit === 'milliseconds' ? input.nowMs - timestamp : Math.floor(input.nowMs / 1000) * 1000 - timestamp * 1000;
	const skewSeconds = Math.trunc(skewMs / 1000);
	if (!Number.isFinite(skewMs)) return { ok: false, reason: 'internal_error' };
	if (skewMs > tolerance * 1000) return { ok: false, reason: 'timestamp_too_old', skewSeconds };
	if (-skewMs > tolerance * 1000) return { ok: false, reason: 'timestamp_too_new', skewSeconds };

	return { ok: true, timestamp, timestampUnit, matchedSecretIndex: index, via, skewSeconds };
}

/**
 * The header checks that need no secret and no body (presence, length, one `t`, 1-8 `v1`), so a caller can
 * refuse obviously unsigned traffic before loading credentials. Returns the reject reason, or undefined.
 */
export function checkSignatureHeaderShape(header: unknown): SignatureRejectReason | undefined {
	try {
		const parsed = parseHeader(header);
		return typeof parsed === 'string' ? parsed : undefined;
	} catch {
		return 'internal_error';
	}
}

/** Verifies a delivery. Never throws: any unexpected failure is a reject with reason `internal_error`. */
export function verifySyncSignature(input: VerifySyncSignatureInput): SignatureVerdict {
	try {
		return verify(input);
	} catch {
		return { ok: false, reason: 'internal_error' };
	}
}

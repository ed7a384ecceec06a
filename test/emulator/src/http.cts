// Request-body readers (JSON with a size cap, streaming multipart) and the reply type handlers return.
import type { IncomingMessage } from 'http';
import type { Readable } from 'stream';
import { ApiError } from './errors.cjs';
import type { RecordedFormPart } from './types.cjs';

export interface Reply {
	status: number;
	headers?: Record<string, string>;
	json?: unknown;
	text?: string;
	raw?: Buffer;
	stream?: Readable;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
	return { status, json: body, headers };
}

export const JSON_BODY_LIMIT = 16 * 1024 * 1024;

/** Reads the whole body (capped) and parses JSON. Empty body → undefined. */
export async function readJson(req: IncomingMessage, onBytes: (n: number) => void, limit = JSON_BODY_LIMIT): Promise<unknown> {
	const chunks: Buffer[] = [];
	let total = 0;
	let tooLarge = false;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		total += chunk.length;
		onBytes(chunk.length);
		if (total > limit) tooLarge = true;
		if (!tooLarge) chunks.push(chunk);
	}
	if (tooLarge) throw new ApiError(413, `Request body exceeds ${limit} bytes`);
	const text = Buffer.concat(chunks).toString('utf8');
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch (e) {
		throw new ApiError(400, `Unexpected token in JSON body: ${(e as Error).message}`);
	}
}

/** Drains and counts a body without keeping it. */
export async function drain(req: IncomingMessage, onBytes: (n: number) => void): Promise<number> {
	let total = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		total += chunk.length;
		onBytes(chunk.length);
	}
	return total;
}

export interface MultipartFile {
	field: string;
	filename?: string;
	contentType?: string;
	size: number;
	/** The bytes, if size ≤ keepBytes. */
	data?: Buffer;
}
export interface MultipartResult {
	fields: Array<{ name: string; value: string }>;
	files: MultipartFile[];
	parts: RecordedFormPart[];
}
export interface MultipartLimits {
	fileBytes: number;
	fieldBytes: number;
	files: number;
	fields: number;
	parts: number;
	keepBytes: number;
}

export function multipartBoundary(contentType: string | undefined): string | undefined {
	if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	return m ? (m[1] ?? m[2]).trim() : undefined;
}

/**
 * Streaming multipart/form-data parser: file parts are counted (and kept only up to keepBytes), never buffered whole.
 * Limit violations (413 for sizes, 400 for counts) are thrown after the body was drained.
 */
export async function readMultipart(
	req: IncomingMessage,
	boundary: string,
	limits: MultipartLimits,
	onBytes: (n: number) => void,
): Promise<MultipartResult> {
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	const result: MultipartResult = { fields: [], files: [], parts: [] };
	let buf: Buffer = Buffer.from('\r\n');
	let state: 'preamble' | 'after' | 'headers' | 'body' | 'done' = 'preamble';
	let violation: ApiError | undefined;
	let partName = '';
	let partFilename: string | undefined;
	let partType: string | undefined;
	let isFile = false;
	let size = 0;
	let kept: Buffer[] = [];
	let keep = true;

	const fail = (e: ApiError) => {
		if (!violation) violation = e;
	};
	const feed = (data: Buffer) => {
		if (data.length === 0 || violation) return;
		size += data.length;
		if (isFile) {
			if (size > limits.fileBytes) fail(new ApiError(413, `File "${partName}" exceeds the ${limits.fileBytes}-byte upload limit`, { errorCode: 'generation_input_validation_failed', field: partName }));
			if (keep && size <= limits.keepBytes) kept.push(data);
			else {
				keep = false;
				kept = [];
			}
		} else {
			if (size > limits.fieldBytes) fail(new ApiError(413, `Field "${partName}" exceeds ${limits.fieldBytes} bytes`, { errorCode: 'generation_input_validation_failed', field: partName }));
			else kept.push(data);
		}
	};
	const finishPart = () => {
		if (violation) return;
		if (isFile) {
			result.files.push({ field: partName, filename: partFilename, contentType: partType, size, data: keep ? Buffer.concat(kept) : undefined });
			result.parts.push({ name: partName, filename: partFilename, contentType: partType, bytes: size });
		} else {
			const value = Buffer.concat(kept).toString('utf8');
			result.fields.push({ name: partName, value });
			result.parts.push({ name: partName, bytes: size, value: value.length > 2048 ? `${value.slice(0, 2048)}…` : value });
		}
		if (result.files.length > limits.files) fail(new ApiError(400, `At most ${limits.files} files are allowed`, { errorCode: 'generation_input_validation_failed' }));
		if (result.fields.length > limits.fields) fail(new ApiError(400, `At most ${limits.fields} fields are allowed`, { errorCode: 'generation_input_validation_failed' }));
		if (result.parts.length > limits.parts) fail(new ApiError(400, `At most ${limits.parts} parts are allowed`, { errorCode: 'generation_input_validation_failed' }));
	};

	const step = (): boolean => {
		switch (state) {
			case 'preamble': {
				const i = buf.indexOf(delimiter);
				if (i < 0) {
					if (buf.length > delimiter.length) buf = buf.subarray(buf.length - delimiter.length);
					return false;
				}
				buf = buf.subarray(i + delimiter.length);
				state = 'after';
				return true;
			}
			case 'after': {
				if (buf.length < 2) return false;
				if (buf[0] === 0x2d && buf[1] === 0x2d) {
					state = 'done';
					return false;
				}
				const eol = buf.indexOf('\r\n');
				if (eol < 0) return false;
				buf = buf.subarray(eol + 2);
				state = 'headers';
				return true;
			}
			case 'headers': {
				const end = buf.indexOf('\r\n\r\n');
				if (end < 0) {
					if (buf.length > 16384) fail(new ApiError(400, 'Multipart part headers too large'));
					return false;
				}
				const head = buf.subarray(0, end).toString('utf8');
				buf = buf.subarray(end + 4);
				const disposition = /content-disposition:\s*([^\r\n]*)/i.exec(head)?.[1] ?? '';
				partName = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? /(?:^|;)\s*name=([^;\s]+)/i.exec(disposition)?.[1] ?? '';
				partFilename = /filename="([^"]*)"/i.exec(disposition)?.[1];
				partType = /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]?.trim();
				isFile = partFilename !== undefined;
				size = 0;
				kept = [];
				keep = true;
				state = 'body';
				return true;
			}
			case 'body': {
				const i = buf.indexOf(delimiter);
				if (i >= 0) {
					feed(buf.subarray(0, i));
					finishPart();
					buf = buf.subarray(i + delimiter.length);
					state = 'after';
					return true;
				}
				const safe = buf.length - (delimiter.length - 1);
				if (safe > 0) {
					feed(buf.subarray(0, safe));
					buf = Buffer.from(buf.subarray(safe));
				}
				return false;
			}
			default:
				return false;
		}
	};

	for await (const chunk of req as AsyncIterable<Buffer>) {
		onBytes(chunk.length);
		if ((state as string) === 'done') continue;
		buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
		while (step()) {
			/* keep parsing */
		}
	}
	if (violation) throw violation;
	if ((state as string) !== 'done') throw new ApiError(400, 'Malformed multipart body: missing closing boundary');
	return result;
}

// Batch input files (docs/sync-api.md#batches): JSONL parsing and the checks Sync applies, run locally so a bad
// row is reported with its line or input item before anything is sent. Pure; no n8n types.
import { createRequestProblem } from '../../schemas/createGenerationRequest';

export const BATCH_MIN_ROWS = 20;
export const BATCH_MAX_ROWS = 500;
/** "5 MB"; Sync's own limit is measured on the JSONL file (or the rows serialized as JSONL). */
export const BATCH_MAX_BYTES = 5 * 1024 * 1024;
export const BATCH_ENDPOINT = '/v2/generate';

export interface BatchRow {
	request_id: string;
	endpoint: string;
	payload: Record<string, unknown>;
}

export interface RowProblem {
	/** The row's field the problem is in: request_id, endpoint, payload, a path under payload (payload.options.temperature), or '' for the row. */
	field: string;
	problem: string;
}

export interface JsonlLine {
	/** 1-based line number in the file (blank lines count). */
	line: number;
	value: unknown;
}

export type JsonlParseResult = { ok: true; lines: JsonlLine[] } | { ok: false; line: number; problem: string };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The non-blank lines of JSONL text (BOM dropped), trimmed, with their 1-based line numbers. */
export function nonBlankLines(text: string): Array<{ line: number; text: string }> {
	return text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.map((raw, i) => ({ line: i + 1, text: raw.trim() }))
		.filter((l) => l.text !== '');
}

/** Splits JSONL text into parsed values, skipping blank lines; reports the first line that is not JSON. */
export function parseJsonl(text: string): JsonlParseResult {
	const out: JsonlLine[] = [];
	for (const { line, text: raw } of nonBlankLines(text)) {
		try {
			out.push({ line, value: JSON.parse(raw) });
		} catch (error) {
			return { ok: false, line, problem: `line ${line} is not valid JSON (${(error as Error).message})` };
		}
	}
	return { ok: true, lines: out };
}

/** The checks one row must pass (shape only; the limits over all rows are in checkBatchSize). */
export function checkBatchRow(value: unknown): RowProblem | undefined {
	if (!isPlainObject(value)) return { field: '', problem: 'must be a JSON object with request_id, endpoint and payload' };
	const requestId = value.request_id;
	if (typeof requestId !== 'string' || requestId.trim() === '') {
		return { field: 'request_id', problem: 'must be a non-empty string' };
	}
	if (value.endpoint !== BATCH_ENDPOINT) {
		return { field: 'endpoint', problem: `must be "${BATCH_ENDPOINT}", got ${JSON.stringify(value.endpoint) ?? 'nothing'}` };
	}
	const payload = value.payload;
	if (!isPlainObject(payload)) {
		return { field: 'payload', problem: `must be an object (a generation request with "model" and "input"), got ${describe(payload)}` };
	}
	if (typeof payload.model !== 'string' || payload.model.trim() === '') {
		return { field: 'payload.model', problem: 'is required (for example "lipsync-2")' };
	}
	if (!Array.isArray(payload.input) || payload.input.length === 0) {
		return { field: 'payload.input', problem: `must be a non-empty array of inputs, got ${describe(payload.input)}` };
	}
	// The whole payload, wire types included, as Sync's create request types it: a row Sync would refuse is refused
	// before any batch of the run is created.
	const payloadProblem = createRequestProblem(payload);
	if (payloadProblem) {
		let value: unknown = payload;
		for (const key of payloadProblem.path) value = (value as Record<string | number, unknown> | undefined)?.[key];
		const path = payloadProblem.path.join('.');
		return { field: path ? `payload.${path}` : 'payload', problem: `is ${describe(value)}: ${payloadProblem.message}` };
	}
	return undefined;
}

function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
	if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
	if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
	return `a ${typeof value}`;
}

/** Index of the first row whose request_id repeats an earlier one, with that earlier index. */
export function findDuplicateRequestId(rows: ReadonlyArray<{ request_id: string }>): { index: number; firstIndex: number } | undefined {
	const seen = new Map<string, number>();
	for (let index = 0; index < rows.length; index++) {
		const id = rows[index].request_id;
		const firstIndex = seen.get(id);
		if (firstIndex !== undefined) return { index, firstIndex };
		seen.set(id, index);
	}
	return undefined;
}

/** The count and size limits; undefined when both hold. */
export function checkBatchSize(rowCount: number, jsonlBytes: number): string | undefined {
	if (rowCount < BATCH_MIN_ROWS || rowCount > BATCH_MAX_ROWS) {
		return `has ${rowCount} row${rowCount === 1 ? '' : 's'}; Sync accepts ${BATCH_MIN_ROWS} to ${BATCH_MAX_ROWS} per batch`;
	}
	if (jsonlBytes > BATCH_MAX_BYTES) {
		return `is ${jsonlBytes} bytes as JSONL; Sync accepts at most ${BATCH_MAX_BYTES} bytes (5 MB)`;
	}
	return undefined;
}

export function toJsonl(rows: readonly unknown[]): string {
	return rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
}

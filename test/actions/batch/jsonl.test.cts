// Pure batch-file helpers: JSONL parsing, row checks, limits, results parsing, base-URL scoping.
import {
	BATCH_MAX_BYTES,
	checkBatchRow,
	checkBatchSize,
	findDuplicateRequestId,
	parseJsonl,
	toJsonl,
} from '../../../nodes/SyncLabs/actions/batch/jsonl';
import { parseResultLines } from '../../../nodes/SyncLabs/actions/batch/results';
import { isUnderBaseUrl } from '../../../nodes/SyncLabs/transport/resultsFile';

const row = (over: Record<string, unknown> = {}) => ({
	request_id: 'a',
	endpoint: '/v2/generate',
	payload: { model: 'lipsync-2', input: [{ type: 'video', url: 'https://x/v.mp4' }, { type: 'audio', url: 'https://x/a.wav' }] },
	...over,
});

describe('parseJsonl', () => {
	it('skips blank lines, keeps 1-based line numbers, accepts CRLF and a BOM', () => {
		const result = parseJsonl('\uFEFF{"a":1}\r\n\r\n  \n{"b":2}\n');
		expect(result).toEqual({ ok: true, lines: [{ line: 1, value: { a: 1 } }, { line: 4, value: { b: 2 } }] });
	});

	it('reports the first line that is not JSON', () => {
		const result = parseJsonl('{"a":1}\n{"b":\n{"c":3}');
		expect(result.ok).toBe(false);
		expect(result).toMatchObject({ line: 2, problem: expect.stringMatching(/^line 2 is not valid JSON/) });
	});
});

describe('checkBatchRow', () => {
	it('a complete row passes', () => {
		expect(checkBatchRow(row())).toBeUndefined();
	});

	it.each([
		[[1, 2], '', /JSON object/],
		[row({ request_id: '' }), 'request_id', /non-empty string/],
		[row({ request_id: 7 }), 'request_id', /non-empty string/],
		[row({ endpoint: '/v2/generations' }), 'endpoint', /must be "\/v2\/generate", got "\/v2\/generations"/],
		[row({ endpoint: undefined }), 'endpoint', /got nothing/],
		[row({ payload: 'lipsync' }), 'payload', /got the text "lipsync"/],
		[row({ payload: [] }), 'payload', /got an empty array/],
		[row({ payload: { input: [{}] } }), 'payload.model', /is required/],
		[row({ payload: { model: 'lipsync-2', input: {} } }), 'payload.input', /non-empty array.*got a object/],
		// Sync's create request, wire types included (nodes/SyncLabs/schemas/createGenerationRequest.ts).
		[row({ payload: { ...row().payload, outputFileName: 12345 } }), 'payload.outputFileName', /^is the number 12345: Expected string, received number$/],
		[row({ payload: { ...row().payload, options: { temperature: '0.5' } } }), 'payload.options.temperature', /^is the text "0.5": Expected number, received string$/],
		[row({ payload: { ...row().payload, input: [{ type: 'video', url: 'https://x/v.mp4' }] } }), 'payload.input', /at least one audio or text input/],
		[row({ payload: { ...row().payload, webhook: 'https://x/hook' } }), 'payload', /Unrecognized key\(s\) in object: 'webhook'/],
	])('%j → %s', (value, field, problem) => {
		const result = checkBatchRow(value);
		expect(result?.field).toBe(field);
		expect(result?.problem).toMatch(problem);
	});
});

it('findDuplicateRequestId reports the repeat and the first use', () => {
	expect(findDuplicateRequestId([{ request_id: 'a' }, { request_id: 'b' }])).toBeUndefined();
	expect(findDuplicateRequestId([{ request_id: 'a' }, { request_id: 'b' }, { request_id: 'a' }])).toEqual({ index: 2, firstIndex: 0 });
});

it('checkBatchSize: 20 to 500 rows, at most 5 MB', () => {
	expect(checkBatchSize(20, 100)).toBeUndefined();
	expect(checkBatchSize(500, BATCH_MAX_BYTES)).toBeUndefined();
	expect(checkBatchSize(19, 100)).toBe('has 19 rows; Sync accepts 20 to 500 per batch');
	expect(checkBatchSize(501, 100)).toBe('has 501 rows; Sync accepts 20 to 500 per batch');
	expect(checkBatchSize(20, BATCH_MAX_BYTES + 1)).toMatch(/^is 5242881 bytes as JSONL; Sync accepts at most 5242880 bytes \(5 MB\)$/);
});

it('toJsonl writes one compact line per row', () => {
	expect(toJsonl([{ a: 1 }, { b: [2] }])).toBe('{"a":1}\n{"b":[2]}\n');
});

describe('parseResultLines', () => {
	it('objects pass through; non-objects and broken lines are kept and marked', () => {
		const text = '{"requestId":"r1","status":"COMPLETED"}\n\n42\nnot json\n["x"]\n';
		expect(parseResultLines(text)).toEqual([
			{ requestId: 'r1', status: 'COMPLETED' },
			{ line: 3, value: 42 },
			{ line: 4, raw: 'not json', parseError: 'The line is not valid JSON' },
			{ line: 5, value: ['x'] },
		]);
	});

	it('an empty file gives no lines', () => {
		expect(parseResultLines('\n \n')).toEqual([]);
	});
});

describe('isUnderBaseUrl', () => {
	it.each([
		['https://api.sync.so/v2/batch/1/results', 'https://api.sync.so', true],
		['https://api.sync.so/batch-results/1', 'https://api.sync.so/', true],
		['https://api.sync.so.evil.example/x', 'https://api.sync.so', false],
		['http://api.sync.so/x', 'https://api.sync.so', false],
		['https://api.sync.so:8443/x', 'https://api.sync.so', false],
		['https://bucket.s3.amazonaws.com/r.jsonl?X-Amz-Signature=1', 'https://api.sync.so', false],
		['https://proxy.example/sync/v2/x', 'https://proxy.example/sync', true],
		['https://proxy.example/sync', 'https://proxy.example/sync/', true],
		['https://proxy.example/syncother/x', 'https://proxy.example/sync', false],
		['not a url', 'https://api.sync.so', false],
	])('%s under %s: %s', (url, base, expected) => {
		expect(isUnderBaseUrl(url, base)).toBe(expected);
	});
});

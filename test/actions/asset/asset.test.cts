// Asset resource of the Sync Labs node, run in-process by n8n's WorkflowExecute against the emulator (real HTTP).
import { Readable } from 'node:stream';
import { runNode } from '../../runner/index.cjs';
import { startEmulator, TINY_MP4, TINY_WAV, type Emulator } from '../../emulator/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const API_KEY = 'asset-test-key';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 5 });
});
afterEach(() => emulator.reset());
afterAll(async () => {
	await emulator.stop();
});

function credentials() {
	return { apiKey: API_KEY, baseUrl: emulator.url };
}

/** A deterministic stream of `size` bytes, produced chunk by chunk (never held in memory as a whole). */
function byteStream(size: number, chunk = 1024 * 1024): Readable {
	let left = size;
	const block = Buffer.alloc(chunk, 7);
	return new Readable({
		read() {
			if (left <= 0) return void this.push(null);
			const n = Math.min(left, chunk);
			left -= n;
			this.push(n === chunk ? block : block.subarray(0, n));
		},
	});
}

describe('Asset → Upload', () => {
	// What is retried and what it leads to, not how long the backoff is (test/transport/quickRetries.cts).
	useQuickRetries();
	it('runs the three steps: presigned URL with the key, PUT without it, register; outputs the asset', async () => {
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload', binaryPropertyName: 'data' },
			items: [{ binary: { data: { data: TINY_MP4, fileName: 'clip.mp4', mimeType: 'video/mp4' } } }],
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		const asset = result.items[0].json;
		expect(asset).toMatchObject({ type: 'VIDEO', name: 'clip.mp4', inputType: 'UPLOAD', visibility: 'USER', size: TINY_MP4.length });
		expect(typeof asset.id).toBe('string');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });

		const [presign, put, register] = emulator.requests;
		expect([presign.method, presign.path]).toEqual(['POST', '/v2/assets/upload']);
		expect(presign.headers['x-api-key']).toBe(API_KEY);
		expect(presign.json).toEqual({ fileName: 'clip.mp4', contentType: 'video/mp4', size: TINY_MP4.length });

		expect(put.method).toBe('PUT');
		expect(put.path).toMatch(/^\/uploads\//);
		expect(put.headers['x-api-key']).toBeUndefined();
		expect(put.headers.authorization).toBeUndefined();
		expect(put.headers['content-type']).toBe('video/mp4');
		expect(put.headers['content-length']).toBe(String(TINY_MP4.length));
		expect(put.status).toBe(200);
		expect(put.bodyBytes).toBe(TINY_MP4.length);

		expect([register.method, register.path]).toEqual(['POST', '/v2/assets']);
		expect(register.headers['x-api-key']).toBe(API_KEY);
		expect(register.json).toMatchObject({ type: 'VIDEO' });
		expect((register.json as { url: string }).url).toContain('/media/uploads/');
		expect(emulator.counters.assetsCreated).toBe(1);
		// The emulator kept the bytes (small file): they are exactly what was sent.
		const stored = await fetch(String(asset.url));
		expect(Buffer.from(await stored.arrayBuffer()).equals(TINY_MP4)).toBe(true);
	});

	it('streams a multi-megabyte file from the filesystem binary store; the emulator counts every byte', async () => {
		const size = 24 * 1024 * 1024 + 123;
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload', binaryPropertyName: 'video' },
			items: [{ binary: { video: { data: () => byteStream(size), fileName: 'big.mp4', mimeType: 'video/mp4' } } }],
			credentials: credentials(),
			binaryMode: 'filesystem',
		});
		try {
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ type: 'VIDEO', size });
			expect(emulator.counters.uploadsReceivedBytes).toBe(size);
			const puts = emulator.requests.filter((r) => r.method === 'PUT');
			expect(puts).toHaveLength(1);
			expect(puts[0].headers['x-api-key']).toBeUndefined();
			expect(puts[0].headers['content-length']).toBe(String(size));
			expect(puts[0].bodyBytes).toBe(size);
		} finally {
			await result.dispose();
		}
	});

	it('memory stays flat while a 256 MiB file is uploaded (no copy of the body is kept)', async () => {
		const size = 256 * 1024 * 1024;
		let peak = 0;
		const baseline = process.memoryUsage();
		const base = baseline.rss;
		const timer = setInterval(() => {
			peak = Math.max(peak, process.memoryUsage().rss - base);
		}, 5);
		let result;
		try {
			result = await runNode({
				parameters: { resource: 'asset', operation: 'upload', binaryPropertyName: 'data' },
				items: [{ binary: { data: { data: () => byteStream(size), fileName: 'huge.mov', mimeType: 'video/quicktime' } } }],
				credentials: credentials(),
				binaryMode: 'filesystem',
			});
		} finally {
			clearInterval(timer);
		}
		try {
			expect(result.error).toBeUndefined();
			expect(emulator.counters.uploadsReceivedBytes).toBe(size);
			// Holding the file (or a replay buffer of it) would add ≥ 256 MiB.
			expect(peak).toBeLessThan(128 * 1024 * 1024);
		} finally {
			await result.dispose();
		}
	}, 120000);

	it('name and visibility options; audio recognised from the extension when the MIME type is generic', async () => {
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload', binaryPropertyName: 'data', options: { name: 'Voice over', visibility: 'ORGANIZATION' } },
			items: [{ binary: { data: { data: TINY_WAV, fileName: 'voice.wav', mimeType: 'application/octet-stream' } } }],
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ type: 'AUDIO', name: 'Voice over', visibility: 'ORGANIZATION' });
		const register = emulator.requests.find((r) => r.method === 'POST' && r.path === '/v2/assets');
		expect(register?.json).toMatchObject({ type: 'AUDIO', name: 'Voice over', visibility: 'ORGANIZATION' });
		const put = emulator.requests.find((r) => r.method === 'PUT');
		expect(put?.headers['content-type']).toBe('audio/wav');
	});

	it('a failed PUT (503) is retried with a fresh stream', async () => {
		emulator.injectFault({ method: 'PUT', path: '/uploads/*', status: 503, times: 1 });
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload' },
			items: [{ binary: { data: { data: TINY_MP4, fileName: 'retry.mp4', mimeType: 'video/mp4' } } }],
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		const puts = emulator.requests.filter((r) => r.method === 'PUT');
		expect(puts.map((p) => p.status)).toEqual([503, 200]);
		expect(puts[1].bodyBytes).toBe(TINY_MP4.length);
		expect(emulator.counters.assetsCreated).toBe(1);
	}, 20000);

	it('storage refusing the PUT (403) fails with the storage error, no asset is registered', async () => {
		emulator.injectFault({ method: 'PUT', path: '/uploads/*', status: 403, times: 1 });
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload' },
			items: [{ binary: { data: { data: TINY_MP4, fileName: 'x.mp4', mimeType: 'video/mp4' } } }],
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Uploading "x\.mp4" to Sync Labs storage failed: HTTP 403/);
		expect(emulator.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
		expect(emulator.counters.assetsCreated).toBe(0);
	});

	it('an API error from registration is mapped with its errorCode', async () => {
		emulator.config.planFileLimitBytes = 10;
		try {
			const result = await runNode({
				parameters: { resource: 'asset', operation: 'upload' },
				items: [{ binary: { data: { data: TINY_MP4, fileName: 'x.mp4', mimeType: 'video/mp4' } } }],
				credentials: credentials(),
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('[file_size_exceeds_plan_limit]');
			expect(result.error?.itemIndex).toBe(0);
		} finally {
			emulator.config.planFileLimitBytes = Infinity;
		}
	});

	it('validation: a missing binary property names the field and the item, before any request', async () => {
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload', binaryPropertyName: 'video' },
			items: [
				{ binary: { video: { data: TINY_MP4, fileName: 'a.mp4', mimeType: 'video/mp4' } } },
				{ binary: { other: { data: TINY_MP4, fileName: 'b.mp4', mimeType: 'video/mp4' } } },
			],
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Input Binary Field is "video", but the input item has no binary field of that name (its 1 binary field is: other) (item 1)');
		expect(result.error?.itemIndex).toBe(1);
	});

	it('validation: a file that is not video, audio or image is refused', async () => {
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload' },
			items: [{ binary: { data: { data: Buffer.from('%PDF-1.4'), fileName: 'doc.pdf', mimeType: 'application/pdf' } } }],
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Input Binary Field "data" has the MIME type application\/pdf, which says neither video, audio nor image; set its MIME type \(item 0\)$/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('continueOnFail: a bad item becomes an error item, the good one is uploaded', async () => {
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload' },
			items: [
				{ json: { n: 0 } },
				{ binary: { data: { data: TINY_MP4, fileName: 'ok.mp4', mimeType: 'video/mp4' } } },
			],
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toMatch(/Input Binary Field/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json).toMatchObject({ type: 'VIDEO', name: 'ok.mp4' });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('Asset → Upload with several items: every item is checked before the first upload', () => {
	const file = (fileName: string) => ({ binary: { data: { data: TINY_MP4, fileName, mimeType: 'video/mp4' } } });
	const sent = () => emulator.requests.map((r) => `${r.method} ${r.path}`);

	it('an unknown Visibility given by item 2\'s expression stops the node before items 0 and 1 are uploaded', async () => {
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload', options: { visibility: '={{ $json.visibility }}' } },
			items: [
				{ ...file('a.mp4'), json: { visibility: 'USER' } },
				{ ...file('b.mp4'), json: { visibility: 'ORGANIZATION' } },
				{ ...file('c.mp4'), json: { visibility: 'PUBLIC' } },
			],
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Visibility is the text "PUBLIC".*\(item 2\)$/);
		expect(sent()).toEqual([]);
		expect(emulator.counters.assetsCreated).toBe(0);
	});

	it('item 2 without its binary field stops the node before items 0 and 1 are uploaded', async () => {
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload' },
			items: [file('a.mp4'), file('b.mp4'), { json: { n: 2 } }],
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Input Binary Field is "data", but the input item has no binary data at all (item 2)');
		expect(sent()).toEqual([]);
	});

	it('an empty file in item 1 stops the node before item 0 is uploaded', async () => {
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload' },
			items: [file('a.mp4'), { binary: { data: { data: Buffer.alloc(0), fileName: 'empty.mp4', mimeType: 'video/mp4' } } }],
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Input Binary Field "data" holds "empty.mp4", which is empty (0 bytes) (item 1)');
		expect(sent()).toEqual([]);
	});

	it('a registration Sync refuses after another item\'s asset was registered stops the node with an error naming that asset and its item', async () => {
		// The first registration to arrive waits, then is refused: the other item's is registered meanwhile.
		emulator.injectFault({ method: 'POST', path: '/v2/assets', status: 422, errorCode: 'file_size_exceeds_plan_limit', delayMs: 1000 });
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload' },
			items: [file('a.mp4'), file('b.mp4')],
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		const registered = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets' && r.status === 201);
		expect(registered).toHaveLength(1);
		const asset = registered[0].response as { id: string; name: string };
		const item = asset.name === 'a.mp4' ? 0 : 1;
		expect(result.error?.message).toMatch(new RegExp(`\\[file_size_exceeds_plan_limit\\].*\\. Assets already uploaded by this node: ${asset.id} \\("${asset.name.replace('.', '\\.')}", item ${item}\\)$`));
		expect(result.error?.description).toContain(`Uploaded, but not output because the node stopped: ${asset.id} ("${asset.name}", item ${item}). Use these asset IDs instead of uploading the files again`);
	});

	it('with Continue (using error output) a bad item goes to the error output and the items around it are uploaded, each paired to its input', async () => {
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload' },
			items: [file('a.mp4'), { json: { n: 1 } }, file('c.mp4')],
			credentials: credentials(),
			onError: 'continueErrorOutput',
		});
		expect(result.status).toBe('success');
		expect(result.items.map((i) => [i.json.name, i.pairedItem])).toEqual([
			['a.mp4', { item: 0 }],
			['c.mp4', { item: 2 }],
		]);
		expect(result.errorItems.map((i) => i.json.message)).toEqual([expect.stringMatching(/^Input Binary Field .*\(item 1\)$/)]);
		expect(emulator.counters.assetsCreated).toBe(2);
	});
});

// Asset → Get and Get Many run against the fake Sync: assetReads.test.cts.

// Registering has no idempotency key: an asset Sync registered, answered in a shape the node does not read or lost
// to a 5xx, is named (or said to be possible) in every On Error mode (actions/asset/uploadedAssets.ts).
describe('Asset → Upload when the register answer is unreadable or lost', () => {
	useQuickRetries();
	const upload = async (onError?: 'continueRegularOutput' | 'continueErrorOutput') =>
		await runNode({
			parameters: { resource: 'asset', operation: 'upload' },
			items: [{ binary: { data: { data: TINY_MP4, fileName: 'clip.mp4', mimeType: 'video/mp4' } } }],
			credentials: credentials(),
			onError,
		});
	const registers = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets');

	it('names the registered asset in the node error when the 201 answer lacks its type', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['type'], times: 1 });
		const result = await upload();
		expect(emulator.counters.assetsCreated).toBe(1);
		const { id } = registers()[0].response as { id: string };
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`Assets already uploaded by this node: ${id} (item 0)`);
		expect(result.error?.description).toContain(`Sync Labs registered asset ${id} for item 0 all the same`);
	});

	it.each(['continueRegularOutput', 'continueErrorOutput'] as const)('with On Error = %s the error item carries the assetId of an asset answered without its type', async (onError) => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['type'], times: 1 });
		const result = await upload(onError);
		const { id } = registers()[0].response as { id: string };
		const json = onError === 'continueErrorOutput' ? (result.errorItems[0].json.error as Record<string, unknown>) : result.items[0].json;
		expect(json).toMatchObject({ assetId: id });
	});

	it('says in the node error that Sync may have registered item 0\'s asset when the register step answered 500, and sends it once', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', status: 500, afterHandling: true, times: 1 });
		const result = await upload();
		expect(emulator.counters.assetsCreated).toBe(1);
		expect(registers()).toHaveLength(1);
		expect(result.status).toBe('error');
		expect(result.error?.description).toContain("Sync Labs may have registered item 0's asset before this failure");
		expect(result.error?.description).toContain('Asset → Get Many');
	});

	it('says in the error item that Sync may have registered the asset when the register connection was reset', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', reset: true, afterHandling: true, times: 1 });
		const result = await upload('continueRegularOutput');
		expect(emulator.counters.assetsCreated).toBe(1);
		expect(registers()).toHaveLength(1);
		expect(result.items[0].json.errorDescription).toContain("Sync Labs may have registered item 0's asset before this failure");
	});

	it('with Retry On Fail, an asset registered with an answer lacking its type is not registered again, and the final error names it', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', omitFields: ['type'], times: 1 });
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload' },
			items: [{ binary: { data: { data: TINY_MP4, fileName: 'clip.mp4', mimeType: 'video/mp4' } } }],
			credentials: credentials(),
			retryOnFail: { maxTries: 2 },
		});
		expect(registers()).toHaveLength(1);
		expect(emulator.counters.assetsCreated).toBe(1);
		const { id } = registers()[0].response as { id: string };
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`an earlier attempt registered asset ${id}`);
		expect(result.error?.description).toContain(`Sync Labs registered asset ${id} for item 0 all the same`);
	});

	it('with Retry On Fail, a register step answered 500 (asset made all the same) is not sent again, and the error says the asset may exist', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', status: 500, afterHandling: true, times: 1 });
		const result = await runNode({
			parameters: { resource: 'asset', operation: 'upload' },
			items: [{ binary: { data: { data: TINY_MP4, fileName: 'clip.mp4', mimeType: 'video/mp4' } } }],
			credentials: credentials(),
			retryOnFail: { maxTries: 2 },
			onError: 'continueRegularOutput',
		});
		expect(registers()).toHaveLength(1);
		expect(emulator.counters.assetsCreated).toBe(1);
		expect(result.items[0].json.error).toMatch(/^The file was not uploaded again: .*Sync Labs may have registered the asset \(item 0\)$/);
		expect(result.items[0].json.errorDescription).toContain("Sync Labs may have registered item 0's asset before this failure");
	});

	it('does not say an asset may exist when the register step was refused with a 4xx', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/assets', status: 400, times: 1 });
		const result = await upload();
		expect(emulator.counters.assetsCreated).toBe(0);
		expect(result.status).toBe('error');
		expect(result.error?.description ?? '').not.toContain('may have registered');
	});
});

// Sync allows 120 presigned-URL requests per API key and minute (docs/sync-api-2026.md#rate-limits); a 429 was
// refused before any work, so the transport sends the request again (transport/retryPolicy.ts).
describe('Asset → Upload against the upload step\'s rate limit (assetUploadRateLimitPerMinute)', () => {
	useQuickRetries();
	let limited: Emulator;
	/** Added to Sync's clock: moving it on ends the rate-limit window at once. */
	let offsetMs = 0;
	beforeAll(async () => {
		limited = await startEmulator({ port: 0, pendingMs: 5, processingMs: 5, now: () => Date.now() + offsetMs, assetUploadRateLimitPerMinute: 1 });
	});
	afterEach(() => {
		limited.reset();
		offsetMs = 0;
		limited.config.onRequest = undefined;
	});
	afterAll(async () => limited.stop());
	const file = (fileName: string) => ({ binary: { data: { data: TINY_MP4, fileName, mimeType: 'video/mp4' } } });
	const upload = async () =>
		await runNode({ parameters: { resource: 'asset', operation: 'upload' }, items: [file('a.mp4'), file('b.mp4')], credentials: { apiKey: API_KEY, baseUrl: limited.url } });
	const presigns = () => limited.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets/upload');
	const registers = () => limited.requests.filter((r) => r.method === 'POST' && r.path === '/v2/assets');

	it('sends the upload request refused with 429 again and uploads both items once the minute has passed, one asset each', async () => {
		let sent = 0;
		limited.config.onRequest = (r) => {
			// The third upload request (the refused item's second attempt) arrives after Sync's minute.
			if (r.method === 'POST' && r.path === '/v2/assets/upload' && ++sent === 3) offsetMs += 61_000;
		};
		const result = await upload();
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.name, i.pairedItem])).toEqual([
			['a.mp4', { item: 0 }],
			['b.mp4', { item: 1 }],
		]);
		expect(presigns().map((r) => r.status)).toEqual([201, 429, 201]);
		expect((presigns()[1].response as { errorCode?: string }).errorCode).toBe('rate_limit_exceeded');
		expect(registers().map((r) => r.status)).toEqual([201, 201]);
		expect(limited.counters.assetsCreated).toBe(2);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(2);
	});

	it('stops with the rate limit named after the retries run out while the minute lasts, naming the asset the other item made', async () => {
		const result = await upload();
		expect(result.status).toBe('error');
		expect(presigns().map((r) => r.status)).toEqual([201, 429, 429, 429, 429, 429]);
		expect(limited.counters.assetsCreated).toBe(1);
		const asset = registers()[0].response as { id: string; name: string };
		const item = asset.name === 'a.mp4' ? 0 : 1;
		expect(result.error?.message).toBe(
			`Sync Labs: Rate limit exceeded: at most 1 upload requests per minute. [rate_limit_exceeded]. Assets already uploaded by this node: ${asset.id} ("${asset.name}", item ${item})`,
		);
	});
});

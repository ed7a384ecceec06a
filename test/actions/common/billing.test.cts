// Nothing billed is orphaned, and the automatic Idempotency-Key repeats exactly when
// the same item of the same run is tried again: never for another run, on any instance.
import type { IExecuteFunctions, INodeExecutionData, INodeType, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { SyncLabsVersionNode } from '../../../nodes/SyncLabs/SyncLabs.node';
import { defaultIdempotencyKey } from '../../../nodes/SyncLabs/actions/generation/submitGeneration';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunNodeOptions } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const API_KEY = 'key-billing-tests';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => {
	emulator.config.concurrencyLimit = undefined;
	emulator.config.concurrencyRetryAfterSeconds = undefined;
	emulator.reset();
});
afterAll(async () => emulator.stop());

const creates = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate');
const createdAnswers = () => creates().filter((r) => r.status === 201);
const keysSent = () => creates().map((r) => r.headers['idempotency-key']);

function createItems(urls: string[], options: Record<string, unknown>, extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualUrl: '={{ $json.url }}',
			audioUrl: AUDIO,
			completion: 'poll',
			options: { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 1200, ...options },
		},
		items: urls.map((url) => ({ json: { url } })),
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		...extra,
	});
}

async function listedGenerationIds(): Promise<string[]> {
	const response = await fetch(`${emulator.url}/v2/generations`, { headers: { 'x-api-key': API_KEY } });
	const body = (await response.json()) as Array<{ id: string }> | { items?: Array<{ id: string }>; data?: Array<{ id: string }> };
	const list = Array.isArray(body) ? body : (body.items ?? body.data ?? []);
	return list.map((g) => g.id).sort();
}

describe('nothing billed is orphaned', () => {
	it('one invalid item among many, without continue-on-fail: the node stops before any generation is created', async () => {
		const urls = [VIDEO, VIDEO, VIDEO, 'not a url', VIDEO, VIDEO];
		const result = await createItems(urls, { concurrency: 3 });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Visual URL .*\(item 3\)$/);
		expect(result.error?.itemIndex).toBe(3);
		expect(creates()).toHaveLength(0);
		expect(emulator.counters.generationsCreated).toBe(0);
	});

	it('an item refused by the API: no new create starts, the running ones stop polling, and the error names every generation created', async () => {
		// Items 0 and 2 start with item 1 (concurrency 3) and would run for 10 minutes; item 1 is refused (402).
		const slow = `${VIDEO}?sync_processing_ms=600000`;
		const urls = [slow, `${VIDEO}?sync_duration_s=100000`, slow, slow, slow, slow];
		const result = await createItems(urls, { concurrency: 3 });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/\[generation_plan_duration_exceeded\]/);
		expect(emulator.counters.generationsCreated).toBe(2);
		const created = await listedGenerationIds();
		expect(created).toHaveLength(2);
		for (const id of created) {
			expect(result.error?.message).toContain(id);
			expect(result.error?.description).toContain(id);
		}
		// The node has returned, so nothing polls any more: no request reaches the emulator afterwards.
		const requestsAtEnd = emulator.requests.length;
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(emulator.requests.length).toBe(requestsAtEnd);
		// Items 3–5 never started.
		expect(creates().map((r) => (r.json as { input: Array<{ url?: string }> }).input[0].url)).toHaveLength(3);
	}, 30_000);
});

/** Item 0 creates from a URL (processing 10 min); item 1's file upload is refused (422) after `refusalDelayMs`. */
async function createBesideARefusedUpload({ refusalDelayMs }: { refusalDelayMs?: number } = {}) {
	emulator.injectFault({ method: 'POST', path: '/v2/assets/upload', status: 422, errorCode: 'project_not_found', ...(refusalDelayMs ? { delayMs: refusalDelayMs } : {}) });
	return await runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualSource: '={{ $json.source }}',
			visualUrl: `${VIDEO}?sync_processing_ms=600000`,
			visualBinaryProperty: 'data',
			visualAssetId: 'unused',
			audioUrl: AUDIO,
			completion: 'poll',
			options: { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 1200, concurrency: 2, uploadThresholdMb: 0 },
		},
		items: [
			{ json: { source: 'url' } },
			{ json: { source: 'binary' }, binary: { data: { data: Buffer.alloc(4096, 1), fileName: 'speaker.mp4', mimeType: 'video/mp4' } } },
		],
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
	});
}

describe('an item refused while others wait in the transport (every request of an item honours its stop signal)', () => {
	it('a create waiting for a free plan slot (429) when another item is refused stops waiting and creates nothing', async () => {
		// Plan allows 1 generation in flight. Items 0 and 1 race for the slot: one is created (finishes in ~1.5 s),
		// the other is answered 429 concurrency_limit_reached and waits in the transport. Item 2 is refused (402)
		// at once, so the node has failed; the waiting create must not be sent again and succeed afterwards.
		emulator.config.concurrencyLimit = 1;
		emulator.config.concurrencyRetryAfterSeconds = 1;
		const slowish = `${VIDEO}?sync_processing_ms=1500`;
		const result = await createItems([slowish, `${slowish}&n=1`, `${VIDEO}?sync_duration_s=100000`], { concurrency: 3 });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/generation_plan_duration_exceeded/);
		// Only the generation created before the refusal exists.
		expect(emulator.counters.generationsCreated).toBe(1);
		expect(createdAnswers()).toHaveLength(1);
	}, 30_000);

	it('a status check in 5xx backoff when another item is refused is not sent again', async () => {
		// Item 0 (URL) is created and its status checks answer 503, which the transport retries with backoff
		// (1 s, 2 s, 4 s, 8 s). Item 1 (a binary file, uploaded first) is refused at its upload 0.7 s in.
		// Point 6: "the in-flight ones stop polling promptly": no status check should be sent after the refusal.
		emulator.injectFault({ method: 'GET', path: /^\/v2\/generate\/.+/, status: 503, times: 5 });
		const result = await createBesideARefusedUpload({ refusalDelayMs: 700 });
		expect(result.status).toBe('error');
		const refusal = emulator.requests.find((r) => r.method === 'POST' && r.path === '/v2/assets/upload');
		expect(refusal?.status).toBe(422);
		// `at` is when the request arrived; the refusal was answered delayMs later.
		const refusedAt = refusal!.at + 700;
		const checksAfter = emulator.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/generate/') && r.at > refusedAt);
		expect(checksAfter).toHaveLength(0);
		expect(result.error?.message).toMatch(/project_not_found/);
	}, 40_000);

	it('an item still uploading its file when another item is refused uploads but creates no generation', async () => {
		// Item 0's file goes through the asset upload (threshold 0) and its PUT takes 1.5 s; item 1 is refused (402)
		// at once: the create after the upload is not sent (actions/generation/submitGeneration.ts checks stop first).
		emulator.injectFault({ method: 'PUT', path: '/uploads/*', delayMs: 1500 });
		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: '={{ $json.source }}',
				visualUrl: `${VIDEO}?sync_duration_s=100000`,
				visualBinaryProperty: 'data',
				visualAssetId: 'unused',
				audioUrl: AUDIO,
				completion: 'poll',
				options: { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 1200, concurrency: 2, uploadThresholdMb: 0 },
			},
			items: [
				{ json: { source: 'binary' }, binary: { data: { data: Buffer.alloc(4096, 1), fileName: 'speaker.mp4', mimeType: 'video/mp4' } } },
				{ json: { source: 'url' } },
			],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/generation_plan_duration_exceeded/);
		expect(emulator.counters.generationsCreated).toBe(0);
	}, 30_000);
});

describe('a create whose answer is lost while another item is refused', () => {
	useQuickRetries();
	// Item 0's create is done by Sync but answered 503 (700 ms later); item 1 is refused at its upload at once.
	it('a create whose answer is lost (503 after the work) while another item is refused is repeated with its key, and its generation is named', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', afterHandling: true, delayMs: 700 });
		const result = await createBesideARefusedUpload();
		expect(result.status).toBe('error');
		const created = await listedGenerationIds();
		expect(created).toHaveLength(1);
		expect(emulator.counters.generationsCreated).toBe(1);
		for (const id of created) expect(result.error?.message).toContain(id);
	}, 30_000);

	it('a create whose answer is lost while another item is refused, and whose repeat is answered 429 once, is repeated until its generation is named', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, afterHandling: true, delayMs: 700 });
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 429, retryAfterSeconds: 0 });
		const result = await createBesideARefusedUpload();
		expect(result.status).toBe('error');
		const created = await listedGenerationIds();
		expect(created).toHaveLength(1);
		expect(result.error?.message).toContain(created[0]);
	}, 30_000);

	// Sync's docs: 503 IDEMPOTENCY_OUTCOME_UNKNOWN may carry the generationId to poll (docs/sync-api.md#idempotency-keys).
	it('a create Sync answers 503 outcome unknown with a generationId, after another item was refused: that id is named', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', body: { generationId: 'gen-outcome-unknown-0' }, delayMs: 700, times: Infinity });
		const result = await createBesideARefusedUpload();
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('gen-outcome-unknown-0');
	}, 40_000);
});

describe('a generationId Sync named on one attempt of a create', () => {
	useQuickRetries();
	it('a create answered 503 outcome unknown with a generationId, then plain 503s until the retries end: the error still names that id', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', body: { generationId: 'gen-named-once' }, retryAfterSeconds: 0 });
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, retryAfterSeconds: 0, times: Infinity });
		const result = await createItems([VIDEO], { concurrency: 1 });
		expect(result.status).toBe('error');
		expect(creates().length).toBe(5);
		expect(result.error?.message).toContain('gen-named-once');
	}, 30_000);

	it('a create answered 503 outcome unknown with a generationId, then connection resets until the retries end: the error still names that id', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', body: { generationId: 'gen-named-once' }, retryAfterSeconds: 0 });
		emulator.injectFault({ method: 'POST', path: '/v2/generate', reset: true, times: Infinity });
		const result = await createItems([VIDEO], { concurrency: 1 });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('gen-named-once');
	}, 30_000);

	it('the same with On Error continue: the error item carries that generationId', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', body: { generationId: 'gen-named-once' }, retryAfterSeconds: 0 });
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, retryAfterSeconds: 0, times: Infinity });
		const result = await createItems([VIDEO], { concurrency: 1 }, { onError: 'continueErrorOutput' } as Partial<RunNodeOptions>);
		expect(result.errorItems).toHaveLength(1);
		expect(JSON.stringify(result.errorItems[0].json)).toContain('gen-named-once');
	}, 30_000);
});

describe('automatic Idempotency-Key', () => {
	it('two runs with the same execution id and node id (another instance, a DB reset, a clone) create two generations', async () => {
		const same = { executionId: '42', nodeId: '0f9d3c1e-5b7a-4c2d-9e8f-123456789abc' };
		const first = await createItems([VIDEO], {}, same);
		const second = await createItems([VIDEO], {}, same);
		expect([first.status, second.status]).toEqual(['success', 'success']);
		expect(first.items[0].json.id).not.toBe(second.items[0].json.id);
		expect(emulator.counters.generationsCreated).toBe(2);
		const [a, b] = keysSent();
		expect(a).not.toBe(b);
	});

	it('n8n\'s Retry On Fail repeats a create whose answers were lost with the same key: one generation', async () => {
		// Every answer of the first attempt is lost (the work is done: afterHandling), so the node fails and n8n
		// runs it again; the second attempt must get the generation the first one created.
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, retryAfterSeconds: 0, afterHandling: true, times: 5 });
		const result = await createItems([VIDEO, `${VIDEO}?n=2`], { concurrency: 1 }, { retryOnFail: { maxTries: 2 } });
		expect(result.status).toBe('success');
		expect(emulator.counters.generationsCreated).toBe(2);
		const keys = keysSent();
		expect(keys.length).toBeGreaterThan(6);
		expect(new Set(keys).size).toBe(2);
	});

	it('Retry On Fail with a binary above the upload threshold uploads it once and creates once', async () => {
		// The first attempt uploads and creates, then loses every status check; n8n runs the node again.
		emulator.injectFault({ method: 'GET', path: /^\/v2\/generate\/.+/, status: 503, retryAfterSeconds: 0, times: 5 });
		const video = Buffer.alloc(64 * 1024, 3);
		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: 'binary',
				visualBinaryProperty: 'data',
				audioUrl: AUDIO,
				completion: 'poll',
				options: { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 60, uploadThresholdMb: 0 },
			},
			items: [{ binary: { data: { data: video, fileName: 'speaker.mp4', mimeType: 'video/mp4' } } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			retryOnFail: { maxTries: 2 },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('COMPLETED');
		expect(emulator.counters.assetsCreated).toBe(1);
		expect(emulator.counters.uploadsReceivedBytes).toBe(video.length);
		expect(emulator.counters.generationsCreated).toBe(1);
		expect(new Set(keysSent()).size).toBe(1);
	});
});

/** A seeded generator (mulberry32), so a failing seed can be replayed. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * The context execute() sees in one attempt of a node run. n8n hands every Retry On Fail attempt of a node run
 * the same execute data object (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/workflow-execute.ts, the `tryIndex` loop) but,
 * with Execute Once, a new input array (handleExecuteOnce slices it): so each attempt here gets a fresh one.
 */
function attemptContext(execution: { id: string; workflowId: string; executeData: object }, node: { id: string; name: string }, runIndex: number) {
	return {
		getExecutionId: () => execution.id,
		getWorkflow: () => ({ id: execution.workflowId, name: 'wf', active: true }),
		getNode: () => ({ ...node }),
		getWorkflowDataProxy: () => ({ $runIndex: runIndex }),
		getExecuteData: () => execution.executeData,
		getInputData: () => [{ json: {} }],
		additionalData: {} as IWorkflowExecuteAdditionalData,
	} as unknown as IExecuteFunctions;
}

describe('automatic Idempotency-Key, randomized', () => {
	it.each([1, 2, 3, 851139891])('seed %i: stable across attempts of one run, never equal across runs, however ids collide', (seed) => {
		const rand = random(seed);
		const pick = (n: number) => Math.floor(rand() * n);
		const nodes = Array.from({ length: 3 }, (_, n) => ({ id: n === 2 ? 'x'.repeat(200) : `node-${n}`, name: `Sync Labs ${n}` }));
		const owner = new Map<string, string>();
		for (let e = 0; e < 400; e++) {
			// Execution ids from a tiny range (instances, DB resets and clones repeat them) and one shared workflow id.
			const execution = { id: String(1 + pick(5)), workflowId: 'imported-workflow', executeData: {} };
			const node = nodes[pick(nodes.length)];
			const runIndex = pick(3);
			const items = 1 + pick(6);
			const firstAttempt = Array.from({ length: items }, (_, item) => defaultIdempotencyKey(attemptContext(execution, node, runIndex), item));
			const retries = 1 + pick(3);
			for (let attempt = 0; attempt < retries; attempt++) {
				const again = Array.from({ length: items }, (_, item) => defaultIdempotencyKey(attemptContext(execution, node, runIndex), item));
				expect(again).toEqual(firstAttempt);
			}
			for (const [item, key] of firstAttempt.entries()) {
				expect(key).toMatch(/^[A-Za-z0-9._~-]{1,128}$/);
				const who = `${e}/${item}`;
				expect([key, owner.get(key) ?? who]).toEqual([key, who]);
				owner.set(key, who);
			}
		}
		expect(owner.size).toBeGreaterThan(400);
	});
});

describe('automatic Idempotency-Key and execution custom data', () => {
	/**
	 * The Sync Labs node as n8n runs it with "Execute Once" on, in an execution whose custom data other nodes
	 * already filled (10 keys, as an "Execution Data" node upstream would).
	 */
	function executeOnceWithFullCustomData(): INodeType {
		const real = new SyncLabsVersionNode(2);
		return {
			...real,
			description: real.description,
			methods: real.methods,
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				for (let k = 0; k < 10; k++) this.customData.set(`userKey${k}`, `value${k}`);
				// What handleExecuteOnce gives the node on every attempt: a fresh one-item slice of the input.
				const ctx = Object.create(this) as IExecuteFunctions;
				const once = this.getInputData().slice(0, 1);
				ctx.getInputData = () => once;
				return await real.execute.call(ctx);
			},
		} as INodeType;
	}

	it('Retry On Fail with Execute Once and full custom data: the retry sends the same Idempotency-Key and creates no second generation', async () => {
		// Every answer of the first attempt's create is lost (the work is done), so n8n runs the node again.
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 503, retryAfterSeconds: 0, afterHandling: true, times: 5 });
		const result = await runNode({
			parameters: {
				resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: VIDEO, audioUrl: AUDIO,
				completion: 'immediately', options: { concurrency: 1 },
			},
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			retryOnFail: { maxTries: 2 },
			nodeTypeOverride: executeOnceWithFullCustomData(),
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const keys = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate').map((r) => r.headers['idempotency-key']);
		expect(keys.length).toBe(6);
		expect(new Set(keys).size).toBe(1);
		expect(emulator.counters.generationsCreated).toBe(1);
	}, 60_000);

	/** The Sync Labs node followed, in the same execution, by what an "Execution Data" node does with 10 keys of its own. */
	function thenUserSetsTenKeys(): INodeType {
		const real = new SyncLabsVersionNode(2);
		return {
			...real,
			description: real.description,
			methods: real.methods,
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				const output = await real.execute.call(this);
				for (let k = 0; k < 10; k++) this.customData.set(`userKey${k}`, `value${k}`);
				return output;
			},
		} as INodeType;
	}

	it('a workflow that keeps 10 custom data keys of its own still has all 10 after a Sync Labs create', async () => {
		// n8n allows 10 custom data keys per execution and drops further ones silently (KV_LIMIT, docs/finishing-long-jobs.md);
		// before, the salt (syncLabsRunSalt) took one of the user's 10 slots, so the user's 10th key was lost.
		const result = await runNode({
			parameters: {
				resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: VIDEO, audioUrl: AUDIO,
				completion: 'immediately', options: { concurrency: 1 },
			},
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			nodeTypeOverride: thenUserSetsTenKeys(),
		});
		expect(result.status).toBe('success');
		const metadata = (result.run.data.resultData.metadata ?? {}) as Record<string, string>;
		const userKeys = Object.keys(metadata).filter((key) => key.startsWith('userKey'));
		expect(userKeys).toHaveLength(10);
	});
});

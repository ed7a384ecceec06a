// Red-team probe for issue 9 point 7: the automatic Idempotency-Key must be stable across n8n's Retry On Fail
// attempts of the same item in the same run. FAILS on main.
//
// When the execution's custom data already holds 10 keys (n8n-core dist/execution-engine/node-execution-context/
// utils/execution-metadata.js: KV_LIMIT, a new key is silently dropped), the salt falls back to a WeakMap keyed
// by the input array (helpers/submitGeneration.ts saltByInput). With the node setting "Execute Once", n8n hands
// every attempt a NEW input array (workflow-execute.js handleExecuteOnce: `input.slice(0, 1)` inside runNode,
// which the tryIndex loop calls once per attempt), so each attempt draws a new salt and sends a new key.
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { SyncLabs } from '../../nodes/SyncLabs/SyncLabs.node';
import { startEmulator, type Emulator } from '../emulator';
import { runNode } from '../helpers/workflowRunner';

const API_KEY = 'key-redteam-salt';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

/**
 * The Sync Labs node as n8n runs it with "Execute Once" on, in an execution whose custom data other nodes
 * already filled (10 keys, as an "Execution Data" node upstream would).
 */
function executeOnceWithFullCustomData(): INodeType {
	const real = new SyncLabs();
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

test('Retry On Fail with Execute Once and full custom data: the retry sends the same Idempotency-Key and creates no second generation', async () => {
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
	const real = new SyncLabs();
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

test('a workflow that keeps 10 custom data keys of its own still has all 10 after a Sync Labs create', async () => {
	// n8n allows 10 custom data keys per execution and drops further ones silently (execution-metadata.js KV_LIMIT);
	// the salt (syncLabsRunSalt) takes one of the user's 10 slots, so the user's 10th key is lost.
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

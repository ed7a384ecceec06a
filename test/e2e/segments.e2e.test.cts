// Multi-segment generations (docs/sync-api.md#segments) in a real n8n against the Sync Labs emulator: inputs carry refIds,
// several audio/text inputs are given, segments refer to them, and Sync answers 2xx and COMPLETES the
// generation. Also the create's wire form with a binary input: the SDK's multipart form, or asset upload + JSON.
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { type Emulator, startEmulator, TINY_MP4 } from '../emulator/index.cjs';
import { type ExecutionSummary, type N8nInstance, startN8n } from './harness/index.cjs';
import { ACTION_NAME, actionWorkflow, SAMPLE_FILE } from './fixtures/action.cjs';
import { CREDENTIAL, SIGNING_SECRET } from './fixtures/trigger.cjs';

const FAST_POLL = { firstPollInterval: 0.2, maxPollInterval: 0.5, maxWaitTime: 60 };
const SEGMENTS = [
	{ startTime: 0, endTime: 1.5, audioInput: { refId: 'main' } },
	{ startTime: 1.5, endTime: 3, audioInput: { refId: 'second', startTime: 0, endTime: 1.5 } },
	{ startTime: 3, endTime: 4, audioInput: { refId: 'spoken' } },
];
const segmentOptions = {
	...FAST_POLL,
	audioRefId: 'main',
	additionalAudioInputs: {
		input: [
			{ refId: 'second', source: 'url', url: 'https://cdn.example/second.wav' },
			{ refId: 'spoken', source: 'text', voiceId: 'voice_e2e', script: 'And that is all.' },
		],
	},
	segments: JSON.stringify(SEGMENTS),
};

const URLS = { id: 'SyncLabsSegUrl01', path: 'e2e-segments-urls' };
const BINARY = { id: 'SyncLabsSegBin01', path: 'e2e-segments-binary' };
const FORM = { id: 'SyncLabsSegFrm01', path: 'e2e-segments-form' };

const WORKFLOWS = [
	actionWorkflow({
		...URLS,
		name: 'E2E Sync Labs segments from URLs and text to speech',
		parameters: { visualSource: 'url', visualUrl: 'https://cdn.example/speaker.mp4', audioSource: 'url', audioUrl: 'https://cdn.example/main.wav', completion: 'poll', options: segmentOptions },
	}),
	actionWorkflow({
		...BINARY,
		name: 'E2E Sync Labs segments with a binary video',
		readFile: SAMPLE_FILE,
		parameters: { visualSource: 'binary', visualBinaryProperty: 'data', audioSource: 'url', audioUrl: 'https://cdn.example/main.wav', completion: 'poll', options: segmentOptions },
	}),
	actionWorkflow({
		...FORM,
		name: 'E2E Sync Labs binary video in the SDK multipart form',
		readFile: SAMPLE_FILE,
		parameters: { visualSource: 'binary', visualBinaryProperty: 'data', audioSource: 'url', audioUrl: 'https://cdn.example/main.wav', completion: 'poll', options: { ...FAST_POLL, syncMode: 'cut_off' } },
	}),
];

let n8n: N8nInstance;
let emulator: Emulator;
let filesDir: string;

function nodeItems(execution: ExecutionSummary, nodeName: string): Array<{ json: Record<string, any> }> {
	const runs = execution.data?.resultData?.runData?.[nodeName] as any[] | undefined;
	return runs?.[runs.length - 1]?.data?.main?.[0] ?? [];
}

async function start(path: string): Promise<void> {
	const res = await fetch(n8n.webhookUrl(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	if (res.status !== 200) throw new Error(`starting ${path}: HTTP ${res.status} ${await res.text()}`);
}

const creates = (from: number) => emulator.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/v2/generate');

beforeAll(async () => {
	emulator = await startEmulator({ webhookSecret: SIGNING_SECRET, pendingMs: 50, processingMs: 300 });
	filesDir = mkdtempSync(join(tmpdir(), 'synclabs-e2e-segments-'));
	writeFileSync(join(filesDir, SAMPLE_FILE), TINY_MP4);
	n8n = await startN8n({
		credentials: [CREDENTIAL],
		workflows: WORKFLOWS,
		vars: { SYNC_BASE_URL: emulator.url, FILES_DIR: filesDir },
		env: { N8N_RESTRICT_FILE_ACCESS_TO: filesDir },
		waitForWebhooks: WORKFLOWS.map((w) => w.nodes[0].parameters.path as string),
	});
});

afterAll(async () => {
	await n8n?.stop();
	await emulator?.stop();
	if (filesDir) rmSync(filesDir, { recursive: true, force: true });
});

describe(`Sync Labs segments on n8n ${process.env.N8N_E2E_VERSION ?? '2.41.1'}`, () => {
	it('a create with three audio inputs and segments referring to them is accepted (201) and COMPLETES', async () => {
		const from = emulator.requests.length;
		await start(URLS.path);
		const [execution] = await n8n.waitForExecutions(URLS.id, { count: 1 });
		expect(execution.status).toBe('success');
		const [item] = nodeItems(execution, ACTION_NAME);
		expect(item.json).toMatchObject({ status: 'COMPLETED', segments: SEGMENTS });

		const [create] = creates(from);
		expect(create.status).toBe(201);
		expect(create.json).toMatchObject({
			segments: SEGMENTS,
			input: [
				{ type: 'video', url: 'https://cdn.example/speaker.mp4' },
				{ type: 'audio', url: 'https://cdn.example/main.wav', refId: 'main' },
				{ type: 'audio', url: 'https://cdn.example/second.wav', refId: 'second' },
				{ type: 'text', provider: { name: 'elevenlabs', voiceId: 'voice_e2e', script: 'And that is all.' }, refId: 'spoken' },
			],
		});
		expect(emulator.getGeneration(item.json.id as string)).toMatchObject({ status: 'COMPLETED' });
	});

	it('with a binary video, the file goes to asset storage first and the segments in a JSON create', async () => {
		const from = emulator.requests.length;
		await start(BINARY.path);
		const [execution] = await n8n.waitForExecutions(BINARY.id, { count: 1 });
		expect(execution.status).toBe('success');
		expect(nodeItems(execution, ACTION_NAME)[0].json).toMatchObject({ status: 'COMPLETED', segments: SEGMENTS });

		const [create] = creates(from);
		expect(create.status).toBe(201);
		expect(create.form).toBeUndefined();
		expect((create.json as { input: unknown[] }).input[0]).toEqual({ type: 'video', assetId: expect.any(String) });
		expect(emulator.counters.uploadsReceivedBytes).toBeGreaterThanOrEqual(TINY_MP4.length);
	});

	it('a small binary video without such fields goes in the SDK\'s form: one input part per item, a JSON object each', async () => {
		const from = emulator.requests.length;
		await start(FORM.path);
		const [execution] = await n8n.waitForExecutions(FORM.id, { count: 1 });
		expect(execution.status).toBe('success');
		const [create] = creates(from);
		expect(create.status).toBe(201);
		const form = create.form ?? [];
		expect(form.map((p) => p.name).sort()).toEqual(['input', 'model', 'options', 'video']);
		expect(form.filter((p) => p.name === 'input').map((p) => JSON.parse(p.value ?? ''))).toEqual([{ type: 'audio', url: 'https://cdn.example/main.wav' }]);
	});
});

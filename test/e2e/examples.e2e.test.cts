// The example workflows in examples/*.json, imported into a real n8n the way `npm start` does
// (scripts/sandbox.cts) and run against the Sync Labs emulator: the manual ones with `n8n execute`, the
// webhook one by Sync-style deliveries to its production URL. The dub example also runs started by a webhook
// with Wait for Webhook, resumed by Sync's callback for the dubbed generation.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { type Emulator, startEmulator, TINY_MP4 } from '../emulator/index.cjs';
import { type ExecutionSummary, type N8nInstance, startN8n, type WorkflowFixture } from './harness/index.cjs';


const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
const SAMPLE_VIDEO_PATH = '/home/node/.n8n-files/speaker.mp4';
const SECRET = 'whsec_e2eExamplesSecret0123456789abcdef';
const API_KEY = 'sk-e2e-examples-key';

let n8n: N8nInstance;
let emulator: Emulator;
let filesDir: string;
const byFile: Record<string, WorkflowFixture> = {};

function loadExamples(dir: string): WorkflowFixture[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file, index) => {
			const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8').split(SAMPLE_VIDEO_PATH).join(join(dir, 'speaker.mp4'));
			const workflow = JSON.parse(text) as Omit<WorkflowFixture, 'id'>;
			// Only webhook triggers are activated: a schedule waits for the user to turn it on, and a chat for the
			// user's own model credential (n8n refuses to publish the AI agent example without it).
			const hasWebhookTrigger = workflow.nodes.some((n) => String(n.type).endsWith('Trigger') && !/manual|schedule|chat/i.test(String(n.type)));
			const fixture: WorkflowFixture = { ...workflow, id: `SyncLabsExE2E${String(index).padStart(3, '0')}`, active: hasWebhookTrigger };
			byFile[file] = fixture;
			return fixture;
		});
}

type Item = { json: Record<string, any>; binary?: Record<string, any>; pairedItem?: unknown };

/**
 * examples/dub-into-languages.json started by a Webhook node instead of by hand, dubbing one language with Wait for
 * Webhook: the execution pauses until Sync calls its resume URL (a production execution; `n8n execute` cannot wait).
 * The video takes 3 s to render in the emulator, so the pause comes first.
 */
const DUB_RESUME = { id: 'SyncLabsExDubRes', path: 'e2e-examples-dub-resume' };
const DUB_RESUME_VIDEO = 'https://cdn.example/dub-resume.mp4?sync_processing_ms=3000';
function dubResumeWorkflow(example: WorkflowFixture): WorkflowFixture {
	const nodes = example.nodes.map((node) => {
		if (node.name === 'Start') {
			return {
				...node,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: '7e57ac71-0000-4000-8000-0000d0b2e5e0',
				parameters: { httpMethod: 'POST', path: DUB_RESUME.path, responseMode: 'onReceived', options: {} },
			};
		}
		if (node.name === 'Video and languages') {
			const { assignments } = node.parameters.assignments as { assignments: Array<Record<string, unknown>> };
			const value = (name: string, v: string) => assignments.map((a) => (a.name === name ? { ...a, value: v } : a));
			return { ...node, parameters: { ...node.parameters, assignments: { assignments: value('videoUrl', DUB_RESUME_VIDEO).map((a) => (a.name === 'languages' ? { ...a, value: "={{ ['es'] }}" } : a)) } } };
		}
		if (node.name === 'Dub video') {
			return { ...node, parameters: { ...node.parameters, completion: 'webhook', options: { ...(node.parameters.options as object), maxWaitTime: 600 } } };
		}
		return node;
	});
	return { ...example, id: DUB_RESUME.id, name: 'E2E: the dub example with Wait for Webhook', nodes, active: true };
}

/** `n8n execute --rawOutput` of a manual workflow: the run data (stdout cut from the first line that is `{`). */
async function execute(workflow: WorkflowFixture): Promise<any> {
	const stdout = await n8n.cli(['execute', `--id=${workflow.id}`, '--rawOutput']);
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l === '{');
	if (start < 0) throw new Error(`no JSON in n8n execute output:\n${stdout}`);
	return JSON.parse(lines.slice(start).join('\n'));
}

function items(runData: any, node: string): Item[] {
	const runs = runData?.[node] as any[] | undefined;
	return runs?.[runs.length - 1]?.data?.main?.[0] ?? [];
}

beforeAll(async () => {
	emulator = await startEmulator({ webhookSecret: SECRET, pendingMs: 50, processingMs: 300 });
	filesDir = mkdtempSync(join(tmpdir(), 'synclabs-e2e-example-files-'));
	writeFileSync(join(filesDir, 'speaker.mp4'), TINY_MP4);
	const workflows = loadExamples(filesDir);
	workflows.push(dubResumeWorkflow(byFile['dub-into-languages.json']));
	n8n = await startN8n({
		workflows,
		credentials: [
			{
				id: 'syncLabsCredential',
				name: 'Sync Labs account',
				type: 'syncLabsApi',
				data: { apiKey: API_KEY, signingSecret: SECRET, baseUrl: emulator.url },
			},
		],
		env: { N8N_RESTRICT_FILE_ACCESS_TO: filesDir },
		waitForWebhooks: [
			...workflows.flatMap((w) => w.nodes.filter((n) => String(n.type).endsWith('syncLabsTrigger')).map((n) => `${n.webhookId}/syncLabs`)),
			DUB_RESUME.path,
		],
	});
});

afterAll(async () => {
	await n8n?.stop();
	await emulator?.stop();
	if (filesDir) rmSync(filesDir, { recursive: true, force: true });
});

describe(`example workflows on n8n ${process.env.N8N_E2E_VERSION ?? '2.41.1'}`, () => {
	it('every example is there', () => {
		expect(Object.keys(byFile).sort()).toEqual([
			'ai-agent-lip-sync.json',
			'batch.json',
			'daily-spend-report.json',
			'dub-into-languages.json',
			'lip-sync-from-urls.json',
			'route-webhook-events.json',
			'upload-file-with-text-to-speech.json',
		]);
	});

	it('lip-sync-from-urls: COMPLETED with the output video as binary', async () => {
		const run = await execute(byFile['lip-sync-from-urls.json']);
		expect(run.finished).toBe(true);
		expect(run.data.resultData.error).toBeUndefined();
		const [item] = items(run.data.resultData.runData, 'Lip-sync video');
		expect(item.json.status).toBe('COMPLETED');
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4' });
		expect(emulator.getGeneration(item.json.id)).toMatchObject({ status: 'COMPLETED' });
	});

	it('upload-file-with-text-to-speech: the file read from disk is uploaded and the generation COMPLETED', async () => {
		const from = emulator.requests.length;
		const run = await execute(byFile['upload-file-with-text-to-speech.json']);
		expect(run.data.resultData.error).toBeUndefined();
		const [item] = items(run.data.resultData.runData, 'Lip-sync with TTS');
		expect(item.json.status).toBe('COMPLETED');
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4' });
		const create = emulator.requests.slice(from).find((r) => r.method === 'POST' && r.path === '/v2/generate');
		expect(create?.form?.find((p) => p.filename !== undefined)?.bytes).toBe(TINY_MP4.length);
		const tts = create?.form?.find((p) => p.name === 'input');
		expect(tts?.value ?? JSON.stringify(create?.form)).toContain('EXAVITQu4vr4xnSDxMaL');
	});

	it('dub-into-languages: one COMPLETED video per language, each saying its language, from one create per language', async () => {
		const from = emulator.requests.length;
		const run = await execute(byFile['dub-into-languages.json']);
		expect(run.data.resultData.error).toBeUndefined();
		const dubbed = items(run.data.resultData.runData, 'Dub video');
		expect(dubbed.map((i) => [i.json.targetLanguage, i.json.status, i.binary?.data?.mimeType])).toEqual([
			['es', 'COMPLETED', 'video/mp4'],
			['de', 'COMPLETED', 'video/mp4'],
			['fr', 'COMPLETED', 'video/mp4'],
		]);
		const creates = emulator.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/v2/generate');
		// sent at the same time (Concurrency 3), so in any order
		expect(creates.map((r) => (r.json as { dubParams: { targetLang: string } }).dubParams.targetLang).sort()).toEqual(['de', 'es', 'fr']);
		expect(new Set(creates.map((r) => r.headers['idempotency-key'])).size).toBe(3);
	});

	it('dub-into-languages with Wait for Webhook: the execution waits and Sync\'s callback for the dubbed generation resumes it', async () => {
		const from = emulator.requests.length;
		const started = await fetch(n8n.webhookUrl(DUB_RESUME.path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		expect(started.status).toBe(200);
		let create: (typeof emulator.requests)[number] | undefined;
		for (const deadline = Date.now() + 20_000; !create && Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
			create = emulator.requests.slice(from).find((r) => r.method === 'POST' && r.path === '/v2/generate' && r.status === 201);
		}
		expect(create?.json).toMatchObject({ dubParams: { targetLang: 'es' }, webhookUrl: expect.stringContaining('/webhook-waiting/') });
		const id = (create!.response as { id: string }).id;
		const deliveries = emulator.webhookDeliveries.length;
		await emulator.waitForWebhooks(deliveries + 1, 30_000);
		const delivery = emulator.webhookDeliveries.find((d) => d.id === id);
		expect(delivery?.status).toBe(200);

		const [execution] = await n8n.waitForExecutions(DUB_RESUME.id, { count: 1, statuses: ['success', 'error', 'crashed'], timeoutMs: 60_000 });
		expect(execution.status).toBe('success');
		const [item] = items(execution.data?.resultData.runData, 'Dub video');
		expect(item.json).toMatchObject({ id, status: 'COMPLETED', targetLanguage: 'es' });
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4' });
		expect(execution.data?.resultData.metadata?.syncLabsGenerationId).toBe(id);
	});

	it('batch: creates one batch of 20 rows, waits, and outputs the results', async () => {
		const batchesBefore = emulator.counters.batchesCreated;
		const run = await execute(byFile['batch.json']);
		expect(run.data.resultData.error).toBeUndefined();
		expect(emulator.counters.batchesCreated - batchesBefore).toBe(1);
		const [batch] = items(run.data.resultData.runData, 'Create batch');
		expect(batch.json.id).toEqual(expect.any(String));
		const results = items(run.data.resultData.runData, 'Get results');
		expect(results).toHaveLength(20);
		expect(results.map((r) => r.json.request_id ?? r.json.requestId).sort()).toEqual(
			Array.from({ length: 20 }, (_, i) => `clip-${i}`).sort(),
		);
		expect(results.every((r) => r.json.status === 'COMPLETED')).toBe(true);
	}, 90_000);

	it('daily-spend-report: yesterday\'s generations (UTC) summed per model, as the emulator billed them', async () => {
		const DAY_MS = 86_400_000;
		const today = new Date();
		const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
		const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
		// Sync's clock set to yesterday noon (UTC) while the generations run, so they finish yesterday.
		const shift = Date.now() - (todayUtc - DAY_MS / 2);
		const syncClock = emulator.config.now;
		emulator.config.now = () => Date.now() - shift;
		const made: Array<{ id: string; model: string }> = [];
		try {
			for (const [model, seconds, outcome] of [
				['lipsync-2', 2, 'completed'],
				['lipsync-2', 3, 'completed'],
				['sync-3', 4, 'completed'],
				['lipsync-2-pro', 1, 'completed'],
				['lipsync-2', 5, 'failed'],
			] as const) {
				const res = await fetch(`${emulator.url}/v2/generate`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
					body: JSON.stringify({
						model,
						input: [
							{ type: 'video', url: `https://cdn.example/spend.mp4?sync_duration_s=${seconds}&sync_outcome=${outcome}` },
							{ type: 'audio', url: 'https://cdn.example/voice.wav' },
						],
					}),
				});
				expect(res.status).toBeLessThan(300);
				made.push({ id: ((await res.json()) as { id: string }).id, model });
			}
			const finished = () => made.every(({ id }) => ['COMPLETED', 'FAILED'].includes((emulator.getGeneration(id) as { status: string }).status));
			for (let i = 0; i < 100 && !finished(); i++) await new Promise((r) => setTimeout(r, 50));
			expect(finished()).toBe(true);
		} finally {
			emulator.config.now = syncClock;
		}
		// What the emulator billed, per model, in micro-dollars (a failed generation costs nothing).
		const billed = new Map<string, { generations: number; micros: number }>();
		for (const { id, model } of made) {
			const cost = (await (await fetch(`${emulator.url}/v2/generate/${id}/costs`, { headers: { 'x-api-key': API_KEY } })).json()) as { availability: string; totalCostUsd: string };
			expect(cost.availability).toBe('complete');
			const entry = billed.get(model) ?? { generations: 0, micros: 0 };
			billed.set(model, { generations: entry.generations + 1, micros: entry.micros + Math.round(Number(cost.totalCostUsd) * 1e6) });
		}

		const from = emulator.requests.length;
		const run = await execute(byFile['daily-spend-report.json']);
		expect(run.data.resultData.error).toBeUndefined();
		const asked = emulator.requests.slice(from).filter((r) => r.path === '/v2/usage/generations');
		expect(asked.map((r) => [r.query.startTime, r.query.endTime])).toEqual([[iso(todayUtc - DAY_MS), iso(todayUtc)]]);
		expect(items(run.data.resultData.runData, "Yesterday's generations").map((i) => i.json.generationId).sort()).toEqual(made.map((m) => m.id).sort());
		const report = items(run.data.resultData.runData, 'Report line').map((i) => i.json);
		expect(report.map((line) => [line.day, line.model, line.generations, Math.round(line.spendUsd * 1e6)]).sort()).toEqual(
			[...billed].map(([model, b]) => [iso(todayUtc - DAY_MS).slice(0, 10), model, b.generations, b.micros]).sort(),
		);
	});

	it('route-webhook-events: a completed delivery downloads the video, a failed one goes to Handle failure', async () => {
		const workflow = byFile['route-webhook-events.json'];
		const trigger = workflow.nodes.find((n) => String(n.type).endsWith('syncLabsTrigger'))!;
		const triggerUrl = n8n.webhookUrl(`${trigger.webhookId}/syncLabs`);
		const before = emulator.webhookDeliveries.length;

		// two generations whose webhookUrl is the trigger's production URL: the emulator signs and delivers them
		const createWith = async (video: string) => {
			const res = await fetch(`${emulator.url}/v2/generate`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
				body: JSON.stringify({
					model: 'lipsync-2',
					input: [
						{ type: 'video', url: video },
						{ type: 'audio', url: 'https://cdn.example/voice.wav' },
					],
					webhookUrl: triggerUrl,
				}),
			});
			expect(res.status).toBeLessThan(300);
			return ((await res.json()) as { id: string }).id;
		};
		const completedId = await createWith('https://cdn.example/ok.mp4');
		const deliveredOk = await emulator.waitForWebhooks(before + 1, 15_000);
		expect(deliveredOk[before].status).toBe(200);
		const [first] = await n8n.waitForExecutions(workflow.id, { count: 1 });
		const failedId = await createWith('https://cdn.example/bad.mp4?sync_outcome=failed');
		const delivered = await emulator.waitForWebhooks(before + 2, 15_000);
		expect(delivered[before + 1].status).toBe(200);
		const executions = await n8n.waitForExecutions(workflow.id, { count: 2 });
		expect(executions[1].id).toBe(first.id);

		const ran = (e: ExecutionSummary) => Object.keys(e.data?.resultData?.runData ?? {}).sort();
		const completed = executions[1];
		const failed = executions[0];
		expect(completed.status).toBe('success');
		expect(failed.status).toBe('success');

		expect(ran(completed)).toEqual(['Completed?', 'Download video', 'Sync Labs Trigger']);
		expect(items(completed.data?.resultData.runData, 'Sync Labs Trigger')[0].json).toMatchObject({
			event: 'generation.completed',
			id: completedId,
		});
		const [download] = items(completed.data?.resultData.runData, 'Download video');
		expect(download.binary?.data).toMatchObject({ mimeType: 'video/mp4' });

		expect(ran(failed)).toEqual(['Completed?', 'Handle failure', 'Sync Labs Trigger']);
		expect(items(failed.data?.resultData.runData, 'Handle failure')[0].json).toMatchObject({
			event: 'generation.failed',
			id: failedId,
			status: 'FAILED',
		});
	});
});

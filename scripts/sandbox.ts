// `npm start`: a local n8n 2.41.1 with this package installed from its tarball, an owner account, a
// `syncLabsApi` credential and the example workflows, talking to the Sync Labs API emulator (or to the
// real API when SYNCLABS_API_KEY is set). Ctrl-C stops everything it started.
//
//   --smoke   run the first example once, print its result, and exit (used by the e2e suite)
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startEmulator, TINY_MP4, type Emulator } from '../test/emulator';
import { OWNER, startN8n, type N8nInstance, type WorkflowFixture } from '../test/e2e/harness';

const EXAMPLES_DIR = join(__dirname, '..', 'examples');
const CREDENTIAL_ID = 'syncLabsCredential';
const SANDBOX_SECRET = 'whsec_sandboxSigningSecret0123456789';
const SAMPLE_VIDEO_PATH = '/home/node/.n8n-files/speaker.mp4';

function loadExamples(filesDir: string): WorkflowFixture[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort((a, b) => (a === 'lip-sync-from-urls.json' ? -1 : b === 'lip-sync-from-urls.json' ? 1 : a.localeCompare(b)))
		.map((file, index) => {
			const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8').split(SAMPLE_VIDEO_PATH).join(join(filesDir, 'speaker.mp4'));
			const workflow = JSON.parse(text) as Omit<WorkflowFixture, 'id'>;
			const hasWebhookTrigger = workflow.nodes.some((n) => String(n.type).endsWith('Trigger') && !String(n.type).includes('manual'));
			return { ...workflow, id: `SyncLabsExmpl${String(index).padStart(3, '0')}`, active: hasWebhookTrigger };
		});
}

async function main(): Promise<void> {
	const smoke = process.argv.includes('--smoke');
	const realKey = process.env.SYNCLABS_API_KEY;
	const secret = process.env.SYNCLABS_SIGNING_SECRET || SANDBOX_SECRET;
	let emulator: Emulator | undefined;
	if (!realKey) {
		emulator = await startEmulator({
			port: Number(process.env.SYNCLABS_EMULATOR_PORT ?? 0),
			webhookSecret: secret,
			pendingMs: smoke ? 50 : 1000,
			processingMs: smoke ? 500 : 8000,
		});
	}

	const filesDir = mkdtempSync(join(tmpdir(), 'synclabs-sandbox-files-'));
	mkdirSync(filesDir, { recursive: true });
	writeFileSync(join(filesDir, 'speaker.mp4'), Buffer.from(TINY_MP4));
	const workflows = loadExamples(filesDir);
	const webhookPaths = workflows.flatMap((w) =>
		w.nodes.filter((n) => String(n.type).endsWith('syncLabsTrigger')).map((n) => `${n.webhookId}/syncLabs`),
	);

	let n8n: N8nInstance | undefined;
	const stop = async (code: number) => {
		await n8n?.stop().catch(() => undefined);
		await emulator?.stop().catch(() => undefined);
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	n8n = await startN8n({
		version: '2.41.1',
		workflows,
		credentials: [
			{
				id: CREDENTIAL_ID,
				name: 'Sync Labs account',
				type: 'syncLabsApi',
				data: { apiKey: realKey ?? 'sandbox-api-key', signingSecret: secret, baseUrl: emulator?.url ?? 'https://api.sync.so' },
			},
		],
		env: { N8N_RESTRICT_FILE_ACCESS_TO: filesDir },
		waitForWebhooks: webhookPaths,
		keepRunDir: !smoke,
	});

	if (smoke) {
		const first = workflows[0];
		const output = await n8n.cli(['execute', `--id=${first.id}`, '--rawOutput']);
		const start = output.indexOf('{');
		const run = JSON.parse(output.slice(start)) as { data: { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, unknown> }>> } }>> } } };
		const item = run.data.resultData.runData['Lip-sync video'][0].data.main[0][0];
		console.log(JSON.stringify({ workflow: first.name, status: item.json.status, id: item.json.id, binary: Object.keys(item.binary ?? {}) }));
		await stop(item.json.status === 'COMPLETED' ? 0 : 1);
		return;
	}

	const lines = [
		'',
		'Sync Labs sandbox is running.',
		`  n8n editor:     ${n8n.baseUrl}/  (log in as ${OWNER.email} / ${OWNER.password})`,
		`  Sync API:       ${emulator ? `${emulator.url}  (emulator; webhook secret ${secret})` : 'https://api.sync.so (real API, SYNCLABS_API_KEY)'}`,
		...webhookPaths.map((p) => `  Trigger URL:    ${n8n!.webhookUrl(p)}`),
		`  Examples:       ${workflows.map((w) => w.name).join('\n                  ')}`,
		`  n8n data:       ${n8n.runDir}`,
		'Open "Sync Labs: lip-sync a video from URLs and wait for the result" and click "Execute workflow".',
		'Press Ctrl-C to stop.',
	];
	console.log(lines.join('\n'));
	await new Promise(() => undefined);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

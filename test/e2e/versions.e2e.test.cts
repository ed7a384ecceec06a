// The two versions of the Sync Labs action node in a real n8n: both are served by the node types endpoint,
// a workflow saved at version 1 (string ID) and workflows at version 2 (resource locator By ID and From
// List) run Generation → Get, and the From List search answers through the editor's endpoint.
import { type Emulator, startEmulator } from '../emulator/index.cjs';
import { type N8nInstance, nodeOutput, startN8n, type WorkflowFixture } from './harness/index.cjs';
import { ACTION_NAME, ACTION_TYPE, actionWorkflow } from './fixtures/action.cjs';
import { CREDENTIAL, SIGNING_SECRET } from './fixtures/trigger.cjs';

let n8n: N8nInstance;
let emulator: Emulator;
let generationId: string;

const V1 = { id: 'SyncLabsVerGet01', path: 'e2e-versions-get-v1' };
const V2_ID = { id: 'SyncLabsVerGet02', path: 'e2e-versions-get-v2-id' };
const V2_LIST = { id: 'SyncLabsVerGet03', path: 'e2e-versions-get-v2-list' };

/** Webhook → Sync Labs (Generation → Get) at the given typeVersion. */
function getWorkflow(o: { id: string; path: string }, typeVersion: number, generationIdParameter: unknown): WorkflowFixture {
	const workflow = actionWorkflow({
		...o,
		name: `E2E Sync Labs v${typeVersion} get`,
		parameters: { resource: 'generation', operation: 'get', generationId: generationIdParameter },
	});
	const node = workflow.nodes.find((n) => n.name === ACTION_NAME)!;
	node.typeVersion = typeVersion;
	delete (node.parameters as Record<string, unknown>).model;
	return workflow;
}

async function start(path: string, body: Record<string, unknown>): Promise<void> {
	const res = await fetch(n8n.webhookUrl(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (res.status !== 200) throw new Error(`starting ${path}: HTTP ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
	emulator = await startEmulator({ webhookSecret: SIGNING_SECRET, pendingMs: 20, processingMs: 50 });
	const created = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': 'sk-e2e-not-a-real-key', 'content-type': 'application/json' },
		body: JSON.stringify({
			model: 'lipsync-2',
			input: [
				{ type: 'video', url: 'https://cdn.example/v.mp4' },
				{ type: 'audio', url: 'https://cdn.example/a.wav' },
			],
		}),
	});
	generationId = ((await created.json()) as { id: string }).id;
	const workflows = [
		getWorkflow(V1, 1, '={{ $json.body.id }}'),
		getWorkflow(V2_ID, 2, { __rl: true, mode: 'id', value: '={{ $json.body.id }}' }),
		getWorkflow(V2_LIST, 2, { __rl: true, mode: 'list', value: '__GENERATION_ID__', cachedResultName: 'picked in the editor' }),
	];
	n8n = await startN8n({
		credentials: [CREDENTIAL],
		workflows,
		vars: { SYNC_BASE_URL: emulator.url, GENERATION_ID: generationId },
		waitForWebhooks: workflows.map((w) => w.nodes[0].parameters.path as string),
	});
});

afterAll(async () => {
	await n8n?.stop();
	await emulator?.stop();
});

describe(`Sync Labs action node versions on n8n ${process.env.N8N_E2E_VERSION ?? '2.41.1'}`, () => {
	it('the node types endpoint serves syncLabs at versions 1, 2 and 3, with string IDs in 1 and locators in 2 and 3', async () => {
		const res = await n8n.authed<Array<{ name: string; version: number | number[]; properties: Array<{ name: string; type: string }> }>>('GET', '/types/nodes.json');
		expect(res.status).toBe(200);
		const ours = res.body.filter((n) => n.name === ACTION_TYPE);
		expect(ours.map((n) => n.version).sort()).toEqual([1, 2, 3]);
		const idTypes = (version: number) =>
			[...new Set(ours.find((n) => n.version === version)!.properties.filter((p) => p.name === 'generationId').map((p) => p.type))];
		expect(idTypes(1)).toEqual(['string']);
		expect(idTypes(2)).toEqual(['resourceLocator']);
		expect(idTypes(3)).toEqual(['resourceLocator']);
	});

	it.each([
		['version 1 with a string ID', V1],
		['version 2 with a locator By ID', V2_ID],
		['version 2 with a locator From List', V2_LIST],
	])('%s runs Generation → Get', async (_label, workflow) => {
		const from = emulator.requests.length;
		await start(workflow.path, { id: generationId });
		const [execution] = await n8n.waitForExecutions(workflow.id, { count: 1 });
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, ACTION_NAME)).toEqual([expect.objectContaining({ id: generationId, model: 'lipsync-2' })]);
		expect(emulator.requests.slice(from).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v2/generate/${generationId}`]);
	});

	it('the From List search answers through the editor endpoint with the generations in the account', async () => {
		const res = await n8n.rest<{ data: { results: Array<{ name: string; value: string }>; paginationToken?: string } }>(
			'POST',
			'/dynamic-node-parameters/resource-locator-results',
			{
				path: 'parameters.generationId',
				nodeTypeAndVersion: { name: ACTION_TYPE, version: 2 },
				methodName: 'searchGenerations',
				currentNodeParameters: { resource: 'generation', operation: 'get', generationId: { __rl: true, mode: 'list', value: '' } },
				credentials: { syncLabsApi: { id: n8n.credentialIds[CREDENTIAL.id], name: CREDENTIAL.name } },
			},
		);
		expect(res.status).toBe(200);
		expect(res.body.data.results.map((r) => r.value)).toContain(generationId);
		expect(res.body.data.paginationToken).toBeUndefined();
	});
});

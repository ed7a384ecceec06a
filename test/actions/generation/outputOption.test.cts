// The Output parameter of Generation → Create, Get and Get Many (actions/generation/outputOption.ts): node
// versions 1 and 2 keep outputting every field Sync sends, version 3 outputs Simplified unless told otherwise,
// Selected Fields gives the ID and the chosen fields, and nothing but a generation is shaped.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { requestFromDelivery, resumeWaitingRun, runNode, type RunNodeResult } from '../../runner/index.cjs';
import { SIMPLIFIED_FIELDS } from '../../../nodes/SyncLabs/actions/generation/outputOption';

const SECRET = 'whsec_output_option_tests';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const fastPoll = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20, webhookSecret: SECRET });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: 'key-output-option', baseUrl: emulator.url, signingSecret: SECRET });

function run(parameters: INodeParameters, typeVersion: number, continueOnFail = false): Promise<RunNodeResult> {
	return runNode({ parameters: { resource: 'generation', ...parameters }, credentials: credentials(), typeVersion, continueOnFail });
}

function create(typeVersion: number, parameters: INodeParameters = {}): Promise<RunNodeResult> {
	return run(
		{
			operation: 'create',
			model: 'lipsync-2',
			visualSource: 'url',
			visualUrl: VIDEO,
			audioSource: 'url',
			audioUrl: AUDIO,
			completion: 'poll',
			...parameters,
			options: { ...fastPoll, webhookUrl: 'https://n8n.example.com/webhook/1/syncLabs', ...(parameters.options as object) },
		},
		typeVersion,
	);
}

/** Version 1's ID fields are text, later versions' are locators: the same ID either way. */
const idParameter = (typeVersion: number, id: string) => (typeVersion === 1 ? id : { __rl: true, mode: 'id', value: id });

/** Everything Sync sent for a generation, with the node's normalized spellings (generationOutput.ts). */
const RAW_FIELDS = ['id', 'createdAt', 'status', 'model', 'input', 'options', 'webhookUrl', 'outputUrl', 'outputDuration', 'segments', 'segmentOutputUrl', 'outputFileName', 'projectId'];

const keysOf = (json: IDataObject) => Object.keys(json).sort();
const onlySimplified = (json: IDataObject) => Object.keys(json).filter((key) => !(SIMPLIFIED_FIELDS as readonly string[]).includes(key));

describe.each([1, 2])('node version %i keeps its output: every field Sync sends', (typeVersion) => {
	it('from Create, Get and Get Many', async () => {
		const created = await create(typeVersion);
		expect(keysOf(created.items[0].json)).toEqual([...RAW_FIELDS].sort());
		const id = String(created.items[0].json.id);
		const got = await run({ operation: 'get', generationId: idParameter(typeVersion, id) }, typeVersion);
		expect(got.items[0].json).toEqual(created.items[0].json);
		const listed = await run({ operation: 'getMany', returnAll: true }, typeVersion);
		expect(listed.items.map((item) => item.json)).toEqual([created.items[0].json]);
	});
});

describe('node version 3 outputs Simplified generations unless told otherwise', () => {
	it('from Create, Get and Get Many: id, status, outputUrl and the rest of the ten fields Sync sent, nothing else', async () => {
		const created = await create(3);
		const json = created.items[0].json;
		expect(json).toMatchObject({ status: 'COMPLETED', model: 'lipsync-2', outputUrl: expect.any(String), outputDuration: expect.any(Number) });
		expect(onlySimplified(json)).toEqual([]);
		expect(keysOf(json)).toEqual(['createdAt', 'id', 'model', 'outputDuration', 'outputUrl', 'projectId', 'status']);
		const got = await run({ operation: 'get', generationId: idParameter(3, String(json.id)) }, 3);
		expect(got.items[0].json).toEqual(json);
		const listed = await run({ operation: 'getMany', returnAll: true }, 3);
		expect(listed.items.map((item) => item.json)).toEqual([json]);
	});

	it('Raw gives exactly what versions 1 and 2 output', async () => {
		const v1 = await create(1);
		const id = String(v1.items[0].json.id);
		const raw = await run({ operation: 'get', generationId: idParameter(3, id), output: 'raw' }, 3);
		expect(raw.items[0].json).toEqual(v1.items[0].json);
	});

	it('Selected Fields gives the ID and the chosen fields, and never more', async () => {
		const created = await create(3, { output: 'fields', fields: ['status', 'input'] });
		expect(keysOf(created.items[0].json)).toEqual(['id', 'input', 'status']);
		const justId = await run({ operation: 'get', generationId: idParameter(3, String(created.items[0].json.id)), output: 'fields' }, 3);
		expect(keysOf(justId.items[0].json)).toEqual(['id']);
	});

	it('keeps a FAILED generation\'s error and code, and the live progress Include Progress asked for', async () => {
		const failed = await create(3, { visualUrl: `${VIDEO}?sync_outcome=failed&sync_error_code=generation_pipeline_failed`, options: { outputFailedAsItems: true } });
		expect(failed.items[0].json).toMatchObject({ status: 'FAILED', error: expect.any(String), errorCode: 'generation_pipeline_failed' });
		expect(onlySimplified(failed.items[0].json)).toEqual([]);

		const running = await create(3, { visualUrl: `${VIDEO}?sync_processing_ms=5000`, completion: 'immediately' });
		const progress = await run({ operation: 'get', generationId: idParameter(3, String(running.items[0].json.id)), options: { includeProgress: true } }, 3);
		expect(progress.items[0].json).toHaveProperty('progress_percent');
	});

	it('passes an error item (On Error = Continue) unchanged', async () => {
		emulator.injectFault({ method: 'GET', path: '/v2/generate/*', status: 404, times: 1 });
		const result = await run({ operation: 'get', generationId: idParameter(3, '6533643b-aceb-4c40-967e-d9ba9baac39e') }, 3, true);
		expect(result.items[0].json).toEqual({ error: expect.stringMatching(/^Sync Labs: /), errorDescription: expect.any(String) });
	});

	it('Wait for Webhook resumes with a Simplified generation too', async () => {
		const waiting = await create(3, { visualUrl: `${VIDEO}?sync_processing_ms=200`, completion: 'webhook', options: {} });
		expect(waiting.status).toBe('waiting');
		const id = String(waiting.items[0].json.id);
		let delivery = emulator.webhookDeliveries.find((d) => d.id === id);
		while (!delivery) {
			await emulator.waitForWebhooks(emulator.webhookDeliveries.length + 1, 5000);
			delivery = emulator.webhookDeliveries.find((d) => d.id === id);
		}
		const resumed = (await resumeWaitingRun(waiting, requestFromDelivery(delivery))).resumed?.items[0].json ?? {};
		expect(resumed).toMatchObject({ id, status: 'COMPLETED', outputUrl: expect.any(String) });
		expect(onlySimplified(resumed)).toEqual([]);
	});
});

describe('the Output parameter as saved', () => {
	it('refuses a value it does not know before anything is created, naming the field', async () => {
		const result = await create(3, { output: 'everything' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Output .*everything.* \(item 0\)$/);
		expect(emulator.counters.generationsCreated).toBe(0);
	});
});

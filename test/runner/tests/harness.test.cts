// The in-process workflow runner, proven with the real Sync Labs node against the HTTP emulator: real
// request helpers and credential authentication, errors and continueOnFail, binary input in both binary
// modes, and an execution that waits for Sync's webhook and is resumed by it.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
	WAIT_INDEFINITELY,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
} from 'n8n-workflow';
import { SyncLabsVersionNode } from '../../../nodes/SyncLabs/SyncLabs.node';
import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';
import { DEFAULT_WEBHOOK_SECRET, startEmulator, TINY_MP4, type Emulator } from '../../emulator/index.cjs';
import { requestFromDelivery, resumeWaitingRun, runNode, type RunNodeResult } from '../src/workflowRunner.cjs';

const API_KEY = 'sk-harness-key';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});

afterEach(() => {
	emulator.reset();
});

afterAll(async () => {
	await emulator.stop();
});

const credentials = () => ({ apiKey: API_KEY, baseUrl: emulator.url, signingSecret: DEFAULT_WEBHOOK_SECRET });

async function createGeneration(extra: IDataObject = {}): Promise<IDataObject> {
	const response = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
		body: JSON.stringify({
			model: 'lipsync-2',
			input: [
				{ type: 'video', url: 'https://example.com/video.mp4' },
				{ type: 'audio', url: 'https://example.com/audio.wav' },
			],
			...extra,
		}),
	});
	expect(response.status).toBe(201);
	return (await response.json()) as IDataObject;
}

async function waitUntilCompleted(id: string): Promise<void> {
	for (let i = 0; i < 100; i++) {
		if ((emulator.getGeneration(id) as { status?: string } | undefined)?.status === 'COMPLETED') return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`generation ${id} did not complete`);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A stand-in for the Sync Labs node that reports what n8n's binary helpers give it for input property "data". */
function binaryProbe(): INodeType {
	const { description } = new SyncLabsVersionNode(2);
	return {
		description: { ...description, name: 'binaryProbe', displayName: 'Binary Probe', properties: [] },
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			const output: INodeExecutionData[] = [];
			for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
				const binary = items[itemIndex].binary!.data;
				const fromBuffer = await this.helpers.getBinaryDataBuffer(itemIndex, 'data');
				let fromStream: Buffer | null = null;
				let storedSize: number | null = null;
				if (binary.id) {
					const chunks: Buffer[] = [];
					for await (const chunk of await this.helpers.getBinaryStream(binary.id)) chunks.push(Buffer.from(chunk as Buffer));
					fromStream = Buffer.concat(chunks);
					storedSize = (await this.helpers.getBinaryMetadata(binary.id)).fileSize;
				}
				output.push({
					json: {
						id: binary.id ?? null,
						inlineData: binary.data !== 'filesystem-v2' && binary.data !== '',
						fileName: binary.fileName ?? null,
						mimeType: binary.mimeType,
						bufferSha256: sha256(fromBuffer),
						streamSha256: fromStream ? sha256(fromStream) : null,
						storedSize,
					},
					binary: { echo: await this.helpers.prepareBinaryData(fromBuffer, 'echo.bin', 'application/octet-stream') },
				});
			}
			return [output];
		},
	};
}

/**
 * The Sync Labs node with an execute() that starts a generation whose webhookUrl is this execution's signed
 * resume URL and then waits — the shape of a "Wait for Webhook" completion mode. webhook() is the real one.
 */
class WaitingSyncLabs extends SyncLabsVersionNode {
	constructor() {
		super(2);
		// Only the options the resume webhook reads (the real operation that waits will declare them).
		this.description = {
			...this.description,
			properties: [
				{
					displayName: 'Options',
					name: 'options',
					type: 'collection',
					default: {},
					options: [
						{ displayName: 'Download Output', name: 'downloadOutput', type: 'boolean', default: false },
						{ displayName: 'Put Output File in Field', name: 'binaryPropertyName', type: 'string', default: 'data' },
						{ displayName: 'Tolerance (Seconds)', name: 'toleranceSeconds', type: 'number', default: 300 },
					],
				},
			],
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials<{ baseUrl: string }>('syncLabsApi');
		// what n8n's waiting-webhook route resumes a plain waiting node on (see actions/generation/waitForWebhook.ts)
		const resumeUrl = String(this.getWorkflowDataProxy(0).$execution.resumeUrl);
		const created = (await this.helpers.httpRequestWithAuthentication.call(this, 'syncLabsApi', {
			method: 'POST',
			url: `${credentials.baseUrl}/v2/generate`,
			json: true,
			body: {
				model: 'lipsync-2',
				input: [
					{ type: 'video', url: 'https://example.com/video.mp4' },
					{ type: 'audio', url: 'https://example.com/audio.wav' },
				],
				webhookUrl: resumeUrl,
			},
		})) as IDataObject;
		await this.putExecutionToWait(WAIT_INDEFINITELY);
		return [[{ json: { ...created, resumeUrl } }]];
	}
}

function signedDelivery(payload: unknown, secret = DEFAULT_WEBHOOK_SECRET) {
	const body = Buffer.from(JSON.stringify(payload));
	const header = signSyncPayload({ secret, timestamp: Math.floor(Date.now() / 1000), body });
	return { headers: { 'content-type': 'application/json', 'sync-signature': header }, body };
}

describe('running the Sync Labs node in an in-process n8n execution', () => {
	it('Generation → Get returns the generation the emulator holds, authenticated with the x-api-key header', async () => {
		const created = await createGeneration();
		await waitUntilCompleted(String(created.id));

		const result = await runNode({
			parameters: { resource: 'generation', operation: 'get', generationId: created.id as string },
			credentials: credentials(),
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: created.id, status: 'COMPLETED', model: 'lipsync-2' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const get = emulator.requests.find((r) => r.method === 'GET' && r.path === `/v2/generate/${created.id}`);
		expect(get?.headers['x-api-key']).toBe(API_KEY);
	});

	it('each input item gets its own request and its own output item', async () => {
		const [first, second] = [await createGeneration(), await createGeneration()];

		const result = await runNode({
			parameters: { resource: 'generation', operation: 'get', generationId: '={{ $json.generationId }}' },
			items: [{ json: { generationId: first.id as string } }, { json: { generationId: second.id as string } }],
			credentials: credentials(),
		});

		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.id)).toEqual([first.id, second.id]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('an unknown generation id fails the run with the API message and the item index', async () => {
		const result = await runNode({
			parameters: { resource: 'generation', operation: 'get', generationId: 'gen_does_not_exist' },
			credentials: credentials(),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/not found/i);
		expect(result.error?.itemIndex).toBe(0);
		expect(result.items).toEqual([]);
		expect(emulator.requests.filter((r) => r.path === '/v2/generate/gen_does_not_exist')).toHaveLength(1);
		// n8n-core reports the node failure; the runner records it instead of printing it.
		expect(result.logs).toContainEqual(expect.objectContaining({ level: 'report', message: expect.stringMatching(/not found/i) }));
	});

	it('with continueOnFail an unknown generation id becomes an output item carrying the error', async () => {
		const result = await runNode({
			parameters: { resource: 'generation', operation: 'get', generationId: 'gen_does_not_exist' },
			credentials: credentials(),
			continueOnFail: true,
		});

		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toEqual(expect.stringMatching(/not found/i));
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('a wrong API key reaches the emulator as given and comes back as its 401', async () => {
		const strict = await startEmulator({ port: 0, apiKeys: ['the-only-key'] });
		try {
			const result = await runNode({
				parameters: { resource: 'generation', operation: 'get', generationId: 'any' },
				credentials: { apiKey: 'not-the-key', baseUrl: strict.url },
			});

			expect(result.status).toBe('error');
			expect(strict.requests[0].headers['x-api-key']).toBe('not-the-key');
			expect(strict.requests[0].status).toBe(401);
		} finally {
			await strict.stop();
		}
	});
});

describe('binary input', () => {
	const bytes = Buffer.from('not really a video, but bytes all the same');

	it('in the default mode the start node’s binary reaches the node inline, readable with getBinaryDataBuffer', async () => {
		const result = await runNode({
			parameters: {},
			items: [{ json: {}, binary: { data: { data: bytes, fileName: 'clip.mp4', mimeType: 'video/mp4' } } }],
			credentials: credentials(),
			nodeTypeOverride: binaryProbe(),
		});

		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({
			id: null,
			inlineData: true,
			fileName: 'clip.mp4',
			mimeType: 'video/mp4',
			bufferSha256: sha256(bytes),
		});
		expect(await result.readBinary(result.items[0], 'echo')).toEqual(bytes);
	});

	it('in filesystem mode the binary is a stored file the node can stream, measure and read', async () => {
		const result = await runNode({
			parameters: {},
			items: [{ binary: { data: { data: bytes, fileName: 'clip.mp4', mimeType: 'video/mp4' } } }],
			credentials: credentials(),
			binaryMode: 'filesystem',
			nodeTypeOverride: binaryProbe(),
		});

		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({
			id: expect.stringMatching(/^filesystem-v2:/),
			inlineData: false,
			fileName: 'clip.mp4',
			bufferSha256: sha256(bytes),
			streamSha256: sha256(bytes),
			storedSize: bytes.length,
		});
		expect(result.items[0].binary?.echo.id).toEqual(expect.stringMatching(/^filesystem-v2:/));
		expect(await result.readBinary(result.items[0], 'echo')).toEqual(bytes);
		await result.dispose();
		await expect(result.readBinary(result.items[0], 'echo')).rejects.toThrow();
	});

	it('a stream factory is piped into the store and arrives byte for byte', async () => {
		const chunk = Buffer.alloc(64 * 1024, 7);
		const chunks = 32; // 2 MiB
		const expected = Buffer.concat(Array.from({ length: chunks }, () => chunk));

		const result = await runNode({
			parameters: {},
			items: [
				{
					binary: {
						data: { data: () => Readable.from(Array.from({ length: chunks }, () => chunk)), fileName: 'big.wav', mimeType: 'audio/wav' },
					},
				},
			],
			credentials: credentials(),
			binaryMode: 'filesystem',
			nodeTypeOverride: binaryProbe(),
		});

		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ storedSize: expected.length, streamSha256: sha256(expected), mimeType: 'audio/wav' });
		await result.dispose();
	});

	it('runs in different binary modes cannot overlap, because the binary data service mode is process-wide', async () => {
		const slow = await startEmulator({ port: 0, latencyMs: 300 });
		try {
			const inMemory = runNode({
				parameters: { resource: 'generation', operation: 'get', generationId: 'any' },
				credentials: { apiKey: API_KEY, baseUrl: slow.url },
				continueOnFail: true,
			});
			await new Promise((resolve) => setTimeout(resolve, 50));

			await expect(
				runNode({ parameters: {}, items: [{ binary: { data: { data: bytes, mimeType: 'video/mp4' } } }], credentials: credentials(), binaryMode: 'filesystem', nodeTypeOverride: binaryProbe() }),
			).rejects.toThrow(/cannot overlap/);
			expect((await inMemory).status).toBe('success');
		} finally {
			await slow.stop();
		}
	});

	it('a file name alone is enough for n8n to derive the MIME type', async () => {
		const result = await runNode({
			parameters: {},
			items: [{ binary: { data: { data: bytes, fileName: 'voice.mp3' } } }],
			credentials: credentials(),
			nodeTypeOverride: binaryProbe(),
		});

		expect(result.items[0].json.mimeType).toBe('audio/mpeg');
	});
});

describe('waiting for Sync’s webhook', () => {
	async function startWaiting(binaryMode: 'default' | 'filesystem' = 'default', options: INodeParameters = {}): Promise<RunNodeResult> {
		const result = await runNode({
			parameters: { options },
			credentials: credentials(),
			binaryMode,
			nodeTypeOverride: new WaitingSyncLabs(),
		});
		expect(result.status).toBe('waiting');
		return result;
	}

	it('the node can hand out its resume URL (with the resume token) for this execution and put it to wait', async () => {
		const result = await startWaiting();

		expect(result.waitTill).toEqual(WAIT_INDEFINITELY);
		const resumeUrl = new URL(String(result.items[0].json.resumeUrl));
		expect(`${resumeUrl.origin}${resumeUrl.pathname}`).toBe(`http://127.0.0.1:5678/webhook-waiting/${result.executionId}`);
		// the execution's resume token, which n8n 2.4x compares the `signature` parameter with
		expect(resumeUrl.searchParams.get('signature')).toBe(result.run.data.resumeToken);
	});

	it('the emulator’s signed delivery to the resume URL resumes the execution with the finished generation', async () => {
		const result = await startWaiting();
		const [delivery] = await emulator.waitForWebhooks(1);
		expect(delivery.url).toBe(result.items[0].json.resumeUrl);

		const { httpStatus, resumed } = await resumeWaitingRun(result, requestFromDelivery(delivery));

		expect(httpStatus).toBe(200);
		expect(resumed?.status).toBe('success');
		expect(resumed?.items).toHaveLength(1);
		expect(resumed?.items[0].json).toMatchObject({ id: result.items[0].json.id, status: 'COMPLETED' });
		expect(resumed?.run.data.resultData.runData['Sync Labs']).toHaveLength(1);
	});

	it('an unsigned delivery is refused with 401 and the execution keeps waiting', async () => {
		const result = await startWaiting();
		const { body } = signedDelivery({ id: result.items[0].json.id, status: 'COMPLETED' });

		const outcome = await resumeWaitingRun(result, { headers: { 'content-type': 'application/json' }, body });

		expect(outcome.httpStatus).toBe(401);
		expect(outcome.responseBody).toBe('Unauthorized');
		expect(outcome.resumed).toBeNull();
		expect(outcome.logs).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('missing_header') }));
	});

	it('a webhook that throws gets n8n’s 500 and the execution runs on an empty item with the earlier data gone', async () => {
		class FailingWebhook extends WaitingSyncLabs {
			async webhook(): Promise<never> {
				throw new Error('webhook exploded');
			}
		}
		const result = await runNode({ parameters: {}, credentials: credentials(), nodeTypeOverride: new FailingWebhook() });
		expect(result.status).toBe('waiting');

		const outcome = await resumeWaitingRun(result, signedDelivery({}));

		expect(outcome.httpStatus).toBe(500);
		expect(outcome.responseBody).toMatchObject({ message: 'Error in workflow' });
		// as n8n's executeWebhook (packages/cli/src/webhooks/webhook-helpers.ts): the run continues on [{json:{}}], runData of the earlier nodes replaced
		expect(outcome.resumed?.status).toBe('error');
		expect(outcome.resumed?.items.map((i) => i.json)).toEqual([{}]);
		expect(outcome.resumed?.run.data.resultData.error?.message).toBe('webhook exploded');
		expect(Object.keys(outcome.resumed?.run.data.resultData.runData ?? {})).toEqual(['Sync Labs']);
	});

	it('a delivery signed with another secret is refused with 401', async () => {
		const result = await startWaiting();
		const delivery = signedDelivery({ id: result.items[0].json.id, status: 'COMPLETED' }, 'whsec_somebody_else');

		const outcome = await resumeWaitingRun(result, delivery);

		expect(outcome.httpStatus).toBe(401);
		expect(outcome.resumed).toBeNull();
	});

	it('a verified delivery of an unfinished generation is acknowledged and the execution keeps waiting', async () => {
		const result = await startWaiting();
		const [emulated] = await emulator.waitForWebhooks(1);
		const processing = signedDelivery({ ...(JSON.parse(emulated.body) as IDataObject), status: 'PROCESSING' });

		const outcome = await resumeWaitingRun(result, processing);

		expect(outcome.httpStatus).toBe(200);
		expect(outcome.resumed).toBeNull();
		// The same waiting result can still be resumed afterwards.
		const later = await resumeWaitingRun(result, requestFromDelivery(emulated));
		expect(later.resumed?.status).toBe('success');
	});

	it('a URL that is not this execution’s resume URL gets 404', async () => {
		const result = await startWaiting();
		const delivery = signedDelivery({ id: result.items[0].json.id, status: 'COMPLETED' });

		const outcome = await resumeWaitingRun(result, { ...delivery, url: 'http://127.0.0.1:5678/webhook-waiting/999999/someone-else' });

		expect(outcome.httpStatus).toBe(404);
		expect(outcome.resumed).toBeNull();
	});

	it('a finished run cannot be resumed', async () => {
		const created = await createGeneration();
		const result = await runNode({
			parameters: { resource: 'generation', operation: 'get', generationId: created.id as string },
			credentials: credentials(),
		});

		const outcome = await resumeWaitingRun(result, signedDelivery({}));

		expect(outcome.httpStatus).toBe(409);
		expect(outcome.resumed).toBeNull();
	});

	it.each(['default', 'filesystem'] as const)(
		'with Download Output the resumed item carries the output video as binary (%s binary mode)',
		async (binaryMode) => {
			const result = await startWaiting(binaryMode, { downloadOutput: true, binaryPropertyName: 'video' });
			const [delivery] = await emulator.waitForWebhooks(1);

			const { resumed } = await resumeWaitingRun(result, requestFromDelivery(delivery));

			expect(resumed?.status).toBe('success');
			const item = resumed!.items[0];
			expect(item.binary?.video).toMatchObject({ mimeType: 'video/mp4', fileName: `${result.items[0].json.id}.mp4` });
			expect(Boolean(item.binary?.video.id)).toBe(binaryMode === 'filesystem');
			expect(await resumed!.readBinary(item, 'video')).toEqual(TINY_MP4);
			await resumed!.dispose();
		},
	);
});

describe('cancelling', () => {
	it('aborting the signal stops the execution while the node waits for the API', async () => {
		const slow = await startEmulator({ port: 0, latencyMs: 5000 });
		try {
			const controller = new AbortController();
			const started = Date.now();
			setTimeout(() => controller.abort(), 100);

			const result = await runNode({
				parameters: { resource: 'generation', operation: 'get', generationId: 'any' },
				credentials: { apiKey: API_KEY, baseUrl: slow.url },
				abortSignal: controller.signal,
			});

			expect(Date.now() - started).toBeLessThan(2000);
			expect(result.error?.message).toMatch(/cancel/i);
			// n8n-core ends a run whose node threw after the cancel as 'error' unless the error's message contains
			// the US spelling "canceled"; either way the execution stopped.
			expect(['canceled', 'error']).toContain(result.status);
		} finally {
			await slow.stop();
		}
	});
});

// A verified callback is never lost: the output download inside the resume
// webhook(). The callback is trusted once signed, so its outputUrl may point to any storage host; here a
// storage server on 127.0.0.1 misbehaves the way real ones do (a reset in the middle of the body, a body that
// stalls). n8n keeps the execution 'waiting' while webhook() runs (executeWebhook only calls
// WorkflowRunner.run after it returns: https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/webhooks/webhook-helpers.ts), so a webhook() that
// outlives the wait loses the callback to n8n's WaitTracker (startExecution, expectedStatus 'waiting':
// https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/wait-tracker.ts).
import type { INodeParameters } from 'n8n-workflow';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';
import { startEmulator, TINY_MP4, type Emulator } from '../../emulator/index.cjs';
import { resumeWaitingRun, runNode, type RunNodeResult, type WaitingWebhookRequest } from '../../runner/index.cjs';

const SECRET = 'whsec_test_download';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
let storage: http.Server;
let storageUrl: string;
const sockets = new Set<Socket>();
/** What the storage server does for the n-th request (0-based). */
let behaviour: (n: number, res: http.ServerResponse) => void = (_n, res) => res.end();
let hits = 0;
/** Resumes still running when their probe ended; awaited before the servers stop. */
const pending: Array<Promise<unknown>> = [];

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 30, webhookSecret: SECRET });
	storage = http.createServer((_req, res) => behaviour(hits++, res));
	storage.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((r) => storage.listen(0, '127.0.0.1', r));
	storageUrl = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;
});
/** Ends whatever the storage server is doing: open connections closed, later requests answered 404 (not retried). */
function stopStorage(): void {
	behaviour = (_n, res) => {
		res.statusCode = 404;
		res.end();
	};
	for (const s of sockets) s.destroy();
}
afterEach(() => {
	stopStorage();
	emulator.reset();
	hits = 0;
});
afterAll(async () => {
	stopStorage();
	await Promise.allSettled(pending);
	await new Promise<void>((r) => storage.close(() => r()));
	await emulator.stop();
});

const credentials = () => ({ apiKey: 'key-test', baseUrl: emulator.url, signingSecret: SECRET });

function waitForWebhook(options: Record<string, unknown>) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualSource: 'url',
			visualUrl: `${VIDEO}?sync_processing_ms=150`,
			audioSource: 'url',
			audioUrl: AUDIO,
			completion: 'webhook',
			options: options as INodeParameters,
		},
		credentials: credentials(),
	});
}

/** Sync's own delivery for the waiting run's generation, re-signed with the output on our storage server. */
async function deliveryWithOutputOnStorage(waiting: RunNodeResult): Promise<{ id: string; request: WaitingWebhookRequest }> {
	const id = String(waiting.items[0]?.json.id);
	let delivery = emulator.webhookDeliveries.find((d) => d.id === id);
	while (!delivery) {
		await emulator.waitForWebhooks(emulator.webhookDeliveries.length + 1, 5000);
		delivery = emulator.webhookDeliveries.find((d) => d.id === id);
	}
	const body = Buffer.from(JSON.stringify({ ...JSON.parse(delivery.body), outputUrl: `${storageUrl}/out/${id}.mp4?X-Amz-Signature=abc` }));
	return {
		id,
		request: {
			url: delivery.url,
			headers: { 'content-type': 'application/json', 'sync-signature': signSyncPayload({ secret: SECRET, timestamp: Date.now() / 1000, body }) },
			body,
		},
	};
}

describe('the download in the resume webhook', () => {
	describe('a reset', () => {
		// What is retried and what arrives, not how long the backoff is (test/transport/quickRetries.cts).
		useQuickRetries();
		it('a storage connection reset in the middle of the body is retried like every other reset, and the video arrives', async () => {
			const video = Buffer.concat([Buffer.from(TINY_MP4), Buffer.alloc(256 * 1024, 1)]);
			behaviour = (n, res) => {
				res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(video.length) });
				if (n === 0) {
					res.write(video.subarray(0, 1024));
					setTimeout(() => res.socket?.destroy(), 50);
				} else res.end(video);
			};
			const waiting = await waitForWebhook({ downloadOutput: true });
			const { id, request } = await deliveryWithOutputOnStorage(waiting);
			const outcome = await resumeWaitingRun(waiting, request);
			expect(outcome.httpStatus).toBe(200);
			const [item] = outcome.resumed!.items;
		
			expect({ storageRequests: hits, downloadError: item.json.downloadError, id: item.json.id }).toEqual({ storageRequests: 2, downloadError: undefined, id });
			expect((await outcome.resumed!.readBinary(item, 'data')).length).toBe(video.length);
		});
	});

	/** Resumes with the storage behaving as given; the resume must end before the wait expires, acknowledged. */
	async function expectResumeBeforeExpiry(storage: typeof behaviour) {
		behaviour = storage;
		const waiting = await waitForWebhook({ downloadOutput: true, maxWaitTime: 12 });
		const { request } = await deliveryWithOutputOnStorage(waiting);
		const msLeft = waiting.waitTill!.getTime() - Date.now();
		const timedOut = Symbol('still running when the wait expired');
		let timer: NodeJS.Timeout | undefined;
		const resume = resumeWaitingRun(waiting, request);
		pending.push(resume);
		const winner = await Promise.race([
			resume,
			new Promise<symbol>((r) => (timer = setTimeout(() => r(timedOut), msLeft))),
		]);
		clearTimeout(timer);
		stopStorage();
		expect(winner).not.toBe(timedOut);
		// acknowledged, and the run resumed with the generation and the reason its video is missing
		const outcome = winner as Awaited<typeof resume>;
		expect(outcome.httpStatus).toBe(200);
		expect(outcome.resumed?.items[0]?.json).toMatchObject({ id: waiting.items[0]?.json.id, status: 'COMPLETED', downloadError: expect.any(String) });
	}

	it('a storage body that stalls does not keep webhook() running past the Max Wait Time (the callback would be lost to the expiry)', async () => {
		await expectResumeBeforeExpiry((_n, res) => {
			res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(10 * 1024 * 1024) });
			res.write(Buffer.alloc(1024));
			// ...and nothing more: the connection stays open
		});
	}, 40_000);

	it('a storage server that never answers does not keep webhook() running past the Max Wait Time', async () => {
		await expectResumeBeforeExpiry(() => undefined); // accepts the request, never answers
	}, 40_000);
});

// With Download Output on, a verified finished callback must resume with
// the video or with `downloadError` naming why not. resumeWebhook.ts resumes on any status that
// isTerminalGenerationStatus() accepts (case-insensitive, schemas/generation.ts), but
// finishedWebhookItem() (actions/generation/waitForWebhook.ts) downloads only for the exact 'COMPLETED' with an outputUrl
// and says nothing otherwise: the run resumes with neither binary nor downloadError.
import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { resumeWaitingRun, runNode, type RunNodeResult, type WaitingWebhookRequest } from '../../runner/index.cjs';

const SECRET = 'whsec_test_silent';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 100, webhookSecret: SECRET });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

function waitWithDownload() {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualSource: 'url',
			visualUrl: 'https://media.example.com/speaker.mp4?sync_processing_ms=600',
			audioSource: 'url',
			audioUrl: 'https://media.example.com/voice.wav',
			completion: 'webhook',
			options: { downloadOutput: true },
		},
		credentials: { apiKey: 'key-test', baseUrl: emulator.url, signingSecret: SECRET },
	});
}

/** Sync's delivery for the run's own generation, with `changes`, correctly signed. */
async function ownDelivery(waiting: RunNodeResult, changes: Record<string, unknown>): Promise<WaitingWebhookRequest> {
	const id = String(waiting.items[0]?.json.id);
	let delivery = emulator.webhookDeliveries.find((d) => d.id === id);
	while (!delivery) {
		await emulator.waitForWebhooks(emulator.webhookDeliveries.length + 1, 5000);
		delivery = emulator.webhookDeliveries.find((d) => d.id === id);
	}
	const body = Buffer.from(JSON.stringify({ ...JSON.parse(delivery.body), ...changes }));
	return { url: delivery.url, headers: { 'content-type': 'application/json', 'sync-signature': signSyncPayload({ secret: SECRET, timestamp: Date.now() / 1000, body }) }, body };
}

describe('a finished callback without a video says why', () => {
	it('a completion spelled "completed" resumes the run with the video or a downloadError', async () => {
		const waiting = await waitWithDownload();
		const outcome = await resumeWaitingRun(waiting, await ownDelivery(waiting, { status: 'completed' }));
		expect(outcome.resumed?.status).toBe('success');
		const [item] = outcome.resumed!.items;
		
		expect({ hasBinary: item.binary?.data !== undefined, downloadError: typeof item.json.downloadError }).not.toEqual({ hasBinary: false, downloadError: 'undefined' });
		// the status case is normalized once, and the emulator's output URL is there: the video arrives
		expect({ status: item.json.status, hasBinary: item.binary?.data !== undefined }).toEqual({ status: 'COMPLETED', hasBinary: true });
	});

	it('a COMPLETED callback without an outputUrl resumes the run with the video or a downloadError', async () => {
		const waiting = await waitWithDownload();
		const outcome = await resumeWaitingRun(waiting, await ownDelivery(waiting, { outputUrl: null }));
		expect(outcome.resumed?.status).toBe('success');
		const [item] = outcome.resumed!.items;
		expect({ hasBinary: item.binary?.data !== undefined, downloadError: typeof item.json.downloadError }).not.toEqual({ hasBinary: false, downloadError: 'undefined' });
		// the node asks Sync (GET) for the generation's output URL instead
		expect({ hasBinary: item.binary?.data !== undefined, outputUrl: typeof item.json.outputUrl }).toEqual({ hasBinary: true, outputUrl: 'string' });
	});
});

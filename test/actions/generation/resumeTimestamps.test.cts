// The action node's Wait for Webhook resume URL verifies callbacks like the trigger (webhook/receiveSignedDelivery.ts):
// a `t` in seconds or in milliseconds (13 digits) within the tolerance resumes; outside it, or of another length, not.
import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { resumeWaitingRun, runNode } from '../../runner/index.cjs';

const SECRET = 'whsec_resume_timestamp_tests';
let emulator: Emulator;
/** How far Sync's clock is ahead of the real one: the test moves it, so nothing waits for the render in real time. */
let syncAhead = 0;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20, webhookSecret: SECRET, now: () => Date.now() + syncAhead });
});
afterEach(() => {
	emulator.reset();
	syncAhead = 0;
});
afterAll(async () => emulator.stop());

async function waitingRun() {
	const waiting = await runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			// PENDING for 1.5 s of Sync's clock (emulator marker), which stands still until the run waits: the status
			// check before the pause sees it unfinished however slow the machine.
			visualUrl: 'https://media.example.com/speaker.mp4?sync_pending_ms=1500',
			audioUrl: 'https://media.example.com/voice.wav',
			completion: 'webhook',
			options: { toleranceSeconds: 300 },
		},
		credentials: { apiKey: 'key-resume', baseUrl: emulator.url, signingSecret: SECRET },
	});
	expect(waiting.status).toBe('waiting');
	// Sync renders it: its clock moves past the end, and the scheduled webhook is sent now.
	syncAhead += 2000;
	expect(emulator.runDueTimers()).toBe(1);
	const [delivery] = await emulator.waitForWebhooks(1);
	const url = (emulator.requests.find((r) => r.path === '/v2/generate')!.json as { webhookUrl: string }).webhookUrl;
	return { waiting, delivery, url };
}

// signSyncPayload puts the number's digits into t as they are: 10 for seconds, 13 for milliseconds.
const header = (timestamp: string, body: Buffer) => signSyncPayload({ secret: SECRET, timestamp: Number(timestamp), body });

describe('Wait for Webhook resume URL and the signature timestamp unit', () => {
	it.each([
		['seconds', () => String(Math.floor(Date.now() / 1000))],
		['milliseconds', () => String(Date.now())],
	])('resumes on a callback signed with a fresh timestamp in %s', async (_unit, now) => {
		const { waiting, delivery, url } = await waitingRun();
		const body = Buffer.from(delivery.body);
		const resumed = await resumeWaitingRun(waiting, { url, headers: { 'content-type': 'application/json', 'sync-signature': header(now(), body) }, body });
		expect(resumed.httpStatus).toBe(200);
		expect(resumed.resumed?.items[0].json).toMatchObject({ id: delivery.id, status: 'COMPLETED' });
	});

	it.each([
		['a millisecond timestamp an hour old', () => String(Date.now() - 3600 * 1000)],
		['a millisecond timestamp an hour ahead', () => String(Date.now() + 3600 * 1000)],
		['a 12-digit timestamp', () => String(Date.now()).slice(0, 12)],
		['a 14-digit timestamp', () => `${Date.now()}0`],
	])('answers 401 and keeps waiting for %s', async (_name, stamp) => {
		const { waiting, delivery, url } = await waitingRun();
		const body = Buffer.from(delivery.body);
		const refused = await resumeWaitingRun(waiting, { url, headers: { 'content-type': 'application/json', 'sync-signature': header(stamp(), body) }, body });
		expect(refused.httpStatus).toBe(401);
		expect(refused.resumed).toBeNull();
	});
});

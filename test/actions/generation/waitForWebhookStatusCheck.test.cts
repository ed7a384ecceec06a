// Wait for Webhook: the one status check between create and pause.
// The check is an optimisation (a generation already finished is output at once); when it fails, the
// generation is already created and billed, and Sync will call this execution's resume URL. Failing the
// node there orphans it: the execution ends, n8n answers the callback 409, nothing downstream runs.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { resumeWaitingRun, requestFromDelivery, runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const SECRET = 'whsec_test_status_check';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 300, webhookSecret: SECRET });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

const credentials = () => ({ apiKey: 'key-test', baseUrl: emulator.url, signingSecret: SECRET });

function waitForWebhook(options: Record<string, unknown> = {}, continueOnFail = false) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualSource: 'url',
			visualUrl: `${VIDEO}?sync_processing_ms=300`,
			audioSource: 'url',
			audioUrl: AUDIO,
			completion: 'webhook',
			options: options as INodeParameters,
		},
		credentials: credentials(),
		continueOnFail,
	});
}

const created = () => emulator.counters.generationsCreated;

describe('the status check before the pause', () => {
	it('a status check refused once (404 right after the create) still leaves the execution waiting for the billed generation', async () => {
		emulator.injectFault({ method: 'GET', path: '/v2/generate/*', status: 404, times: 1 });
		const result = await waitForWebhook();
		// the generation exists and is billed
		expect(created()).toBe(1);
		
		expect({ status: result.status, error: result.error?.message }).toEqual({ status: 'waiting', error: undefined });
	});

	it('a status check that keeps failing at the network level still leaves the execution waiting', async () => {
		emulator.injectFault({ method: 'GET', path: '/v2/generate/*', reset: true, times: Infinity });
		const result = await waitForWebhook();
		expect(created()).toBe(1);
		expect({ status: result.status, error: result.error?.message }).toEqual({ status: 'waiting', error: undefined });
	}, 60_000);

	it('when the status check fails, the callback Sync then sends still resumes the run with the generation', async () => {
		emulator.injectFault({ method: 'GET', path: '/v2/generate/*', status: 404, times: 1 });
		const result = await waitForWebhook();
		await emulator.waitForWebhooks(1, 5000);
		const delivery = emulator.webhookDeliveries[0];
		const outcome = await resumeWaitingRun(result, requestFromDelivery(delivery));
		
		expect(outcome.httpStatus).toBe(200);
		expect(outcome.resumed?.items[0]?.json).toMatchObject({ id: delivery.id, status: 'COMPLETED' });
	});

	it('with Continue (regular output), a failed status check still tells downstream which generation was created', async () => {
		emulator.injectFault({ method: 'GET', path: '/v2/generate/*', status: 404, times: 1 });
		const result = await waitForWebhook({}, true);
		await emulator.waitForWebhooks(1, 5000);
		const id = emulator.webhookDeliveries[0].id;
		
		expect(JSON.stringify(result.items.map((i) => i.json))).toContain(id);
	});
});

// Regression tests (red team) of the in-process runner (test/runner/src/workflowRunner.cts) against n8n 2.41.1's source.
// n8n: executeWebhook (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/webhooks/webhook-helpers.ts) calls
// responseCallback(null, { noWebhookResponse: true }) and webhook-request-handler.ts beside it then sends nothing (`else if (response.noWebhookResponse !== true)`): a webhook()
// that returns noWebhookResponse without writing the response leaves the caller (Sync) with no answer at all.
// The runner reports a 200 for it, so a unit test cannot see a callback that n8n would leave hanging.
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { SyncLabsVersionNode } from '../../../nodes/SyncLabs/SyncLabs.node';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { requestFromDelivery, resumeWaitingRun, runNode } from '../src/workflowRunner.cjs';

const SECRET = 'whsec_test_runner';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 100, webhookSecret: SECRET });
});
afterAll(async () => emulator.stop());

// One version of the node (the runner resumes on the version node, not the VersionedNodeType wrapper).
class SilentWebhook extends SyncLabsVersionNode {
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return { noWebhookResponse: true, workflowData: [[{ json: { resumed: true } }]] };
	}
}

describe('the runner answers only what n8n answers', () => {
	it('a webhook() that returns noWebhookResponse without writing a response is not reported as answered 200', async () => {
		const waiting = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: 'url',
				visualUrl: 'https://media.example.com/speaker.mp4?sync_processing_ms=150',
				audioSource: 'url',
				audioUrl: 'https://media.example.com/voice.wav',
				completion: 'webhook',
				options: {},
			},
			credentials: { apiKey: 'key-test', baseUrl: emulator.url, signingSecret: SECRET },
			nodeTypeOverride: new SilentWebhook(2),
		});
		expect(waiting.status).toBe('waiting');
		const [delivery] = await emulator.waitForWebhooks(1, 5000);
		const outcome = await resumeWaitingRun(waiting, requestFromDelivery(delivery));
		expect(outcome.resumed?.status).toBe('success');
		
		expect({ httpStatus: outcome.httpStatus, answered: outcome.answered }).toEqual({ httpStatus: 0, answered: false });
	});
});

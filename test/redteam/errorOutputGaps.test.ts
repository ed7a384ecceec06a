// Red-team probes for issue 9 point 5: with On Error = "Continue (using error output)" each failed item goes
// to the error output, paired to its input, carrying Sync's message, code and suggestion. Each test FAILS on main.
import type { IDataObject } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../emulator';
import { runNode } from '../helpers/workflowRunner';

const API_KEY = 'key-redteam-error-output';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const FAST_POLL = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: API_KEY, baseUrl: emulator.url });

async function createGeneration(url: string): Promise<string> {
	const response = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url }, { type: 'audio', url: AUDIO }] }),
	});
	return ((await response.json()) as { id: string }).id;
}

describe('red team: error output carries Sync\'s code', () => {
	test.each([
		['Generation → Create (Poll Until Done)', async () => ({
			parameters: { resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: '={{ $json.url }}', audioUrl: AUDIO, completion: 'poll', options: FAST_POLL },
			items: [{ json: { url: `${VIDEO}?sync_outcome=failed&sync_error_code=generation_pipeline_failed` } }],
		})],
		['Generation → Wait for Completion', async () => ({
			parameters: { resource: 'generation', operation: 'waitForCompletion', generationId: '={{ $json.id }}', options: FAST_POLL },
			items: [{ json: { id: await createGeneration(`${VIDEO}?sync_outcome=failed&sync_error_code=generation_pipeline_failed`) } }],
		})],
	])('%s: a generation Sync ended FAILED leaves by the error output with Sync\'s errorCode as error.code', async (_name, make) => {
		const { parameters, items } = await make();
		const result = await runNode({ parameters, items, credentials: credentials(), onError: 'continueErrorOutput' });
		expect(result.status).toBe('success');
		expect(result.errorItems).toHaveLength(1);
		const details = result.errorItems[0].json.error as IDataObject;
		expect(result.errorItems[0].json.message).toMatch(/generation_pipeline_failed/);
		// An API refusal puts its code here (itemErrors.ts errorDetails); a FAILED generation's code is Sync's too.
		expect(details.code).toBe('generation_pipeline_failed');
	});
});

describe('red team: error output pairing for Batch → Create from rows', () => {
	test('an invalid row from item 2: the error item names item 2 and carries item 2\'s input, not item 0\'s', async () => {
		const row = (n: number) => ({ tag: `item-${n}`, payload: { model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }] } });
		const items = Array.from({ length: 25 }, (_, n) => ({ json: n === 2 ? { tag: 'item-2', payload: { model: 'lipsync-2' } } : row(n) }));
		const result = await runNode({
			parameters: { resource: 'batch', operation: 'create', source: 'rows', payload: '={{ $json.payload }}' },
			items,
			credentials: credentials(),
			onError: 'continueErrorOutput',
		});
		expect(result.status).toBe('success');
		expect(result.errorItems).toHaveLength(1);
		const { json } = result.errorItems[0];
		expect(json.message).toMatch(/\(row 3\)/);
		expect((json.error as IDataObject).itemIndex).toBe(2);
		expect(json.tag).toBe('item-2');
	});
});

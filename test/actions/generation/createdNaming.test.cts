// Nothing billed is left unnamed: every error or error item of a Generation → Create run that created anything
// names each generation it created or may have created, with what is known of it, in every On Error mode and
// every completion mode. A generation that ended FAILED is reported as ended, never as "keeps running".
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunNodeOptions, type RunnerInputItem } from '../../runner/index.cjs';
import { useVirtualClock, virtualSleep } from '../../transport/virtualClock.cjs';

// Polls, retries and Max Wait Time pass on a virtual clock that Sync's clock reads too: what each error names is
// decided as in real time, without waiting for it.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async (ms: number) => await virtualSleep(ms) }));
useVirtualClock();

const API_KEY = 'key-created-naming';
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const FAST_POLL = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };
/** Sync's uncertain answer to a create, naming the generation it may have made (docs/sync-api.md#idempotency-keys). */
const OUTCOME_UNKNOWN = { method: 'POST', path: '/v2/generate', status: 503, errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN', body: { generationId: 'gen-maybe-1' }, retryAfterSeconds: 0, times: Infinity };
type OnError = NonNullable<RunNodeOptions['onError']>;

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20, now: () => Date.now() });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

function create(parameters: INodeParameters, items: RunnerInputItem[] = [{ json: {} }], onError: OnError = 'stopWorkflow') {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualUrl: '={{ $json.url ?? "' + VIDEO + '" }}',
			audioUrl: AUDIO,
			...parameters,
			options: { ...FAST_POLL, ...(parameters.options as INodeParameters | undefined) },
		},
		items,
		credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		onError,
	});
}

const createdIds = () => emulator.requests.filter((r) => r.path === '/v2/generate' && r.status === 201).map((r) => (r.response as { id: string }).id);

describe('a create Sync answered 503 IDEMPOTENCY_OUTCOME_UNKNOWN with a generationId', () => {
	it.each(['poll', 'immediately'])('completion %s, Continue (regular output): the item\'s error item carries that generationId', async (completion) => {
		emulator.injectFault(OUTCOME_UNKNOWN);
		const result = await create({ completion }, undefined, 'continueRegularOutput');
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ error: expect.stringMatching(/IDEMPOTENCY_OUTCOME_UNKNOWN/), generationId: 'gen-maybe-1' });
	});

	it('Wait for Webhook, Stop Workflow: the node\'s error names it as a generation whose outcome is unknown', async () => {
		emulator.injectFault(OUTCOME_UNKNOWN);
		const result = await create({ completion: 'webhook' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('Generations already created by this node: gen-maybe-1 (item 0, outcome unknown: check it with "Get")');
		expect(result.error?.description).toContain('Sync Labs could not say whether these were created: gen-maybe-1 (item 0)');
	});

	it.each([
		['continueRegularOutput', (r: Awaited<ReturnType<typeof create>>) => r.items[0].json.generationId],
		['continueErrorOutput', (r: Awaited<ReturnType<typeof create>>) => (r.errorItems[0].json.error as { generationId?: string }).generationId],
	] as const)('Wait for Webhook, %s: the error item carries it', async (onError, generationIdOf) => {
		emulator.injectFault(OUTCOME_UNKNOWN);
		const result = await create({ completion: 'webhook' }, undefined, onError);
		expect(result.status).toBe('success');
		expect(generationIdOf(result)).toBe('gen-maybe-1');
	});
});

describe('Poll Until Done, Stop Workflow: the node\'s error says what became of each generation', () => {
	it('item 0 ended FAILED while item 1 still runs: item 0 is listed as FAILED, not among the ones that keep running', async () => {
		const result = await create({ completion: 'poll', options: { concurrency: 2 } }, [
			{ json: { url: `${VIDEO}?sync_outcome=failed` } },
			{ json: { url: `${VIDEO}?sync_processing_ms=600000` } },
		]);
		expect(result.status).toBe('error');
		const [failed, running] = createdIds();
		expect(result.error?.message).toMatch(new RegExp(`^Generation ${failed} ended FAILED`));
		expect(result.error?.message).toContain(`Generations already created by this node: ${failed} (item 0, ended FAILED), ${running} (item 1, running)`);
		expect(result.error?.description).toContain(`Still running at Sync Labs: ${running} (item 1). Continue with "Get" or "Wait for Completion" instead of running this node again`);
		expect(result.error?.description).toContain("which would create them again (unless their Idempotency Key is one you set: Sync then returns them)");
		expect(result.error?.description).toContain(`Ended without a result, so nothing keeps running for them: ${failed} (item 0).`);
		expect(result.error?.description).not.toMatch(new RegExp(`running at Sync Labs: [^.]*${failed}`));
	});

	it('item 0 completed and item 1 ended REJECTED: neither is said to keep running', async () => {
		const result = await create({ completion: 'poll', options: { concurrency: 2 } }, [
			{ json: { url: VIDEO } },
			{ json: { url: `${VIDEO}?sync_outcome=rejected&sync_pending_ms=400` } },
		]);
		expect(result.status).toBe('error');
		const [completed, rejected] = createdIds();
		expect(result.error?.message).toContain(`Generations already created by this node: ${completed} (item 0, completed), ${rejected} (item 1, ended REJECTED)`);
		expect(result.error?.description).toContain(`Completed, but not output because the node stopped: ${completed} (item 0). Read each with "Get"`);
		expect(result.error?.description).not.toContain('Still running');
	});
});

describe('an item\'s own generation, named in its error item in both continue modes', () => {
	it.each(['continueRegularOutput', 'continueErrorOutput'] as const)('%s: a generation that did not finish within Max Wait Time', async (onError) => {
		const result = await create({ completion: 'poll', options: { maxWaitTime: 1 } }, [{ json: { url: `${VIDEO}?sync_processing_ms=600000` } }], onError);
		expect(result.status).toBe('success');
		const [id] = createdIds();
		const json = onError === 'continueRegularOutput' ? result.items[0].json : (result.errorItems[0].json.error as Record<string, unknown>);
		expect(json.generationId).toBe(id);
		expect(emulator.counters.generationsCreated).toBe(1);
	});

	it('continueRegularOutput: a generation that ended FAILED', async () => {
		const result = await create({ completion: 'poll' }, [{ json: { url: `${VIDEO}?sync_outcome=failed` } }], 'continueRegularOutput');
		const [id] = createdIds();
		expect(result.items[0].json).toMatchObject({ error: expect.stringMatching(new RegExp(`^Generation ${id} ended FAILED`)), generationId: id });
	});
});

describe('Return Immediately, Stop Workflow', () => {
	it('item 1 refused after item 0 was created: the error names item 0\'s generation as running', async () => {
		const result = await create({ completion: 'immediately', options: { concurrency: 1 } }, [{ json: {} }, { json: { url: `${VIDEO}?sync_duration_s=100000` } }]);
		expect(result.status).toBe('error');
		const [id] = createdIds();
		expect(result.error?.message).toContain(`Generations already created by this node: ${id} (item 0, running)`);
		expect(emulator.counters.generationsCreated).toBe(1);
	});
});

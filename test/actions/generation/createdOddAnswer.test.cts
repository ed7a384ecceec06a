// A create Sync answered 201 with a generation whose shape the node does not expect (here: without `input`, which
// Sync's list already omits at times) has still been created and billed: its id must be named in the node's error
// and in the item's error item, like any other generation of the run (actions/generation/createdGenerations.ts).
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunNodeOptions } from '../../runner/index.cjs';

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const CREATE_ANSWER_WITHOUT_INPUT = { method: 'POST', path: '/v2/generate', omitFields: ['input'], times: 1 };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

function create(parameters: INodeParameters, onError: NonNullable<RunNodeOptions['onError']>) {
	return runNode({
		parameters: { resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: VIDEO, audioUrl: AUDIO, ...parameters },
		items: [{ json: {} }],
		credentials: { apiKey: 'odd-answer-key', baseUrl: emulator.url },
		onError,
	});
}

const createdIds = () => emulator.requests.filter((r) => r.path === '/v2/generate' && r.method === 'POST' && r.status === 201).map((r) => (r.response as { id: string }).id);

describe('a create answered 201 with a generation of an unexpected shape', () => {
	it.each(['immediately', 'poll'])('completion %s, Stop Workflow: the node\'s error names the generation that was created', async (completion) => {
		emulator.injectFault(CREATE_ANSWER_WITHOUT_INPUT);
		const result = await create({ completion }, 'stopWorkflow');
		expect(emulator.counters.generationsCreated).toBe(1);
		const [id] = createdIds();
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`Generations already created by this node: ${id} (item 0, running)`);
	});

	it.each(['continueRegularOutput', 'continueErrorOutput'] as const)('%s: the error item carries its generationId', async (onError) => {
		emulator.injectFault(CREATE_ANSWER_WITHOUT_INPUT);
		const result = await create({ completion: 'immediately' }, onError);
		const [id] = createdIds();
		const json = onError === 'continueRegularOutput' ? result.items[0].json : (result.errorItems[0].json.error as Record<string, unknown>);
		expect(json.generationId).toBe(id);
	});
});

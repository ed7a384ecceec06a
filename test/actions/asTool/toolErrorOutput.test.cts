// A tool node set to On Error = "Continue (using error output)": the error item it makes (actions/common/itemErrors.ts,
// `{ message, error: { message, description, itemIndex, ... } }`) is what the model reads when n8n hands it the
// node's items, so it carries no item number anywhere, in its top-level message or in the error object inside it.
import fs from 'node:fs';
import path from 'node:path';
import type { INode, INodeParameters } from 'n8n-workflow';
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode, syncLabsToolNodeType } from '../../runner/index.cjs';

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

const example = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'ai-agent-lip-sync.json'), 'utf8')) as { nodes: INode[] };
const createTool = example.nodes.find((node) => node.name === 'Lip-sync video')!;

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

function callTool(args: Record<string, unknown>, options: INodeParameters) {
	return runNode({
		parameters: { ...createTool.parameters, options: { ...(createTool.parameters.options as INodeParameters | undefined), ...options } },
		items: [{ json: args as never }],
		credentials: { apiKey: 'key-tool-error-output', baseUrl: emulator.url },
		typeVersion: createTool.typeVersion,
		nodeTypeOverride: syncLabsToolNodeType(),
		onError: 'continueErrorOutput',
	});
}

describe('a tool with the error output', () => {
	it('hands out an error item for arguments it cannot use with no item number in any of its fields, and bills nothing', async () => {
		const result = await callTool({ videoUrl: VIDEO, audioUrl: '' }, { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 });
		const handed = JSON.stringify([...result.items, ...result.errorItems].map((item) => item.json));
		expect(handed).toContain('Audio URL');
		expect(handed).not.toMatch(/\bitem \d/i);
		expect(handed).not.toMatch(/"itemIndex"/);
		expect(emulator.counters.generationsCreated).toBe(0);
	});

	it('hands out the cost guard\'s refusal with no item number in any of its fields, and bills nothing', async () => {
		const result = await callTool({ videoUrl: `${VIDEO}?sync_duration_s=20`, audioUrl: AUDIO }, { maxCostPerItemUsd: 0.5 });
		const handed = JSON.stringify([...result.items, ...result.errorItems].map((item) => item.json));
		expect(handed).toContain('Max Cost per Item');
		expect(handed).not.toMatch(/\bitem \d/i);
		expect(emulator.counters.generationsCreated).toBe(0);
	});
});

// A Generation → Create Sync carried out (billed) whose every answer was lost: the error and the error item say a
// generation may have been created and how to look for it (actions/generation/createdGenerations.ts), also when the
// last attempts met refused connections after a 500.
import { startEmulator, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';
import { FLAKY_HOST, useFlakyHost } from '../../transport/flakyHost.cjs';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());
useQuickRetries();

const create = { resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: 'https://e.com/v.mp4', audioUrl: 'https://e.com/a.wav', completion: 'immediately' };
const saysMayExist = (text: string) => /generation[^.]*(may|might|possibly)|(may|might) have (been )?(created|made)/i.test(text);

describe('Generation → Create answered 500 after Sync created the generation, then Sync unreachable (connections refused)', () => {
	it('says in the Stop Workflow error that a generation may have been created', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 500, afterHandling: true, times: 1 });
		// Each request opens its own connection: the first create reaches Sync; its 4 repeats are refused.
		const host = useFlakyHost((lookup) => lookup >= 2);
		try {
			const result = await runNode({ parameters: create, credentials: { apiKey: 'create-lost', baseUrl: `http://${FLAKY_HOST}:${new URL(emulator.url).port}` } });
			const said = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
			expect({ generationsCreated: emulator.counters.generationsCreated, saysMayExist: saysMayExist(said), said }).toEqual({ generationsCreated: 1, saysMayExist: true, said: expect.any(String) });
		} finally {
			host.restore();
		}
	});
});

describe('Generation → Create whose every attempt Sync answered 500 after creating the generation', () => {
	it('says in the Continue (regular output) error item that a generation may have been created', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/generate', status: 500, afterHandling: true, times: Infinity });
		const result = await runNode({ parameters: create, credentials: { apiKey: 'create-500', baseUrl: emulator.url }, onError: 'continueRegularOutput' });
		const item = JSON.stringify(result.items[0]?.json ?? {});
		expect({ generationsCreated: emulator.counters.generationsCreated, saysMayExist: saysMayExist(item), item }).toEqual({ generationsCreated: 1, saysMayExist: true, item: expect.any(String) });
	});
});

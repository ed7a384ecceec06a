// The polling tests' world: an emulator on Sync's clock (`clocks.sync`) and n8n's clock (`Date.now`) at
// `clocks.sync + clocks.skew`, both moved by the test; nothing sleeps. Registers its own jest hooks: call it
// once at the top of a test file.
import { startEmulator, type Emulator, type EmulatorOptions, type RecordedRequest } from '../emulator/index.cjs';
import { createPoller, type Poller } from '../runner/index.cjs';

export const T0 = Date.parse('2026-11-27T06:00:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;
const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

/** A generation input the emulator keeps processing for `processingMs` of Sync's clock. */
export const input = (processingMs: number) => [{ type: 'video', url: `${VIDEO}?sync_processing_ms=${processingMs}` }, { type: 'audio', url: AUDIO }];

export interface TwoClocks {
	readonly clocks: { sync: number; skew: number };
	readonly emulator: Emulator;
	/** Called as each request reaches the emulator (a test injects a fault at the n-th request). */
	onRequest: ((request: RecordedRequest) => void) | undefined;
	/** POSTs a JSON body to the emulator and returns the created object's id. */
	post(path: string, body: unknown): Promise<string>;
	poller(watch: string[], lookbackMinutes?: number): Poller;
}

/** One poll's outcome when a poll may fail: the emitted ids, or the error n8n would turn into a failed execution. */
export interface PollOutcome {
	ids: string[];
	error?: Error & { description?: string | null };
}

export async function pollOrError(p: Poller): Promise<PollOutcome> {
	try {
		return { ids: (await p.poll()).map((i) => String(i.json.id)) };
	} catch (error) {
		return { ids: [], error: error as PollOutcome['error'] };
	}
}

let current: TwoClocks | undefined;

/**
 * A retry wait passes on both clocks at once instead of in real time: the sleep of a test file that mocks n8n-workflow's
 * `sleep` with it (the transport's retry loop reads Date.now, which only the test moves).
 */
export async function sleepOnClocks(ms: number): Promise<void> {
	if (current) current.clocks.sync += ms;
}

export function useTwoClocks(options: Pick<EmulatorOptions, 'processingMs' | 'listIgnoresIds'> = {}): TwoClocks {
	let emulator: Emulator | undefined;
	const world: TwoClocks = {
		clocks: { sync: T0, skew: 0 },
		get emulator() {
			if (!emulator) throw new Error('useTwoClocks: the emulator starts in beforeAll');
			return emulator;
		},
		onRequest: undefined,
		async post(path, body) {
			const r = await fetch(`${world.emulator.url}${path}`, { method: 'POST', headers: { 'x-api-key': 'k', 'content-type': 'application/json' }, body: JSON.stringify(body) });
			return ((await r.json()) as { id: string }).id;
		},
		poller: (watch, lookbackMinutes = 60) =>
			createPoller({ parameters: { watch, events: [], options: { lookbackMinutes } }, credentials: { apiKey: 'k', baseUrl: world.emulator.url } }),
	};
	current = world;
	beforeAll(async () => {
		emulator = await startEmulator({
			port: 0,
			pendingMs: 1000,
			processingMs: options.processingMs ?? 5000,
			listIgnoresIds: options.listIgnoresIds,
			now: () => world.clocks.sync,
			onRequest: (r) => world.onRequest?.(r),
		});
	});
	beforeEach(() => {
		world.clocks.sync = T0;
		world.clocks.skew = 0;
		world.onRequest = undefined;
		jest.spyOn(Date, 'now').mockImplementation(() => world.clocks.sync + world.clocks.skew);
	});
	afterEach(() => {
		jest.restoreAllMocks();
		emulator?.reset();
	});
	afterAll(async () => emulator?.stop());
	return world;
}

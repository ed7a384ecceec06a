// Where the check runs: the real API when SYNCLABS_API_KEY is set, else a freshly started and seeded emulator
// on 127.0.0.1 (so CI keeps the check working without a key). Either way the client gets a real n8n-core
// context with the credential's own `authenticate` block (test/runner/src/apiContext.cts), as the node does.
import type { LoadOptionsContext } from 'n8n-core';
import { createApiContext } from '../../test/runner/index.cjs';
import { startEmulator, type Emulator } from '../../test/emulator/index.cjs';
import type { LiveOptions } from './args.cjs';
import type { Waiting } from './billedChecks.cjs';
import { seedEmulator } from './seedEmulator.cjs';

export interface Target {
	ctx: LoadOptionsContext;
	/** Whether this is the real API (only a real run is recorded in docs/testing.md). */
	live: boolean;
	/** For the report's header; never the key. */
	description: string;
	waiting: Waiting;
	/** What the emulator counted of the check's own requests (undefined for the real API). */
	emulatorSummary(): string | undefined;
	stop(): Promise<void>;
}

/** The real API: a running generation is read after 1, 2, 4, 8 s, then every 10 s; after 20 minutes the check gives up on it. */
const LIVE_WAITING: Waiting = { pollMs: 1000, maxPollMs: 10_000, timeoutMs: 20 * 60_000 };
const EMULATOR_WAITING: Waiting = { pollMs: 20, maxPollMs: 20, timeoutMs: 10_000 };
/** Any key is accepted by an emulator started without `apiKeys`. */
const EMULATOR_KEY = 'live-check-emulator-key';

/** The generations created after `from` requests: all of them, and those with `dubParams`. */
export function createdGenerations(emulator: Emulator, from: number): { generations: number; dubs: number } {
	const ids = new Map<string, boolean>();
	for (const request of emulator.requests.slice(from)) {
		if (request.method !== 'POST' || request.path !== '/v2/generate' || request.status !== 201) continue;
		const id = (request.response as { id?: unknown } | undefined)?.id;
		if (typeof id === 'string') ids.set(id, Boolean((request.json as { dubParams?: unknown } | undefined)?.dubParams));
	}
	return { generations: ids.size, dubs: [...ids.values()].filter(Boolean).length };
}

async function emulatorTarget(): Promise<Target> {
	const emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
	await seedEmulator(createApiContext({ apiKey: EMULATOR_KEY, baseUrl: emulator.url }), emulator);
	const seeded = { requests: emulator.requests.length, generationsCreated: emulator.counters.generationsCreated };
	return {
		ctx: createApiContext({ apiKey: EMULATOR_KEY, baseUrl: emulator.url }),
		live: false,
		description: `the emulator at ${emulator.url} (no SYNCLABS_API_KEY: nothing real was called)`,
		waiting: EMULATOR_WAITING,
		emulatorSummary: () => {
			const created = createdGenerations(emulator, seeded.requests);
			return `Emulator: ${emulator.requests.length - seeded.requests} requests by the check, ${emulator.counters.generationsCreated - seeded.generationsCreated} generations created (${created.dubs} with dubParams).`;
		},
		stop: async () => await emulator.stop(),
	};
}

export async function openTarget(options: LiveOptions): Promise<Target> {
	if (options.apiKey === undefined) return await emulatorTarget();
	return {
		ctx: createApiContext({ apiKey: options.apiKey, baseUrl: options.baseUrl }),
		live: true,
		description: `${options.baseUrl} with the key in SYNCLABS_API_KEY`,
		waiting: LIVE_WAITING,
		emulatorSummary: () => undefined,
		stop: async () => {},
	};
}

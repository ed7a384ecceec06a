// Assembles the emulator: options, state, webhook sender, faults and the HTTP server behind the public Emulator interface.
import type { Core } from './context.cjs';
import { Faults } from './faults.cjs';
import { createServer, listen } from './server.cjs';
import { assetView, batchView, generationView, State } from './state.cjs';
import { resolveSurfaceOptions } from './switches.cjs';
import type { Counters, Emulator, EmulatorOptions, RecordedRequest, ResolvedOptions } from './types.cjs';
import { postSigned, WebhookSender } from './webhooks.cjs';

export const DEFAULT_WEBHOOK_SECRET = 'whsec_emulator_secret';

export function resolveOptions(o: EmulatorOptions = {}): ResolvedOptions {
	return {
		port: o.port ?? 0,
		webhookSecret: o.webhookSecret ?? DEFAULT_WEBHOOK_SECRET,
		apiKeys: o.apiKeys,
		pendingMs: o.pendingMs ?? 50,
		processingMs: o.processingMs ?? 200,
		concurrencyLimit: o.concurrencyLimit,
		latencyMs: o.latencyMs ?? 0,
		plan: o.plan ?? 'scale',
		batchConcurrencyLimit: o.batchConcurrencyLimit,
		costEstimateShape: o.costEstimateShape ?? 'array',
		generationErrorCodeKeys: o.generationErrorCodeKeys ?? 'camel',
		projectIds: o.projectIds ?? [],
		webhookOnRejected: o.webhookOnRejected ?? false,
		webhookTimeoutMs: o.webhookTimeoutMs ?? 5000,
		concurrencyRetryAfterSeconds: o.concurrencyRetryAfterSeconds,
		multipartFileLimitBytes: o.multipartFileLimitBytes ?? 5 * 1024 ** 3,
		planFileLimitBytes: o.planFileLimitBytes ?? Infinity,
		keepUploadBytes: o.keepUploadBytes ?? 8 * 1024 * 1024,
		defaultInputDurationS: o.defaultInputDurationS ?? 1,
		now: o.now ?? Date.now,
		batchCreatedAfterInclusive: o.batchCreatedAfterInclusive ?? false,
		listIgnoresIds: o.listIgnoresIds ?? false,
		onRequest: o.onRequest,
		...resolveSurfaceOptions(o),
	};
}

function zeroCounters(): Counters {
	return {
		generationsCreated: 0,
		webhooksSent: 0,
		webhooksFailed: 0,
		batchesCreated: 0,
		assetsCreated: 0,
		uploadsReceivedBytes: 0,
		batchGenerationsCreated: 0,
		webhooksDropped: 0,
		voicesCloned: 0,
		voicesDeleted: 0,
		ttsCreated: 0,
		ttsJobsCreated: 0,
		projectsCreated: 0,
	};
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const config = resolveOptions(options);
	const counters = zeroCounters();
	const state = new State(config.now, options.now !== undefined);
	const faults = new Faults();
	const requests: RecordedRequest[] = [];
	const webhooks = new WebhookSender(() => config.webhookSecret, () => config.webhookTimeoutMs, counters);
	const sleepers = new Set<() => void>();
	let stopped = false;
	const core: Core = {
		config,
		state,
		webhooks,
		counters,
		baseUrl: '',
		stopping: false,
		now: () => config.now(),
		sleep: (ms) =>
			new Promise<void>((resolve) => {
				if (stopped || ms <= 0) return resolve();
				const done = () => {
					clearTimeout(t);
					sleepers.delete(done);
					resolve();
				};
				const t = setTimeout(done, ms);
				sleepers.add(done);
			}),
	};
	const server = createServer({ core, faults, requests });
	server.keepAliveTimeout = 1000;
	const port = await listen(server, config.port);
	const url = `http://127.0.0.1:${port}`;
	core.baseUrl = url;
	const now = () => config.now();

	const emulator: Emulator = {
		url,
		port,
		requests,
		counters,
		config,
		webhookDeliveries: webhooks.deliveries,
		injectFault: (rule) => faults.add(rule),
		clearFaults: () => faults.clear(),
		setWebhookBehaviour: (b) => {
			webhooks.behaviour = { ...b };
		},
		async deliverWebhook(target, payload, opts = {}) {
			const body = JSON.stringify(payload);
			const r = await postSigned(target, body, opts.secret ?? config.webhookSecret, opts.timestamp ?? Math.floor(Date.now() / 1000), config.webhookTimeoutMs);
			if (r.status === 'error') throw new Error(`webhook delivery to ${target} failed: ${r.body}`);
			return { status: r.status, body: r.body };
		},
		getGeneration(id) {
			const g = state.generations.get(id);
			return g ? generationView(g, now(), { baseUrl: url, errorKeys: config.generationErrorCodeKeys }) : undefined;
		},
		getBatch(id) {
			const b = state.batches.get(id);
			return b ? batchView(b, state.batchChildren(b), now(), url) : undefined;
		},
		getAsset(id) {
			const a = state.assets.get(id);
			return a ? assetView(a) : undefined;
		},
		waitForWebhooks: (count, timeoutMs = 5000) => webhooks.waitFor(count, timeoutMs),
		now,
		runDueTimers: () => state.runDue(),
		reset() {
			state.clear();
			faults.clear();
			webhooks.reset();
			requests.length = 0;
			Object.assign(counters, zeroCounters());
		},
		async stop() {
			if (stopped) return;
			stopped = true;
			core.stopping = true;
			state.stopTimers();
			for (const wake of [...sleepers]) wake(); // open long-polls answer with the current state
			await webhooks.close();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
	return emulator;
}

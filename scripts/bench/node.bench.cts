// The figures of docs/benchmarks.md, all measured in one process against the emulator through in-process n8n:
// polling vs wait-for-webhook on a time-scaled 10-minute job, peak memory uploading a 1 GiB binary,
// and 100 creates at 200 ms API latency one at a time vs the node's bounded concurrency.
import { Readable } from 'stream';
import * as emulatorModule from '../../test/emulator/index.cjs';
import * as runnerModule from '../../test/runner/index.cjs';
import { line } from './measure.cjs';

type Runner = typeof runnerModule;
type EmulatorModule = typeof emulatorModule;

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';
const SECRET = 'whsec_bench_node_secret';

/** 1 emulated second = 10 real milliseconds, so a 10-minute job takes 6 s. */
const MS_PER_EMULATED_SECOND = 10;

/** How much to measure: the full figures, or a small run that only proves the bench still runs (--quick). */
export interface NodeBenchSize {
	/** Emulated length of the generation polled and waited for. */
	jobSeconds: number;
	creates: number;
	createLatencyMs: number;
	uploadBytes: number;
}

export const FULL_NODE_BENCH: NodeBenchSize = { jobSeconds: 600, creates: 100, createLatencyMs: 200, uploadBytes: 1024 * 1024 * 1024 };
// The upload stays above the node's 20 MB threshold, so it still takes the asset upload path.
export const QUICK_NODE_BENCH: NodeBenchSize = { jobSeconds: 60, creates: 10, createLatencyMs: 20, uploadBytes: 24 * 1024 * 1024 };

function sizeLabel(bytes: number): string {
	return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GiB` : `${bytes / 1024 ** 2} MiB`;
}

async function pollingVersusWebhook(runner: Runner, emu: EmulatorModule, jobSeconds: number): Promise<void> {
	const emulator = await emu.startEmulator({ port: 0, pendingMs: 0, processingMs: jobSeconds * MS_PER_EMULATED_SECOND, webhookSecret: SECRET });
	const credentials = { apiKey: 'bench', baseUrl: emulator.url, signingSecret: SECRET };
	const scaled = (seconds: number) => seconds * (MS_PER_EMULATED_SECOND / 1000); // node options are in seconds
	const base = { resource: 'generation', operation: 'create', model: 'lipsync-2', visualUrl: VIDEO, audioUrl: AUDIO };
	try {
		// Polling with the node's defaults (first 5 s, x1.5, cap 30 s), scaled like the job.
		const startedAt = Date.now();
		const polled = await runner.runNode({
			parameters: { ...base, completion: 'poll', options: { firstPollInterval: scaled(5), maxPollInterval: scaled(30), maxWaitTime: scaled(3600) } },
			credentials,
		});
		const finishedAt = Date.now();
		if (polled.status !== 'success') throw new Error(`polling run failed: ${polled.error?.message}`);
		const pollRequests = emulator.requests.filter((r) => r.path.startsWith('/v2/generate')).length;
		const doneAt = startedAt + jobSeconds * MS_PER_EMULATED_SECOND;
		const pollDelay = (finishedAt - doneAt) / MS_PER_EMULATED_SECOND;

		emulator.reset();
		const waiting = await runner.runNode({ parameters: { ...base, completion: 'webhook', options: {} }, credentials });
		const [delivery] = await emulator.waitForWebhooks(1, jobSeconds * MS_PER_EMULATED_SECOND * 3);
		const resumed = await runner.resumeWaitingRun(waiting, {
			headers: { 'content-type': 'application/json', 'sync-signature': delivery.header },
			body: Buffer.from(delivery.body),
		});
		const resumedAt = Date.now();
		if (resumed.resumed?.status !== 'success') throw new Error('webhook run did not resume');
		const webhookRequests = emulator.requests.filter((r) => r.path.startsWith('/v2/generate')).length;
		const created = emulator.requests.find((r) => r.method === 'POST' && r.path === '/v2/generate')!.at;
		const webhookDelay = (resumedAt - (created + jobSeconds * MS_PER_EMULATED_SECOND)) / MS_PER_EMULATED_SECOND;

		console.log(`\n== A ${jobSeconds / 60}-minute generation (emulated, 1 s = ${MS_PER_EMULATED_SECOND} ms), node defaults`);
		line('Poll Until Done: API requests to /v2/generate*', String(pollRequests));
		line('Poll Until Done: detection delay after COMPLETED (emulated s)', pollDelay.toFixed(1));
		line('Wait for Webhook: API requests to /v2/generate*', String(webhookRequests));
		line('Wait for Webhook: detection delay after COMPLETED (emulated s)', webhookDelay.toFixed(2));
		line('requests ratio polling / webhook', (pollRequests / webhookRequests).toFixed(1));
	} finally {
		await emulator.stop();
	}
}

function zeroStream(bytes: number): () => Readable {
	return () => {
		let left = bytes;
		const chunk = Buffer.alloc(1024 * 1024, 0x42);
		return new Readable({
			read() {
				if (left <= 0) {
					this.push(null);
					return;
				}
				const size = Math.min(left, chunk.length);
				left -= size;
				this.push(size === chunk.length ? chunk : chunk.subarray(0, size));
			},
		});
	};
}

async function largeUploadMemory(runner: Runner, emu: EmulatorModule, bytes: number): Promise<void> {
	const emulator = await emu.startEmulator({ port: 0, pendingMs: 0, processingMs: 0 });
	global.gc?.();
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
	const started = Date.now();
	try {
		const result = await runner.runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: 'binary',
				visualBinaryProperty: 'data',
				audioUrl: AUDIO,
				completion: 'immediately',
				options: { uploadThresholdMb: 20 },
			},
			items: [{ json: {}, binary: { data: { data: zeroStream(bytes), fileName: 'big.mp4', mimeType: 'video/mp4' } } }],
			credentials: { apiKey: 'bench', baseUrl: emulator.url },
			binaryMode: 'filesystem',
		});
		if (result.status !== 'success') throw new Error(`upload run failed: ${result.error?.message}`);
		await result.dispose();
		const seconds = (Date.now() - started) / 1000;
		console.log(`\n== Uploading a ${sizeLabel(bytes)} binary input (filesystem binary mode, asset upload path)`);
		line('bytes received by the emulator', String(emulator.counters.uploadsReceivedBytes));
		line('peak RSS growth during the run (MiB)', ((peak - baseline) / 1024 / 1024).toFixed(0));
		line('peak RSS growth / file size', ((peak - baseline) / bytes).toFixed(3));
		line('wall time (s, includes writing the file to the binary store)', seconds.toFixed(1));
	} finally {
		clearInterval(sampler);
		await emulator.stop();
	}
}

async function manyCreates(runner: Runner, emu: EmulatorModule, count: number, latencyMs: number): Promise<void> {
	const emulator = await emu.startEmulator({ port: 0, pendingMs: 0, processingMs: 0, latencyMs });
	const items = Array.from({ length: count }, (_, n) => ({ json: { n } }));
	const run = async (concurrency: number) => {
		emulator.reset();
		const started = Date.now();
		const result = await runner.runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualUrl: `={{ "${VIDEO}?n=" + $json.n }}`,
				audioUrl: AUDIO,
				completion: 'immediately',
				options: { concurrency },
			},
			items,
			credentials: { apiKey: 'bench', baseUrl: emulator.url },
		});
		if (result.status !== 'success' || emulator.counters.generationsCreated !== count) throw new Error('create run failed');
		return (Date.now() - started) / 1000;
	};
	try {
		const sequential = await run(1);
		const defaultNode = await run(3);
		const scalePlan = await run(15);
		console.log(`\n== ${count} creates, ${latencyMs} ms API latency`);
		line('one at a time (s)', sequential.toFixed(1));
		line('the node, default concurrency 3 (s)', defaultNode.toFixed(1));
		line('the node, concurrency 15 (Scale plan) (s)', scalePlan.toFixed(1));
		line('speed-up default / sequential', `${(sequential / defaultNode).toFixed(2)}x`);
		line('speed-up concurrency 15 / sequential', `${(sequential / scalePlan).toFixed(2)}x`);
	} finally {
		await emulator.stop();
	}
}

export async function nodeBench(size: NodeBenchSize = FULL_NODE_BENCH): Promise<void> {
	await pollingVersusWebhook(runnerModule, emulatorModule, size.jobSeconds);
	await manyCreates(runnerModule, emulatorModule, size.creates, size.createLatencyMs);
	await largeUploadMemory(runnerModule, emulatorModule, size.uploadBytes);
}

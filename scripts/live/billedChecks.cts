// Only with --billed: one short lip-sync generation and one dub, each created through the client's create
// (the dub is a create with `dubParams`, docs/sync-api-2026.md#dubbing) with its own Idempotency-Key, then read
// until it ends. Sync bills both; their ids are printed so the bill can be matched.
import { randomUUID } from 'crypto';
import * as api from '../../nodes/SyncLabs/api';
import type { SyncContext } from '../../nodes/SyncLabs/transport';
import { isTerminalGenerationStatus } from '../../nodes/SyncLabs/schemas/generation';
import type { LiveOptions } from './args.cjs';
import type { Recorder } from './recorder.cjs';

export interface Waiting {
	/** Between the first two reads of a running generation; each later wait is twice as long, up to `maxPollMs`. */
	pollMs: number;
	maxPollMs: number;
	/** How long a generation may take before the check gives up (it keeps running at Sync). */
	timeoutMs: number;
}

export interface BilledIds {
	generation: string | undefined;
	dub: string | undefined;
}

const MODEL = 'lipsync-2';

/** A lip sync cut to the shorter of video and audio (`cut_off`, docs/sync-api.md), so it stays short. */
export function lipSyncBody(options: LiveOptions): api.CreateGenerationBody {
	return {
		model: MODEL,
		input: [
			{ type: 'video', url: options.videoUrl },
			{ type: 'audio', url: options.audioUrl },
		],
		options: { sync_mode: 'cut_off' },
	};
}

/** A dub: the video alone (its own sound is translated) and `dubParams`; no audio or text input goes with it. */
export function dubBody(options: LiveOptions): api.CreateGenerationBody {
	return { model: MODEL, input: [{ type: 'video', url: options.videoUrl }], dubParams: { targetLang: options.dubLanguage } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function create(ctx: SyncContext, rec: Recorder, what: string, endpoint: string, body: api.CreateGenerationBody): Promise<string | undefined> {
	const created = await rec.check(endpoint, async () => {
		const generation = await api.createGeneration(ctx, { body, idempotencyKey: `live-check-${randomUUID()}` });
		return { value: generation, checked: `BILLED ${what}: strict, generation ${generation.id} created, ${generation.status}` };
	});
	return created?.id;
}

async function waitForEnd(ctx: SyncContext, rec: Recorder, what: string, id: string, waiting: Waiting): Promise<void> {
	await rec.check(`GET /v2/generate/{id} (${what}, until it ends)`, async () => {
		const deadline = Date.now() + waiting.timeoutMs;
		for (let reads = 1; ; reads++) {
			const generation = await api.getGeneration(ctx, id);
			if (isTerminalGenerationStatus(generation.status)) {
				if (generation.status !== 'COMPLETED') {
					throw new Error(`generation ${id} ended ${generation.status}: ${generation.error ?? generation.errorCode ?? generation.error_code ?? 'no reason given'}`);
				}
				if (!generation.outputUrl) throw new Error(`generation ${id} is COMPLETED without an outputUrl`);
				const length = typeof generation.outputDuration === 'number' ? `, ${generation.outputDuration} s` : '';
				return { value: generation, checked: `strict: generation ${id} COMPLETED after ${reads} reads, with an outputUrl${length}` };
			}
			if (Date.now() >= deadline) throw new Error(`generation ${id} still ${generation.status} after ${Math.round(waiting.timeoutMs / 1000)} s (it keeps running at Sync)`);
			await sleep(Math.min(waiting.maxPollMs, waiting.pollMs * 2 ** (reads - 1)));
		}
	});
}

/** One after the other, so a plan with one concurrent generation runs both without waiting for a slot. */
export async function billedChecks(ctx: SyncContext, rec: Recorder, options: LiveOptions, waiting: Waiting): Promise<BilledIds> {
	const generation = await create(ctx, rec, 'lip sync', 'POST /v2/generate (lip sync)', lipSyncBody(options));
	if (generation) await waitForEnd(ctx, rec, 'lip sync', generation, waiting);
	const dub = await create(ctx, rec, `dub into ${options.dubLanguage}`, `POST /v2/generate + dubParams (dub into ${options.dubLanguage})`, dubBody(options));
	if (dub) await waitForEnd(ctx, rec, 'dub', dub, waiting);
	return { generation, dub };
}

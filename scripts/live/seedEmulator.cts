// A freshly started emulator holds nothing to get: one of each object the read-only checks read is put in
// first, through the same client (an uploaded asset, a generation run to its end, a batch, a project; the
// emulator has built-in voices). test/scripts/liveCheck.test.cts seeds its own emulator the same way.
import * as api from '../../nodes/SyncLabs/api';
import type { SyncContext } from '../../nodes/SyncLabs/transport';
import { TINY_MP4, type Emulator } from '../../test/emulator/index.cjs';

const VIDEO = 'https://media.example.com/live-check/speaker.mp4';
const AUDIO = 'https://media.example.com/live-check/voice.wav';
const BODY = { model: 'lipsync-2', input: [{ type: 'video', url: VIDEO }, { type: 'audio', url: AUDIO }] };
/** A batch takes 20 rows at least (docs/sync-api.md#batches). */
const BATCH_ROWS = Array.from({ length: 20 }, (_, i) => ({ request_id: `live-check-${i}`, endpoint: '/v2/generate', payload: BODY }));
const PROJECT_ID = '3f1c9a52-7d04-4b6e-9a1f-5c2e8d7b6a40';

export async function seedEmulator(ctx: SyncContext, emulator: Emulator): Promise<void> {
	const presigned = await api.requestAssetUpload(ctx, { fileName: 'speaker.mp4', contentType: 'video/mp4', size: TINY_MP4.length });
	const put = await fetch(presigned.uploadUrl, { method: 'PUT', headers: { 'content-type': 'video/mp4' }, body: TINY_MP4 });
	if (!put.ok) throw new Error(`seeding the emulator: the upload answered ${put.status}`);
	await api.registerAsset(ctx, { url: presigned.url, type: 'VIDEO', name: 'Live check speaker' });
	const generation = await api.createGeneration(ctx, { body: BODY, idempotencyKey: 'live-check-seed' });
	await api.createBatch(ctx, { rows: BATCH_ROWS });
	await api.createProject(ctx, { id: PROJECT_ID, name: 'Live check' });
	// Finished, so its download URL, its costs and the last day's usage have something to show.
	for (let i = 0; i < 500; i++) {
		if ((emulator.getGeneration(generation.id) as { status?: string } | undefined)?.status === 'COMPLETED') return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`seeding the emulator: generation ${generation.id} did not complete in 5 s`);
}

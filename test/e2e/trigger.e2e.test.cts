// Sync Labs Trigger in a real n8n (docs/receiving-webhooks.md), with zod coming from n8n itself.
// Deliveries are POSTed to the production webhook URL; the outcome is read back from n8n's executions.
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { signSyncPayload } from '../fixtures/signSyncPayload.cjs';
import type { IDataObject } from 'n8n-workflow';
import { type Emulator, startEmulator } from '../emulator/index.cjs';
import { deliverSigned, N8nInstance, nodeOutput, startN8n } from './harness/index.cjs';
import { gzipSync } from 'zlib';
import {
	ALL_EVENTS,
	ALL_EVENTS_V1_1,
	BATCH_ONLY,
	completedBatch,
	completedGeneration,
	CREDENTIAL,
	PREVIOUS_SIGNING_SECRET,
	SIGNING_SECRET,
	TRIGGER_NAME,
	webhookPath,
	WORKFLOWS,
	WRONG_SECRET,
} from './fixtures/trigger.cjs';

let n8n: N8nInstance;
let emulator: Emulator;
const now = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uniqueId = (prefix: string) => `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
	// The Sync Labs emulator signs the happy-path delivery (cross-checks its signer against the real node);
	// the credential's baseUrl points at it, as the action-node scenarios will need.
	emulator = await startEmulator({ webhookSecret: SIGNING_SECRET });
	n8n = await startN8n({
		credentials: [CREDENTIAL],
		workflows: WORKFLOWS,
		vars: { SYNC_BASE_URL: emulator.url },
		waitForWebhooks: [webhookPath(ALL_EVENTS.webhookId), webhookPath(BATCH_ONLY.webhookId), webhookPath(ALL_EVENTS_V1_1.webhookId)],
	});
});

afterAll(async () => {
	await n8n?.stop();
	await emulator?.stop();
});

describe(`Sync Labs Trigger on n8n ${process.env.N8N_E2E_VERSION ?? '2.41.1'}`, () => {
	const allUrl = () => n8n.webhookUrl(webhookPath(ALL_EVENTS.webhookId));
	const batchOnlyUrl = () => n8n.webhookUrl(webhookPath(BATCH_ONLY.webhookId));

	it('a signed generation.completed delivery starts exactly one execution with the typed event', async () => {
		const payload = completedGeneration(uniqueId('gen'));
		const res = await emulator.deliverWebhook(allUrl(), payload);
		expect(res.status).toBe(200);

		const executions = await n8n.waitForExecutions(ALL_EVENTS.id, { count: 1 });
		expect(executions).toHaveLength(1);
		const [execution] = executions;
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');

		const items = nodeOutput(execution, TRIGGER_NAME);
		expect(items).toHaveLength(1);
		const item = items[0];
		expect(item.event).toBe('generation.completed');
		expect(item.kind).toBe('generation');
		expect(item.id).toBe(payload.id);
		expect(item.status).toBe('COMPLETED');
		expect(item.outputUrl).toBe('https://cdn.example/out.mp4');
		// the original payload, unknown fields and non-ASCII text included
		expect(item.payload).toEqual(payload);
		// and the item reached the next node
		expect(nodeOutput(execution, 'Done')).toHaveLength(1);
	});

	it('forged, stale and unsigned deliveries get 401 and start nothing', async () => {
		const before = (await n8n.executions(ALL_EVENTS.id)).length;

		const forged = await deliverSigned(allUrl(), completedGeneration(uniqueId('forged')), { secret: WRONG_SECRET });
		const stale = await deliverSigned(allUrl(), completedGeneration(uniqueId('stale')), {
			secret: SIGNING_SECRET,
			timestamp: now() - 3600,
		});
		const unsigned = await deliverSigned(allUrl(), completedGeneration(uniqueId('unsigned')), { secret: null });
		// signed correctly, but the body was changed after signing
		const signedBody = JSON.stringify(completedGeneration(uniqueId('tampered')));
		const tamperedHeader = signSyncPayload({
			secret: SIGNING_SECRET,
			timestamp: now(),
			body: signedBody,
		});
		const tampered = await deliverSigned(allUrl(), signedBody.replace('COMPLETED', 'FAILED'), {
			secret: SIGNING_SECRET,
			header: tamperedHeader,
		});
		expect([forged.status, stale.status, unsigned.status, tampered.status]).toEqual([401, 401, 401, 401]);
		expect(forged.body).not.toContain(WRONG_SECRET);

		// barrier: a good delivery (signed with the previous secret, still accepted during rotation) sent after
		// the refused ones; once its execution is there, any execution of the refused ones would be too
		const barrier = completedGeneration(uniqueId('barrier'));
		expect((await deliverSigned(allUrl(), barrier, { secret: PREVIOUS_SIGNING_SECRET })).status).toBe(200);
		const executions = await n8n.waitForExecutions(ALL_EVENTS.id, { count: before + 1 });
		await sleep(1000);
		const after = await n8n.executions(ALL_EVENTS.id);
		expect(after).toHaveLength(before + 1);
		expect(after.length).toBe(executions.length);
		const newest = nodeOutput(after[0], TRIGGER_NAME)[0];
		expect(newest.id).toBe(barrier.id);
		expect((newest.signature as IDataObject | undefined)?.secret).toBe('previous');
	});

	it('a delivery for an event filtered out by `events` is acknowledged with 200 and starts nothing', async () => {
		const filtered = await deliverSigned(batchOnlyUrl(), completedGeneration(uniqueId('filtered')), {
			secret: SIGNING_SECRET,
		});
		expect(filtered.status).toBe(200);

		// positive control on the same workflow: batch.completed passes the filter, and the 1-hour-old timestamp
		// is inside this workflow's 2-hour toleranceSeconds
		const batch = completedBatch(uniqueId('batch'));
		const accepted = await deliverSigned(batchOnlyUrl(), batch, { secret: SIGNING_SECRET, timestamp: now() - 3600 });
		expect(accepted.status).toBe(200);

		await n8n.waitForExecutions(BATCH_ONLY.id, { count: 1 });
		await sleep(1000);
		const executions = await n8n.executions(BATCH_ONLY.id);
		expect(executions).toHaveLength(1);
		const item = nodeOutput(executions[0], TRIGGER_NAME)[0];
		expect(item.event).toBe('batch.completed');
		expect(item.id).toBe(batch.id);
		expect(item.metrics).toEqual(batch.metrics);
	});

	it('at typeVersion 1.1 the trigger reads bodies n8n does not parse itself: a signed octet-stream delivery runs once, a corrupt gzip gets 401', async () => {
		const url = n8n.webhookUrl(webhookPath(ALL_EVENTS_V1_1.webhookId));
		const post = async (body: Buffer, headers: Record<string, string>) => {
			const res = await fetch(url, { method: 'POST', headers, body });
			return { status: res.status, text: await res.text() };
		};
		const signedHeaders = (body: Buffer, contentType: string) => ({
			'content-type': contentType,
			'sync-signature': signSyncPayload({ secret: SIGNING_SECRET, timestamp: now(), body }),
		});
		// Sync sends application/json; a proxy that relabels it must not cost the event.
		const relabelled = completedGeneration(uniqueId('octet'));
		const relabelledBody = Buffer.from(JSON.stringify(relabelled));
		expect((await post(relabelledBody, signedHeaders(relabelledBody, 'application/octet-stream'))).status).toBe(200);
		// gzip-encoded on the wire; the signature covers the decompressed bytes, as n8n hands them over
		const zipped = completedGeneration(uniqueId('gzip'));
		const zippedBody = Buffer.from(JSON.stringify(zipped));
		expect((await post(gzipSync(zippedBody), { ...signedHeaders(zippedBody, 'application/octet-stream'), 'content-encoding': 'gzip' })).status).toBe(200);
		// claims gzip but is not: refused by the node (at v1, n8n's own body parser answers 500 before the node runs)
		const corrupt = Buffer.from(JSON.stringify(completedGeneration(uniqueId('corrupt'))));
		const refused = await post(corrupt, { ...signedHeaders(corrupt, 'application/octet-stream'), 'content-encoding': 'gzip' });
		expect(refused).toEqual({ status: 401, text: 'Unauthorized' });
		const atV1 = await fetch(allUrl(), { method: 'POST', headers: { ...signedHeaders(corrupt, 'application/octet-stream'), 'content-encoding': 'gzip' }, body: corrupt });
		await atV1.arrayBuffer();
		process.stderr.write(`[e2e trigger] corrupt gzip octet-stream body: v1.1 -> ${refused.status}, v1 -> ${atV1.status}\n`);

		const executions = await n8n.waitForExecutions(ALL_EVENTS_V1_1.id, { count: 2 });
		await sleep(1000);
		const after = await n8n.executions(ALL_EVENTS_V1_1.id);
		expect(after).toHaveLength(2);
		expect(after.length).toBe(executions.length);
		const ids = after.map((e) => nodeOutput(e, TRIGGER_NAME)[0].id).sort();
		expect(ids).toEqual([relabelled.id, zipped.id].sort());
		expect(after.every((e) => e.status === 'success')).toBe(true);
	});

	it('the package runs on zod resolved from n8n itself (no bundled or installed zod)', async () => {
		// The compiled nodes require zod at runtime, unbundled...
		const distDir = join(n8n.packageDir, 'dist');
		const jsFiles = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
				e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
			);
		const requiringZod = jsFiles(distDir).filter((f) => /require\(["']zod["']\)/.test(readFileSync(f, 'utf8')));
		expect(requiringZod.length).toBeGreaterThan(0);
		// ...the installed package has no zod of its own, nothing above it in .n8n/nodes provides one...
		const pkg = JSON.parse(readFileSync(join(n8n.packageDir, 'package.json'), 'utf8')) as Record<string, any>;
		expect(pkg.dependencies?.zod).toBeUndefined();
		expect(existsSync(join(n8n.packageDir, 'node_modules', 'zod'))).toBe(false);
		expect(existsSync(join(n8n.runDir, '.n8n', 'nodes', 'node_modules', 'zod'))).toBe(false);
		// ...and outside n8n, zod cannot be resolved from the package at all (run dir is outside the repo)
		expect(() => require.resolve('zod', { paths: [join(distDir, 'nodes', 'SyncLabs')] })).toThrow();
		// n8n ships its own zod 3.x
		const n8nZod = JSON.parse(readFileSync(join(n8n.install.dir, 'node_modules', 'zod', 'package.json'), 'utf8'));
		expect(n8nZod.version).toMatch(/^3\./);
		// so the successful executions above (which parse deliveries with zod) used n8n's copy
		const executions = await n8n.executions(ALL_EVENTS.id);
		expect(executions.length).toBeGreaterThan(0);
		expect(executions.every((e) => e.status === 'success')).toBe(true);
		expect(n8n.log()).not.toMatch(/Cannot find module 'zod'/);
	});
});

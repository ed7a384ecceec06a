// The signature figures of docs/benchmarks.md: the verifier against a bare HMAC + timingSafeEqual on a ~2 KB body, and the trigger's
// whole webhook() path per delivery.
import { createHmac, timingSafeEqual } from 'crypto';
import { SyncLabsTrigger } from '../../nodes/SyncLabs/SyncLabsTrigger.node.js';
import { signSyncPayload } from '../../test/fixtures/signSyncPayload.cjs';
import { verifySyncSignature } from '../../nodes/SyncLabs/webhook/syncSignature';
import { compare, line, median, timeLoopAsync } from './measure.cjs';

const secret = 'whsec_bench_secret_value_000000000000';

function twoKilobyteGeneration(): string {
	const generation = {
		id: '6533643b-aceb-4c40-967e-d9ba9baac39e',
		createdAt: '2026-11-27T05:31:56.000Z',
		status: 'COMPLETED',
		model: 'lipsync-2',
		input: [
			{ type: 'video', url: 'https://assets.example.com/videos/speaker-' + 'v'.repeat(300) + '.mp4' },
			{ type: 'audio', url: 'https://assets.example.com/audio/voice-' + 'a'.repeat(300) + '.wav' },
		],
		options: { sync_mode: 'loop', temperature: 0.5, active_speaker_detection: { auto_detect: true } },
		outputUrl: 'https://cdn.example.com/output/' + 'o'.repeat(600) + '.mp4',
		outputDuration: 12.48,
		webhookUrl: 'https://n8n.example.com/webhook/0f4c9a2e-8d0b-4a5e-9a51-9b8d6f7c2e11/syncLabs',
	};
	let body = JSON.stringify(generation);
	while (body.length < 2048) {
		(generation as Record<string, unknown>).note = ((generation as Record<string, unknown>).note ?? '') + 'x'.repeat(2048 - body.length);
		body = JSON.stringify(generation);
	}
	return body;
}

/** How much to measure: the full figures, or a few rounds that only prove the bench still runs (--quick). */
export interface SignatureBenchSize {
	rounds: number;
	calls: number;
	deliveryRounds: number;
	deliveries: number;
}

export const FULL_SIGNATURE_BENCH: SignatureBenchSize = { rounds: 9, calls: 50000, deliveryRounds: 5, deliveries: 20000 };
export const QUICK_SIGNATURE_BENCH: SignatureBenchSize = { rounds: 3, calls: 2000, deliveryRounds: 3, deliveries: 500 };

export async function signatureBench(size: SignatureBenchSize = FULL_SIGNATURE_BENCH): Promise<void> {
	const body = Buffer.from(twoKilobyteGeneration());
	const nowMs = Date.now();
	const header = signSyncPayload({ secret, timestamp: Math.floor(nowMs / 1000), body });
	const expectedHex = header.split('v1=')[1];
	const t = header.slice(2, header.indexOf(','));

	const verifier = () => {
		const verdict = verifySyncSignature({ rawBody: body, header, secrets: [secret], nowMs });
		if (!verdict.ok) throw new Error('bench body must verify');
	};
	const bare = () => {
		const digest = createHmac('sha256', secret).update(`${t}.`).update(body).digest();
		if (!timingSafeEqual(digest, Buffer.from(expectedHex, 'hex'))) throw new Error('bare check must match');
	};

	const result = compare(size.rounds, size.calls, verifier, bare);
	console.log(`\n== Signature verification (${body.length}-byte body, ${size.rounds} alternating rounds x ${size.calls.toLocaleString('en')} calls)`);
	line('bare createHmac + timingSafeEqual, per call', `${(result.bNs / 1000).toFixed(2)} µs`);
	line('verifySyncSignature, per call', `${(result.aNs / 1000).toFixed(2)} µs`);
	line('ratio verifier / bare (median of rounds; goal <= 1.3)', `${result.ratio.toFixed(3)}  [rounds: ${result.ratios.map((r) => r.toFixed(2)).join(' ')}]`);

	// The whole webhook() path of the trigger with an in-memory request and response.
	const trigger = new SyncLabsTrigger();
	const parameters: Record<string, unknown> = { events: [], options: {} };
	const makeContext = () => {
		const res = { status: () => res, send: () => res, end: () => res };
		return {
			getRequestObject: () => ({ headers: { 'content-type': 'application/json', 'sync-signature': header }, rawBody: body }),
			getResponseObject: () => res,
			getNodeParameter: (name: string, fallback: unknown) => parameters[name] ?? fallback,
			getCredentials: async () => ({ signingSecret: secret }),
			getWorkflowStaticData: () => ({}),
			logger: { debug() {}, info() {}, warn() {}, error() {} },
		} as never;
	};
	const perDelivery: number[] = [];
	for (let r = 0; r < size.deliveryRounds; r++) {
		perDelivery.push(
			await timeLoopAsync(size.deliveries, async () => {
				const result = await trigger.webhook.call(makeContext());
				if (!result.workflowData) throw new Error('delivery must be accepted');
			}),
		);
	}
	line(
		`Sync Labs Trigger webhook() per valid delivery (median of ${size.deliveryRounds} x ${size.deliveries.toLocaleString('en')})`,
		`${(median(perDelivery) / 1000).toFixed(2)} µs`,
	);
}

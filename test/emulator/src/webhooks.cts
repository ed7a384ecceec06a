// Webhook sender: compact JSON, `Sync-Signature: t=<unix s>,v1=<hex>` from the shared signer, fire-and-forget with the
// outcome recorded. Behaviour switches: duplicate, delay, drop, wrong secret.
import * as http from 'http';
import * as https from 'https';
import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';
import type { Counters, WebhookBehaviour, WebhookDelivery } from './types.cjs';

export const WRONG_SECRET = 'whsec_this_is_not_the_configured_secret';

/** POSTs a signed body; never throws (a transport failure resolves with status 'error'). */
export function postSigned(
	url: string,
	body: string,
	secret: string,
	timestamp: number,
	timeoutMs: number,
): Promise<{ status: number | 'error'; body: string; header: string }> {
	const header = signSyncPayload({ secret, timestamp, body });
	return new Promise((resolve) => {
		let target: URL;
		try {
			target = new URL(url);
		} catch (e) {
			resolve({ status: 'error', body: (e as Error).message, header });
			return;
		}
		const lib = target.protocol === 'https:' ? https : http;
		const req = lib.request(
			target,
			{
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(body),
					'Sync-Signature': header,
					'User-Agent': 'sync-webhooks/emulator',
				},
				timeout: timeoutMs,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), header }));
				res.on('error', (e) => resolve({ status: 'error', body: e.message, header }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`webhook timed out after ${timeoutMs} ms`)));
		req.on('error', (e) => resolve({ status: 'error', body: e.message, header }));
		req.end(body);
	});
}

export class WebhookSender {
	behaviour: WebhookBehaviour = {};
	readonly deliveries: WebhookDelivery[] = [];
	private waiters: Array<{ count: number; resolve: () => void }> = [];
	private timers = new Set<NodeJS.Timeout>();
	private inFlight = new Set<Promise<void>>();

	constructor(
		private readonly getSecret: () => string,
		private readonly getTimeoutMs: () => number,
		private readonly counters: Counters,
	) {}

	/** Schedules delivery of `payload` for a generation or batch; returns immediately. */
	send(kind: 'generation' | 'batch', id: string, url: string, payload: unknown): void {
		const b = { ...this.behaviour };
		if (b.drop) {
			this.counters.webhooksDropped += 1;
			return;
		}
		const body = JSON.stringify(payload);
		const secret = b.wrongSecret ? WRONG_SECRET : this.getSecret();
		const go = () => {
			const timestamp = Math.floor(Date.now() / 1000);
			const copies = b.duplicate ? 2 : 1;
			for (let i = 0; i < copies; i++) this.track(this.deliver(kind, id, url, body, secret, timestamp));
		};
		if (b.delayMs && b.delayMs > 0) {
			const t = setTimeout(() => {
				this.timers.delete(t);
				go();
			}, b.delayMs);
			this.timers.add(t);
		} else go();
	}

	private track(p: Promise<void>): void {
		this.inFlight.add(p);
		void p.finally(() => this.inFlight.delete(p));
	}

	private async deliver(kind: 'generation' | 'batch', id: string, url: string, body: string, secret: string, timestamp: number): Promise<void> {
		const r = await postSigned(url, body, secret, timestamp, this.getTimeoutMs());
		const ok = typeof r.status === 'number' && r.status >= 200 && r.status < 300;
		this.counters.webhooksSent += 1;
		if (!ok) this.counters.webhooksFailed += 1;
		this.deliveries.push({ url, status: r.status, body, header: r.header, kind, id, at: Date.now(), response: r.body });
		this.notify();
	}

	private notify(): void {
		const ready = this.waiters.filter((w) => this.deliveries.length >= w.count);
		this.waiters = this.waiters.filter((w) => this.deliveries.length < w.count);
		for (const w of ready) w.resolve();
	}

	waitFor(count: number, timeoutMs: number): Promise<WebhookDelivery[]> {
		if (this.deliveries.length >= count) return Promise.resolve([...this.deliveries]);
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiters = this.waiters.filter((w) => w !== waiter);
				reject(new Error(`expected ${count} webhook deliveries within ${timeoutMs} ms, got ${this.deliveries.length}`));
			}, timeoutMs);
			const waiter = {
				count,
				resolve: () => {
					clearTimeout(timer);
					resolve([...this.deliveries]);
				},
			};
			this.waiters.push(waiter);
		});
	}

	reset(): void {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.behaviour = {};
		this.deliveries.length = 0;
	}

	async close(): Promise<void> {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		await Promise.allSettled([...this.inFlight]);
	}
}

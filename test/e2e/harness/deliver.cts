// Sends Sync Labs webhook deliveries (signed like Sync does, or deliberately broken) to a real n8n URL.
import { signSyncPayload } from '../../fixtures/signSyncPayload.cjs';

export interface DeliveryOptions {
	/** Secret to sign with. `null`: send no Sync-Signature header at all. */
	secret: string | null;
	/** Unix seconds for `t=`; default now. */
	timestamp?: number;
	/** Override the header value entirely. */
	header?: string;
	extraHeaders?: Record<string, string>;
}

export interface DeliveryResult {
	status: number;
	body: string;
	/** The exact bytes sent. */
	sentBody: string;
}

export async function deliverSigned(url: string, payload: unknown, opts: DeliveryOptions): Promise<DeliveryResult> {
	const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
	const headers: Record<string, string> = { 'content-type': 'application/json', ...(opts.extraHeaders ?? {}) };
	const signature =
		opts.header ??
		(opts.secret === null
			? undefined
			: signSyncPayload({ secret: opts.secret, timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000), body }));
	if (signature !== undefined) headers['sync-signature'] = signature;
	const res = await fetch(url, { method: 'POST', headers, body: Buffer.from(body, 'utf8') });
	return { status: res.status, body: await res.text(), sentBody: body };
}

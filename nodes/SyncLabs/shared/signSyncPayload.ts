// Produces a `Sync-Signature` header the way Sync Labs signs deliveries, for tests and the emulator
// (like stripe-node's generateTestHeaderString).
import { createHmac } from 'crypto';

export interface SignSyncPayloadInput {
	/** The whole `whsec_...` string; it is the HMAC key as-is. */
	secret: string;
	/** Unix seconds. */
	timestamp: number;
	/** The exact bytes that will be sent. */
	body: string | Buffer;
}

export function signSyncPayload({ secret, timestamp, body }: SignSyncPayloadInput): string {
	const t = String(Math.floor(timestamp));
	const signature = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
	return `t=${t},v1=${signature}`;
}

// The request side of every Sync Labs webhook this package receives (the trigger and the action node's
// resume URL): raw bytes, signature, payload shape. Failures answer the HTTP request themselves and start
// nothing; the reason is logged, never the secret, the header or the body.
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import {
	SIGNING_SECRET_PREFIX,
	checkSignatureHeaderShape,
	usableSecret,
	verifySyncSignature,
	type SecretProblem,
	type SignatureVerdict,
} from './syncSignature';
import { parseSyncWebhook, type SyncWebhookEvent } from './webhookEvent';

export type DeliveryOutcome =
	| { accepted: true; event: SyncWebhookEvent; verdict: Extract<SignatureVerdict, { ok: true }> }
	| { accepted: false; response: IWebhookResponseData };

interface RawBodyRequest {
	headers: Record<string, string | string[] | undefined>;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

function refuse(ctx: IWebhookFunctions, status: 400 | 401, reason: string, extra: object = {}, note?: string): DeliveryOutcome {
	ctx.logger.warn(`Sync Labs webhook refused with ${status}: ${reason}${note ? ` (${note})` : ''}`, { reason, ...extra });
	const res = ctx.getResponseObject();
	res.status(status).send(status === 401 ? 'Unauthorized' : 'Bad Request').end();
	return { accepted: false, response: { noWebhookResponse: true } };
}

async function readRawBody(req: RawBodyRequest): Promise<Buffer | undefined> {
	const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
	// n8n's form parser consumes multipart bodies, so their bytes can never be verified.
	if (contentType.startsWith('multipart/')) return undefined;
	try {
		if (!req.rawBody && typeof req.readRawBody === 'function') await req.readRawBody();
	} catch {
		return undefined;
	}
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
}

/** Both secret fields in their order (signing secret 1, then 2), even when one is empty, so problems name the right one. */
async function configuredSecrets(ctx: IWebhookFunctions): Promise<unknown[]> {
	try {
		const credentials = await ctx.getCredentials('syncLabsApi');
		return [credentials.signingSecret, credentials.previousSigningSecret];
	} catch {
		return [];
	}
}

const SECRET_FIELD_NAMES = ['Webhook Signing Secret', 'Previous Webhook Signing Secret'];

/** One sentence per problem, naming the credential field by its number and label, never its value. */
function secretProblemText({ secretNumber, problem }: SecretProblem): string {
	const field = SECRET_FIELD_NAMES[secretNumber - 1];
	const name = `signing secret ${secretNumber}${field ? ` (the credential's ${field})` : ''}`;
	return problem === 'contains_whitespace'
		? `${name} contains whitespace; this often means an extra space or line break was copied into it`
		: `${name} does not start with ${SIGNING_SECRET_PREFIX}, as Sync's signing secrets do`;
}

export async function receiveSignedDelivery(
	ctx: IWebhookFunctions,
	options: { toleranceSeconds: number; nowMs?: number },
): Promise<DeliveryOutcome> {
	const req = ctx.getRequestObject() as unknown as RawBodyRequest;
	// Unsigned or malformed headers are refused before the credential is loaded: that load is the most
	// expensive step in n8n 2.4x (an expression sandbox), and forged traffic should cost as little as possible.
	const headerProblem = checkSignatureHeaderShape(req.headers['sync-signature']);
	if (headerProblem) {
		// Still take the body in first: answering before it has arrived can make the server close the connection
		// while the sender is writing, and the sender then sees a reset instead of the 401. n8n's limit bounds it.
		await readRawBody(req);
		return refuse(ctx, 401, headerProblem);
	}

	// The body before the credential, for the same reason: a body that cannot be read costs no credential load.
	const rawBody = await readRawBody(req);
	if (rawBody === undefined) return refuse(ctx, 401, 'raw_body_unavailable');

	const secrets = await configuredSecrets(ctx);
	if (!secrets.some((secret) => usableSecret(secret) !== '')) return refuse(ctx, 401, 'no_secret_configured');

	const verdict = verifySyncSignature({
		rawBody,
		header: req.headers['sync-signature'],
		secrets,
		nowMs: options.nowMs ?? Date.now(),
		toleranceSeconds: options.toleranceSeconds,
	});
	if (!verdict.ok) {
		const problems = verdict.secretProblems ?? [];
		const note = problems.length > 0 ? problems.map(secretProblemText).join('; ') : undefined;
		return refuse(ctx, 401, verdict.reason, { skewSeconds: verdict.skewSeconds, secretProblems: verdict.secretProblems }, note);
	}

	const parsed = parseSyncWebhook(rawBody);
	if (!parsed.ok) return refuse(ctx, 400, parsed.reason);

	ctx.logger.debug('Sync Labs webhook verified', {
		via: verdict.via,
		matchedSecretIndex: verdict.matchedSecretIndex,
		skewSeconds: verdict.skewSeconds,
	});
	return { accepted: true, event: parsed.event, verdict };
}

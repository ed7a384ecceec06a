import { SyncLabsTrigger } from '../../nodes/SyncLabs/SyncLabsTrigger.node';
import { signSyncPayload } from '../fixtures/signSyncPayload.cjs';
import { BODY, PREVIOUS_SECRET, SECRET } from '../fixtures/signatureVectors.cjs';
import { DOCS_BATCH_SNAKE_CASE, DOCS_BATCH_STATUS_UPDATE, DOCS_GENERATION_STATUS_UPDATE } from '../fixtures/syncDocsWebhooks.cjs';
import { createWebhookContext, type WebhookContextOptions } from '../runner/index.cjs';

const now = () => Math.floor(Date.now() / 1000);

const completedGeneration = {
	id: 'gen_123',
	status: 'COMPLETED',
	createdAt: '2026-11-27T05:00:00.000Z',
	model: 'lipsync-2',
	input: [
		{ type: 'video', url: 'https://cdn.example/in.mp4' },
		{ type: 'audio', url: 'https://cdn.example/in.wav' },
	],
	outputUrl: 'https://cdn.example/out.mp4',
	outputDuration: 4.2,
	someFutureField: { nested: true },
};

const failedGeneration = {
	...completedGeneration,
	status: 'FAILED',
	outputUrl: undefined,
	error: 'Audio too long',
	error_code: 'generation_audio_length_exceeded',
};

const completedBatch = {
	id: 'batch_1',
	created_at: '2026-11-27T05:00:00.000Z',
	status: 'COMPLETED',
	metrics: { total_generations: 2, success_count: 2, failed_count: 0, pending_count: 0 },
	outputUrl: 'https://cdn.example/batch.jsonl',
};

function signed(payload: unknown, opts: { secret?: string; timestamp?: number } = {}) {
	const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
	const header = signSyncPayload({ secret: opts.secret ?? SECRET, timestamp: opts.timestamp ?? now(), body });
	return { body: Buffer.from(body), header };
}

async function deliver(payload: unknown, options: Partial<WebhookContextOptions> & { secret?: string; timestamp?: number } = {}) {
	const { body, header } = signed(payload, options);
	const harness = createWebhookContext({
		headers: { 'content-type': 'application/json', 'sync-signature': header },
		rawBody: body,
		credentials: { apiKey: 'k', signingSecret: SECRET },
		...options,
	});
	const result = await new SyncLabsTrigger().webhook.call(harness.context);
	return { result, ...harness };
}

describe('Sync Labs Trigger', () => {
	it('emits one typed generation.completed event with the original payload for a valid delivery', async () => {
		const { result, response } = await deliver(completedGeneration);
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData).toHaveLength(1);
		const [item] = result.workflowData![0];
		expect(item.json).toMatchObject({
			event: 'generation.completed',
			kind: 'generation',
			id: 'gen_123',
			status: 'COMPLETED',
			model: 'lipsync-2',
			outputUrl: 'https://cdn.example/out.mp4',
			outputDuration: 4.2,
			errorCode: null,
			signature: { secret: 'current', verifiedOver: 'raw' },
		});
		expect(item.json.payload).toEqual(completedGeneration);
	});

	it('normalizes error_code into errorCode for a failed generation', async () => {
		const { result } = await deliver(failedGeneration);
		expect(result.workflowData![0][0].json).toMatchObject({
			event: 'generation.failed',
			errorCode: 'generation_audio_length_exceeded',
			error: 'Audio too long',
		});
	});

	it('reads errorCode and outputMediaUrl when Sync sends those spellings', async () => {
		const { result } = await deliver({ ...completedGeneration, outputUrl: undefined, outputMediaUrl: 'https://cdn.example/m.mp4', status: 'REJECTED', errorCode: 'x' });
		expect(result.workflowData![0][0].json).toMatchObject({ event: 'generation.rejected', outputUrl: 'https://cdn.example/m.mp4', errorCode: 'x' });
	});

	it('emits batch events with their metrics', async () => {
		const { result } = await deliver(completedBatch);
		expect(result.workflowData![0][0].json).toMatchObject({
			event: 'batch.completed',
			kind: 'batch',
			id: 'batch_1',
			metrics: { total_generations: 2 },
		});
	});

	it('reads the raw body itself when n8n has not, exactly once (N1)', async () => {
		const { body, header } = signed(BODY);
		const harness = createWebhookContext({
			headers: { 'sync-signature': header },
			rawBody: undefined,
			bodyForReadRawBody: body,
			credentials: { signingSecret: SECRET },
		});
		const result = await new SyncLabsTrigger().webhook.call(harness.context);
		expect(harness.request.readRawBody).toHaveBeenCalledTimes(1);
		// BODY has an id and a status: verified, it becomes an event whatever else it lacks.
		expect(harness.response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0][0].json).toMatchObject({ event: 'generation.completed', id: 'gen_123' });
	});

	it.each([
		['a wrong secret', { secret: 'whsec_wrongwrongwrongwrongwrongwron' }],
		['a stale timestamp', { timestamp: now() - 3600 }],
		['a future timestamp', { timestamp: now() + 3600 }],
	])('answers 401 and runs nothing for %s (N2)', async (_name, opts) => {
		const { result, response, logs } = await deliver(completedGeneration, opts);
		expect(response).toEqual({ statusCode: 401, body: 'Unauthorized', ended: true });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(result.workflowData).toBeUndefined();
		expect(logs.some((l) => l.level === 'warn')).toBe(true);
	});

	it('answers 401 to an unsigned delivery without even loading the credential', async () => {
		const harness = createWebhookContext({
			headers: { 'content-type': 'application/json' },
			rawBody: Buffer.from(JSON.stringify(completedGeneration)),
			credentials: { signingSecret: SECRET },
		});
		const getCredentials = jest.spyOn(harness.context, 'getCredentials');
		const result = await new SyncLabsTrigger().webhook.call(harness.context);
		expect(getCredentials).not.toHaveBeenCalled();
		expect(harness.response.statusCode).toBe(401);
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('takes in the whole body of an unsigned delivery before answering 401, so the sender reads the answer instead of a reset', async () => {
		const harness = createWebhookContext({
			headers: { 'content-type': 'application/octet-stream' },
			rawBody: undefined,
			bodyForReadRawBody: Buffer.alloc(64 * 1024, 0x61),
			credentials: { signingSecret: SECRET },
		});
		const getCredentials = jest.spyOn(harness.context, 'getCredentials');
		const result = await new SyncLabsTrigger().webhook.call(harness.context);
		expect(harness.request.readRawBody).toHaveBeenCalledTimes(1);
		expect(getCredentials).not.toHaveBeenCalled();
		expect(harness.response.statusCode).toBe(401);
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('fails closed with 401 when the credential has no signing secret', async () => {
		const { result, response, logs } = await deliver(completedGeneration, { credentials: { apiKey: 'k', signingSecret: '' } });
		expect(response.statusCode).toBe(401);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(logs.map((l) => l.message).join(' ')).toContain('no_secret_configured');
	});

	it('accepts a delivery when the credential\'s signing secret was pasted with a trailing newline or spaces', async () => {
		for (const pasted of [`${SECRET}\n`, ` ${SECRET}  `]) {
			const { result, response } = await deliver(completedGeneration, { credentials: { apiKey: 'k', signingSecret: pasted } });
			expect(response.statusCode).toBeUndefined();
			expect(result.workflowData![0][0].json).toMatchObject({ event: 'generation.completed', signature: { secret: 'current' } });
		}
	});

	it('names signing secret 2 in the refusal reason when it has a space inside, and logs no part of either secret', async () => {
		const spaced = 'whsec_previousSecret BeforeRotation0000';
		const { response, logs } = await deliver(completedGeneration, {
			secret: PREVIOUS_SECRET,
			credentials: { apiKey: 'k', signingSecret: 'whsec_wrongwrongwrongwrongwrongwron', previousSigningSecret: spaced },
		});
		expect(response.statusCode).toBe(401);
		const warning = logs.find((l) => l.level === 'warn');
		expect(warning?.message).toBe(
			"Sync Labs webhook refused with 401: signature_mismatch (signing secret 2 (the credential's Previous Webhook Signing Secret) contains whitespace; this often means an extra space or line break was copied into it)",
		);
		const logged = JSON.stringify(logs);
		expect(logged).not.toContain('previousSecret');
		expect(logged).not.toContain('wrongwrong');
	});

	it('names signing secret 1 in the refusal reason when it lacks the whsec_ prefix', async () => {
		const { response, logs } = await deliver(completedGeneration, { credentials: { apiKey: 'k', signingSecret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } });
		expect(response.statusCode).toBe(401);
		const message = logs.find((l) => l.level === 'warn')?.message;
		expect(message).toContain("signing secret 1 (the credential's Webhook Signing Secret) does not start with whsec_");
		expect(JSON.stringify(logs)).not.toContain('MfKQ9r8GKYqr');
	});

	it('fails closed with 401 when the credential cannot be loaded', async () => {
		const { response } = await deliver(completedGeneration, { credentials: new Error('no credential') });
		expect(response.statusCode).toBe(401);
	});

	it('accepts deliveries signed with the previous secret during rotation and says so', async () => {
		const { result } = await deliver(completedGeneration, {
			secret: PREVIOUS_SECRET,
			credentials: { signingSecret: SECRET, previousSigningSecret: PREVIOUS_SECRET },
		});
		expect(result.workflowData![0][0].json).toMatchObject({ signature: { secret: 'previous' } });
	});

	it('refuses multipart bodies without reading them, since their bytes cannot be verified', async () => {
		const { body, header } = signed(completedGeneration);
		const harness = createWebhookContext({
			headers: { 'content-type': 'multipart/form-data; boundary=x', 'sync-signature': header },
			bodyForReadRawBody: body,
			credentials: { signingSecret: SECRET },
		});
		const result = await new SyncLabsTrigger().webhook.call(harness.context);
		expect(harness.request.readRawBody).not.toHaveBeenCalled();
		expect(harness.response.statusCode).toBe(401);
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('refuses with 401 when the body cannot be read, without loading the credential', async () => {
		const { header } = signed(completedGeneration);
		const harness = createWebhookContext({
			headers: { 'sync-signature': header },
			bodyForReadRawBody: new Error('incorrect header check'),
			credentials: { signingSecret: SECRET },
		});
		const getCredentials = jest.spyOn(harness.context, 'getCredentials');
		const result = await new SyncLabsTrigger().webhook.call(harness.context);
		expect(harness.response.statusCode).toBe(401);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(getCredentials).not.toHaveBeenCalled();
		// tried once, not again on the way out
		expect(harness.request.readRawBody).toHaveBeenCalledTimes(1);
	});

	it.each([
		['JSON that is not a Sync object', { hello: 'world' }],
		['a JSON array', [completedGeneration]],
		['a JSON string', '"just a string"'],
		['text that is not JSON', 'not json at all'],
		['an object without a status', { id: 'g', input: [] }],
		['an object with an empty id', { id: '', status: 'COMPLETED' }],
	])('answers 400 and runs nothing for a validly signed body that is %s', async (_name, payload) => {
		const { result, response } = await deliver(payload);
		expect(response).toEqual({ statusCode: 400, body: 'Bad Request', ended: true });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('emits a validly signed delivery whose id is a number as an event with the id as text, not a 400', async () => {
		const { result, response } = await deliver({ id: 12345, status: 'COMPLETED', createdAt: '2024-01-10T12:00:00Z' });
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0].map((i) => ({ id: i.json.id, event: i.json.event }))).toEqual([{ id: '12345', event: 'generation.completed' }]);
	});

	it('acknowledges a filtered-out event with 200 and runs nothing', async () => {
		const { result, response } = await deliver(failedGeneration, { parameters: { events: ['generation.completed'] } });
		expect(result).toEqual({});
		expect(response.statusCode).toBeUndefined();
	});

	it('runs for an event that the filter selects', async () => {
		const { result } = await deliver(failedGeneration, { parameters: { events: ['generation.failed', 'batch.failed'] } });
		expect(result.workflowData![0][0].json.event).toBe('generation.failed');
	});

	it('reads Events given by an expression as text: whole names, any case, a longer name is not a match', async () => {
		const selected = await deliver(failedGeneration, { parameters: { events: 'Generation.Failed, batch.failed' } });
		expect(selected.result.workflowData![0][0].json.event).toBe('generation.failed');
		const longer = await deliver(failedGeneration, { parameters: { events: 'generation.failed_v2' } });
		expect(longer.result).toEqual({});
		expect(longer.response.statusCode).toBeUndefined();
	});

	it('skips a repeated id and status when duplicate deliveries are ignored, but not a new status', async () => {
		const staticData = {};
		const parameters = { options: { ignoreDuplicates: true } };
		const first = await deliver(completedGeneration, { staticData, parameters });
		const again = await deliver(completedGeneration, { staticData, parameters });
		const other = await deliver(failedGeneration, { staticData, parameters });
		expect(first.result.workflowData).toHaveLength(1);
		expect(again.result).toEqual({});
		expect(other.result.workflowData).toHaveLength(1);
	});

	it('runs every repeated delivery when duplicates are not ignored (the default)', async () => {
		const staticData = {};
		await deliver(completedGeneration, { staticData });
		const again = await deliver(completedGeneration, { staticData });
		expect(again.result.workflowData).toHaveLength(1);
	});

	it('honours a configured tolerance', async () => {
		const { response } = await deliver(completedGeneration, { timestamp: now() - 100, parameters: { options: { toleranceSeconds: 60 } } });
		expect(response.statusCode).toBe(401);
	});

	it('never logs the secret, the signature header or the body', async () => {
		const { body, header } = signed(completedGeneration, { secret: 'whsec_wrongwrongwrongwrongwrongwron' });
		const harness = createWebhookContext({
			headers: { 'sync-signature': header },
			rawBody: body,
			credentials: { signingSecret: SECRET },
		});
		await new SyncLabsTrigger().webhook.call(harness.context);
		const logged = JSON.stringify(harness.logs);
		expect(logged).not.toContain(SECRET);
		expect(logged).not.toContain(header.slice(20));
		expect(logged).not.toContain('gen_123');
	});

	it('has honest no-op webhook lifecycle methods, since Sync has no registration API', async () => {
		const methods = new SyncLabsTrigger().webhookMethods.default;
		await expect(methods.checkExists.call({} as never)).resolves.toBe(true);
		await expect(methods.create.call({} as never)).resolves.toBe(true);
		await expect(methods.delete.call({} as never)).resolves.toBe(true);
	});

	describe('payload examples from Sync\'s docs', () => {
		it('emits the docs\' COMPLETED generation with null error and errorCode instead of empty strings', async () => {
			const { result, response } = await deliver(DOCS_GENERATION_STATUS_UPDATE);
			expect(response.statusCode).toBeUndefined();
			const json = result.workflowData![0][0].json;
			expect(json).toMatchObject({
				event: 'generation.completed',
				kind: 'generation',
				id: 'asdas12312ada',
				model: 'lipsync-2',
				outputUrl: 'https://example.com/output.mp4',
				outputDuration: 10,
				error: null,
				errorCode: null,
				createdAt: '2024-01-10T12:00:00Z',
				metrics: null,
			});
			expect(json.payload).toEqual(DOCS_GENERATION_STATUS_UPDATE);
		});

		it('emits the docs\' camelCase batch example with its metrics and createdAt in the SDK\'s snake_case shape', async () => {
			const { result } = await deliver(DOCS_BATCH_STATUS_UPDATE);
			const json = result.workflowData![0][0].json;
			expect(json).toMatchObject({
				event: 'batch.completed',
				kind: 'batch',
				id: 'batch_abc123',
				createdAt: '2024-01-15T10:30:00Z',
				outputUrl: 'https://api.sync.so/v2/batches/batch_abc123/result',
				metrics: { total_generations: 5, success_count: 4, failed_count: 1, pending_count: 0 },
			});
			expect(json.payload).toEqual(DOCS_BATCH_STATUS_UPDATE);
		});

		it('gives the snake_case batch the same event shape as the camelCase one', async () => {
			const { result } = await deliver(DOCS_BATCH_SNAKE_CASE);
			const json = result.workflowData![0][0].json;
			expect(json).toMatchObject({ kind: 'batch', createdAt: '2024-01-15T10:30:00Z', outputUrl: null });
			expect(json.metrics).toEqual({ total_generations: 5, success_count: 0, failed_count: 0, pending_count: 0 });
		});
	});

	it('accepts a delivery signed with a 13-digit millisecond timestamp, and says so', async () => {
		const { result, response } = await deliver(completedGeneration, { timestamp: Date.now() });
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData![0][0].json.signature).toMatchObject({ timestamp: expect.any(Number) });
	});

	it('answers 401 to a millisecond timestamp outside the tolerance', async () => {
		const { response } = await deliver(completedGeneration, { timestamp: Date.now() - 3600 * 1000 });
		expect(response).toEqual({ statusCode: 401, body: 'Unauthorized', ended: true });
	});
});

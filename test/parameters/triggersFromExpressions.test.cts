// The two triggers, generated from their descriptions like fromExpressions.test.cts does for the action node:
// every parameter (options included) given each odd value. The Polling Trigger runs in n8n's real PollContext
// (the value set by an expression) against the emulator; the Webhook Trigger gets a signed delivery with the
// value as n8n hands it over. A refused value fails the poll or the delivery before any request with one
// sentence naming the field and what was given (a trigger has no items); an accepted one does exactly what
// the value it is read as does when typed.
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { startEmulator, type Emulator, type RecordedRequest } from '../emulator/index.cjs';
import { createPoller, createWebhookContext } from '../runner/index.cjs';
import { SyncLabsTrigger } from '../../nodes/SyncLabs/SyncLabsTrigger.node';
import { SyncLabsPollingTrigger } from '../../nodes/SyncLabs/SyncLabsPollingTrigger.node';
import { kindOf } from '../../nodes/SyncLabs/parameters';
import { signSyncPayload } from '../fixtures/signSyncPayload.cjs';
import { SECRET } from '../fixtures/signatureVectors.cjs';
import { describedFields, placed, type DescribedField } from './descriptionFields.cjs';
import { expectedReading, GIVEN_WORDS, ODD_VALUES } from './coercionTable.cjs';

const KEY = 'trigger-expressions-key';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 0, processingMs: 0 });
	const response = await fetch(`${emulator.url}/v2/generate`, {
		method: 'POST',
		headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'lipsync-2', input: [{ type: 'video', url: 'https://e.com/v.mp4' }, { type: 'audio', url: 'https://e.com/a.wav' }] }),
	});
	expect(response.status).toBe(201);
});
afterAll(async () => emulator.stop());

function fieldsOf(properties: INodeProperties[]): DescribedField[] {
	return describedFields(properties).filter((field) => !['notice', 'collection', 'fixedCollection'].includes(field.declaration.type));
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function refusalProblem(field: DescribedField, outcome: object): string | undefined {
	const sentence = new RegExp(`^${escape(field.label)} (is|has) [^\\n]+$`);
	const message = 'error' in outcome ? String(outcome.error) : '';
	if (!sentence.test(message) || !GIVEN_WORDS.test(message) || message.includes('(item')) {
		return `expected a refusal naming "${field.label}" and what was given, got ${JSON.stringify(outcome)}`;
	}
	return undefined;
}

function masked(value: unknown): string {
	return JSON.stringify(value)
		.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
		.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
		// Each delivery is signed at the moment it is sent, so two deliveries can straddle a second.
		.replace(/"timestamp":\d+/g, '"timestamp":"<signed at>"');
}

describe('every parameter of the Sync Labs Polling Trigger set by an expression', () => {
	const fields = fieldsOf(new SyncLabsPollingTrigger().description.properties);
	const baseline: IDataObject = { watch: ['generation'], events: [] };

	async function poll(field: DescribedField, value: unknown) {
		emulator.requests.length = 0;
		const poller = createPoller({ parameters: placed(field.path, `={{ ${JSON.stringify(value)} }}`, baseline) as never, credentials: { apiKey: KEY, baseUrl: emulator.url } });
		const outcome = await poller.poll('trigger').then(
			(items) => ({ items: items.map((item) => item.json) }),
			(error: Error) => ({ error: error.message }),
		);
		const requests = emulator.requests.map((r: RecordedRequest) => ({ method: r.method, path: r.path, query: { ...r.query, created_after: undefined } }));
		return { outcome, requests };
	}

	it.each(ODD_VALUES.map((odd) => [odd.name, odd.value] as const))('given %s: refused before any request, or polled as with the value it is read as', async (_name, value) => {
		const wrong: string[] = [];
		for (const field of fields) {
			const reading = expectedReading(kindOf(field.declaration), value);
			const odd = await poll(field, value);
			if (!reading.accepted) {
				const problem = refusalProblem(field, odd.outcome);
				if (problem) wrong.push(`${field.path.join('.')}: ${problem}`);
				if (odd.requests.length > 0) wrong.push(`${field.path.join('.')}: refused only after ${odd.requests.length} request(s)`);
				continue;
			}
			const typed = reading.value;
			if (JSON.stringify(typed) === JSON.stringify(value)) continue;
			const proper = await poll(field, typed);
			if (masked(odd) !== masked(proper)) wrong.push(`${field.path.join('.')}: given ${JSON.stringify(value)} it did ${masked(odd)}, given ${JSON.stringify(typed)} ${masked(proper)}`);
		}
		expect(fields.map((f) => f.path.join('.'))).toEqual(['watch', 'events', 'options.lookbackMinutes']);
		expect(wrong).toEqual([]);
	});
});

describe('every parameter of the Sync Labs Trigger as n8n hands it over', () => {
	const fields = fieldsOf(new SyncLabsTrigger().description.properties);
	const payload = JSON.stringify({ id: 'gen_1', status: 'COMPLETED', createdAt: '2026-11-27T05:00:00.000Z', model: 'lipsync-2', outputUrl: 'https://cdn.example/out.mp4' });

	async function deliver(field: DescribedField, value: unknown) {
		const header = signSyncPayload({ secret: SECRET, timestamp: Math.floor(Date.now() / 1000), body: payload });
		const harness = createWebhookContext({
			headers: { 'content-type': 'application/json', 'sync-signature': header },
			rawBody: Buffer.from(payload),
			credentials: { apiKey: 'k', signingSecret: SECRET },
			parameters: placed(field.path, value) as IDataObject,
		});
		const outcome = await new SyncLabsTrigger().webhook.call(harness.context).then(
			(result) => ({ emitted: result.workflowData?.[0]?.map((item) => item.json) ?? null, status: harness.response.statusCode ?? null }),
			(error: Error) => ({ error: error.message }),
		);
		return outcome;
	}

	it.each(ODD_VALUES.map((odd) => [odd.name, odd.value] as const))('given %s: the delivery is refused naming the field, or handled as with the value it is read as', async (_name, value) => {
		const wrong: string[] = [];
		for (const field of fields) {
			const reading = expectedReading(kindOf(field.declaration), value);
			const odd = await deliver(field, value);
			if (!reading.accepted) {
				const problem = refusalProblem(field, odd);
				if (problem) wrong.push(`${field.path.join('.')}: ${problem}`);
				continue;
			}
			const typed = reading.value;
			if (JSON.stringify(typed) === JSON.stringify(value)) continue;
			const proper = await deliver(field, typed);
			if (masked(odd) !== masked(proper)) wrong.push(`${field.path.join('.')}: given ${JSON.stringify(value)} it did ${masked(odd)}, given ${JSON.stringify(typed)} ${masked(proper)}`);
		}
		expect(fields.map((f) => f.path.join('.'))).toEqual(['events', 'options.ignoreDuplicates', 'options.toleranceSeconds']);
		expect(wrong).toEqual([]);
	});
});

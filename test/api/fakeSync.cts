// A fake Sync behind the client's one seam (nodes/SyncLabs/api/send.ts): the endpoint functions still build
// their requests and read the answers (envelopes, schemas, strict or tolerant), but nothing goes over the network
// and nothing waits, so an operation test runs in milliseconds. It records every request and answers with what
// the test set up; a request nobody set up an answer for fails loudly. Faults, retries and the wire stay with the
// emulator (test/emulator/), which is real HTTP.
//
//   jest.mock('../../../nodes/SyncLabs/api/send', () => jest.requireActual('../../api/fakeSync.cjs').fakeSendModule);
//   import { fakeSync, aGeneration } from '../../api/fakeSync.cjs';
//
//   fakeSync.answer('GET /v2/generate/:id', (request) => aGeneration({ id: request.params[0] }));
//   const result = await runNode({ parameters: { resource: 'generation', operation: 'get', generationId: 'g1' }, credentials });
//   expect(fakeSync.requests.map((r) => r.route)).toEqual(['GET /v2/generate/g1']);
import type { IDataObject } from 'n8n-workflow';
import type * as SendModule from '../../nodes/SyncLabs/api/send';
import { SyncApiError, type SyncContext } from '../../nodes/SyncLabs/transport';

export interface SentRequest {
	/** `GET /v2/generate/abc`: method and path, without the query. */
	route: string;
	method: string;
	path: string;
	qs: IDataObject;
	body: unknown;
	headers: IDataObject;
	repeatable: boolean;
	itemIndex: number | undefined;
	/** The path's `:name` parts, in order. */
	params: string[];
}

/** Thrown by an answer to make Sync refuse the request: the client sees Sync's error body with this status. */
export class SyncRefusal extends Error {
	constructor(
		readonly statusCode: number,
		readonly body: IDataObject = {},
	) {
		super(`Sync refuses with ${statusCode}`);
	}
}

/** A value to answer with (copied per request), or a function of the request that returns it or throws. */
type Answer = ((request: SentRequest) => unknown) | string | number | boolean | null | object;

function routePattern(route: string): { method: string; pattern: RegExp } {
	const [method, path] = route.split(' ');
	const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '([^/]+)');
	return { method, pattern: new RegExp(`^${source}$`) };
}

class FakeSync {
	readonly requests: SentRequest[] = [];
	private answers: Array<{ method: string; pattern: RegExp; answer: Answer }> = [];

	/** Answers requests matching `METHOD /path/:param` with a value, or with what the function returns (or throws). */
	answer(route: string, answer: Answer): this {
		this.answers.unshift({ ...routePattern(route), answer });
		return this;
	}

	/** Refuses requests matching the route with Sync's error body (`errorCode`, `message`, ...) and this status. */
	refuse(route: string, statusCode: number, body: IDataObject = {}): this {
		return this.answer(route, () => {
			throw new SyncRefusal(statusCode, body);
		});
	}

	reset(): void {
		this.requests.length = 0;
		this.answers = [];
	}

	async send(ctx: SyncContext, request: SendModule.SyncRequest, call: SendModule.CallOptions = {}): Promise<unknown> {
		const sent: SentRequest = {
			route: `${request.method} ${request.path}`,
			method: request.method,
			path: request.path,
			qs: { ...(request.qs ?? {}) },
			body: request.body,
			headers: { ...(request.headers ?? {}) },
			repeatable: request.repeatable,
			itemIndex: call.itemIndex,
			params: [],
		};
		this.requests.push(sent);
		const match = this.answers.find((a) => a.method === request.method && a.pattern.test(request.path));
		if (!match) throw new Error(`fakeSync: no answer set up for ${sent.route}`);
		sent.params = (match.pattern.exec(request.path) ?? []).slice(1).map(decodeURIComponent);
		try {
			const value = typeof match.answer === 'function' ? (match.answer as (r: SentRequest) => unknown)(sent) : match.answer;
			return structuredClone(value);
		} catch (error) {
			if (!(error instanceof SyncRefusal)) throw error;
			throw new SyncApiError(ctx, { message: `HTTP ${error.statusCode}`, ...error.body, statusCode: error.statusCode }, call.itemIndex);
		}
	}
}

export const fakeSync = new FakeSync();

/** What `jest.mock` of nodes/SyncLabs/api/send puts in its place. */
export const fakeSendModule: typeof SendModule = {
	send: async (ctx, request, call) => await fakeSync.send(ctx, request, call),
};

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${String(++counter).padStart(4, '0')}`;

/** A generation as Sync answers it (docs/sync-api.md#generation-object), with these fields changed. */
export function aGeneration(fields: IDataObject = {}): IDataObject {
	return {
		id: nextId('gen'),
		status: 'COMPLETED',
		createdAt: '2026-11-27T06:00:00.000Z',
		model: 'lipsync-2',
		input: [
			{ type: 'video', url: 'https://media.example.com/speaker.mp4' },
			{ type: 'audio', url: 'https://media.example.com/voice.wav' },
		],
		options: {},
		outputUrl: 'https://files.example.com/out.mp4',
		outputDuration: 3.2,
		error: null,
		errorCode: null,
		...fields,
	};
}

/** A batch as Sync answers it (docs/sync-api.md#batches), with these fields changed. */
export function aBatch(fields: IDataObject = {}): IDataObject {
	return {
		id: nextId('batch'),
		status: 'PROCESSING',
		created_at: '2026-11-27T06:00:00.000Z',
		metrics: { total_generations: 20, success_count: 0, failed_count: 0, pending_count: 20 },
		outputUrl: null,
		webhookUrl: null,
		...fields,
	};
}

/** An asset as Sync answers it (docs/sync-api.md#assets), with these fields changed. */
export function anAsset(fields: IDataObject = {}): IDataObject {
	return {
		id: nextId('asset'),
		createdAt: '2026-11-27T06:00:00.000Z',
		updatedAt: '2026-11-27T06:00:00.000Z',
		type: 'VIDEO',
		visibility: 'USER',
		name: 'speaker.mp4',
		url: 'https://files.example.com/speaker.mp4',
		...fields,
	};
}

// A deterministic stand-in for an OpenAI-compatible chat model, on 127.0.0.1, for the AI Agent scenarios: n8n's
// OpenAI Chat Model node reaches it through its credential's Base URL (no network, no real key). Each test
// scripts a conversation under a tag that appears in the agent's prompt: step i answers the model's i-th turn
// (tool calls or a final text, possibly computed from the tool results received so far). Every request is
// recorded with the tools offered and the tool results handed back, so a test asserts what the model saw.
// Wire formats: openAiWire.cts.
import * as http from 'http';
import type { AddressInfo } from 'net';
import { type ModelReply, type OfferedTool, type PastToolCall, readConversation, type ToolResult, type WireAnswer, type WireApi, wireError, writeReply } from './openAiWire.cjs';

export type { ModelReply, OfferedTool, PastToolCall, ToolResult } from './openAiWire.cjs';

/** What a script step sees: the conversation so far. */
export interface ConversationSoFar {
	/** 0 for the model's first answer, 1 after the first round of tool calls, ... */
	turn: number;
	toolCalls: PastToolCall[];
	toolResults: ToolResult[];
	userText: string;
}

export type ScriptStep = ModelReply | ((conversation: ConversationSoFar) => ModelReply);

export interface ModelRequest extends ConversationSoFar {
	api: WireApi;
	stream: boolean;
	/** The script's tag found in the prompt, if any. */
	tag?: string;
	tools: OfferedTool[];
	/** The scripted answer sent, or why none was (an HTTP 400 in OpenAI's error shape). */
	reply?: ModelReply;
	error?: string;
	authorization?: string;
	body: unknown;
}

export interface StandInModel {
	/** Base URL for the OpenAI credential (ends in /v1). */
	url: string;
	/** The one model id it lists (any id is answered). */
	modelId: string;
	apiKey: string;
	requests: ModelRequest[];
	/** Scripts the conversation whose prompt contains `tag`; `repeatLast` answers later turns with the last step. */
	script(tag: string, steps: ScriptStep[], opts?: { repeatLast?: boolean }): void;
	/** The recorded requests of the conversation tagged `tag`. */
	requestsFor(tag: string): ModelRequest[];
	stop(): Promise<void>;
}

const MODEL_ID = 'stand-in-model';

export async function startStandInModel(opts: { apiKey?: string } = {}): Promise<StandInModel> {
	const apiKey = opts.apiKey ?? 'sk-stand-in-not-a-real-key';
	const scripts = new Map<string, { steps: ScriptStep[]; repeatLast: boolean }>();
	const requests: ModelRequest[] = [];
	let answered = 0;

	function answer(api: WireApi, body: Record<string, any>, authorization: string | undefined): { status: number; answer: WireAnswer } {
		const read = readConversation(api, body);
		// the longest tag found, so a tag that extends another is not taken for it
		const tag = [...scripts.keys()].filter((t) => read.userText.includes(t)).sort((a, b) => b.length - a.length)[0];
		const record: ModelRequest = {
			api,
			stream: read.stream,
			tag,
			turn: read.assistantTurns,
			toolCalls: read.toolCalls,
			toolResults: read.toolResults,
			userText: read.userText,
			tools: read.tools,
			authorization,
			body,
		};
		requests.push(record);
		const refuse = (error: string) => {
			record.error = error;
			return { status: 400, answer: { json: wireError(`stand-in model: ${error}`) } };
		};
		if (authorization !== `Bearer ${apiKey}`) return refuse('wrong or missing API key');
		if (!tag) return refuse('no script for this prompt');
		const script = scripts.get(tag)!;
		const index = script.repeatLast ? Math.min(record.turn, script.steps.length - 1) : record.turn;
		const step = script.steps[index];
		if (!step) return refuse(`script '${tag}' has no step for turn ${record.turn}`);
		const reply = typeof step === 'function' ? step(record) : step;
		if ('toolCalls' in reply) {
			const offered = read.tools.map((t) => t.name);
			const missing = reply.toolCalls.find((c) => !offered.includes(c.tool));
			if (missing) return refuse(`tool '${missing.tool}' was not offered (offered: ${offered.join(', ')})`);
		}
		record.reply = reply;
		answered += 1;
		const includeUsage = body.stream_options?.include_usage === true;
		return { status: 200, answer: writeReply(api, reply, { n: answered, model: read.model || MODEL_ID, stream: read.stream, includeUsage }) };
	}

	function send(res: http.ServerResponse, status: number, out: WireAnswer): void {
		if ('json' in out) {
			const text = JSON.stringify(out.json);
			res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
			res.end(text);
			return;
		}
		res.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
		for (const e of out.events) {
			res.write(`${e.event ? `event: ${e.event}\n` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`);
		}
		res.end();
	}

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const path = (req.url ?? '').split('?')[0].replace(/^\/v1(?=\/)/, '');
			const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
			if (req.method === 'GET' && path === '/models') {
				send(res, 200, { json: { object: 'list', data: [{ id: MODEL_ID, object: 'model', created: 1_700_000_000, owned_by: 'stand-in' }] } });
				return;
			}
			const api: WireApi | undefined = req.method === 'POST' ? ({ '/chat/completions': 'chat', '/responses': 'responses' } as const)[path] : undefined;
			if (!api) {
				send(res, 404, { json: wireError(`stand-in model: no route ${req.method} ${path}`) });
				return;
			}
			let body: Record<string, any>;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any>;
			} catch {
				send(res, 400, { json: wireError('stand-in model: the body is not JSON') });
				return;
			}
			const { status, answer: out } = answer(api, body, authorization);
			send(res, status, out);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}/v1`,
		modelId: MODEL_ID,
		apiKey,
		requests,
		script(tag, steps, o = {}) {
			scripts.set(tag, { steps, repeatLast: o.repeatLast ?? false });
		},
		requestsFor: (tag) => requests.filter((r) => r.tag === tag),
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

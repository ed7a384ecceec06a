// The two OpenAI wire formats n8n's OpenAI Chat Model node speaks through @langchain/openai: Chat Completions
// (`POST /v1/chat/completions`) and the Responses API (`POST /v1/responses`, the node's default from its
// version 1.3), each as one JSON answer or as server-sent events when the request says `stream: true`.
// Reading: the conversation a request carries (user text, assistant turns, tool calls and tool results, the tools
// offered). Writing: a scripted reply (tool calls or a final text) in the request's format.
// Shapes: https://platform.openai.com/docs/api-reference/chat/create and
// https://platform.openai.com/docs/api-reference/responses/create (streaming events:
// https://platform.openai.com/docs/api-reference/responses-streaming).

export type WireApi = 'chat' | 'responses';

/** A tool the request offered the model. */
export interface OfferedTool {
	name: string;
	description: string;
	/** JSON schema of the arguments. */
	parameters: unknown;
}

/** A tool call the model made earlier in the conversation. */
export interface PastToolCall {
	callId: string;
	tool: string;
	args: unknown;
}

/** A tool result the request hands back to the model, with the call it answers. */
export interface ToolResult {
	callId: string;
	tool: string;
	/** The text n8n sent as the tool's output. */
	content: string;
}

/** What a request says, in either format. */
export interface ReadConversation {
	/** All user (and system) text, joined: where a scenario's tag is found. */
	userText: string;
	/** How many times the model has answered so far (maximal runs of assistant messages and tool calls). */
	assistantTurns: number;
	toolCalls: PastToolCall[];
	toolResults: ToolResult[];
	tools: OfferedTool[];
	stream: boolean;
	model: string;
}

/** The model's answer: tool calls (run by n8n, then sent back) or the final text. */
export type ModelReply = { toolCalls: Array<{ tool: string; args: Record<string, unknown> }> } | { text: string };

type Json = Record<string, any>;

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((p: Json) => (typeof p === 'string' ? p : String(p?.text ?? ''))).join('');
	return '';
}

function parseArgs(raw: unknown): unknown {
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

/** Counts maximal runs of entries for which `isAssistant` holds. */
function runsOf<T>(entries: T[], isAssistant: (e: T) => boolean): number {
	let runs = 0;
	let inRun = false;
	for (const e of entries) {
		const a = isAssistant(e);
		if (a && !inRun) runs += 1;
		inRun = a;
	}
	return runs;
}

export function readConversation(api: WireApi, body: Json): ReadConversation {
	const toolCalls: PastToolCall[] = [];
	const toolResults: ToolResult[] = [];
	const userTexts: string[] = [];
	const nameOf = (callId: string) => toolCalls.find((c) => c.callId === callId)?.tool ?? '';
	if (api === 'chat') {
		const messages: Json[] = Array.isArray(body.messages) ? body.messages : [];
		for (const m of messages) {
			if (m.role === 'user' || m.role === 'system' || m.role === 'developer') userTexts.push(textOf(m.content));
			for (const c of m.tool_calls ?? []) toolCalls.push({ callId: c.id, tool: c.function?.name, args: parseArgs(c.function?.arguments) });
			if (m.role === 'tool') toolResults.push({ callId: m.tool_call_id, tool: nameOf(m.tool_call_id), content: textOf(m.content) });
		}
		return {
			userText: userTexts.join('\n'),
			assistantTurns: runsOf(messages, (m) => m.role === 'assistant'),
			toolCalls,
			toolResults,
			tools: (body.tools ?? []).map((t: Json) => ({ name: t.function?.name, description: t.function?.description ?? '', parameters: t.function?.parameters })),
			stream: body.stream === true,
			model: String(body.model ?? ''),
		};
	}
	const input: Json[] = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : Array.isArray(body.input) ? body.input : [];
	if (typeof body.instructions === 'string') userTexts.push(body.instructions);
	for (const item of input) {
		const type = item.type ?? 'message';
		if (type === 'message' && item.role !== 'assistant') userTexts.push(textOf(item.content));
		if (type === 'function_call') toolCalls.push({ callId: item.call_id, tool: item.name, args: parseArgs(item.arguments) });
		if (type === 'function_call_output') {
			toolResults.push({ callId: item.call_id, tool: nameOf(item.call_id), content: typeof item.output === 'string' ? item.output : JSON.stringify(item.output) });
		}
	}
	return {
		userText: userTexts.join('\n'),
		assistantTurns: runsOf(input, (i) => i.type === 'function_call' || ((i.type ?? 'message') === 'message' && i.role === 'assistant')),
		toolCalls,
		toolResults,
		tools: (body.tools ?? []).filter((t: Json) => t.type === 'function').map((t: Json) => ({ name: t.name, description: t.description ?? '', parameters: t.parameters })),
		stream: body.stream === true,
		model: String(body.model ?? ''),
	};
}

/** One HTTP answer: a JSON body, or server-sent events (`events`, each `{ event?, data }`). */
export type WireAnswer = { json: unknown } | { events: Array<{ event?: string; data: unknown }> };

const USAGE_CHAT = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };
const USAGE_RESPONSES = {
	input_tokens: 100,
	input_tokens_details: { cached_tokens: 0 },
	output_tokens: 20,
	output_tokens_details: { reasoning_tokens: 0 },
	total_tokens: 120,
};

/** Writes `reply` in the request's format; `n` makes the ids unique. */
export function writeReply(api: WireApi, reply: ModelReply, opts: { n: number; model: string; stream: boolean; includeUsage: boolean }): WireAnswer {
	const { n, model, stream } = opts;
	const created = Math.floor(Date.now() / 1000);
	const calls = 'toolCalls' in reply ? reply.toolCalls.map((c, i) => ({ callId: `call_standin_${n}_${i}`, tool: c.tool, args: JSON.stringify(c.args) })) : [];
	const text = 'text' in reply ? reply.text : null;

	if (api === 'chat') {
		const id = `chatcmpl-standin-${n}`;
		const finishReason = calls.length > 0 ? 'tool_calls' : 'stop';
		const toolCalls = calls.map((c) => ({ id: c.callId, type: 'function', function: { name: c.tool, arguments: c.args } }));
		if (!stream) {
			const message = { role: 'assistant', content: text, refusal: null, ...(calls.length > 0 ? { tool_calls: toolCalls } : {}) };
			return { json: { id, object: 'chat.completion', created, model, choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }], usage: USAGE_CHAT } };
		}
		const chunk = (delta: Json, finish: string | null) => ({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
		const events: Array<{ data: unknown }> = [{ data: chunk({ role: 'assistant', content: '' }, null) }];
		if (text !== null) events.push({ data: chunk({ content: text }, null) });
		calls.forEach((c, index) => events.push({ data: chunk({ tool_calls: [{ index, id: c.callId, type: 'function', function: { name: c.tool, arguments: c.args } }] }, null) }));
		events.push({ data: chunk({}, finishReason) });
		if (opts.includeUsage) events.push({ data: { id, object: 'chat.completion.chunk', created, model, choices: [], usage: USAGE_CHAT } });
		events.push({ data: '[DONE]' });
		return { events };
	}

	const id = `resp_standin_${n}`;
	const output: Json[] = calls.map((c, i) => ({ type: 'function_call', id: `fc_standin_${n}_${i}`, call_id: c.callId, name: c.tool, arguments: c.args, status: 'completed' }));
	if (text !== null) {
		output.push({ type: 'message', id: `msg_standin_${n}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] });
	}
	const response = (status: string, out: Json[], usage: unknown) => ({
		id,
		object: 'response',
		created_at: created,
		status,
		error: null,
		incomplete_details: null,
		instructions: null,
		metadata: {},
		model,
		output: out,
		parallel_tool_calls: true,
		tool_choice: 'auto',
		tools: [],
		text: { format: { type: 'text' } },
		usage,
	});
	if (!stream) return { json: response('completed', output, USAGE_RESPONSES) };
	let seq = 0;
	const ev = (type: string, fields: Json) => ({ event: type, data: { type, sequence_number: seq++, ...fields } });
	const events = [ev('response.created', { response: response('in_progress', [], null) })];
	output.forEach((item, outputIndex) => {
		if (item.type === 'function_call') {
			events.push(ev('response.output_item.added', { output_index: outputIndex, item: { ...item, arguments: '', status: 'in_progress' } }));
			events.push(ev('response.function_call_arguments.delta', { item_id: item.id, output_index: outputIndex, delta: item.arguments }));
			events.push(ev('response.function_call_arguments.done', { item_id: item.id, output_index: outputIndex, arguments: item.arguments }));
		} else {
			const part = item.content[0];
			events.push(ev('response.output_item.added', { output_index: outputIndex, item: { ...item, content: [], status: 'in_progress' } }));
			events.push(ev('response.content_part.added', { item_id: item.id, output_index: outputIndex, content_index: 0, part: { ...part, text: '' } }));
			events.push(ev('response.output_text.delta', { item_id: item.id, output_index: outputIndex, content_index: 0, delta: part.text }));
			events.push(ev('response.output_text.done', { item_id: item.id, output_index: outputIndex, content_index: 0, text: part.text }));
			events.push(ev('response.content_part.done', { item_id: item.id, output_index: outputIndex, content_index: 0, part }));
		}
		events.push(ev('response.output_item.done', { output_index: outputIndex, item }));
	});
	events.push(ev('response.completed', { response: response('completed', output, USAGE_RESPONSES) }));
	return { events };
}

/** An error in OpenAI's shape (the SDK reads `error.message`). */
export function wireError(message: string): { error: { message: string; type: string; param: null; code: string } } {
	return { error: { message, type: 'invalid_request_error', param: null, code: 'stand_in_model' } };
}

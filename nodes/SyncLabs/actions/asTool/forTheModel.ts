// What a tool run hands the AI Agent's model. n8n passes the JSON of the node's first output to the model
// (binary is dropped) and, when the node throws, the error's message followed by "Details: <description>"
// (makeHandleToolInvocation in
// https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/execution-engine/node-execution-context/utils/get-input-connection-data.ts).
// A tool run has one item, the model's arguments, so the item numbers the node's sentences end with say nothing
// to the model; and a generation's `webhookUrl` may be this execution's signed resume URL (Wait for Webhook),
// which has no business reaching the model's provider. `outputUrl`, the finished video, stays.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Fields the model never receives. */
const NOT_FOR_THE_MODEL = ['webhookUrl'];

// "(item 0)", "of item 0", "item 0: ", "(item 0, PENDING)" → "", "", "", "(PENDING)": the forms the node's sentences use.
const ITEM_MENTIONS: Array<[RegExp, string]> = [
	[/ ?\(item \d+\)/g, ''],
	[/\(item \d+, /g, '('],
	[/ (of|for|in) (input )?item \d+\b/g, ''],
	[/\b[Ii]tem \d+: /g, ''],
	// The cost guard's sentences start with the item: "Item 0 is estimated by Sync at $0.05, …".
	[/\bItem \d+(?= )/g, 'This request'],
	[/\bitem \d+(?= )/g, 'this request'],
];

export function withoutItemNumbers(text: string): string {
	return ITEM_MENTIONS.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** The error as the model reads it: the node's message and hint without item numbers (the error object is reused). */
export function errorForTheModel(error: unknown): unknown {
	if (!(error instanceof Error)) return error;
	error.message = withoutItemNumbers(error.message);
	const withDescription = error as Error & { description?: unknown };
	if (typeof withDescription.description === 'string') withDescription.description = withoutItemNumbers(withDescription.description);
	return error;
}

const SENTENCE_FIELDS = ['error', 'errorDescription', 'message', 'description'];

function jsonForTheModel(json: IDataObject, inErrorObject = false): IDataObject {
	const lean: IDataObject = {};
	for (const [key, value] of Object.entries(json)) {
		if (NOT_FOR_THE_MODEL.includes(key)) continue;
		// The error output's item nests its sentences and item index in an `error` object (actions/common/itemErrors.ts).
		if (inErrorObject && key === 'itemIndex') continue;
		if (key === 'error' && !inErrorObject && typeof value === 'object' && value !== null && !Array.isArray(value)) {
			lean[key] = jsonForTheModel(value as IDataObject, true);
			continue;
		}
		// An error item of On Error = Continue (actions/common/itemErrors.ts): its sentences, like a thrown error's.
		lean[key] = typeof value === 'string' && SENTENCE_FIELDS.includes(key) && (inErrorObject || key !== 'description') ? withoutItemNumbers(value) : value;
	}
	return lean;
}

/** The output items as the model receives them. */
export function itemsForTheModel(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item) => ({ ...item, json: jsonForTheModel(item.json) }));
}

// An Idempotency Key the user sets (one text for every item, or an expression) can come out the same for two items
// of a run. Sync returns the first request's result when a key comes again with the same request, and refuses the
// key with any other request (409 IDEMPOTENCY_KEY_REUSED, docs/sync-api.md#idempotency-keys), but only after the
// first item was created and billed. So every keyed request of the run is compared before the first is sent: the
// same key with the same request is a legitimate repeat and goes on; with another request the later item is refused.
// Automatic keys name their item (actions/generation/submitGeneration.ts defaultIdempotencyKey) and never meet.
import type { IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { invalidInput } from './validation';

export interface KeyedRequest {
	itemIndex: number;
	/** The key as sent. */
	key: string;
	/** The request body as sent, before any binary input is uploaded. */
	body: object;
	/**
	 * How many binary inputs the request carries. Each item's file is sent or uploaded on its own (an upload gives
	 * it its own asset ID), and how Sync compares multipart forms is not documented: never the same request.
	 */
	binaryInputs?: number;
	/** How the message shows the key, when it is not the key as sent (Dub: the key given and the language appended). */
	shownKey?: string;
}

/** Stable JSON: object keys sorted, undefined fields left out, as a JSON body carries them. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const fields = value as Record<string, unknown>;
		return `{${Object.keys(fields)
			.sort()
			.filter((name) => fields[name] !== undefined)
			.map((name) => `${JSON.stringify(name)}:${canonical(fields[name])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** The body fields in which two requests differ, or that they carry a binary input. */
function differences(a: KeyedRequest, b: KeyedRequest): string[] {
	const first = a.body as Record<string, unknown>;
	const second = b.body as Record<string, unknown>;
	const names = [...new Set([...Object.keys(first), ...Object.keys(second)])].sort();
	const fields = names.filter((name) => canonical(first[name]) !== canonical(second[name]));
	if ((a.binaryInputs ?? 0) > 0 || (b.binaryInputs ?? 0) > 0) fields.push('a binary input, which each item sends on its own');
	return fields;
}

/**
 * The refusal of every request whose key an earlier item of the run sends with another request, one per item, in
 * item order. `made` names what the create makes ("generation", "speech job").
 */
export function reusedKeyRefusals(ctx: IExecuteFunctions, requests: KeyedRequest[], made: string): Array<{ itemIndex: number; error: NodeOperationError }> {
	const firstWithKey = new Map<string, KeyedRequest>();
	const refusals = new Map<number, NodeOperationError>();
	for (const request of [...requests].sort((a, b) => a.itemIndex - b.itemIndex)) {
		const first = firstWithKey.get(request.key);
		if (!first) {
			firstWithKey.set(request.key, request);
			continue;
		}
		const differ = differences(first, request);
		if (first.itemIndex === request.itemIndex || differ.length === 0 || refusals.has(request.itemIndex)) continue;
		const error = invalidInput(
			ctx,
			request.itemIndex,
			'Idempotency Key',
			`is ${request.shownKey ?? `"${request.key}"`}, the key item ${first.itemIndex} sends with a different request (${differ.join(', ')}); Sync Labs refuses a key reused with another request, after item ${first.itemIndex}'s ${made} is made`,
		);
		error.description =
			`Sync Labs returns the ${made} made with a key when the same request comes again with it, and refuses the key with any other request (409 IDEMPOTENCY_KEY_REUSED). ` +
			`Give each item its own key (for example from an expression such as {{ $json.orderId }}), or leave "Idempotency Key" empty for an automatic key per item. Nothing was sent for item ${request.itemIndex}.`;
		refusals.set(request.itemIndex, error);
	}
	return [...refusals].sort(([a], [b]) => a - b).map(([itemIndex, error]) => ({ itemIndex, error }));
}

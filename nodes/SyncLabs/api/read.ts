// How the client reads Sync's answers. Strict: an object that does not match its schema is an error naming the
// object (the action node: the user must not get half an object). Tolerant: it is kept as Sync sent it, without
// its typed form (the Polling Trigger and the editor's lists: one malformed object must not stop every later
// poll or empty a dropdown). Either way a list is a bare array or `{ items: [...] }`, and any other body is an
// error, never an empty list (docs/sync-api.md#quirks, item 18): a list read as empty would silence the Polling
// Trigger's safety net.
import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';
import type { z } from 'zod';
import { parseResponse } from '../schemas/parseResponse';
import type { CallOptions } from './send';

export type ParseMode = 'strict' | 'tolerant';

/** How the caller reads an endpoint's objects; strict unless it says otherwise. */
export interface ReadOptions extends CallOptions {
	parse?: ParseMode;
}

/** An object of a tolerant read: what Sync sent, and its typed form when it matched its schema. */
export interface Tolerated<T> {
	raw: IDataObject;
	value: (T & IDataObject) | null;
}

type Ctx = { getNode(): INode };

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function strictObject<S extends z.ZodTypeAny>(ctx: Ctx, schema: S, answer: unknown, what: string, itemIndex = 0): z.infer<S> & IDataObject {
	return parseResponse(ctx, schema, answer, what, itemIndex);
}

/** Undefined when the answer is not an object at all (nothing to keep). */
export function tolerantObject<S extends z.ZodTypeAny>(schema: S, answer: unknown): Tolerated<z.infer<S>> | undefined {
	if (!isObject(answer)) return undefined;
	const parsed = schema.safeParse(answer);
	return { raw: answer, value: parsed.success ? (parsed.data as z.infer<S> & IDataObject) : null };
}

/** The elements of a list answer: a bare array or `{ items: [...] }`; anything else is an error. */
export function listElements(ctx: Ctx, answer: unknown, what: string, itemIndex = 0): unknown[] {
	if (Array.isArray(answer)) return answer;
	if (isObject(answer) && Array.isArray(answer.items)) return answer.items;
	const found = isObject(answer) ? `an object with the fields ${Object.keys(answer).slice(0, 5).join(', ') || '(none)'}` : answer === null ? 'null' : typeof answer;
	throw new NodeOperationError(ctx.getNode(), `Sync Labs returned an unexpected ${what} list: a list is an array or an object with "items", the answer was ${found}`, {
		itemIndex,
	});
}

export function strictList<S extends z.ZodTypeAny>(ctx: Ctx, schema: S, answer: unknown, what: string, itemIndex = 0): Array<z.infer<S> & IDataObject> {
	return listElements(ctx, answer, what, itemIndex).map((element) => strictObject(ctx, schema, element, what, itemIndex));
}

/** Elements that are not objects are left out (they name nothing a caller could track). */
export function tolerantList<S extends z.ZodTypeAny>(ctx: Ctx, schema: S, answer: unknown, what: string, itemIndex = 0): Array<Tolerated<z.infer<S>>> {
	return listElements(ctx, answer, what, itemIndex)
		.map((element) => tolerantObject(schema, element))
		.filter((element): element is Tolerated<z.infer<S>> => element !== undefined);
}

/** The next-page cursor of a `{ items, nextCursor }` answer (undefined at the end, or for a bare array). */
export function nextCursorOf(answer: unknown): string | undefined {
	const cursor = isObject(answer) ? answer.nextCursor : undefined;
	return typeof cursor === 'string' && cursor !== '' ? cursor : undefined;
}

// The one place the nodes read their parameters (test/parameters/onlyTheReaderReads.test.cts keeps it so):
// n8n resolves the expression, then the parameter's kind (registry.ts) turns the result into the value the
// node uses, or refuses it with one sentence naming the field and the item (refusal.ts), before any request.
// n8n itself checks a resolved value only for parameters that declare `validateType` (n8n-core's
// validateValueAgainstSchema), and none here does: docs/parameters-from-expressions.md.
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeProperties,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { coerceField, coerceSwitch, type SwitchLookup } from './coerce';
import type { KindName } from './kinds';
import { fieldOf, kindOf } from './registry';
import { refusal } from './refusal';
import { unwrapLocator } from './givenValue';

/** Every context the nodes read parameters in: an action's items, a webhook, a poll, a dropdown being filled. */
export type ParameterContext = IExecuteFunctions | IWebhookFunctions | IPollFunctions | ILoadOptionsFunctions;

interface ValueOfKind {
	switch: boolean;
	number: number;
	text: string;
	list: string[];
	/** undefined when the field was empty text or null. */
	json: unknown;
	choice: string;
	openChoice: string;
	/** ISO 8601; undefined when the field was empty text or null. */
	dateTime: string | undefined;
	collection: IDataObject;
	fixedCollection: IDataObject;
	notice: never;
}

function isExpression(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('=');
}

/** What n8n resolved the parameter to; an absent parameter, or an expression that resolved to nothing, is its default. */
function resolved(ctx: ParameterContext, itemIndex: number | undefined, declaration: INodeProperties): unknown {
	// The fallback goes through n8n's expression resolution too, so a default like "={{ $json.request_id }}" works.
	const fallback = declaration.default;
	const value =
		itemIndex === undefined
			? (ctx as IWebhookFunctions).getNodeParameter(declaration.name, fallback)
			: (ctx as IExecuteFunctions).getNodeParameter(declaration.name, itemIndex, fallback);
	// An expression default left unevaluated would be read as its own text: nothing is nothing then.
	return value === undefined && !isExpression(fallback) ? fallback : value;
}

/**
 * Reads one parameter by its declaration. `itemIndex` is undefined where there are no items (webhook, poll,
 * dropdown): the refusal then names no item. `siblings` holds the switch an open choice may depend on.
 */
export function readParameter(
	ctx: ParameterContext,
	itemIndex: number | undefined,
	declaration: INodeProperties,
	siblings: INodeProperties[] = [],
): unknown {
	const field = fieldOf(declaration);
	const raw = resolved(ctx, itemIndex, declaration);
	const value = field.kind.kind === 'text' ? unwrapLocator(raw) : raw;
	const isSwitchOn: SwitchLookup = (name) => {
		const sibling = siblings.find((candidate) => candidate.name === name);
		if (sibling === undefined) throw new Error(`${declaration.displayName} depends on the switch "${name}", which is not among its siblings`);
		return coerceSwitch(sibling.displayName, resolved(ctx, itemIndex, sibling));
	};
	const result = coerceField(field, value, isSwitchOn);
	if (!result.ok) throw refusal(ctx, itemIndex, result.field, result.problem);
	return result.value;
}

/**
 * One option of a collection, read by its kind; undefined when it is not set. For a setting the node reads
 * once from item 0 (Concurrency): the item's other options are read, and refused, with the item itself.
 */
export function readOption(ctx: ParameterContext, itemIndex: number | undefined, collection: INodeProperties, name: string): unknown {
	const raw = resolved(ctx, itemIndex, collection);
	const options = (collection.options ?? []) as INodeProperties[];
	const declaration = options.find((option) => option.name === name);
	if (collection.type !== 'collection' || declaration === undefined) throw new Error(`${collection.displayName} has no option "${name}"`);
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return readParameter(ctx, itemIndex, collection);
	const value = (raw as Record<string, unknown>)[name];
	if (value === undefined) return undefined;
	const result = coerceField(fieldOf(declaration), value);
	if (!result.ok) throw refusal(ctx, itemIndex, result.field, result.problem);
	return result.value;
}

function readAs<K extends KindName>(
	ctx: ParameterContext,
	itemIndex: number | undefined,
	declaration: INodeProperties,
	kinds: K[],
	siblings?: INodeProperties[],
): ValueOfKind[K] {
	const { kind } = kindOf(declaration);
	if (!(kinds as KindName[]).includes(kind)) {
		throw new Error(`${declaration.displayName} is read as ${kinds.join(' or ')}, but its kind is ${kind}`);
	}
	return readParameter(ctx, itemIndex, declaration, siblings) as ValueOfKind[K];
}

/** The reads of one operation (or trigger) for one item, by parameter name among its declarations. */
export interface ParameterReader {
	switch(name: string): boolean;
	number(name: string): number;
	text(name: string): string;
	list(name: string): string[];
	/** The parsed object or array; undefined when the field was empty text or null. */
	json(name: string): unknown;
	/** One of the dropdown's values (or, for an open choice, another value it allows). */
	choice<T extends string = string>(name: string): T;
	/** ISO 8601; undefined when the field was empty text or null. */
	dateTime(name: string): string | undefined;
	/** Its options, each read by its own kind; options it does not declare are left out. */
	collection<T extends object = IDataObject>(name: string): T;
	/** One option of the collection `name`, read by its kind; undefined when not set. */
	option<T = unknown>(name: string, option: string): T | undefined;
}

export function readerFor(ctx: ParameterContext, itemIndex: number | undefined, declarations: INodeProperties[]): ParameterReader {
	const declared = (name: string): INodeProperties => {
		const found = declarations.filter((declaration) => declaration.name === name);
		if (found.length === 0) throw new Error(`No parameter named "${name}" is declared here`);
		if (found.some((declaration) => kindOf(declaration).kind !== kindOf(found[0]).kind)) {
			throw new Error(`The parameters named "${name}" declared here differ in kind: read them by declaration`);
		}
		return found[0];
	};
	const read = <K extends KindName>(name: string, kinds: K[]) => readAs(ctx, itemIndex, declared(name), kinds, declarations);
	return {
		switch: (name) => read(name, ['switch']),
		number: (name) => read(name, ['number']),
		text: (name) => read(name, ['text']),
		list: (name) => read(name, ['list']),
		json: (name) => read(name, ['json']),
		choice: <T extends string>(name: string) => read(name, ['choice', 'openChoice']) as T,
		dateTime: (name) => read(name, ['dateTime']),
		collection: <T extends object>(name: string) => read(name, ['collection', 'fixedCollection']) as unknown as T,
		option: <T>(name: string, option: string) => readOption(ctx, itemIndex, declared(name), option) as T | undefined,
	};
}

/**
 * Whether a top-level parameter is saved as an expression (its raw value starts with "="), so each item may
 * resolve it to another value. Reads the saved workflow, not a resolved value.
 */
export function isSetByExpression(ctx: { getNode(): { parameters: Record<string, unknown> } }, name: string): boolean {
	const raw: unknown = ctx.getNode().parameters[name];
	return typeof raw === 'string' && raw.startsWith('=');
}

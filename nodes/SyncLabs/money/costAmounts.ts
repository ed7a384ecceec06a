// What the node outputs for a recorded cost: Sync's decimal strings kept as they are, each followed by the same
// amount as a JSON number rounded to six decimals (`totalCostUsd: "0.083333"`, `totalCostUsdNumber: 0.083333`),
// which an IF, a Summarize or a spreadsheet can use directly. Only the parts Sync documents are given numbers
// (lipsync, dubbing, speech_synthesis: docs/sync-api-2026.md#costs); a part of another kind or shape passes
// through untouched, since its amounts may mean something else.
import type { IDataObject } from 'n8n-workflow';
import { microsToUsdNumber, tryParseUsdToMicros } from './microDollars';

/** The suffix of the number added next to each dollar amount. */
export const NUMBER_SUFFIX = 'Number';

/** Part kinds whose amounts are dollars as the totals are: Sync's names, and `speech` as some pages spell it. */
export const KNOWN_COST_PARTS = new Set(['lipsync', 'dubbing', 'speech_synthesis', 'speech']);

/** The amount as a number with at most six decimals; null for null, no amount, or text that is not one. */
export function usdNumber(value: unknown): number | null {
	const micros = tryParseUsdToMicros(value);
	return micros === undefined ? null : microsToUsdNumber(micros);
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy with `<name>Number` right after every field whose name ends in "Usd" (and after `always`, even if absent). */
function withNumbers(object: IDataObject, always: string[] = []): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(object)) {
		out[key] = value;
		if (key.endsWith('Usd') && !(`${key}${NUMBER_SUFFIX}` in object)) out[`${key}${NUMBER_SUFFIX}`] = usdNumber(value);
	}
	for (const key of always) if (!(key in out)) out[`${key}${NUMBER_SUFFIX}`] = null;
	return out;
}

/** A value an amount may be: Sync's decimal text, a number, or null while unknown. */
const isAmountLike = (value: unknown) => value === null || typeof value === 'string' || typeof value === 'number';

/** A part of a kind Sync documents whose amounts are all amount-like: any other shape passes through untouched. */
function isKnownPart(part: unknown): part is IDataObject {
	if (!isObject(part) || typeof part.type !== 'string' || !KNOWN_COST_PARTS.has(part.type)) return false;
	return Object.entries(part).every(([key, value]) => !key.endsWith('Usd') || isAmountLike(value));
}

/** A cost object (or a usage row) as the node outputs it: totals and known parts with their numbers added. */
export function withAmountNumbers<T extends IDataObject>(cost: T): T & IDataObject {
	const out = withNumbers(cost, ['totalCostUsd', 'knownSubtotalUsd']);
	if (Array.isArray(cost.components)) {
		out.components = cost.components.map((part: unknown) => (isKnownPart(part) ? withNumbers(part) : part)) as IDataObject[];
	}
	return out as T & IDataObject;
}

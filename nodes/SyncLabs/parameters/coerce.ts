// The rule of each kind: what an expression may resolve to, and the value the node then uses. Pure: a value
// is either accepted (and returned as the node sends it) or refused with the rest of the sentence that names
// the field (refusal.ts). n8n checks none of this at run time for parameters without `validateType`, and its
// own helpers coerce the wrong way ("false" as a switch is true, "" as a number is 0):
// docs/parameters-from-expressions.md has the table and the pitfalls.
import { readDateText } from './dateText';
import { describeGiven, isDateTimeObject, unwrapLocator } from './givenValue';
import type {
	ChoiceKind,
	CollectionKind,
	Field,
	FixedCollectionKind,
	JsonKind,
	ListKind,
	NumberKind,
	OpenChoiceKind,
	TextKind,
} from './kinds';

/**
 * A refusal carries the rest of the sentence after the field's name (`problem`); when it is about the value
 * given, also the part after that value's view (`why`), so a list can say which of its values is wrong.
 */
export type Coerced<T = unknown> = { ok: true; value: T } | { ok: false; field: string; problem: string; why?: string };

/** Whether the switch of that name (a sibling of an open choice) is on; it is read by the same rules. */
export type SwitchLookup = (name: string) => Coerced<boolean>;

const noSwitches: SwitchLookup = () => ({ ok: true, value: false });

function accept<T>(value: T): Coerced<T> {
	return { ok: true, value };
}

function refuse(field: string, problem: string): Coerced<never> {
	return { ok: false, field, problem };
}

/** "<field> is <what was given><why>", e.g. why = ", which is neither true nor false". */
function refuseGiven(field: string, value: unknown, why: string): Coerced<never> {
	return { ok: false, field, problem: `is ${describeGiven(value)}${why}`, why };
}

export function coerceSwitch(label: string, value: unknown): Coerced<boolean> {
	if (typeof value === 'boolean') return accept(value);
	// Text from a form, a sheet or an AI agent's $fromAI; n8n's own ensureType('boolean') would read "false" as true.
	if (typeof value === 'string') {
		const word = value.trim().toLowerCase();
		if (word === 'true' || word === 'false') return accept(word === 'true');
	}
	return refuseGiven(label, value, ', which is neither true nor false');
}

/** Decimal notation only: no hexadecimal, binary, "Infinity" or blank text, which Number() would also read. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function rangeText(kind: NumberKind): string {
	const what = kind.integer ? 'a whole number' : 'a number';
	if (kind.min !== undefined && kind.max !== undefined) return `${what} from ${kind.min} to ${kind.max}`;
	if (kind.min !== undefined) return `${what} of at least ${kind.min}`;
	if (kind.max !== undefined) return `${what} of at most ${kind.max}`;
	return what;
}

export function coerceNumber(label: string, kind: NumberKind, value: unknown): Coerced<number> {
	let n: number | undefined;
	if (typeof value === 'number') n = value;
	else if (typeof value === 'string' && DECIMAL.test(value.trim())) n = Number(value.trim());
	if (n === undefined || !Number.isFinite(n)) {
		// n8n's validateType('number') would read empty text as 0; here it is refused like any other non-number.
		return refuseGiven(label, value, `, which is not a number; it must be ${rangeText(kind)}`);
	}
	const outside = (kind.min !== undefined && n < kind.min) || (kind.max !== undefined && n > kind.max);
	if (outside || (kind.integer && !Number.isInteger(n))) return refuseGiven(label, value, `; it must be ${rangeText(kind)}`);
	return accept(n);
}

/**
 * Blank characters at either end: what trim() removes, and the zero-width ones it keeps (U+200B to U+200D, U+2060),
 * which text copied from a web page or a chat can carry invisibly around an ID.
 */
const EDGE_BLANKS = /^[\s\u200B-\u200D\u2060]+|[\s\u200B-\u200D\u2060]+$/g;

export function coerceText(label: string, kind: TextKind, value: unknown): Coerced<string> {
	let text: string;
	if (value === null || value === undefined) text = '';
	else if (typeof value === 'string') text = value.replace(EDGE_BLANKS, '');
	else if (typeof value === 'number' && kind.numbers) {
		// An order number, a row number: its decimal digits. A number too large to hold them exactly (or one
		// JavaScript writes with an exponent) has already lost them, so it is refused rather than sent changed.
		const decimal = String(value);
		if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)) || /e/i.test(decimal)) {
			return refuseGiven(label, value, ', which cannot be written exactly in decimal digits; give it as text');
		}
		text = decimal;
	} else {
		return refuseGiven(label, value, `; it must be text${kind.numbers ? ' or a number' : ''}`);
	}
	// A URL path drops the segments "." and "..", encoded or not (WHATWG URL), so such an ID would ask Sync for
	// another endpoint: GET /v2/generate/ instead of a generation. As a name or key it names nothing either.
	if (kind.numbers && (text === '.' || text === '..')) {
		return refuseGiven(label, value, ', which names nothing: a URL path drops "." and "..", so Sync would be asked for another endpoint');
	}
	if (kind.required && text === '') {
		if (typeof value === 'string' && value.length > 0) {
			return refuse(label, `is required, but holds only ${value.length} blank character${value.length === 1 ? '' : 's'}`);
		}
		return refuse(label, value === null ? 'is required, but is null' : 'is required');
	}
	return accept(text);
}

export function coerceChoice(label: string, kind: ChoiceKind | OpenChoiceKind, value: unknown, isSwitchOn: SwitchLookup = noSwitches): Coerced<string> {
	const given = typeof value === 'string' ? (kind.ignoreCase ? value.trim().toLowerCase() : value) : undefined;
	if (given !== undefined && kind.values.includes(given)) return accept(given);
	const why = `, which is none of ${kind.values.join(', ')}`;
	if (kind.kind === 'choice' || given === undefined || given.trim() === '') return refuseGiven(label, value, why);
	const { otherValues } = kind;
	if ('pattern' in otherValues) return otherValues.pattern.test(given) ? accept(given) : refuseGiven(label, value, `${why}; ${otherValues.rule}`);
	const on = isSwitchOn(otherValues.switch);
	if (!on.ok) return on;
	return on.value ? accept(given) : refuseGiven(label, value, `${why}; ${otherValues.rule}`);
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

export function coerceList(label: string, kind: ListKind, value: unknown, isSwitchOn: SwitchLookup = noSwitches): Coerced<string[]> {
	let entries: unknown[];
	// Empty text or null: no values (an empty filter), as the multi-select left empty.
	if (value === null || value === undefined) entries = [];
	else if (typeof value === 'string' && value.trim().startsWith('[')) {
		// A list written as JSON ('["a","b"]'), as an AI agent's $fromAI or a sheet cell often gives it: read as that
		// list, never split on its commas into '["a"' and '"b"]'.
		const parsed = parseJson(value);
		if (!Array.isArray(parsed)) return refuseGiven(label, value, ', which starts like a JSON list but is not one; give a list, or the values separated by commas');
		entries = parsed;
	} else if (typeof value === 'string') entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
	else if (Array.isArray(value)) entries = value;
	else return refuseGiven(label, value, '; it must be a list, or text with the values separated by commas');

	const out: string[] = [];
	for (const entry of entries) {
		const element =
			kind.element.kind === 'text' ? coerceText(label, { ...kind.element, required: false }, entry) : coerceChoice(label, kind.element, entry, isSwitchOn);
		if (!element.ok) return element.why === undefined ? element : refuse(label, `has ${describeGiven(entry)} among its values${element.why}`);
		if (element.value !== '') out.push(element.value);
	}
	return accept(out);
}

export function coerceJson(label: string, kind: JsonKind, value: unknown): Coerced<unknown> {
	const wanted = kind.shape === 'array' ? 'a JSON array' : 'a JSON object';
	// Empty text or null: no value; the operation decides whether the field may be empty.
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return accept(undefined);
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return refuse(label, `is not valid JSON (${value.length} characters; ${(error as Error).message})`);
		}
	}
	const isArray = Array.isArray(parsed);
	const fits = kind.shape === 'array' ? isArray : typeof parsed === 'object' && parsed !== null && !isArray;
	if (!fits) {
		const holding = typeof value === 'string' ? `, which holds ${describeGiven(parsed)}` : '';
		return refuseGiven(label, value, `${holding}; it must be ${wanted}, or text holding one`);
	}
	return accept(parsed);
}

export function coerceDateTime(label: string, value: unknown): Coerced<string | undefined> {
	// Empty text or null: no date (an optional filter left empty).
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return accept(undefined);
	let date: Date | undefined;
	if (value instanceof Date) date = value;
	else if (isDateTimeObject(value)) date = new Date(value.toISO() ?? NaN);
	else if (typeof value === 'string') {
		const reading = readDateText(value);
		if (!reading.ok) return refuseGiven(label, value, reading.why);
		date = reading.date;
	}
	if (date === undefined) {
		// A number is refused: seconds or milliseconds since 1970 cannot be told apart, and a wrong guess filters silently.
		return refuseGiven(label, value, '; it must be a date and time such as 2026-01-31T12:00:00Z');
	}
	if (Number.isNaN(date.getTime())) return refuseGiven(label, value, ', which is not a date and time');
	return accept(date.toISOString());
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !isDateTimeObject(value);
}

/** Reads a set of fields (a collection's options, one entry of a fixed collection): unknown keys are dropped. */
function coerceFields(fields: Field[], values: Record<string, unknown>, labelOf: (field: Field) => string): Coerced<Record<string, unknown>> {
	const siblings: SwitchLookup = (name) => {
		const field = fields.find((f) => f.name === name);
		const raw = values[name];
		return field === undefined || raw === undefined ? { ok: true, value: false } : coerceSwitch(labelOf(field), raw);
	};
	const out: Record<string, unknown> = {};
	for (const [name, raw] of Object.entries(values)) {
		// The first declaration of a name: an option listed twice for two display rules is the same option.
		const field = fields.find((f) => f.name === name);
		if (field === undefined || raw === undefined) continue;
		// A voice locator inside Additional Audio Inputs (node version 3) holds its ID as a top-level one does.
		const result = coerceField({ ...field, label: labelOf(field) }, field.kind.kind === 'text' ? unwrapLocator(raw) : raw, siblings);
		if (!result.ok) return result;
		out[name] = result.value;
	}
	return accept(out);
}

export function coerceCollection(label: string, kind: CollectionKind, value: unknown): Coerced<Record<string, unknown>> {
	if (value === undefined) return accept({});
	if (!isPlainObject(value)) return refuseGiven(label, value, '; it must be a set of options');
	return coerceFields(kind.options, value, (field) => field.label);
}

export function coerceFixedCollection(label: string, kind: FixedCollectionKind, value: unknown): Coerced<Record<string, unknown>> {
	if (value === undefined) return accept({});
	if (!isPlainObject(value)) return refuseGiven(label, value, '; it must be a set of entries');
	const out: Record<string, unknown> = {};
	for (const [name, raw] of Object.entries(value)) {
		const group = kind.groups.find((g) => g.name === name);
		if (group === undefined || raw === undefined) continue;
		// Entries are labelled as the panel shows them: "Additional Audio Inputs 2: Reference ID".
		const groupLabel = kind.groups.length === 1 ? label : `${label} → ${group.label}`;
		const entries = kind.multiple ? (Array.isArray(raw) ? raw : [raw]) : [raw];
		const read: Array<Record<string, unknown>> = [];
		for (const [n, entry] of entries.entries()) {
			const entryLabel = kind.multiple ? `${groupLabel} ${n + 1}` : groupLabel;
			if (!isPlainObject(entry)) return refuseGiven(entryLabel, entry, '; it must be a set of values');
			const result = coerceFields(group.values, entry, (field) => `${entryLabel}: ${field.label}`);
			if (!result.ok) return result;
			read.push(result.value);
		}
		out[name] = kind.multiple ? read : read[0];
	}
	return accept(out);
}

/** The value of one field by its kind. A notice has no value: reading one is a mistake in the node's code. */
export function coerceField(field: Field, value: unknown, isSwitchOn: SwitchLookup = noSwitches): Coerced {
	const { label, kind } = field;
	switch (kind.kind) {
		case 'switch':
			return coerceSwitch(label, value);
		case 'number':
			return coerceNumber(label, kind, value);
		case 'text':
			return coerceText(label, kind, value);
		case 'choice':
		case 'openChoice':
			return coerceChoice(label, kind, value, isSwitchOn);
		case 'list':
			return coerceList(label, kind, value, isSwitchOn);
		case 'json':
			return coerceJson(label, kind, value);
		case 'dateTime':
			return coerceDateTime(label, value);
		case 'collection':
			return coerceCollection(label, kind, value);
		case 'fixedCollection':
			return coerceFixedCollection(label, kind, value);
		case 'notice':
			throw new Error(`${label} is a notice and has no value to read`);
	}
}

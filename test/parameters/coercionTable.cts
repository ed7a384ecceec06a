// The coercion table of docs/parameters-from-expressions.md, written out a second time as the tests' oracle:
// for a kind and a value an expression resolved to, what the node must read (or that it must refuse it).
// Kept apart from nodes/SyncLabs/parameters/coerce.ts on purpose: the property tests compare the two.
import type { Kind } from '../../nodes/SyncLabs/parameters';

export type Reading = { accepted: true; value: unknown } | { accepted: false };

const yes = (value: unknown): Reading => ({ accepted: true, value });
const no: Reading = { accepted: false };

const isText = (value: unknown): value is string => typeof value === 'string';
const isBlank = (value: unknown) => value === null || value === undefined || (isText(value) && value.trim() === '');
const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Numbers: a JavaScript number, or decimal digits as text (sign, point and exponent allowed, nothing else). */
function asNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (isText(value) && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
	return undefined;
}

/** Text of an ID, name or key: text trimmed; a number whose decimal digits are exact. */
function asText(value: unknown, numbers: boolean): string | undefined {
	if (value === null || value === undefined) return '';
	if (isText(value)) return value.trim();
	if (numbers && typeof value === 'number' && Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value)) && !String(value).includes('e')) {
		return String(value);
	}
	return undefined;
}

export function expectedReading(kind: Kind, value: unknown, otherValuesAllowed = false): Reading {
	switch (kind.kind) {
		case 'switch':
			if (typeof value === 'boolean') return yes(value);
			if (isText(value) && /^\s*(true|false)\s*$/i.test(value)) return yes(value.trim().toLowerCase() === 'true');
			return no;
		case 'number': {
			const n = asNumber(value);
			if (n === undefined) return no;
			if (kind.min !== undefined && n < kind.min) return no;
			if (kind.max !== undefined && n > kind.max) return no;
			if (kind.integer && !Number.isInteger(n)) return no;
			return yes(n);
		}
		case 'text': {
			const text = asText(value, kind.numbers);
			if (text === undefined || (kind.required && text === '')) return no;
			return yes(text);
		}
		case 'choice':
		case 'openChoice': {
			if (!isText(value)) return no;
			const given = kind.ignoreCase ? value.trim().toLowerCase() : value;
			if (kind.values.includes(given)) return yes(given);
			if (kind.kind === 'choice' || given.trim() === '') return no;
			const others = kind.otherValues;
			return ('pattern' in others ? others.pattern.test(given) : otherValuesAllowed) ? yes(given) : no;
		}
		case 'list': {
			let entries: unknown[];
			if (value === null || value === undefined) entries = [];
			else if (isText(value)) entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
			else if (Array.isArray(value)) entries = value;
			else return no;
			const read = entries.map((entry) => expectedReading(kind.element.kind === 'text' ? { ...kind.element, required: false } : kind.element, entry, otherValuesAllowed));
			if (read.some((r) => !r.accepted)) return no;
			return yes(read.map((r) => (r as { value: string }).value).filter((v) => v !== ''));
		}
		case 'json': {
			if (isBlank(value)) return yes(undefined);
			let parsed = value;
			if (isText(value)) {
				try {
					parsed = JSON.parse(value);
				} catch {
					return no;
				}
			}
			return (kind.shape === 'array' ? Array.isArray(parsed) : isObject(parsed)) ? yes(parsed) : no;
		}
		case 'dateTime': {
			if (isBlank(value)) return yes(undefined);
			// Text must name a date: not digits alone, with a four-digit year, an ISO day its month has.
			if (isText(value)) {
				const text = value.trim();
				if (/^[+-]?[\d.]+$/.test(text) || !/(^|\D)\d{4}(\D|$)/.test(text)) return no;
				const iso = /^(\d{4})-(\d\d)-(\d\d)/.exec(text);
				if (iso && new Date(Date.UTC(+iso[1], +iso[2] - 1, +iso[3])).getUTCDate() !== +iso[3]) return no;
			}
			const date = value instanceof Date ? value : isText(value) ? new Date(value.trim()) : undefined;
			return date && !Number.isNaN(date.getTime()) ? yes(date.toISOString()) : no;
		}
		case 'collection': {
			if (value === undefined) return yes({});
			if (!isObject(value)) return no;
			const out: Record<string, unknown> = {};
			for (const [name, raw] of Object.entries(value)) {
				const option = kind.options.find((o) => o.name === name);
				if (!option || raw === undefined) continue;
				const read = expectedReading(option.kind, raw);
				if (!read.accepted) return no;
				out[name] = read.value;
			}
			return yes(out);
		}
		case 'fixedCollection': {
			if (value === undefined) return yes({});
			if (!isObject(value)) return no;
			const out: Record<string, unknown> = {};
			for (const [name, raw] of Object.entries(value)) {
				const group = kind.groups.find((g) => g.name === name);
				if (!group || raw === undefined) continue;
				const entries = kind.multiple ? (Array.isArray(raw) ? raw : [raw]) : [raw];
				const read: Array<Record<string, unknown>> = [];
				for (const entry of entries) {
					const one = expectedReading({ kind: 'collection', options: group.values }, entry);
					if (!one.accepted || !isObject(entry)) return no;
					read.push(one.value as Record<string, unknown>);
				}
				out[name] = kind.multiple ? read : read[0];
			}
			return yes(out);
		}
		case 'notice':
			return no;
	}
}

/** The values every parameter is fed: one of each odd type an expression (a form, a sheet, $fromAI) may give. */
export const ODD_VALUES: ReadonlyArray<{ name: string; value: unknown }> = [
	{ name: 'a number', value: 1 },
	{ name: 'numeric text', value: '1' },
	{ name: 'the text "true"', value: 'true' },
	{ name: 'the text "false"', value: 'false' },
	{ name: 'other text', value: 'abc' },
	{ name: 'an array', value: ['a', 'b'] },
	{ name: 'an object', value: { a: 1 } },
	{ name: 'null', value: null },
	{ name: 'empty text', value: '' },
];

/** Words a refusal uses to say what it was given (parameters/givenValue.ts). */
export const GIVEN_WORDS = /the text|empty text|blank character|the number|the boolean|a list of|an empty list|an object|an empty object|null|is required|is not valid JSON|the date/;

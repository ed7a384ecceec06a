// How a refusal shows what a parameter was given: its type in words and a short view, so a user can find the
// expression at fault ("the text "7200"", "the number 5", "a list of 2 values [...]"). Parameters hold no
// secrets (those live in the credential), and long values are cut, so the view never floods an error.

const MAX_VIEW = 40;

function cut(text: string): string {
	return text.length > MAX_VIEW ? `${text.slice(0, MAX_VIEW)}…` : text;
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A Luxon DateTime (n8n's `$now`, `DateTime.fromISO(...)`), recognised without importing Luxon. */
export function isDateTimeObject(value: unknown): value is { toISO(): string | null } {
	return typeof value === 'object' && value !== null && (value as { isLuxonDateTime?: unknown }).isLuxonDateTime === true;
}

/** "the text "abc"", "empty text", "the number 5", "the boolean true", "a list of 2 values [1,2]", "an object {...}", "null". */
export function describeGiven(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (typeof value === 'string') {
		if (value === '') return 'empty text';
		if (value.trim() === '') return `text of ${plural(value.length, 'blank character')}`;
		return value.length > MAX_VIEW ? `the text "${cut(value)}" (${plural(value.length, 'character')})` : `the text "${value}"`;
	}
	if (typeof value === 'number') return `the number ${String(value)}`;
	if (typeof value === 'boolean') return `the boolean ${String(value)}`;
	if (value instanceof Date) return `the date ${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()}`;
	if (isDateTimeObject(value)) return `the date ${value.toISO() ?? 'Invalid DateTime'}`;
	if (Array.isArray(value)) {
		return value.length === 0 ? 'an empty list' : `a list of ${plural(value.length, 'value')} ${cut(JSON.stringify(value) ?? '')}`;
	}
	if (typeof value === 'object') {
		return Object.keys(value).length === 0 ? 'an empty object' : `an object ${cut(JSON.stringify(value) ?? '')}`;
	}
	return `a value of type ${typeof value}`;
}

/**
 * A resource locator's value (`{ __rl, mode, value }`: version 2's ID fields, version 3's voice fields, also
 * inside a fixed collection) is the ID it holds; anything else is itself.
 */
export function unwrapLocator(value: unknown): unknown {
	return typeof value === 'object' && value !== null && (value as { __rl?: unknown }).__rl === true ? (value as { value?: unknown }).value : value;
}

// Dollar amounts as whole micro-dollars (1 USD = 1,000,000), so sums and caps are exact: Sync gives recorded
// costs as decimal strings ("0.083333") and estimates as JSON numbers (docs/sync-api-2026.md#costs), and adding
// either as floating point drifts (0.1 + 0.2 is 0.30000000000000004). Amounts are parsed digit by digit, never
// through a float product, and kept as JavaScript numbers that are safe integers (exact up to about
// $9 billion): unlike a bigint, such a number can go into an n8n item's JSON as it is.

export const MICROS_PER_USD = 1_000_000;
const DECIMALS = 6;

/** A decimal in plain or exponent notation: sign, digits with at most one point, optional exponent. */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export class UsdAmountError extends Error {}

function describe(value: unknown): string {
	return typeof value === 'string' ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` : String(value);
}

/** Whole micro-dollars, or why the value is no dollar amount (a sentence starting with the value). */
function readMicros(value: unknown): { micros: number } | { problem: string } {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return { problem: `${describe(value)} is not a dollar amount` };
		text = String(value);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		return { problem: `${describe(value)} is not a dollar amount` };
	}
	const match = DECIMAL.exec(text);
	if (!match || (match[2] === '' && (match[3] ?? '') === '')) return { problem: `${describe(value)} is not a dollar amount` };
	const tooLarge = { problem: `${describe(value)} is too large to count in micro-dollars` };
	const [, sign, whole, fraction = '', exponentText = '0'] = match;
	const exponent = Number(exponentText);
	if (!Number.isSafeInteger(exponent) || exponent > 30) return tooLarge;
	const digits = (whole + fraction).replace(/^0+(?=\d)/, '');
	// Where the decimal point falls in `digits` once the exponent is applied, then moved six places right.
	const leadingZerosRemoved = (whole + fraction).length - digits.length;
	const point = whole.length - leadingZerosRemoved + exponent + DECIMALS;
	let kept: string;
	let next: string;
	if (point <= 0) {
		kept = '0';
		next = point === 0 ? digits[0] ?? '0' : '0';
	} else {
		kept = digits.slice(0, point).padEnd(point, '0');
		next = digits[point] ?? '0';
	}
	kept = kept.replace(/^0+(?=\d)/, '');
	if (kept.length > 16) return tooLarge;
	const micros = Number(kept) + (next >= '5' ? 1 : 0);
	if (!Number.isSafeInteger(micros)) return tooLarge;
	return { micros: sign === '-' && micros !== 0 ? -micros : micros };
}

/**
 * Whole micro-dollars of a dollar amount given as Sync's decimal text or as a number (an estimate). Digits past
 * the sixth decimal are rounded half away from zero ("0.0000005" → 1, "-0.0000005" → -1). A number is read
 * through its shortest decimal text (1.005 is read as "1.005", so 1005000, where 1.005 × 1e6 gives
 * 1004999.9999999999). Throws UsdAmountError for anything else: empty text, NaN, Infinity, "1,50", "$1", or an
 * amount too large to count exactly.
 */
export function parseUsdToMicros(value: string | number): number {
	const read = readMicros(value);
	if ('problem' in read) throw new UsdAmountError(read.problem);
	return read.micros;
}

/** Like parseUsdToMicros, but undefined for anything that is not a dollar amount (null, "", "n/a", an object). */
export function tryParseUsdToMicros(value: unknown): number | undefined {
	const read = readMicros(value);
	return 'micros' in read ? read.micros : undefined;
}

function checkedMicros(micros: number): number {
	if (!Number.isSafeInteger(micros)) throw new UsdAmountError(`${micros} is not a whole number of micro-dollars`);
	return micros;
}

/**
 * The amount as a JSON number with at most six decimals: the double nearest to the exact decimal, the same
 * number JavaScript reads from the text "0.083333" (one division of two exact integers is correctly rounded).
 */
export function microsToUsdNumber(micros: number): number {
	return checkedMicros(micros) / MICROS_PER_USD;
}

/** The amount as decimal text with six decimals, as Sync writes it: 83333 → "0.083333", -1500 → "-0.001500". */
export function formatMicros(micros: number): string {
	const magnitude = Math.abs(checkedMicros(micros));
	const whole = Math.floor(magnitude / MICROS_PER_USD);
	const fraction = String(magnitude - whole * MICROS_PER_USD).padStart(DECIMALS, '0');
	return `${micros < 0 ? '-' : ''}${whole}.${fraction}`;
}

/** The exact sum of whole micro-dollar amounts; throws when it would no longer be exact. */
export function sumMicros(amounts: Iterable<number>): number {
	let total = 0;
	for (const amount of amounts) total = checkedMicros(total + checkedMicros(amount));
	return total;
}

// Reading with a rounding direction, and writing, for the cost guard (actions/common/costGuard.ts): an estimate with
// more than six decimals is rounded up where it counts against a cap.

/** How a value with more than six decimals becomes micro-dollars: refused, or rounded towards +∞ / −∞. */
export type MicroRounding = 'exact' | 'up' | 'down';

const DECIMAL_WITH_EXPONENT = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;

/**
 * A decimal text in USD ("0.05", "12", "1.2e-3", "-0.5") as integer micro-dollars; undefined when it is no decimal
 * number, when it needs more than six decimals under 'exact', or when it is beyond Number.MAX_SAFE_INTEGER micros.
 */
export function microsFromDecimal(text: string, rounding: MicroRounding = 'exact'): number | undefined {
	const match = DECIMAL_WITH_EXPONENT.exec(text);
	if (!match) return undefined;
	const [, sign, whole = '', fraction = '', exponentText] = match;
	if (whole === '' && fraction === '') return undefined;
	const exponent = exponentText === undefined ? 0 : Number(exponentText);
	if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return undefined;
	// All digits as one integer, and where the decimal point sits among them once scaled to micro-dollars.
	const digits = `${whole}${fraction}`;
	const point = whole.length + exponent + 6;
	const integerDigits = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
	const dropped = /[1-9]/.test(point <= 0 ? digits : digits.slice(point));
	if (dropped && rounding === 'exact') return undefined;
	let micros = Number(integerDigits);
	const negative = sign === '-' && (micros > 0 || dropped);
	// Rounding the magnitude: up for a positive value under 'up', or a negative one under 'down'.
	if (dropped && (rounding === 'up') !== negative) micros += 1;
	if (!Number.isSafeInteger(micros)) return undefined;
	return negative && micros !== 0 ? -micros : micros;
}

/** A JSON number in USD (an estimate) as micro-dollars, read from its shortest decimal text. */
export function microsFromNumber(value: number, rounding: MicroRounding = 'exact'): number | undefined {
	return Number.isFinite(value) ? microsFromDecimal(String(value), rounding) : undefined;
}

/** Micro-dollars as Sync writes money: a decimal string with six decimals ("0.050000"). */
export function usdText(micros: number): string {
	const negative = micros < 0;
	const magnitude = Math.abs(micros);
	const whole = Math.floor(magnitude / MICROS_PER_USD);
	const fraction = String(magnitude - whole * MICROS_PER_USD).padStart(6, '0');
	return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** Micro-dollars as a JSON number of USD, rounded to six decimals. */
export function usdNumber(micros: number): number {
	return Number(usdText(micros));
}

/** Micro-dollars for a sentence: "$0.05", "$1.234567", "$12.00" (at least two decimals, no trailing zeros beyond). */
export function shownUsd(micros: number): string {
	const text = usdText(micros);
	const [whole, fraction] = text.split('.');
	const kept = fraction.replace(/0+$/, '').padEnd(2, '0');
	return whole.startsWith('-') ? `-$${whole.slice(1)}.${kept}` : `$${whole}.${kept}`;
}

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

// Money as integer micro-dollars (1 USD = 1,000,000): every sum the node makes (caps, totals) is done on these,
// never on floating-point dollars. Sync gives recorded costs as decimal strings and estimates as JSON numbers
// (docs/sync-api-2026.md#costs); both are read here from their decimal text, exactly where six decimals suffice.

export const MICROS_PER_USD = 1_000_000;

/** How a value with more than six decimals becomes micro-dollars: refused, or rounded towards +∞ / −∞. */
export type MicroRounding = 'exact' | 'up' | 'down';

const DECIMAL = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;

/**
 * A decimal text in USD ("0.05", "12", "1.2e-3", "-0.5") as integer micro-dollars; undefined when it is no decimal
 * number, when it needs more than six decimals under 'exact', or when it is beyond Number.MAX_SAFE_INTEGER micros.
 */
export function microsFromDecimal(text: string, rounding: MicroRounding = 'exact'): number | undefined {
	const match = DECIMAL.exec(text);
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

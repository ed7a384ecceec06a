// Dollar amounts as whole micro-dollars: Sync's decimal strings and the estimates' numbers read exactly, and
// sums that floating point would get wrong come out exact.
import {
	formatMicros,
	microsToUsdNumber,
	parseUsdToMicros,
	sumMicros,
	tryParseUsdToMicros,
	UsdAmountError,
} from '../../nodes/SyncLabs/money/microDollars';

describe('parseUsdToMicros', () => {
	it.each([
		['0.083333', 83_333],
		['1.500000', 1_500_000],
		['12', 12_000_000],
		['0', 0],
		['-0.001500', -1_500],
		['+2.5', 2_500_000],
		['.5', 500_000],
		['3.', 3_000_000],
		[' 0.25 ', 250_000],
		['000.000001', 1],
		['1e-6', 1],
		['2.5E3', 2_500_000_000],
		['9007199254.740991', 9_007_199_254_740_991],
	])('reads Sync\'s decimal text %p as %p micro-dollars', (text, micros) => {
		expect(parseUsdToMicros(text)).toBe(micros);
	});

	it.each([
		['0.0000004', 0],
		['0.0000005', 1],
		['0.0416666667', 41_667],
		['-0.0000005', -1],
		['-0.0000004', 0],
		['0.9999995', 1_000_000],
	])('rounds %p past the sixth decimal half away from zero, to %p', (text, micros) => {
		expect(parseUsdToMicros(text)).toBe(micros);
	});

	it.each([
		[0.29, 290_000],
		[0.07, 70_000],
		[1.005, 1_005_000],
		[0.0416666667, 41_667],
		[1e-7, 0],
		[5e-7, 1],
		[4.2, 4_200_000],
		[-0, 0],
	])('reads the number %p (an estimate) through its decimal text, as %p', (value, micros) => {
		expect(parseUsdToMicros(value)).toBe(micros);
		expect(Object.is(parseUsdToMicros(value), -0)).toBe(false);
	});

	it('differs from multiplying by a million where the float product is off', () => {
		expect(1.005 * 1e6).not.toBe(1_005_000);
		expect(Math.trunc(1.005 * 1e6)).toBe(1_004_999);
		expect(parseUsdToMicros(1.005)).toBe(1_005_000);
	});

	it.each(['', ' ', '.', '-', 'abc', '1,50', '$1', '1.2.3', '0x10', 'Infinity', 'NaN', '1e'])('refuses %p as no dollar amount', (text) => {
		expect(() => parseUsdToMicros(text)).toThrow(UsdAmountError);
		expect(tryParseUsdToMicros(text)).toBeUndefined();
	});

	it.each([NaN, Infinity, -Infinity])('refuses the number %p', (value) => {
		expect(() => parseUsdToMicros(value)).toThrow(UsdAmountError);
	});

	it('refuses an amount too large to count exactly instead of rounding it', () => {
		expect(() => parseUsdToMicros('9007199254.740992')).toThrow(/too large/);
		expect(() => parseUsdToMicros('1e21')).toThrow(/too large/);
		expect(() => parseUsdToMicros(1e40)).toThrow(/too large/);
	});

	it('gives undefined, not an error, for values that are not text or numbers', () => {
		for (const value of [null, undefined, {}, [], true]) expect(tryParseUsdToMicros(value)).toBeUndefined();
		expect(tryParseUsdToMicros('0.040000')).toBe(40_000);
	});
});

describe('microsToUsdNumber and formatMicros', () => {
	it.each([
		[83_333, 0.083333, '0.083333'],
		[1_500_000, 1.5, '1.500000'],
		[0, 0, '0.000000'],
		[-1_500, -0.0015, '-0.001500'],
		[123_456_789_012, 123456.789012, '123456.789012'],
	])('%p micro-dollars are the number %p and the text %p', (micros, number, text) => {
		expect(microsToUsdNumber(micros)).toBe(number);
		expect(formatMicros(micros)).toBe(text);
	});

	it('gives the same number JavaScript reads from the six-decimal text, for every amount of a sample', () => {
		for (let micros = 0; micros < 2_000_000; micros += 7_919) {
			expect(microsToUsdNumber(micros)).toBe(Number(formatMicros(micros)));
			expect(parseUsdToMicros(formatMicros(micros))).toBe(micros);
		}
	});

	it('refuses what is not a whole number of micro-dollars', () => {
		expect(() => microsToUsdNumber(0.5)).toThrow(UsdAmountError);
		expect(() => formatMicros(Number.MAX_SAFE_INTEGER + 2)).toThrow(UsdAmountError);
	});
});

describe('sumMicros', () => {
	it('adds exactly what floating point adds wrong', () => {
		expect(0.1 + 0.2).not.toBe(0.3);
		const total = sumMicros(['0.1', '0.2'].map(parseUsdToMicros));
		expect(total).toBe(300_000);
		expect(microsToUsdNumber(total)).toBe(0.3);
		const tenThousand = Array.from({ length: 10_000 }, () => parseUsdToMicros('0.083333'));
		expect(sumMicros(tenThousand)).toBe(833_330_000);
		expect(tenThousand.reduce((sum, micros) => sum + microsToUsdNumber(micros), 0)).not.toBe(833.33);
	});

	it('throws instead of losing exactness past the largest safe integer', () => {
		expect(() => sumMicros([Number.MAX_SAFE_INTEGER, 1])).toThrow(UsdAmountError);
		expect(sumMicros([])).toBe(0);
	});
});

// Money as integer micro-dollars (nodes/SyncLabs/money/microDollars.ts): Sync's decimal strings and estimate
// numbers read exactly where six decimals suffice, rounded in the stated direction otherwise, and written back
// as Sync writes money.
import { microsFromDecimal, microsFromNumber, shownUsd, usdNumber, usdText } from '../../nodes/SyncLabs/money/microDollars';

describe('reading USD as micro-dollars', () => {
	it('reads decimal strings exactly, with or without a whole part, a fraction, a sign or an exponent', () => {
		expect(['0.05', '12', '12.', '.5', '0.000001', '-0.5', '+3.25', '1.2e-3', '5E2', ' 7.000000 '].map((t) => microsFromDecimal(t))).toEqual([
			50_000, 12_000_000, 12_000_000, 500_000, 1, -500_000, 3_250_000, 1_200, 500_000_000, 7_000_000,
		]);
	});

	it('refuses what is no decimal number, and a value beyond the safe integers of micro-dollars', () => {
		expect(['', '.', 'abc', '1.2.3', '0x10', '1e400', '9007199254740.992'].map((t) => microsFromDecimal(t))).toEqual([
			undefined, undefined, undefined, undefined, undefined, undefined, undefined,
		]);
	});

	it('refuses a seventh decimal when exact, and rounds it up or down (towards +∞ or −∞) when asked', () => {
		expect(microsFromDecimal('0.0000001')).toBeUndefined();
		expect([microsFromDecimal('0.0000001', 'up'), microsFromDecimal('0.0000001', 'down')]).toEqual([1, 0]);
		expect([microsFromDecimal('-0.0000001', 'up'), microsFromDecimal('-0.0000001', 'down')]).toEqual([0, -1]);
		expect(microsFromDecimal('1.2345678', 'up')).toBe(1_234_568);
	});

	it('reads a JSON number from its shortest decimal text, so 0.1 is 100000 and a float artefact is rounded as asked', () => {
		expect(microsFromNumber(0.1)).toBe(100_000);
		expect(microsFromNumber(0.133 * 3, 'up')).toBe(399_000);
		expect(microsFromNumber(0.1 + 0.2, 'up')).toBe(300_001);
		expect(microsFromNumber(0.1 + 0.2, 'down')).toBe(300_000);
		expect(microsFromNumber(Number.NaN)).toBeUndefined();
	});

	it('sums estimates without floating-point drift: ten times 0.1 is exactly one dollar', () => {
		const total = Array.from({ length: 10 }, () => microsFromNumber(0.1)!).reduce((a, b) => a + b, 0);
		expect(total).toBe(1_000_000);
		expect(Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(1);
	});
});

describe('writing micro-dollars', () => {
	it('as Sync writes money (six decimals), as a JSON number, and for a sentence', () => {
		expect([usdText(50_000), usdText(5), usdText(12_000_000), usdText(-50_000)]).toEqual(['0.050000', '0.000005', '12.000000', '-0.050000']);
		expect([usdNumber(1_234_567), usdNumber(100_000)]).toEqual([1.234567, 0.1]);
		expect([shownUsd(50_000), shownUsd(1_234_567), shownUsd(12_000_000), shownUsd(0), shownUsd(-50_000)]).toEqual(['$0.05', '$1.234567', '$12.00', '$0.00', '-$0.05']);
	});
});

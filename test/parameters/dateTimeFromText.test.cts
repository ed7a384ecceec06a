// A date and time given as text (a form field, a sheet cell, $fromAI) is read only when it names a date: JavaScript's
// Date parser fills in what the text leaves out, so "1" would be 1 January 2001, "March 5" 5 March 2001 and
// "2026-02-30" 2 March 2026, and Batch → Get Many would filter on a date nobody gave. Such text is refused before
// any request, like a number (docs/parameters-from-expressions.md, the coercion table's "date and time" row).
import { coerceField, type Field } from '../../nodes/SyncLabs/parameters';
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { runNode } from '../runner/index.cjs';

const CREATED_AFTER: Field = { name: 'createdAfter', label: 'Created After', kind: { kind: 'dateTime' } };

describe('a date and time given as text', () => {
	it.each(['1', '12', ' 5 ', '0', '-1', '2026', '7200'])('refuses the digits %j, which name no date', (text) => {
		expect(coerceField(CREATED_AFTER, text)).toMatchObject({ ok: false, field: 'Created After' });
	});

	it.each(['March 5', '5/3', 'May 3 10:00'])('refuses %j, which has no year (the parser would make it 2001)', (text) => {
		expect(coerceField(CREATED_AFTER, text)).toMatchObject({ ok: false, field: 'Created After' });
	});

	it.each(['2026-02-30', '2026-04-31T10:00:00Z', '2025-02-29', 'Feb 30 2026', '2026/02/30', '30 February 2026', '2026-2-30', 'April 31, 2026 10:00 UTC', '02/30/2026', '2-30-2026', '2026.02.30', 'Monday 02/30/2026 10:00', '04/31/2026', '12:00 2026-02-30', 'Mon 2026-02-30', 'Feb-30-2026', '30-Feb-2026', '2026-Feb-30', '30Feb2026', 'Feb 2026 30'])('refuses %j, a day its month does not have (the parser would roll it over)', (text) => {
		expect(coerceField(CREATED_AFTER, text)).toMatchObject({ ok: false, field: 'Created After' });
	});

	it.each([
		['2026-01-31', '2026-01-31T00:00:00.000Z'],
		[' 2026-01-31T12:00:00Z ', '2026-01-31T12:00:00.000Z'],
		['2026-01-31T23:30:00-02:00', '2026-02-01T01:30:00.000Z'],
		['2024-02-29T08:00:00.000Z', '2024-02-29T08:00:00.000Z'],
		['01/31/2026 10:00', '2026-01-31T10:00:00.000Z'],
		['Sat, 31 Jan 2026 12:00:00 GMT', '2026-01-31T12:00:00.000Z'],
	])('reads %j as %s', (text, iso) => {
		expect(coerceField(CREATED_AFTER, text)).toEqual({ ok: true, value: iso });
	});
});

describe('Batch → Get Many with Created After from an expression', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ port: 0 });
	});
	afterAll(async () => emulator.stop());

	it('the text "1" is refused before any request, naming the field, the value and the item', async () => {
		const result = await runNode({
			parameters: { resource: 'batch', operation: 'getMany', returnAll: false, limit: 5, filters: { createdAfter: '={{ $json.after }}' } },
			items: [{ json: { after: '1' } }],
			credentials: { apiKey: 'date-key', baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Created After is the text "1"; digits alone name no date: give a date and time such as 2026-01-31T12:00:00Z (item 0)');
		expect(emulator.requests).toHaveLength(0);
	});
});

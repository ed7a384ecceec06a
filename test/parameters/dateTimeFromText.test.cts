// A date and time given as text (a form field, a sheet cell, $fromAI) is read only when it names a date: JavaScript's
// Date parser fills in what the text leaves out, so "1" would be 1 January 2001, "March 5" 5 March 2001 and
// "2026-02-30" 2 March 2026, and Batch → Get Many would filter on a date nobody gave. Such text is refused before
// any request, like a number (docs/parameters-from-expressions.md, the coercion table's "date and time" row).
import { execFileSync } from 'child_process';
import * as path from 'path';
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

	it.each(['Mon Mar 3 2026', 'Mon, 03 Mar 2026 10:00:00 GMT', 'Monday 03/03/2026', 'Fri Jan 31 2026 12:00:00 GMT+0100 (Central European Standard Time)'])(
		'refuses %j, whose weekday is not the weekday of its date',
		(text) => {
			expect(coerceField(CREATED_AFTER, text)).toMatchObject({ ok: false, field: 'Created After', problem: expect.stringContaining(', but 2026-') });
		},
	);

	it.each(['2026-01-31T25:00Z', '2026-01-31T12:60Z', '2026-01-31T12:00:60Z', '2026-02-28T24:01Z', '1/31/2026 13:00 PM', '1/31/2026 0:30 AM', '2026-01-31T12:00+24:00'])(
		'refuses %j, whose time or zone is not one',
		(text) => {
			expect(coerceField(CREATED_AFTER, text)).toMatchObject({ ok: false, field: 'Created After' });
		},
	);

	it.each(['next tuesday-ish 2026', '31.01.2026', '2026-01/31', 'Jan 2026', '2026-01-31T12', 'in 2026', '2026-01-31 12:00 Europe/Berlin'])(
		'refuses %j, which is no written form of a date it reads, naming the form to use',
		(text) => {
			expect(coerceField(CREATED_AFTER, text)).toMatchObject({ ok: false, problem: expect.stringContaining('give a date and time such as 2026-01-31T12:00:00Z') });
		},
	);

	it.each([
		'Marathon 5, 2026',
		'Sunny 1 Feb 2026',
		'January 31th, 2026',
		'March 2rd, 2026',
		'2026-01-31-12',
		'2026-01-31Z',
		'2026-01-31 12:00 (Europe/Berlin)',
		'2026-01-31 12:00 (GMT+0900)',
		'2026-01-31 (UTC)',
		'2026-01-31T12:00:00Z (PST)',
		'2026-01-31 (or 2026-03-01)',
		'Sat Jan 31 2026 12:00:00 Z (Pacific Standard Time)',
		'Sat Jan 31 2026 12:00:00 (Pacific Standard Time)',
		'Sat Jan 31 2026 12:00:00 GMT+0100 (or 2026-03-01)',
	])('refuses %j, whose words, ordinal, zone or brackets name something it does not read as written', (text) => {
		expect(coerceField(CREATED_AFTER, text)).toMatchObject({ ok: false, field: 'Created After' });
	});

	it.each([
		['31 January 2026', '2026-01-31T00:00:00.000Z'],
		['Saturday, January 31, 2026 10:00 Z', '2026-01-31T10:00:00.000Z'],
		['Wednesday 2 September 2026 10:00 +00:00', '2026-09-02T10:00:00.000Z'],
		['Sept. 2, 2026 10:00 Z', '2026-09-02T10:00:00.000Z'],
		['December 22nd, 2026 10:00 UTC', '2026-12-22T10:00:00.000Z'],
		['Thurs, 3 Dec 2026 10:00 GMT', '2026-12-03T10:00:00.000Z'],
	])('reads %j, with month and weekday names written in full or shortened, as %s', (text, iso) => {
		expect(coerceField(CREATED_AFTER, text)).toEqual({ ok: true, value: iso });
	});

	it.each([
		['2026-02-28T24:00Z', '2026-03-01T00:00:00.000Z'],
		['2026-12-31T24:00:00.000Z', '2027-01-01T00:00:00.000Z'],
		['Tue Mar 03 2026 10:00:00 GMT+0100 (Central European Standard Time)', '2026-03-03T09:00:00.000Z'],
		['Tue, 03 Mar 2026 10:00:00 GMT', '2026-03-03T10:00:00.000Z'],
		['March 3rd, 2026 at 10:00 UTC', '2026-03-03T10:00:00.000Z'],
		['3-Mar-2026 10:00 +0530', '2026-03-03T04:30:00.000Z'],
		['2026-01-31T12:00:00.123456Z', '2026-01-31T12:00:00.123Z'],
		['2026-01-31 12:00:00 UTC', '2026-01-31T12:00:00.000Z'],
		['2026-01-31t12:00z', '2026-01-31T12:00:00.000Z'],
		['1/31/2026 12:30 AM Z', '2026-01-31T00:30:00.000Z'],
		['1/31/2026 12:30 PM Z', '2026-01-31T12:30:00.000Z'],
		['2026-01-31', '2026-01-31T00:00:00.000Z'],
		[' 2026-01-31T12:00:00Z ', '2026-01-31T12:00:00.000Z'],
		['2026-01-31T23:30:00-02:00', '2026-02-01T01:30:00.000Z'],
		['2024-02-29T08:00:00.000Z', '2024-02-29T08:00:00.000Z'],
		['01/31/2026 10:00 Z', '2026-01-31T10:00:00.000Z'],
		['Sat, 31 Jan 2026 12:00:00 GMT', '2026-01-31T12:00:00.000Z'],
	])('reads %j as %s, every part it names checked', (text, iso) => {
		expect(coerceField(CREATED_AFTER, text)).toEqual({ ok: true, value: iso });
	});

	// A process's time zone is fixed when it starts (jest's workers keep theirs), so these readings run in a child
	// Node whose TZ is Europe/Berlin.
	it('without a zone reads a date and time on the server\'s clock, an ISO date alone as midnight UTC, and refuses a time daylight saving skips', () => {
		const texts = ['2026-01-31T12:00:00', '2026-07-31 12:00', '2026-01-31', '2026-03-29 02:30', '2026-03-29 03:30'];
		const script = `const { readDateText } = require('./nodes/SyncLabs/parameters/dateText.ts');
			console.log(JSON.stringify(${JSON.stringify(texts)}.map((t) => { const r = readDateText(t); return r.ok ? r.date.toISOString() : r.why; })));`;
		const output = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], {
			cwd: path.resolve(__dirname, '../..'),
			env: { ...process.env, TZ: 'Europe/Berlin' },
			encoding: 'utf8',
		});
		const [winter, summer, isoDate, skipped, afterSkip] = JSON.parse(output) as string[];
		expect([winter, summer, isoDate, afterSkip]).toEqual(['2026-01-31T11:00:00.000Z', '2026-07-31T10:00:00.000Z', '2026-01-31T00:00:00.000Z', '2026-03-29T01:30:00.000Z']);
		expect(skipped).toContain("does not exist in the n8n server's time zone");
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

describe('dates written in every form, at random', () => {
	// A small seeded generator (mulberry32), so a failure names a seed that replays it.
	function random(seed: number): () => number {
		let state = seed;
		return () => {
			state = (state + 0x6d2b79f5) | 0;
			let t = Math.imul(state ^ (state >>> 15), 1 | state);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}
	const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');

	/** The same instant written five ways, each with an explicit zone so the reading does not depend on the machine. */
	function spellings(year: number, month: number, day: number, hour: number, minute: number, offsetMinutes: number): string[] {
		const sign = offsetMinutes < 0 ? '-' : '+';
		const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}${pad(Math.abs(offsetMinutes) % 60)}`;
		const weekday = DAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
		const twelve = `${hour % 12 === 0 ? 12 : hour % 12}:${pad(minute)} ${hour < 12 ? 'AM' : 'PM'}`;
		return [
			`${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00${sign}${offset.slice(1, 3)}:${offset.slice(3)}`,
			`${month}/${day}/${year} ${twelve} ${offset}`,
			`${weekday}, ${pad(day)} ${MONTHS[month - 1]} ${year} ${pad(hour)}:${pad(minute)}:00 ${offset}`,
			`${weekday} ${MONTHS[month - 1]} ${pad(day)} ${year} ${pad(hour)}:${pad(minute)}:00 GMT${offset} (Somewhere Time)`,
			`${year}/${pad(month)}/${pad(day)} ${pad(hour)}:${pad(minute)} ${offset}`,
		];
	}

	/** A draw of a month (1-12) of a year from 1990 to 2049 and its length, from the seed's sequence. */
	function randomMonths(seed: number) {
		const next = random(seed);
		const pick = (n: number) => Math.floor(next() * n);
		const month = () => {
			const year = 1990 + pick(60);
			const monthOfYear = 1 + pick(12);
			return { year, month: monthOfYear, daysInMonth: new Date(Date.UTC(year, monthOfYear, 0)).getUTCDate() };
		};
		return { pick, month };
	}

	it.each([1, 2, 3, 4, 5])('with seed %i, 400 real dates are read as the instant they name, in every spelling, as Date() reads them', (seed) => {
		const { pick, month: drawMonth } = randomMonths(seed);
		for (let i = 0; i < 400; i++) {
			const { year, month, daysInMonth } = drawMonth();
			const day = 1 + pick(daysInMonth);
			const hour = pick(24);
			const minute = pick(60);
			const offsetMinutes = (pick(27) - 12) * 60 + (pick(2) === 0 ? 0 : 30);
			const expected = new Date(Date.UTC(year, month - 1, day, hour, minute) - offsetMinutes * 60_000).toISOString();
			for (const text of spellings(year, month, day, hour, minute, offsetMinutes)) {
				expect([text, coerceField(CREATED_AFTER, text)]).toEqual([text, { ok: true, value: expected }]);
				expect([text, new Date(text).toISOString()]).toEqual([text, expected]);
			}
		}
	});

	it.each([1, 2, 3, 4, 5])('with seed %i, 400 days past their month\'s end or with the wrong weekday are refused in every spelling', (seed) => {
		const { pick, month: drawMonth } = randomMonths(seed);
		for (let i = 0; i < 400; i++) {
			const { year, month, daysInMonth } = drawMonth();
			const wrongDay = daysInMonth + 1 + pick(31 - daysInMonth + 1);
			if (wrongDay <= 31) {
				for (const text of spellings(year, month, wrongDay, 10, 0, 0)) {
					expect([text, coerceField(CREATED_AFTER, text).ok]).toEqual([text, false]);
				}
			}
			const day = 1 + pick(daysInMonth);
			const realWeekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
			const wrongWeekday = DAYS[(realWeekday + 1 + pick(6)) % 7];
			const [, , rfc, toStringForm] = spellings(year, month, day, 10, 0, 0);
			for (const text of [rfc, toStringForm].map((t) => t.replace(DAYS[realWeekday], wrongWeekday))) {
				expect([text, coerceField(CREATED_AFTER, text)]).toMatchObject([text, { ok: false, problem: expect.stringContaining('is a ') }]);
			}
		}
	});
});

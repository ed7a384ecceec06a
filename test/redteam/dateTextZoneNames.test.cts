// Red-team probes: a date written as text whose bracketed part names a zone (or another instant) is read on the
// n8n server's clock as if nothing were written there. docs/parameters-from-expressions.md ("Dates written as
// text"): zone names are not read (write the offset), every part the text names is checked, any other text is
// refused. Date.prototype.toString()'s "(Central European Standard Time)" follows an offset and adds nothing;
// here the bracket is the only zone the text names.
import { execFileSync } from 'child_process';
import * as path from 'path';
import { coerceField, type Field } from '../../nodes/SyncLabs/parameters';

const CREATED_AFTER: Field = { name: 'createdAfter', label: 'Created After', kind: { kind: 'dateTime' } };

/** The readings on a server whose clock is New York's (a process's zone is fixed when it starts). */
function readInNewYork(texts: string[]): Array<{ ok: boolean; iso?: string }> {
	const script = `const { readDateText } = require('./nodes/SyncLabs/parameters/dateText.ts');
		console.log(JSON.stringify(${JSON.stringify(texts)}.map((t) => { const r = readDateText(t); return r.ok ? { ok: true, iso: r.date.toISOString() } : { ok: false }; })));`;
	const output = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], {
		cwd: path.resolve(__dirname, '../..'),
		env: { ...process.env, TZ: 'America/New_York' },
		encoding: 'utf8',
	});
	return JSON.parse(output) as Array<{ ok: boolean; iso?: string }>;
}

describe('a date whose only zone is written in brackets', () => {
	it.each([
		['2026-01-31 12:00 (Europe/Berlin)', '2026-01-31T11:00:00.000Z'],
		['2026-01-31 12:00 (GMT+0900)', '2026-01-31T03:00:00.000Z'],
		['2026-01-31 (UTC)', '2026-01-31T00:00:00.000Z'],
	])('%j is refused, or read as the instant it names (%s), not as that time on the server clock', (text, named) => {
		const [reading] = readInNewYork([text]);
		// Refused is fine; accepted must be the instant the text names.
		if (reading.ok) expect({ text, read: reading.iso }).toEqual({ text, read: named });
	});
});

describe('a date naming two different zones', () => {
	it('"2026-01-31T12:00:00Z (PST)" is refused (Date() refuses it too), not read in one of them', () => {
		expect(Number.isNaN(new Date('2026-01-31T12:00:00Z (PST)').getTime())).toBe(true);
		expect(coerceField(CREATED_AFTER, '2026-01-31T12:00:00Z (PST)')).toMatchObject({ ok: false, field: 'Created After' });
	});

	it('"2026-01-31 (or 2026-03-01)" is refused: the bracket names a second date', () => {
		expect(coerceField(CREATED_AFTER, '2026-01-31 (or 2026-03-01)')).toMatchObject({ ok: false, field: 'Created After' });
	});
});

// The printed report: a dated header, the pass/fail table (Markdown, to paste), a count, and for a run against
// the real API the row to add to docs/testing.md#recorded-live-passes.
import type { Row } from './recorder.cjs';
import type { BilledIds } from './billedChecks.cjs';

export interface Report {
	startedAt: Date;
	target: string;
	live: boolean;
	billed: BilledIds | undefined;
	rows: readonly Row[];
	commit: string;
	n8nCore: string;
	plan: string | undefined;
	/** The emulator's own count of what the check created (emulator runs only). */
	emulatorSummary: string | undefined;
}

export const TABLE_HEADER = '| Endpoint | Status | HTTP | ms | What was checked |';

export function counts(rows: readonly Row[]): string {
	const n = (status: Row['status']) => rows.filter((r) => r.status === status).length;
	return `${n('pass')} pass, ${n('fail')} fail, ${n('skip')} skip`;
}

function billedText(billed: BilledIds | undefined): string {
	if (!billed) return 'read-only';
	return `read-only and billed (generation ${billed.generation ?? 'not created'}, dub ${billed.dub ?? 'not created'})`;
}

export function formatReport(report: Report): string {
	const date = report.startedAt.toISOString();
	const lines = [
		`Sync Labs live check, ${date.slice(0, 16).replace('T', ' ')} UTC`,
		`Target: ${report.target}`,
		`Checked: commit ${report.commit}, requests sent by ${report.n8nCore}, node ${process.version}; ${report.billed ? 'billed runs included (--billed)' : 'nothing billed (no --billed)'}`,
		'',
		TABLE_HEADER,
		'|---|---|---|---|---|',
		...report.rows.map((r) => `| ${r.endpoint} | ${r.status} | ${r.http} | ${r.ms} | ${r.checked} |`),
		'',
		`Result: ${counts(report.rows)}.`,
	];
	if (report.emulatorSummary) lines.push(report.emulatorSummary);
	const failed = report.rows.some((r) => r.status === 'fail');
	if (report.live && failed) {
		lines.push('(Not a pass: a row failed. Record a run only when no row fails; report a failure with this table.)');
	} else if (report.live) {
		lines.push(
			'',
			'Row for docs/testing.md (Recorded live passes), with this table in the commit message:',
			`| ${date.slice(0, 10)} | ${report.commit} | ${report.n8nCore} | ${report.plan ?? 'unknown'} | npm run test:live${report.billed ? ' -- --billed' : ''}: ${billedText(report.billed)} | ${counts(report.rows)} |`,
		);
	} else {
		lines.push('(An emulator run: it proves the check works, not the real API. Record only runs with SYNCLABS_API_KEY.)');
	}
	return lines.join('\n');
}

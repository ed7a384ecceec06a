// `npm run test:live [-- --billed]`: the live check of the Sync API for maintainers (docs/testing.md#the-live-check-against-the-real-sync-api).
// Exit code 0 when no check failed, 1 when one did, 2 when the check itself could not run.
// Static imports only: tsx's CommonJS hook (node -r tsx/cjs) does not see a dynamic import().
import './userFolder.cjs';
import { parseArgs, USAGE } from './args.cjs';
import { withoutSecret } from './errorText.cjs';
import { openTarget } from './target.cjs';
import { Recorder } from './recorder.cjs';
import { readOnlyChecks } from './readOnlyChecks.cjs';
import { billedChecks } from './billedChecks.cjs';
import { formatReport } from './report.cjs';
import { commitChecked, n8nCoreVersion } from './provenance.cjs';

async function main(): Promise<number> {
	const parsed = parseArgs(process.argv.slice(2), process.env);
	if (parsed.help) {
		console.log(USAGE);
		return 0;
	}
	const { options } = parsed;
	const startedAt = new Date();
	const target = await openTarget(options);
	try {
		const rec = new Recorder(target.ctx, options.apiKey);
		const findings = await readOnlyChecks(target.ctx, rec);
		const billed = options.billed ? await billedChecks(target.ctx, rec, options, target.waiting) : undefined;
		console.log(
			formatReport({
				startedAt,
				target: target.description,
				live: target.live,
				billed,
				rows: rec.rows,
				commit: commitChecked(),
				n8nCore: n8nCoreVersion(),
				plan: findings.plan,
				emulatorSummary: target.emulatorSummary(),
			}),
		);
		return rec.rows.some((row) => row.status === 'fail') ? 1 : 0;
	} finally {
		await target.stop();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`The live check could not run: ${withoutSecret(error instanceof Error ? error.message : String(error), process.env.SYNCLABS_API_KEY?.trim())}`);
		process.exit(2);
	},
);

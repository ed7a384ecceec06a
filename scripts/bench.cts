// `npm run bench`: every figure in one run, each a side-by-side measurement (see bench/measure.ts).
// `--quick`: the in-process figures with a few rounds and no real n8n, only to prove the bench still runs
// (test/scripts/benchQuick.test.cts runs it in every `npm test`); its numbers are not figures.
// Static imports only: tsx's CommonJS hook (node -r tsx/cjs) does not see a dynamic import(), which then fails
// to find the .cts behind a .cjs specifier.
import './bench/userFolder.cjs';
import { FULL_NODE_BENCH, nodeBench, QUICK_NODE_BENCH } from './bench/node.bench.cjs';
import { n8nBench } from './bench/n8n.bench.cjs';
import { FULL_SIGNATURE_BENCH, QUICK_SIGNATURE_BENCH, signatureBench } from './bench/signature.bench.cjs';
import { costGuardBench, FULL_COST_GUARD_BENCH, QUICK_COST_GUARD_BENCH } from './bench/costGuard.bench.cjs';

async function main(): Promise<void> {
	const quick = process.argv.slice(2).includes('--quick');
	console.log(`n8n-nodes-synclabs benchmarks${quick ? ' (--quick: too few rounds for figures)' : ''} — node ${process.version}, ${new Date().toISOString()}`);
	await signatureBench(quick ? QUICK_SIGNATURE_BENCH : FULL_SIGNATURE_BENCH);
	await nodeBench(quick ? QUICK_NODE_BENCH : FULL_NODE_BENCH);
	await costGuardBench(quick ? QUICK_COST_GUARD_BENCH : FULL_COST_GUARD_BENCH);
	if (!quick && process.env.SYNCLABS_BENCH_SKIP_N8N !== '1') {
		// Real n8n (single process and queue mode): installs n8n into the cache on first use.
		await n8nBench();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

// `npm run bench`: every figure in one run, each a side-by-side measurement (see bench/measure.ts).
import os from 'os';
import path from 'path';
import { signatureBench } from './bench/signature.bench.cjs';

// n8n-core writes its settings into N8N_USER_FOLDER when it loads.
process.env.N8N_USER_FOLDER ??= path.join(os.tmpdir(), 'n8n-nodes-synclabs-bench');

async function main(): Promise<void> {
	console.log(`n8n-nodes-synclabs benchmarks — node ${process.version}, ${new Date().toISOString()}`);
	await signatureBench();
	const { nodeBench } = await import('./bench/node.bench.cjs');
	await nodeBench();
	if (process.env.SYNCLABS_BENCH_SKIP_N8N !== '1') {
		// Real n8n (single process and queue mode): installs n8n into the cache on first use.
		const { n8nBench } = await import('./bench/n8n.bench.cjs');
		await n8nBench();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

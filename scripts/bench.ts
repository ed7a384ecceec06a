// `npm run bench`: every figure in one run, each a side-by-side measurement (see bench/measure.ts).
import { signatureBench } from './bench/signature.bench';

async function main(): Promise<void> {
	console.log(`n8n-nodes-synclabs benchmarks — node ${process.version}, ${new Date().toISOString()}`);
	await signatureBench();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

// `npm run bench` must keep running: its quick in-process part, started the way the npm script starts it (node
// with tsx's CommonJS hook, which resolves modules differently from jest), with a few rounds and no thresholds.
import { spawnSync } from 'child_process';
import { join } from 'path';

const root = join(__dirname, '..', '..');

describe('npm run bench -- --quick', () => {
	it('prints every in-process figure, each with a number, and exits 0', () => {
		// The child inherits the jest run's temp folder (N8N_USER_FOLDER, binary-data stores): nothing is left behind.
		const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', 'scripts/bench.cts', '--quick'], {
			cwd: root,
			encoding: 'utf8',
			timeout: 170_000,
			env: { ...process.env, SYNCLABS_BENCH_SKIP_N8N: '1' },
		});
		expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
		const sections = run.stdout.split('\n').filter((l) => l.startsWith('== '));
		expect(sections.map((s) => s.replace(/ \(.*$/, '').replace(/\d+/g, 'N'))).toEqual([
			'== Signature verification',
			'== A N-minute generation',
			'== N creates, N ms API latency',
			'== Uploading a N MiB binary input',
			'== N creates with and without the cost guard, N ms API latency',
		]);
		const figures = run.stdout.split('\n').filter((l) => / {2,}\S/.test(l) && !l.startsWith('=='));
		expect(figures.length).toBeGreaterThanOrEqual(23);
		// A difference of two timings may be below zero within the machine's noise (scripts/bench/costGuard.bench.cts).
		for (const figure of figures) expect(figure).toMatch(/\s-?\d+(\.\d+)?(x| µs)?( |$)/);
	}, 180_000);
});

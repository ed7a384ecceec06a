// Packs the package once per jest run when run.sh has not (SYNCLABS_E2E_TGZ unset, e.g. `npx jest -c
// test/e2e/jest.config.js <file>`), so globalTeardown.js can remove the tarball's folder: the harness's own
// `process.on('exit')` cleanup (pack.cts) never fires inside a test file (jest hands tests a copy of `process`
// without its `_events`: createProcessObject in https://github.com/jestjs/jest/blob/v29.7.0/packages/jest-util/src/createProcessObject.ts).
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = async () => {
	if (process.env.SYNCLABS_E2E_TGZ) return;
	const root = path.resolve(__dirname, '..', '..', '..');
	const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', 'test/e2e/harness/pack-cli.cts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const tgz = out.trim().split('\n').pop();
	if (!/synclabs-e2e-pack-[^/]+\/[^/]+\.tgz$/.test(tgz)) throw new Error(`packing gave no tarball path: '${tgz}'`);
	process.env.SYNCLABS_E2E_TGZ = tgz;
	process.env.SYNCLABS_E2E_TGZ_OWNED = '1';
};

// Real-n8n end-to-end suite. Run through `npm run test:e2e` (test/e2e/run.sh), which installs the pinned n8n
// versions and runs this config once per version with N8N_E2E_VERSION set.
const path = require('path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.cts'],
	moduleFileExtensions: ['ts', 'cts', 'js', 'cjs', 'json'],
	resolver: '<rootDir>/test/cjsToCtsResolver.js',
	testEnvironment: '<rootDir>/test/e2e/harness/environment.js',
	// one tarball per run, removed at the end (run.sh packs and removes its own: SYNCLABS_E2E_TGZ)
	globalSetup: '<rootDir>/test/e2e/harness/globalSetup.js',
	globalTeardown: '<rootDir>/test/e2e/harness/globalTeardown.js',
	transform: {
		'^.+\\.c?ts$': ['ts-jest', { tsconfig: '<rootDir>/test/e2e/tsconfig.json' }],
	},
	// one n8n at a time: 2 cores, and every test file starts its own server
	maxWorkers: 1,
	testTimeout: 120000,
	slowTestThreshold: 60,
};

// Jest environment for the e2e suite: Node's, plus a flag the harness reads in stop() to keep the n8n run
// dir (database, log) of a test file in which any test failed, and removal of the file's package tarball dirs
// (harness/pack.ts lists them; a process 'exit' handler does not reliably run in a jest worker).
const { rmSync } = require('fs');
const { TestEnvironment } = require('jest-environment-node');

class E2eEnvironment extends TestEnvironment {
	async handleTestEvent(event) {
		if (
			(event.name === 'test_done' && event.test.errors.length > 0) ||
			(event.name === 'hook_failure')
		) {
			this.global.__SYNCLABS_E2E_FAILED__ = true;
		}
	}

	async teardown() {
		for (const dir of this.global.__SYNCLABS_E2E_PACK_DIRS__ ?? []) rmSync(dir, { recursive: true, force: true });
		await super.teardown();
	}
}

module.exports = E2eEnvironment;

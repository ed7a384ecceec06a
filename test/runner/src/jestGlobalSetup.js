// One temp folder per `jest` run, shared by its workers through the environment: n8n-core's N8N_USER_FOLDER
// and the workflow runner's binary-data stores (test/runner/src/workflowRunner/binaryData.cts) live in it, and
// jestGlobalTeardown.js removes it. (A `process.once('exit')` in a test file never runs: the `process` a test
// sees is a copy without the real one's `_events`, so nothing emits 'exit' on it; createProcessObject in
// https://github.com/jestjs/jest/blob/v29.7.0/packages/jest-util/src/createProcessObject.ts.)
const fs = require('fs');
const os = require('os');
const path = require('path');

const PREFIX = 'synclabs-jest-';

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

module.exports = async () => {
	// folders of runs that were killed before their teardown (the pid in the name is gone)
	for (const name of fs.readdirSync(os.tmpdir())) {
		const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
		if (m && !alive(Number(m[1]))) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
	}
	const root = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
	process.env.SYNCLABS_JEST_TMP = root;
	// n8n-core's InstanceSettings writes a config file into N8N_USER_FOLDER when it loads.
	if (!process.env.N8N_USER_FOLDER) {
		process.env.N8N_USER_FOLDER = path.join(root, 'n8n-user-folder');
		process.env.SYNCLABS_JEST_OWNS_USER_FOLDER = '1';
	}
};

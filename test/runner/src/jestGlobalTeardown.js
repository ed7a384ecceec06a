// Removes the run's temp folder made by jestGlobalSetup.js (binary-data stores, n8n user folder).
const fs = require('fs');

module.exports = async () => {
	const root = process.env.SYNCLABS_JEST_TMP;
	if (root) fs.rmSync(root, { recursive: true, force: true });
	if (process.env.SYNCLABS_JEST_OWNS_USER_FOLDER === '1') {
		delete process.env.N8N_USER_FOLDER;
		delete process.env.SYNCLABS_JEST_OWNS_USER_FOLDER;
	}
	delete process.env.SYNCLABS_JEST_TMP;
};

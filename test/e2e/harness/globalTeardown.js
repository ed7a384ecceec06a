// Removes the tarball folder globalSetup.js made (only that one: run.sh removes its own).
const fs = require('fs');
const path = require('path');

module.exports = async () => {
	if (process.env.SYNCLABS_E2E_TGZ_OWNED !== '1') return;
	fs.rmSync(path.dirname(process.env.SYNCLABS_E2E_TGZ), { recursive: true, force: true });
	delete process.env.SYNCLABS_E2E_TGZ;
	delete process.env.SYNCLABS_E2E_TGZ_OWNED;
};

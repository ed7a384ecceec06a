// jest resolver for the test code's `.cjs` import specifiers: `./helper.cjs` names `./helper.cts` (TypeScript's
// own rule for .cts files). Only a relative `.cjs` request with no such file on disk but a `.cts` beside it is
// rewritten, so packages in node_modules that ship real .cjs files resolve as usual.
const fs = require('fs');
const path = require('path');

module.exports = (request, options) => {
	if (/^\.{1,2}\/.*\.cjs$/.test(request)) {
		const asCts = path.resolve(options.basedir, request.replace(/\.cjs$/, '.cts'));
		if (!fs.existsSync(path.resolve(options.basedir, request)) && fs.existsSync(asCts)) return asCts;
	}
	return options.defaultResolver(request, options);
};

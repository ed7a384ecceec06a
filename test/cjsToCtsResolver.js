// jest resolver for the test code's `.cjs` and `.js` import specifiers, by TypeScript's own rule: `./x.cjs`
// names `./x.cts`, and `./x.node.js` names `./x.node.ts`. The explicit `.js` is for modules with a
// same-named `.json` beside them (each node's codex file, `X.node.json`): an extensionless `./X.node` resolves to
// that JSON under Node's and tsx's extension order (.js, .json, then .ts), so scripts run with tsx (npm run bench)
// name the `.ts` file this way. Only a relative request with no such file on disk but the TypeScript file beside
// it is rewritten, so packages in node_modules that ship real .cjs/.js files resolve as usual.
const fs = require('fs');
const path = require('path');

const TYPESCRIPT_SOURCE = { '.cjs': '.cts', '.js': '.ts' };

module.exports = (request, options) => {
	const match = /^\.{1,2}\/.*(\.c?js)$/.exec(request);
	if (match) {
		const asSource = path.resolve(options.basedir, request.slice(0, -match[1].length) + TYPESCRIPT_SOURCE[match[1]]);
		if (!fs.existsSync(path.resolve(options.basedir, request)) && fs.existsSync(asSource)) return asSource;
	}
	return options.defaultResolver(request, options);
};

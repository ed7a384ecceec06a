// Copies the icons that nodes and credentials reference (`file:*.svg`) and each node's codex file
// (`<Node>.node.json`: categories, search aliases, docs links; read by getCodex in
// https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/nodes-loader/directory-loader.ts)
// next to their compiled files in dist/.
const { src, dest, parallel } = require('gulp');

function copyNodeIcons() {
	return src('nodes/**/*.{png,svg,node.json}').pipe(dest('dist/nodes'));
}

function copyCredentialIcons() {
	return src('credentials/**/*.{png,svg}').pipe(dest('dist/credentials'));
}

// parallel() waits for both streams, unlike the old starter's task that returned only the second one.
exports['build:icons'] = parallel(copyNodeIcons, copyCredentialIcons);

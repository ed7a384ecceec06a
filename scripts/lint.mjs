// Lints exactly as n8n's community-package scanner (@n8n/scan-community-package 0.32.0) does:
// the same flat config, inline disables ignored, once over the source (package.json, nodes/, credentials/)
// and once over the tarball `npm pack` produces (compiled .js and the published package.json).
// Then the test and tooling code (test/, scripts/: `.cts`, see docs/layout.md#why-the-tests-are-cts-files) with
// ESLint's and typescript-eslint's recommended rules, and finally `n8n-node lint`, the @n8n/node-cli check n8n
// asks verified authors to pass (strict mode: the unmodified default eslint.config.mjs, cloud rules).
// Any error fails. Run `npm run build` first: the tarball leg packs dist/.
import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesPluginModule from 'eslint-plugin-n8n-nodes-base';
import tsParser from '@typescript-eslint/parser';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const n8nNodesPlugin = n8nNodesPluginModule.default ?? n8nNodesPluginModule;

const scanConfig = [
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
	{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
];

function listFiles(dir, accept, rel = '') {
	const out = [];
	for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
		const relPath = path.join(rel, entry.name);
		if (entry.name === 'node_modules') continue;
		if (entry.isDirectory()) out.push(...listFiles(dir, accept, relPath));
		else if (accept(relPath)) out.push(path.join(dir, relPath));
	}
	return out;
}

async function lint(label, cwd, files) {
	const eslint = new ESLint({ cwd, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: scanConfig });
	const results = await eslint.lintFiles(files);
	const formatter = await eslint.loadFormatter('stylish');
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const text = await formatter.format(results);
	if (text.trim()) console.log(text);
	console.log(`lint ${label}: ${files.length} files, ${errors} errors, ${warnings} warnings`);
	return errors;
}

const sourceFiles = [
	path.join(root, 'package.json'),
	...['nodes', 'credentials'].flatMap((d) => listFiles(path.join(root, d), (f) => /\.(js|ts|json)$/.test(f)).map((f) => f)),
];
let errors = await lint('source', root, sourceFiles);

if (!fs.existsSync(path.join(root, 'dist'))) {
	console.error('lint tarball: dist/ is missing; run `npm run build` first');
	process.exit(1);
}
const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'synclabs-pack-'));
try {
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' });
	const tarball = path.join(packDir, out.trim().split('\n').pop());
	execFileSync('tar', ['xzf', tarball, '-C', packDir]);
	const pkgDir = path.join(packDir, 'package');
	const packedFiles = listFiles(pkgDir, (f) => f.endsWith('.js') || f === 'package.json');
	errors += await lint('tarball', pkgDir, packedFiles);
} finally {
	fs.rmSync(packDir, { recursive: true, force: true });
}

// Test and tooling code: plain Node.js programs, so Node's globals and console are fine here.
const codeConfig = tseslint.config(
	{
	files: ['**/*.cts'],
	extends: [js.configs.recommended, tseslint.configs.recommended],
	languageOptions: {
		globals: Object.fromEntries(
			['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer', 'URL', 'URLSearchParams',
				'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'fetch', 'AbortController',
				'AbortSignal', 'TextEncoder', 'TextDecoder', 'structuredClone', 'performance', 'FormData', 'Blob', 'Response', 'Request',
				'Headers', 'queueMicrotask', 'globalThis'].map((name) => [name, 'readonly']),
		),
	},
	},
	// The e2e suite and the emulator's tests read untyped JSON (n8n's REST API and run data, raw API answers)
	// in many one-off shapes; `any` is allowed there and nowhere else (nodes/ and the other test code).
	{ files: ['test/e2e/**/*.cts', 'test/emulator/**/*.cts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
{
	const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: codeConfig });
	const files = ['test', 'scripts'].flatMap((d) => listFiles(path.join(root, d), (f) => f.endsWith('.cts')));
	const results = await eslint.lintFiles(files);
	const text = await (await eslint.loadFormatter('stylish')).format(results);
	if (text.trim()) console.log(text);
	const count = results.reduce((n, r) => n + r.errorCount, 0);
	console.log(`lint test and tooling code: ${files.length} files, ${count} errors, ${results.reduce((n, r) => n + r.warningCount, 0)} warnings`);
	errors += count;
}

// n8n's own tool (npx n8n-node lint): `eslint .` with @n8n/node-cli's config, which lints **/*.ts (nodes/, credentials/).
try {
	execFileSync('npx', ['--no-install', 'n8n-node', 'lint'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
	console.log('lint n8n-node (strict, cloud rules): 0 errors');
} catch (error) {
	console.log(String(error.stdout ?? '') + String(error.stderr ?? ''));
	console.log('lint n8n-node (strict, cloud rules): FAILED');
	errors += 1;
}
process.exit(errors > 0 ? 1 : 0);

// What n8n and npm read about the package besides its code: each node's codex file (categories, search
// aliases, docs links; getCodex (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/core/src/nodes-loader/directory-loader.ts) keeps only those and drops a codex without
// `resources`), the nodes' and credential's docs links, and the GitHub workflows that test and publish it.
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { SyncLabsApi } from '../../credentials/SyncLabsApi.credentials';
import { brokenReason } from './markdown.cjs';
import { cacheDir, SUPPORTED_VERSIONS } from '../e2e/harness/index.cjs';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[] };
	repository: { url: string };
};
const repoUrl = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** A documentation URL on GitHub must name a README anchor or a file of the repository (and its anchor) that exists. */
function expectRepositoryDocLink(url: string): void {
	const readmeAnchor = url.startsWith(`${repoUrl}#`) ? `README.md${url.slice(repoUrl.length)}` : undefined;
	const file = url.startsWith(`${repoUrl}/blob/main/`) ? url.slice(`${repoUrl}/blob/main/`.length) : undefined;
	const target = readmeAnchor ?? file;
	expect({ url, target }).toEqual({ url, target: expect.any(String) });
	expect({ url, broken: brokenReason(path.join(root, 'README.md'), target ?? '') }).toEqual({ url, broken: undefined });
}

interface Codex {
	node: string;
	categories: string[];
	alias: string[];
	resources: { primaryDocumentation: Array<{ url: string }>; credentialDocumentation: Array<{ url: string }> };
}

const codexFiles = pkg.n8n.nodes.map((compiled) => compiled.replace(/^dist\//, '').replace(/\.js$/, '.json'));

/**
 * The categories n8n's own nodes give in their codex files: n8n-nodes-base 2.8.4 and 2.41.x (`dist/nodes/**\/*.node.json`),
 * without "AI": n8n lists the node's tool variant under AI → Tools by itself (docs/ai-agents.md#finding-the-node). n8n
 * does not check categories, so a misspelt one would silently put the node in no group of the node panel.
 */
const N8N_CATEGORIES = [
	'Analytics',
	'Communication',
	'Core Nodes',
	'Data & Storage',
	'Developer Tools',
	'Development',
	'ECM',
	'Finance & Accounting',
	'HITL',
	'Marketing',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
];

function installedNodesBase(version: string): string | undefined {
	if (!fs.existsSync(cacheDir())) return undefined;
	const install = fs.readdirSync(cacheDir()).find((dir) => dir.startsWith(`n8n-${version}-`));
	const base = install && path.join(cacheDir(), install, 'node_modules', 'n8n-nodes-base');
	return base && fs.existsSync(path.join(base, 'dist', 'nodes')) ? base : undefined;
}

function codexFilesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return codexFilesUnder(full);
		return entry.name.endsWith('.node.json') ? [full] : [];
	});
}

describe('node codex files', () => {
	it.each(codexFiles)('%s names its node type and links to a documentation page that exists', (file) => {
		const codex = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Codex;
		const className = path.basename(file, '.node.json');
		expect(codex.node).toBe(`${pkg.name}.${className[0].toLowerCase()}${className.slice(1)}`);
		expect(codex.resources.primaryDocumentation).toHaveLength(1);
		expectRepositoryDocLink(codex.resources.primaryDocumentation[0].url);
		expectRepositoryDocLink(codex.resources.credentialDocumentation[0].url);
	});

	it.each(codexFiles)('%s is found by the words users search for and avoids the retiring AI category', (file) => {
		const codex = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Codex;
		expect(codex.alias).toEqual(expect.arrayContaining(['lip sync', 'lipsync', 'dubbing', 'avatar video']));
		expect(codex.categories.length).toBeGreaterThan(0);
		expect(codex.categories).not.toContain('AI');
	});

	it.each(codexFiles)('%s uses only categories n8n\'s own nodes use, and never AI', (file) => {
		const codex = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Codex;
		expect(codex.categories.filter((category) => !N8N_CATEGORIES.includes(category) || category === 'AI')).toEqual([]);
	});

	it('the action node is found by what people search for: lip sync, dub, translate video, text to speech, voice clone', () => {
		const codex = JSON.parse(fs.readFileSync(path.join(root, 'nodes/SyncLabs/SyncLabs.node.json'), 'utf8')) as Codex;
		expect(codex.alias).toEqual(expect.arrayContaining(['lip sync', 'dub', 'dubbing', 'translate video', 'text to speech', 'voice clone']));
	});

	// The list above, checked against the codex files of the n8n installs the e2e suite caches (skipped without them).
	const installs = SUPPORTED_VERSIONS.map((version) => ({ version, base: installedNodesBase(version) })).filter((i) => i.base !== undefined);
	(installs.length > 0 ? it : it.skip)('the category list is the one n8n-nodes-base\'s codex files use in the cached n8n installs', () => {
		for (const { version, base } of installs) {
			const used = new Set<string>();
			for (const file of codexFilesUnder(path.join(base!, 'dist', 'nodes'))) {
				for (const category of (JSON.parse(fs.readFileSync(file, 'utf8')) as { categories?: string[] }).categories ?? []) used.add(category.trim());
			}
			used.delete('AI');
			expect({ version, categories: [...used].sort() }).toEqual({ version, categories: [...N8N_CATEGORIES].sort() });
		}
	});

	it("the credential's documentation link is the codex files' credential link", () => {
		const credentialDocs = new SyncLabsApi().documentationUrl;
		expectRepositoryDocLink(credentialDocs);
		for (const file of codexFiles) {
			const codex = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Codex;
			expect(codex.resources.credentialDocumentation[0].url).toBe(credentialDocs);
		}
	});

	it('the build copies every codex file into dist next to its node', () => {
		const gulpfile = fs.readFileSync(path.join(root, 'gulpfile.js'), 'utf8');
		expect(gulpfile).toContain("src('nodes/**/*.{png,svg,node.json}')");
	});
});

/** The README's test command: the `npm …` line commented "everything" in its Development section. */
function readmeTestCommand(): string {
	const line = readme.split('\n').find((l) => /^npm \S+ +# everything/.test(l));
	if (!line) throw new Error('README has no "npm … # everything" line');
	return line.split('#')[0].trim();
}

interface WorkflowFile {
	on: Record<string, unknown>;
	permissions: Record<string, string>;
	jobs: Record<string, { steps: Array<{ run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }> }>;
}

function workflow(name: string): WorkflowFile {
	return parse(fs.readFileSync(path.join(root, '.github', 'workflows', name), 'utf8')) as WorkflowFile;
}
const runSteps = (wf: WorkflowFile) => Object.values(wf.jobs).flatMap((job) => job.steps.map((s) => s.run ?? '').filter(Boolean));

describe('GitHub workflows', () => {
	it("CI runs the README's test command after a clean install, with read-only permissions", () => {
		const ci = workflow('ci.yml');
		expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
		expect(ci.permissions).toEqual({ contents: 'read' });
		expect(runSteps(ci)).toEqual(['npm ci --no-audit --no-fund', readmeTestCommand()]);
		expect(fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8')).toContain(`\n${readmeTestCommand()}\n`);
	});

	it('publish runs on a version tag, tests first, and publishes with an npm provenance statement', () => {
		const publish = workflow('publish.yml');
		expect(publish.on).toEqual({ push: { tags: ['v*.*.*'] } });
		expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		const runs = runSteps(publish);
		const testAt = runs.indexOf(readmeTestCommand());
		const publishAt = runs.findIndex((r) => r.startsWith('npm publish'));
		expect(testAt).toBeGreaterThan(-1);
		expect(publishAt).toBeGreaterThan(testAt);
		expect(runs[publishAt].split(/\s+/)).toContain('--provenance');
		const setupNode = Object.values(publish.jobs).flatMap((j) => j.steps).find((s) => s.uses?.startsWith('actions/setup-node'));
		expect(setupNode?.with?.['registry-url']).toBe('https://registry.npmjs.org');
	});
});

// The documentation a user reads: the README as a front page of bounded length that links every page under
// docs/, links and images that resolve (anchors included), commands that exist, the example guide in the order
// `npm start` prints the examples, and a changelog that names every node version a saved workflow can carry.
import fs from 'fs';
import path from 'path';
import type { INodeTypeDescription } from 'n8n-workflow';
import { SyncLabs } from '../../nodes/SyncLabs/SyncLabs.node';
import { SyncLabsPollingTrigger } from '../../nodes/SyncLabs/SyncLabsPollingTrigger.node';
import { SyncLabsTrigger } from '../../nodes/SyncLabs/SyncLabsTrigger.node';
import { NEWCOMER_ORDER } from '../../scripts/sandbox/config.cjs';
import { anchorsOf, brokenReason, isExternal, linksOf, REPO_ROOT, wordCount } from './markdown.cjs';

const README_WORD_LIMIT = 1500;

const read = (relative: string) => fs.readFileSync(path.join(REPO_ROOT, relative), 'utf8');
const docsPages = fs
	.readdirSync(path.join(REPO_ROOT, 'docs'))
	.filter((f) => f.endsWith('.md'))
	.map((f) => `docs/${f}`);
const markdownFiles = ['README.md', 'CHANGELOG.md', 'examples/README.md', ...docsPages];
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const readme = read('README.md');

/** Every link or image of a file that does not resolve, as "file:line target (reason)". */
function brokenLinks(file: string): string[] {
	const absolute = path.join(REPO_ROOT, file);
	return linksOf(read(file))
		.filter((link) => !isExternal(link.target))
		.flatMap((link) => {
			const reason = brokenReason(absolute, link.target);
			return reason ? [`${file}:${link.line} ${link.target} (${reason})`] : [];
		});
}

/** The repository files a Markdown file links to (anchors dropped), relative to the repository root. */
function linkedFiles(file: string): Set<string> {
	const absolute = path.join(REPO_ROOT, file);
	return new Set(
		linksOf(read(file))
			.filter((link) => !isExternal(link.target) && !link.target.startsWith('#'))
			.map((link) => path.relative(REPO_ROOT, path.resolve(path.dirname(absolute), decodeURIComponent(link.target.split('#')[0])))),
	);
}

/** The package.json scripts a text tells the reader to run: `npm run <name>`, `npm start`, `npm test`. */
function npmScriptsShown(text: string): Array<{ command: string; script: string }> {
	return [...text.matchAll(/\bnpm (?:run(?:-script)? ([\w:.-]+)|(start|test)\b)/g)].map((m) => ({ command: m[0], script: m[1] ?? m[2] }));
}

describe('documentation links', () => {
	it.each(markdownFiles)('every relative link and image in %s resolves, anchors included', (file) => {
		expect(brokenLinks(file)).toEqual([]);
	});

	it('the README links every page under docs/', () => {
		const linked = linkedFiles('README.md');
		expect(docsPages.filter((page) => !linked.has(page))).toEqual([]);
	});

	it('the README shows at least one screenshot from docs/', () => {
		const images = linksOf(readme).filter((l) => l.kind === 'image' && /^docs\/[^/]+\.png$/.test(l.target));
		expect(images.length).toBeGreaterThan(0);
	});

	it('the link checker itself refuses a missing file, a missing anchor and a path outside the repository', () => {
		const from = path.join(REPO_ROOT, 'README.md');
		expect(brokenReason(from, 'docs/no-such-page.md')).toMatch(/does not exist/);
		expect(brokenReason(from, 'CHANGELOG.md#no-such-heading')).toMatch(/no heading/);
		expect(brokenReason(from, '../outside.md')).toMatch(/leaves the repository/);
		expect(brokenReason(from, '#credentials')).toBeUndefined();
		expect(anchorsOf('# A → B\n## `npm start`: the sandbox\n## Q\n## Q\n```\n# not a heading\n```')).toEqual(
			new Set(['a--b', 'npm-start-the-sandbox', 'q', 'q-1']),
		);
	});

	it('the link reader follows link text that wraps onto the next line, and skips links and headings in HTML comments', () => {
		const markdown = 'See [the wrapped\nlink text](docs/a.md) and ![an\nimage](docs/b.png).\n\n[not a link\n\nacross paragraphs](docs/c.md)\n<!-- [hidden](docs/d.md)\n# Hidden\n-->\n[after](docs/e.md)';
		expect(linksOf(markdown)).toEqual([
			{ target: 'docs/a.md', line: 2, kind: 'link' },
			{ target: 'docs/b.png', line: 3, kind: 'image' },
			{ target: 'docs/e.md', line: 11, kind: 'link' },
		]);
		expect(anchorsOf('<!--\n# Hidden\n-->\n# Shown')).toEqual(new Set(['shown']));
	});
});

/**
 * Where a text cites what a reader cannot open: a tracker issue by number, or a file inside an installed package
 * (node_modules/<package>/<file>). A node_modules path that exists at run time stays allowed: the `.bin` folder,
 * a package's `bin` folder, a package folder itself, a `<placeholder>`.
 */
function unopenableCitations(text: string): string[] {
	const issues = [...text.matchAll(/\bissues? #?\d+/gi)].map((m) => m[0]);
	const packageFiles = [...text.replace(/\bhttps?:\/\/\S+/g, '').matchAll(/node_modules\/(\S*)/g)]
		.filter(([, rest]) => !/^(?:\.bin\/|<|(?:@[\w.-]+\/)?[\w.-]+(?:\/bin\/|[`),.;:]*$))/.test(rest))
		.map((m) => m[0]);
	return [...issues, ...packageFiles];
}

describe('what the documentation cites', () => {
	it.each(markdownFiles)('%s cites no tracker issue and no file inside an installed package', (file) => {
		expect(unopenableCitations(read(file))).toEqual([]);
	});

	it('the citation check refuses an issue number and a package file, and allows run-time node_modules paths', () => {
		expect(unopenableCitations('before issue 10; see issues #3 and node_modules/@sync.so/sdk/dist/api/x.d.ts')).toEqual([
			'issue 10',
			'issues #3',
			'node_modules/@sync.so/sdk/dist/api/x.d.ts',
		]);
		expect(unopenableCitations('run `node_modules/n8n/bin/n8n`, `node_modules/.bin/tsx`, `nodes/node_modules/n8n-nodes-synclabs`, the repo\'s `node_modules`')).toEqual([]);
	});
});

describe('commands shown in the documentation', () => {
	it.each(markdownFiles)('every npm command in %s is a script of package.json', (file) => {
		const missing = npmScriptsShown(read(file)).filter(({ script }) => !(script in scripts));
		expect(missing.map(({ command }) => command)).toEqual([]);
	});

	it('the command check sees npm run, npm start and npm test, and not npm install', () => {
		const shown = npmScriptsShown('npm run bench, npm start -- --fresh, npm test, npm install, npm run-script lint');
		expect(shown.map(({ script }) => script)).toEqual(['bench', 'start', 'test', 'lint']);
	});

	it('the README keeps the two commands a newcomer runs on a fresh machine: start the sandbox, run every test', () => {
		const lines = readme.split('\n');
		expect(lines.some((l) => /^npm install && npm start\b/.test(l))).toBe(true);
		expect(lines.some((l) => /^npm test +# everything/.test(l))).toBe(true);
	});
});

describe('the README as a front page', () => {
	it(`stays within ${README_WORD_LIMIT} words, counting every word of its Markdown source`, () => {
		expect(wordCount(readme)).toBeLessThanOrEqual(README_WORD_LIMIT);
	});

	it('the word count counts code, tables and link targets, and skips bare punctuation', () => {
		expect(wordCount('| a | b |\n|---|---|\n```bash\nnpm test\n```\n[x](docs/y.md) — 3')).toBe(7);
	});
});

describe('examples/README.md', () => {
	const guide = read('examples/README.md');
	const exampleFiles = fs.readdirSync(path.join(REPO_ROOT, 'examples')).filter((f) => f.endsWith('.json'));

	it('links every example workflow, in the order npm start prints them', () => {
		const order = linksOf(guide)
			.map((l) => l.target)
			.filter((t) => exampleFiles.includes(t))
			.filter((t, i, all) => all.indexOf(t) === i);
		const sandboxOrder = [...exampleFiles].sort(
			(a, b) => (NEWCOMER_ORDER.indexOf(a) + 1 || Infinity) - (NEWCOMER_ORDER.indexOf(b) + 1 || Infinity) || a.localeCompare(b),
		);
		expect(order).toEqual(sandboxOrder);
	});
});

describe('CHANGELOG.md', () => {
	const changelog = read('CHANGELOG.md');

	it('keeps an [Unreleased] section first, in the Keep a Changelog form', () => {
		const sections = changelog.split('\n').filter((l) => /^## /.test(l));
		expect(sections[0]).toBe('## [Unreleased]');
		expect(changelog).toContain('https://keepachangelog.com/');
	});

	/** The rows of the table under a node's heading in "Node versions and saved workflows". */
	function versionRows(nodeHeading: string): string[] {
		const part = changelog.split('## Node versions and saved workflows')[1] ?? '';
		const section = part.split(/^### /m).find((s) => s.startsWith(nodeHeading)) ?? '';
		return section
			.split('\n')
			.filter((l) => /^\| *\d/.test(l))
			.map((l) => l.split('|')[1].trim().split(/\s/)[0]);
	}
	const versionsOf = (description: INodeTypeDescription) => [description.version].flat().map(String);

	it.each([
		['Sync Labs (action node)', Object.keys(new SyncLabs().nodeVersions)],
		['Sync Labs Trigger', versionsOf(new SyncLabsTrigger().description)],
		['Sync Labs Polling Trigger', versionsOf(new SyncLabsPollingTrigger().description)],
	])('says what each version of %s changes for saved workflows', (heading, versions) => {
		const rows = versionRows(heading);
		expect(versions.filter((v) => !rows.includes(v))).toEqual([]);
	});
});

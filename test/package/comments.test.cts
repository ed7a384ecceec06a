// Comments state the rule and cite what a reader can open: a page in docs/, or a public URL such as n8n's
// TypeScript source on GitHub at a release tag. The rule this file enforces on every comment (// and /* */ in
// .ts/.cts/.js/.mjs, # in .sh) under nodes/, credentials/, test/ and scripts/ and in the root config files:
//  1. no tracker issue number ("issue" or "issues" followed by a number): the rule itself is written instead;
//  2. no compiled file of an installed package: a `.js`, `.cjs`, `.mjs` or `.d.ts` file name is allowed only when
//     it is a file of this repository, the name TypeScript gives one of its `.ts`/`.cts` files (`fakeSync.cjs` for
//     fakeSync.cts), a one-letter placeholder (`X.node.js`) or part of a URL; a path through a package's `dist` or
//     `build` folder is refused (this repository's own dist/, with no package name before it, is not);
//  3. a node_modules path only where one exists at run time: the `.bin` folder, a package's `bin` folder, a
//     package folder itself, or a `<placeholder>` such as `.n8n/nodes/node_modules/<name>`.
// Code and strings are not comments and are not scanned (install scripts really run node_modules/n8n/bin/n8n).
import fs from 'fs';
import path from 'path';
import ts from 'typescript';

const root = path.join(__dirname, '..', '..');
const scannedFolders = ['nodes', 'credentials', 'test', 'scripts'];
const scannedRootFiles = ['gulpfile.js', 'jest.config.js', 'eslint.config.mjs'];
const codeFile = /\.(?:ts|cts|mts|js|cjs|mjs)$/;

function filesUnder(folder: string): string[] {
	return fs.readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
		const relative = path.posix.join(folder, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : filesUnder(relative);
		return [relative];
	});
}

const repositoryFiles = [...scannedFolders.flatMap(filesUnder), ...fs.readdirSync(root)];
const repositoryFileNames = new Set(repositoryFiles.map((file) => path.posix.basename(file)));

/** A `.js`-like name this repository owns: one of its files, TypeScript's name for one, or a placeholder. */
function isRepositoryFileName(name: string): boolean {
	const typeScriptSource = name.replace(/\.cjs$/, '.cts').replace(/\.mjs$/, '.mts').replace(/\.js$/, '.ts');
	return repositoryFileNames.has(name) || repositoryFileNames.has(typeScriptSource) || /^[A-Za-z]\./.test(name);
}
const scannedFiles = [
	...scannedFolders.flatMap(filesUnder).filter((file) => codeFile.test(file) || file.endsWith('.sh')),
	...scannedRootFiles,
];

interface Comment {
	file: string;
	line: number;
	text: string;
}

/** Every comment of a TypeScript or JavaScript file, found by TypeScript's parser (so `//` inside a string is no comment). */
function codeComments(file: string, source: string): Comment[] {
	const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
	const seen = new Map<number, Comment>();
	const collect = (ranges: ts.CommentRange[] | undefined) => {
		for (const range of ranges ?? []) {
			if (seen.has(range.pos)) continue;
			const line = sourceFile.getLineAndCharacterOfPosition(range.pos).line + 1;
			seen.set(range.pos, { file, line, text: source.slice(range.pos, range.end) });
		}
	};
	const visit = (node: ts.Node) => {
		collect(ts.getLeadingCommentRanges(source, node.getFullStart()));
		collect(ts.getTrailingCommentRanges(source, node.getEnd()));
		ts.forEachChild(node, visit);
	};
	visit(sourceFile);
	collect(ts.getLeadingCommentRanges(source, sourceFile.getEnd()));
	return [...seen.values()];
}

/** Every `#` comment of a shell script: a whole comment line, or ` # ...` after code (not `$#`, `#!`, or inside quotes). */
function shellComments(file: string, source: string): Comment[] {
	return source.split('\n').flatMap((lineText, index) => {
		const match = /(?:^|\s)#(?!!)(.*)$/.exec(lineText.replace(/"[^"]*"|'[^']*'/g, '""'));
		return match ? [{ file, line: index + 1, text: match[0] }] : [];
	});
}

const issueNumber = /\bissues?\s+#?\d+/i;
const packageBuildFolder = /[\w@.-]+\/(?:dist|build)\//;
const compiledFileName = /[\w.-]+\.(?:d\.ts|c?js|mjs)\b/g;
const url = /\bhttps?:\/\/\S+/g;
const nodeModulesPath = /node_modules\/(\S*)/g;

/** What is wrong with one comment line, or undefined. */
function offence(text: string): string | undefined {
	if (issueNumber.test(text)) return `names a tracker issue ("${issueNumber.exec(text)?.[0]}")`;
	const withoutUrls = text.replace(url, '');
	if (packageBuildFolder.test(withoutUrls)) {
		return `cites a package's compiled folder ("${packageBuildFolder.exec(withoutUrls)?.[0]}")`;
	}
	for (const [name] of withoutUrls.matchAll(compiledFileName)) {
		if (!isRepositoryFileName(name) && !/^node\.js$/i.test(name)) return `cites a compiled file ("${name}")`;
	}
	for (const [whole, rest] of withoutUrls.matchAll(nodeModulesPath)) {
		const realPath = /^(?:\.bin\/|<|(?:@[\w.-]+\/)?[\w.-]+(?:\/bin\/|[),.;:]*$))/.test(rest);
		if (!realPath) return `cites a file inside node_modules ("${whole}")`;
	}
	return undefined;
}

function offences(): string[] {
	return scannedFiles.flatMap((file) => {
		const source = fs.readFileSync(path.join(root, file), 'utf8');
		const comments = file.endsWith('.sh') ? shellComments(file, source) : codeComments(file, source);
		return comments.flatMap((comment) =>
			comment.text.split('\n').flatMap((lineText, index) => {
				const problem = offence(lineText);
				return problem ? [`${comment.file}:${comment.line + index} ${problem}`] : [];
			}),
		);
	});
}

describe('comments', () => {
	it('scan every code file and shell script of the package, its tests and scripts', () => {
		expect(scannedFiles).toEqual(expect.arrayContaining(['nodes/SyncLabs/SyncLabs.node.ts', 'test/e2e/install-n8n.sh']));
		expect(scannedFiles.length).toBeGreaterThan(100);
	});

	it('are found by the parser in code and by `#` in shell scripts, never inside a string', () => {
		const code = codeComments('x.ts', 'const s = "// issue 1";\n/* two */ const t = `# x`; // three\n');
		expect(code.map((c) => [c.line, c.text])).toEqual([[2, '/* two */'], [2, '// three']]);
		const shell = shellComments('x.sh', '# one\necho "# not" $# # two\n');
		expect(shell.map((c) => [c.line, c.text.trim()])).toEqual([[1, '# one'], [2, '# two']]);
	});

	it('name no tracker issue and no compiled file of an installed package', () => {
		expect(offences()).toEqual([]);
	});

	it.each([
		['// every item is checked first (issue 9 point 6)', 'names a tracker issue ("issue 9")'],
		['/* Issue 10, point 4: seconds or milliseconds */', 'names a tracker issue ("Issue 10")'],
		['// see node_modules/n8n-workflow/dist/cjs/node-helpers.js', 'cites a package\'s compiled folder ("n8n-workflow/dist/")'],
		['// (n8n-core workflow-execute.js handleNodeExecutionError)', 'cites a compiled file ("workflow-execute.js")'],
		['// the SDK\'s AssetType.d.ts', 'cites a compiled file ("AssetType.d.ts")'],
		['// node_modules/@sync.so/sdk/api/resources', 'cites a file inside node_modules ("node_modules/@sync.so/sdk/api/resources")'],
	])('refuse %s', (comment, problem) => {
		expect(offence(comment)).toBe(problem);
	});

	it.each([
		'// run node_modules/.bin/tsx test/emulator/src/cli.cts',
		'#   node_modules/n8n/bin/n8n   the n8n CLI',
		'/** Installs the tarball into `<userFolder>/.n8n/nodes/node_modules/<name>` */',
		'/** Folder whose node_modules/n8n is the install. */',
		'// removed by test/runner/src/jestGlobalTeardown.js at the end of the run',
		'// (https://github.com/npm/run-script/blob/v10.0.4/lib/signal-manager.js)',
		'// `npm pack` of dist/ and a Node.js 20 runtime',
	])('allow %s', (comment) => {
		expect(offence(comment)).toBeUndefined();
	});
});

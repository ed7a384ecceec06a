// Only the parameter reader (nodes/SyncLabs/parameters/) may call n8n's getNodeParameter: any other read
// would bypass the kinds, and a switch given "false" would count as on again. The files are parsed (not
// grepped), so a comment that names the method is not a call, and `ctx['getNodeParameter']` still is.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const NODES = path.join(ROOT, 'nodes');
const READER = path.join(NODES, 'SyncLabs', 'parameters') + path.sep;

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

/** Line numbers where the source names getNodeParameter in code: a call, a property, a destructuring, a string key. */
function readsOfGetNodeParameter(fileName: string, text: string): number[] {
	const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
	const lines: number[] = [];
	const visit = (node: ts.Node) => {
		const named = (ts.isIdentifier(node) || ts.isStringLiteralLike(node)) && node.text === 'getNodeParameter';
		if (named) lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
		ts.forEachChild(node, visit);
	};
	visit(source);
	return lines;
}

describe('who reads node parameters', () => {
	it('finds a call, a string key and a destructured method, and not a comment or a longer name', () => {
		const sample = [
			'// this.getNodeParameter(...) in a comment is not a read',
			"const a = this.getNodeParameter('x', 0);",
			"const b = ctx['getNodeParameter']('x', 0);",
			'const { getNodeParameter } = ctx;',
			'NodeHelpers.getNodeParameters([], {}, true, false, node);',
		].join('\n');
		expect(readsOfGetNodeParameter('sample.ts', sample)).toEqual([2, 3, 4]);
	});

	it('has no file under nodes/ outside nodes/SyncLabs/parameters/ that calls getNodeParameter', () => {
		const files = sourceFiles(NODES);
		expect(files.length).toBeGreaterThan(50);
		const offenders = files
			.filter((file) => !file.startsWith(READER))
			.flatMap((file) => readsOfGetNodeParameter(file, fs.readFileSync(file, 'utf8')).map((line) => `${path.relative(ROOT, file)}:${line}`));
		expect(offenders).toEqual([]);
	});

	it('has the reader itself call getNodeParameter (so the check above looks at the right thing)', () => {
		const reader = sourceFiles(READER).flatMap((file) => readsOfGetNodeParameter(file, fs.readFileSync(file, 'utf8')));
		expect(reader.length).toBeGreaterThan(0);
	});
});

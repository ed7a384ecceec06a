// Checks JSON values against the @sync.so/sdk 0.3.0 declarations with the TypeScript checker itself: each value
// becomes an object literal assigned to an SDK type in one in-memory file, so the compiler's own rules apply
// (excess-property checks = unknown keys, missing required keys, string-literal enums, discriminated unions).
// The SDK ships only .d.ts files and no runtime schemas (docs/wire-fidelity.md).
import path from 'node:path';
import ts from 'typescript';

export interface TypeCase {
	/** An SDK type expression, e.g. `Sync.CreateGenerationDto` or `Sync.Generation[]`. */
	type: string;
	value: unknown;
}

const ROOT = path.resolve(__dirname, '../..');
const VIRTUAL = path.join(ROOT, 'test/wire/__sdk_wire_check__.ts');

const OPTIONS: ts.CompilerOptions = {
	strict: true,
	noEmit: true,
	skipLibCheck: true,
	target: ts.ScriptTarget.ES2022,
	module: ts.ModuleKind.CommonJS,
	moduleResolution: ts.ModuleResolutionKind.Node10,
	types: [],
	exactOptionalPropertyTypes: false,
};

/** Source files other than the in-memory one, by name and language version. */
const PARSED = new Map<string, ts.SourceFile | undefined>();

/** The JSON path (`input.1.type`) of the literal at a position, from the enclosing property names and array indices. */
function jsonPathAt(source: ts.SourceFile, position: number): string {
	let node: ts.Node | undefined = findInnermost(source, position);
	const parts: string[] = [];
	while (node && !ts.isVariableDeclaration(node)) {
		const parent: ts.Node | undefined = node.parent;
		if (parent && ts.isPropertyAssignment(parent) && parent.initializer === node) parts.unshift(parent.name.getText(source).replace(/^"|"$/g, ''));
		else if (ts.isPropertyAssignment(node) && parent && ts.isObjectLiteralExpression(parent) && position < node.initializer.getStart(source)) {
			parts.unshift(node.name.getText(source).replace(/^"|"$/g, ''));
		}
		const index = parent && ts.isArrayLiteralExpression(parent) ? parent.elements.indexOf(node as ts.Expression) : -1;
		if (index >= 0) parts.unshift(String(index));
		node = parent;
	}
	return parts.length ? parts.join('.') : '(root)';
}

function findInnermost(node: ts.Node, position: number): ts.Node | undefined {
	if (position < node.getStart() || position >= node.getEnd()) return undefined;
	for (const child of node.getChildren()) {
		const inner = findInnermost(child, position);
		if (inner) return inner;
	}
	return node;
}

/** Returns one result per case: 'OK', or the compiler's messages for that case joined by " | ". */
export function checkAgainstSdk(cases: TypeCase[]): string[] {
	return compilerMessages(cases).map((messages) => (messages.length === 0 ? 'OK' : messages.join(' | ')));
}

/** The compiler's messages for each case (`<json path>: <message>`), none when the value has the type. */
export function compilerMessages(cases: TypeCase[]): string[][] {
	// One case per line, so a diagnostic's line says which case it belongs to.
	const lines = ["import type { Sync } from '@sync.so/sdk';"];
	for (const [i, c] of cases.entries()) lines.push(`export const case${i}: ${c.type} = ${JSON.stringify(c.value) ?? 'undefined'};`);
	const text = lines.join('\n');

	const host = ts.createCompilerHost(OPTIONS, true);
	const getSourceFile = host.getSourceFile.bind(host);
	host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
		if (path.resolve(fileName) === VIRTUAL) return ts.createSourceFile(fileName, text, languageVersion, true);
		// The standard library and the SDK's declarations never change during a run: parsed once, shared by every
		// check's program (as TypeScript's language service shares its documents).
		const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
		if (!PARSED.has(key)) PARSED.set(key, getSourceFile(fileName, languageVersion, onError, shouldCreate));
		return PARSED.get(key);
	};
	const fileExists = host.fileExists.bind(host);
	host.fileExists = (fileName) => path.resolve(fileName) === VIRTUAL || fileExists(fileName);
	const readFile = host.readFile.bind(host);
	host.readFile = (fileName) => (path.resolve(fileName) === VIRTUAL ? text : readFile(fileName));

	const program = ts.createProgram([VIRTUAL], OPTIONS, host);
	const source = program.getSourceFile(VIRTUAL);
	if (!source) throw new Error('sdkTypeCheck: the in-memory file was not loaded');
	const results: string[][] = cases.map(() => []);
	const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
	for (const d of diagnostics) {
		const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
		const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
		if (line === 0) throw new Error(`sdkTypeCheck: cannot load the SDK types: ${message}`);
		results[line - 1].push(`${jsonPathAt(source, d.start ?? 0)}: ${message}`);
	}
	return results;
}

// The client's layout rule (README "Layout: one rule per folder"): every Sync API request goes through
// nodes/SyncLabs/api, whose send.ts alone calls the transport's apiRequest; no other code builds an API path.
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../nodes/SyncLabs');

function sources(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

const files = sources(root).map((file) => ({ file: path.relative(root, file), text: fs.readFileSync(file, 'utf8') }));
/** The code of a file without its comments and without the text shown in the editor (descriptions). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

it('only the client\'s send.ts calls the transport\'s apiRequest', () => {
	const callers = files.filter(({ file, text }) => !file.startsWith('transport/') && /\bapiRequest\b/.test(code(text))).map(({ file }) => file);
	expect(callers).toEqual(['api/send.ts']);
});

it('no code outside the client names a Sync API path', () => {
	const apiPath = /['"`]\/v2\/(?!generate['"`])/;
	const naming = files.filter(({ file, text }) => !file.startsWith('api/') && apiPath.test(code(text))).map(({ file }) => file);
	expect(naming).toEqual([]);
});

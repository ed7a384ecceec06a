// Reading the repository's Markdown as GitHub renders it: the links and images a reader can follow, the anchors
// its headings get, and its words. Used by the docs test and by the codex-link checks.
import fs from 'fs';
import path from 'path';

export const REPO_ROOT = path.join(__dirname, '..', '..');

/**
 * The text outside fenced code blocks and HTML comments, one entry per line (code and comment lines become empty,
 * so line numbers hold). A link inside a comment is never rendered, so it neither resolves nor counts as linked.
 */
function proseLines(markdown: string): string[] {
	let fence: string | undefined;
	const lines = markdown.split('\n').map((line) => {
		const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
		if (fence === undefined && opener) {
			fence = opener[1][0];
			return '';
		}
		if (fence !== undefined) {
			if (opener && opener[1][0] === fence) fence = undefined;
			return '';
		}
		return line;
	});
	return lines
		.join('\n')
		.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => comment.replace(/[^\n]/g, ''))
		.split('\n');
}

/** Inline code spans removed: a link written inside backticks is shown, not followed. */
function withoutCodeSpans(line: string): string {
	return line.replace(/(`+)[^`]*?\1/g, '');
}

/**
 * GitHub's anchor for a heading (github-slugger): the rendered text in lower case, everything but letters,
 * marks, numbers, underscores, hyphens and spaces dropped, each space a hyphen.
 */
export function slugOf(headingSource: string): string {
	const rendered = headingSource
		.replace(/!\[[^\]]*\]\([^)]*\)/g, '')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.replace(/[`*]/g, '');
	return rendered.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

/** Every anchor a Markdown file offers: its headings' slugs (repeats get -1, -2, …) and explicit HTML ids. */
export function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const line of proseLines(markdown)) {
		const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
		if (heading) {
			const slug = slugOf(heading[1]);
			const count = seen.get(slug) ?? 0;
			seen.set(slug, count + 1);
			anchors.add(count === 0 ? slug : `${slug}-${count}`);
		}
		for (const id of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(id[1]);
	}
	return anchors;
}

export interface MarkdownLink {
	target: string;
	line: number;
	kind: 'link' | 'image';
}

/**
 * Inline links and images, reference definitions, and HTML `<a href>` / `<img src>`, outside code. A link's text
 * may wrap onto the next lines of its paragraph (as GitHub renders it); its line is the one holding the target.
 */
export function linksOf(markdown: string): MarkdownLink[] {
	const links: MarkdownLink[] = [];
	const lines = proseLines(markdown).map(withoutCodeSpans);
	const prose = lines.join('\n');
	const inline = /(!?)\[(?:[^[\]\n]|\n(?![ \t]*\n)|\[[^\]\n]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
	for (const m of prose.matchAll(inline)) {
		const targetAt = (m.index ?? 0) + m[0].lastIndexOf('](');
		links.push({ target: m[2], line: prose.slice(0, targetAt).split('\n').length, kind: m[1] ? 'image' : 'link' });
	}
	lines.forEach((line, index) => {
		const at = index + 1;
		const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line);
		if (definition) links.push({ target: definition[1], line: at, kind: 'link' });
		for (const m of line.matchAll(/<img\s[^>]*src="([^"]+)"/g)) links.push({ target: m[1], line: at, kind: 'image' });
		for (const m of line.matchAll(/<a\s[^>]*href="([^"]+)"/g)) links.push({ target: m[1], line: at, kind: 'link' });
	});
	return links.sort((a, b) => a.line - b.line);
}

export function isExternal(target: string): boolean {
	return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

/**
 * Why a repository-relative link from `fromFile` does not resolve, or undefined when it does: the file or folder
 * must exist inside the repository (and not in what is never committed), and an anchor into a Markdown file must
 * be one of its headings. Anchors into other files are GitHub line anchors (#L10, #L10-L20).
 */
export function brokenReason(fromFile: string, target: string): string | undefined {
	const [rawPath, rawAnchor] = target.split('#', 2);
	const filePath = decodeURIComponent(rawPath);
	const resolved = filePath === '' ? fromFile : path.resolve(path.dirname(fromFile), filePath);
	const relative = path.relative(REPO_ROOT, resolved);
	if (relative.startsWith('..') || path.isAbsolute(relative)) return `${target} leaves the repository`;
	if (/^(node_modules|dist)([/\\]|$)/.test(relative)) return `${target} points into ${relative.split(/[/\\]/)[0]}/, which is not committed`;
	if (!fs.existsSync(resolved)) return `${relative} does not exist`;
	if (rawAnchor === undefined) return undefined;
	const anchor = decodeURIComponent(rawAnchor);
	if (resolved.endsWith('.md')) {
		return anchorsOf(fs.readFileSync(resolved, 'utf8')).has(anchor) ? undefined : `${relative} has no heading with the anchor #${anchor}`;
	}
	return /^L\d+(-L\d+)?$/.test(anchor) ? undefined : `#${anchor} is not a line anchor of ${relative}`;
}

/**
 * The README's length as the bound counts it, strictly: every whitespace-separated token of the Markdown source
 * that holds a letter or a digit, code blocks, tables, link targets and HTML included (a URL is one word). This
 * counts more than the rendered text ever shows.
 */
export function wordCount(markdown: string): number {
	return markdown.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

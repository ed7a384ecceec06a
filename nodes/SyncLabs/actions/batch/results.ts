// A batch's results file (transport/resultsFile.ts downloads it) read as output items.
import { isPlainObject, nonBlankLines } from './jsonl';

/** One output object per non-empty line. Lines that are not JSON objects are kept, marked, not dropped. */
export function parseResultLines(text: string): Array<Record<string, unknown>> {
	return nonBlankLines(text).map(({ line, text: raw }) => {
		let value: unknown;
		try {
			value = JSON.parse(raw);
		} catch {
			return { line, raw: raw.slice(0, 10000), parseError: 'The line is not valid JSON' };
		}
		return isPlainObject(value) ? value : { line, value: value as never };
	});
}

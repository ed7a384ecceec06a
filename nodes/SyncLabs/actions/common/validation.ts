// Rules about a value's content that run before any request (a URL's scheme, a text's length, a file's name),
// so a bad item fails fast with an error that names the field and the item instead of a vague API answer.
// Whether a value is of the right kind at all (a switch, a number, a dropdown's value) is the parameter
// reader's rule (nodes/SyncLabs/parameters/); both speak the same sentence (parameters/refusal.ts), e.g.
// "Script is 6000 characters long; Sync accepts at most 5000 (item 0)".
import type { IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { refusal } from '../../parameters';

/** `problem` continues the sentence that starts with the field's name: "is required", "is 7 characters long; ...". */
export function invalidInput(ctx: IExecuteFunctions, itemIndex: number, field: string, problem: string): NodeOperationError {
	return refusal(ctx, itemIndex, field, problem);
}

export function requireText(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (!text) {
		const blank = typeof value === 'string' && value.length > 0;
		throw invalidInput(ctx, itemIndex, field, blank ? `is required, but holds only ${value.length} blank character${value.length === 1 ? '' : 's'}` : 'is required');
	}
	return text;
}

export function requireHttpUrl(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown): string {
	const text = requireText(ctx, itemIndex, field, value);
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw invalidInput(ctx, itemIndex, field, `"${text.slice(0, 200)}" is not a valid URL`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw invalidInput(ctx, itemIndex, field, `starts with "${url.protocol}"; Sync fetches only http:// and https:// URLs`);
	}
	return text;
}

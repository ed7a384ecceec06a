// Input checks that run before any request, so a bad item fails fast with an error that names the
// field and the item instead of a vague API answer. Each message is one sentence, the field's name first,
// and says what was typed (its length, its value or its kind), e.g. "Script is 6000 characters long; Sync
// accepts at most 5000 (item 0)".
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** `problem` continues the sentence that starts with the field's name: "is required", "is 7 characters long; ...". */
export function invalidInput(ctx: IExecuteFunctions, itemIndex: number, field: string, problem: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${field} ${problem} (item ${itemIndex})`, {
		itemIndex,
		description: `Check the "${field}" parameter of item ${itemIndex}.`,
	});
}

export function requireText(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (!text) {
		const blank = typeof value === 'string' && value.length > 0;
		throw invalidInput(ctx, itemIndex, field, blank ? `is required, but holds only ${value.length} blank character${value.length === 1 ? '' : 's'}` : 'is required');
	}
	return text;
}

/** One of a dropdown's values: an expression can resolve to any text (actions/generation/choices.ts). */
export function requireOneOf<T extends string>(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown, allowed: readonly T[]): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	const shown = typeof value === 'string' ? `"${value.slice(0, 80)}"` : JSON.stringify(value) ?? String(value);
	throw invalidInput(ctx, itemIndex, field, `is ${shown}, which is none of ${allowed.join(', ')}`);
}

/**
 * A multi-select: its list, or the text an expression may resolve to ("COMPLETED, FAILED" or one value); each
 * value one of `allowed`. Empty text or null is the empty list.
 */
export function requireListOf<T extends string>(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown, allowed: readonly T[]): T[] {
	if (value === undefined || value === null) return [];
	const list = typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : Array.isArray(value) ? value : [value];
	return list.map((entry) => requireOneOf(ctx, itemIndex, field, entry, allowed));
}

/** A switch: true or false, or the text "true" / "false" an expression may resolve to (a form field, a CSV column). */
export function requireBoolean(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	const shown = typeof value === 'string' ? `"${value.slice(0, 80)}"` : JSON.stringify(value) ?? String(value);
	throw invalidInput(ctx, itemIndex, field, `is ${shown}, which is neither true nor false`);
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

export function requireNumberInRange(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	min: number,
	max: number,
): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) {
		throw invalidInput(ctx, itemIndex, field, `is ${JSON.stringify(value)}; it must be a number from ${min} to ${max}`);
	}
	return n;
}

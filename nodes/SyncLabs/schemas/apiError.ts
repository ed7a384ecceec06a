// The Sync Labs HTTP error body (docs/sync-api.md#error-body). `message` may be a string or a list of strings.
import { z } from 'zod';

export const apiErrorSchema = z
	.object({
		statusCode: z.number().optional(),
		message: z.union([z.string(), z.array(z.string())]).optional(),
		error: z.string().optional(),
		errorCode: z.string().optional(),
		error_code: z.string().optional(),
		suggestion: z.string().optional(),
		field: z.string().optional(),
		generationId: z.string().optional(),
		lineNumber: z.number().optional(),
	})
	.passthrough();

export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** Reads an error body that may be JSON, text or nothing into one shape. */
export function parseApiError(body: unknown, statusCode: number): ApiErrorBody {
	let value: unknown = body;
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (typeof value === 'string') {
		const text = value;
		try {
			value = JSON.parse(text);
		} catch {
			return { statusCode, message: text.trim().slice(0, 500) || `HTTP ${statusCode}` };
		}
	}
	const parsed = apiErrorSchema.safeParse(value);
	if (!parsed.success) return { statusCode, message: `HTTP ${statusCode}` };
	return { ...parsed.data, statusCode: parsed.data.statusCode ?? statusCode };
}

export function apiErrorMessage(error: ApiErrorBody): string {
	const message = Array.isArray(error.message) ? error.message.join('; ') : error.message;
	return message || error.error || `HTTP ${error.statusCode}`;
}

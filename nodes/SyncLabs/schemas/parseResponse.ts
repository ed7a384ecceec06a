// Validates an API answer against its zod schema so later code can rely on the type; a mismatch is an
// error that says which object was malformed, not a crash three steps later.
import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';
import type { z } from 'zod';

export function parseResponse<S extends z.ZodTypeAny>(
	ctx: { getNode(): INode },
	schema: S,
	value: unknown,
	what: string,
	itemIndex: number,
): z.infer<S> & IDataObject {
	const result = schema.safeParse(value);
	if (!result.success) {
		const issue = result.error.issues[0];
		throw new NodeOperationError(ctx.getNode(), `Sync Labs returned an unexpected ${what}: ${issue.path.length ? `its field "${issue.path.join('.')}"` : 'the body'} does not match (${issue.message})`, {
			itemIndex,
		});
	}
	return result.data as z.infer<S> & IDataObject;
}

// What a tolerant read tolerated: the objects it kept as Sync sent them because they did not match their schema
// (api/read.ts), with the first mismatch named as a strict read would name it.
import type { z } from 'zod';
import type { Tolerated } from '../../nodes/SyncLabs/api';

export function toleratedSummary(schema: z.ZodTypeAny, items: ReadonlyArray<Tolerated<unknown>>): string {
	const kept = items.filter((item) => item.value === null);
	if (items.length === 0) return 'tolerant: nothing to read';
	if (kept.length === 0) return items.length === 1 ? 'tolerant: matches its schema' : `tolerant: all ${items.length} match their schema`;
	const parsed = schema.safeParse(kept[0].raw);
	const issue = parsed.success ? undefined : parsed.error.issues[0];
	const where = issue ? (issue.path.length ? `field "${issue.path.join('.')}": ${issue.message}` : `the body: ${issue.message}`) : 'no issue named';
	return `tolerant: TOLERATED ${kept.length} of ${items.length} kept as sent (first: ${where})`;
}

/** The tolerant summary of one object read tolerantly. */
export function toleratedOne(schema: z.ZodTypeAny, item: Tolerated<unknown> | undefined): string {
	if (item === undefined) return 'tolerant: TOLERATED an answer that is no object (read as nothing)';
	return toleratedSummary(schema, [item]);
}

// Project IDs (docs/sync-api-2026.md#projects): Sync's are UUIDs, checked before any request, and the client id
// a Project → Create sends when the user gives none, derived so that every attempt at the same item in the same
// node run sends the same id (a repeat returns the project the first attempt made) and no other run does.
import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';
import { defaultIdempotencyKey } from '../generation/submitGeneration';
import { invalidInput } from '../common/validation';

export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The given project ID, or undefined when empty; anything but a UUID is refused naming the field and the item. */
export function checkedProjectId(ctx: IExecuteFunctions, itemIndex: number, field: string, value: string | undefined): string | undefined {
	const id = (value ?? '').trim();
	if (id === '') return undefined;
	if (!UUID_PATTERN.test(id)) {
		throw invalidInput(ctx, itemIndex, field, `is "${id.slice(0, 60)}${id.length > 60 ? '…' : ''}", which is not a project ID; a project ID is a UUID such as 6533643b-aceb-4c40-967e-d9ba9baac39e`);
	}
	return id;
}

/** An arbitrary fixed namespace for the name-based UUIDs below (RFC 9562 §5.5). */
const NAMESPACE = Buffer.from('5b1f0c9e2f7a4c43a6f1d2a8c0e4b7d3', 'hex');

/** A name-based UUID (version 5, SHA-1) of `name` in this package's namespace. */
export function nameBasedUuid(name: string): string {
	const bytes = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
	bytes[6] = (bytes[6] & 0x0f) | 0x50;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The client id of a project this item creates: from the same run identity as a generation's automatic
 * Idempotency-Key (a per-run random salt, the execution, the node, the run and the item), so it is stable across
 * retries and Retry On Fail and never repeats in another execution, instance or clone.
 */
export function derivedProjectId(ctx: IExecuteFunctions, itemIndex: number): string {
	return nameBasedUuid(`project:${defaultIdempotencyKey(ctx, itemIndex)}`);
}

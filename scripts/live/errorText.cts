// What a failed check prints: one line, never the key. A refused key (401) is named as such without echoing it;
// any other error keeps its message (Sync's own, through the transport's SyncApiError) with the key, should an
// answer ever echo it, replaced.
const MAX_LENGTH = 240;

export const KEY_REFUSED = 'the key was refused (401): SYNCLABS_API_KEY is wrong, revoked or for another API address (the key is not shown)';

/** The text with every occurrence of the secret replaced. */
export function withoutSecret(text: string, secret: string | undefined): string {
	return secret ? text.split(secret).join('[SYNCLABS_API_KEY]') : text;
}

/** A table cell: one line, no column separator, at most MAX_LENGTH characters. */
export function cell(text: string): string {
	const line = text.replace(/\s+/g, ' ').replace(/\|/g, '/').trim();
	return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line;
}

export function errorText(error: unknown, statuses: readonly number[], secret: string | undefined): string {
	if (statuses.includes(401)) return KEY_REFUSED;
	const message = error instanceof Error ? error.message : String(error);
	const description = error instanceof Error && 'description' in error && typeof error.description === 'string' ? ` ${error.description}` : '';
	return cell(withoutSecret(`${message}${description}`, secret));
}

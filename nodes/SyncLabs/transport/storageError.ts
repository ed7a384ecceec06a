// Errors from Sync's signed storage URLs (uploads, results files) come from the storage host, not the API.

/** S3 answers errors as XML: `<Error><Code>…</Code><Message>…</Message></Error>`. */
export function storageErrorText(body: unknown): string {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
	const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
	if (code || message) return [code, message].filter(Boolean).join(': ');
	return text.trim().slice(0, 300);
}

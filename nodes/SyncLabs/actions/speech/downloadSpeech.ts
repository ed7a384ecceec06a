// The hosted audio of a speech as an n8n binary property: a plain GET of its URL, without the API key, through the
// signed-URL transport (retried like every safe request, streamed into n8n's binary store).
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { getSignedUrl } from '../../transport/signedUrl';

const EXTENSIONS: Record<string, string> = { 'audio/mpeg': 'mp3', 'audio/mp3': 'mp3', 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/ogg': 'ogg', 'audio/aac': 'aac', 'audio/mp4': 'm4a' };

/** The file's extension: from its URL's path, else from its MIME type (Sync does not document the format). */
function extensionOf(url: string, mimeType: string): string {
	const fromPath = /\.([A-Za-z0-9]{2,4})$/.exec(new URL(url).pathname)?.[1];
	return fromPath?.toLowerCase() ?? EXTENSIONS[mimeType] ?? 'mp3';
}

export async function downloadSpeech(ctx: IExecuteFunctions, url: string, speechId: string, itemIndex: number): Promise<IBinaryData> {
	return await getSignedUrl(ctx, url, {
		what: `the audio of speech ${speechId}`,
		itemIndex,
		read: async (response) => {
			const mimeType = (response.headers['content-type'] ?? 'audio/mpeg').split(';')[0].trim() || 'audio/mpeg';
			const body = response.body as Parameters<typeof ctx.helpers.prepareBinaryData>[0];
			return await ctx.helpers.prepareBinaryData(body, `${speechId}.${extensionOf(url, mimeType)}`, mimeType);
		},
	});
}

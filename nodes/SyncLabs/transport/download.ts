// Downloads a generation's output video into an n8n binary property. The signed output URL must not
// receive the API key, so this goes through the signed-URL transport (plain request helper, retried like
// every safe request) and streams the body into n8n's binary store instead of holding the video in memory.
import type { IBinaryData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { getSignedUrl } from './signedUrl';

export const DEFAULT_BINARY_PROPERTY = 'data';

export async function downloadOutputAsBinary(
	ctx: IExecuteFunctions | IWebhookFunctions,
	url: string,
	generationId: string,
	binaryPropertyName = DEFAULT_BINARY_PROPERTY,
	itemIndex?: number,
	bounds: { deadline?: number; attemptTimeoutMs?: number } = {},
): Promise<Record<string, IBinaryData>> {
	const binary = await getSignedUrl(ctx, url, {
		what: `the output video of generation ${generationId}`,
		itemIndex,
		...bounds,
		read: async (response) => {
			const mimeType = (response.headers['content-type'] ?? 'video/mp4').split(';')[0].trim() || 'video/mp4';
			const body = response.body as Parameters<typeof ctx.helpers.prepareBinaryData>[0];
			return await ctx.helpers.prepareBinaryData(body, `${generationId}.mp4`, mimeType);
		},
	});
	return { [binaryPropertyName || DEFAULT_BINARY_PROPERTY]: binary };
}

// Downloads a generation's output video into an n8n binary property. The signed output URL must not
// receive the API key, so this uses the plain request helper and streams the body into n8n's binary
// store instead of holding the whole video in memory.
import type { IBinaryData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

export const DEFAULT_BINARY_PROPERTY = 'data';

export async function downloadOutputAsBinary(
	ctx: IExecuteFunctions | IWebhookFunctions,
	url: string,
	generationId: string,
	binaryPropertyName = DEFAULT_BINARY_PROPERTY,
): Promise<Record<string, IBinaryData>> {
	const response = (await ctx.helpers.httpRequest({
		method: 'GET',
		url,
		encoding: 'stream',
		returnFullResponse: true,
	})) as { body: Parameters<typeof ctx.helpers.prepareBinaryData>[0]; headers: Record<string, string | undefined> };
	const mimeType = (response.headers['content-type'] ?? 'video/mp4').split(';')[0].trim() || 'video/mp4';
	const binary = await ctx.helpers.prepareBinaryData(response.body, `${generationId}.mp4`, mimeType);
	return { [binaryPropertyName || DEFAULT_BINARY_PROPERTY]: binary };
}

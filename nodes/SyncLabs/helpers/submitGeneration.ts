// Sends a built generation request: large binary inputs go through the asset upload first (streamed, and
// never re-sent on a retry), small ones as multipart file parts, the rest as JSON. Every create carries
// an Idempotency-Key, so the transport may safely repeat it.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { apiRequest } from '../transport';
import { generationSchema, type Generation } from '../shared/schemas/generation';
import { uploadBinaryAsAsset } from './assetUpload';
import type { GenerationRequest } from './generationRequest';
import { parseResponse } from './parseResponse';
import { invalidInput } from './validation';

export const DEFAULT_UPLOAD_THRESHOLD_MB = 20;
/** The body fields the SDK's multipart create form has (besides the files). */
export const MULTIPART_FIELDS = ['model', 'input', 'options', 'webhookUrl'] as const;
const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;

/** A key that is the same for the same execution, node run and item, so a repeated request is recognised. */
export function defaultIdempotencyKey(ctx: IExecuteFunctions, itemIndex: number): string {
	let runIndex = 0;
	try {
		runIndex = ctx.getWorkflowDataProxy(itemIndex).$runIndex ?? 0;
	} catch {
		runIndex = 0;
	}
	const raw = `n8n-${ctx.getExecutionId() ?? 'manual'}-${ctx.getNode().id ?? ctx.getNode().name}-${runIndex}-${itemIndex}`;
	return raw.replace(/[^A-Za-z0-9._~-]/g, '-').slice(0, 128);
}

export function resolveIdempotencyKey(ctx: IExecuteFunctions, itemIndex: number, configured: string | undefined): string {
	const key = (configured ?? '').trim();
	if (!key) return defaultIdempotencyKey(ctx, itemIndex);
	if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
		throw invalidInput(
			ctx,
			itemIndex,
			'Idempotency Key',
			`is "${key.slice(0, 40)}${key.length > 40 ? '…' : ''}" (${key.length} characters); use 1-128 letters, digits, ".", "_", "~" or "-"`,
		);
	}
	return key;
}

export async function submitGeneration(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: GenerationRequest,
	settings: { idempotencyKey: string; uploadThresholdBytes: number },
): Promise<Generation> {
	const body: GenerationRequest['body'] = { ...request.body, input: [...request.body.input] };
	// The SDK's multipart form (`createWithFiles`, node_modules/@sync.so/sdk/dist/api/resources/generations/client/Client.js)
	// carries only `model`, one `input` part per item, `options`, `webhookUrl` and the `video` / `audio` files.
	// Anything else (segments, outputFileName, an image file, a refId on a file) goes as JSON after uploading
	// the files as assets, so no field is dropped or sent in a form Sync may not read (docs/wire-fidelity.md).
	const formCanCarry =
		Object.keys(body).every((key) => (MULTIPART_FIELDS as readonly string[]).includes(key)) &&
		request.files.every((file) => file.part !== 'image' && file.refId === undefined);
	const multipartFiles: GenerationRequest['files'] = [];

	for (const file of request.files) {
		if (!formCanCarry || file.input.size > settings.uploadThresholdBytes) {
			const asset = await uploadBinaryAsAsset.call(ctx, itemIndex, file.input, {});
			const input: IDataObject = { type: file.part, assetId: asset.id };
			if (file.refId !== undefined) input.refId = file.refId;
			body.input.unshift(input);
		} else {
			multipartFiles.push(file);
		}
	}
	// Sync expects the visual input first.
	body.input.sort((a, b) => Number(a.type === 'audio' || a.type === 'text') - Number(b.type === 'audio' || b.type === 'text'));

	const headers = { 'Idempotency-Key': settings.idempotencyKey };
	let response: unknown;
	if (multipartFiles.length === 0) {
		response = await apiRequest.call(ctx, 'POST', '/v2/generate', { body, headers, repeatable: true, itemIndex });
	} else {
		const form = new FormData();
		for (const file of multipartFiles) form.append(file.part, await file.input.toBlob(), file.input.fileName);
		form.append('model', body.model);
		for (const item of body.input) form.append('input', JSON.stringify(item));
		if (body.options !== undefined) form.append('options', JSON.stringify(body.options));
		if (typeof body.webhookUrl === 'string') form.append('webhookUrl', body.webhookUrl);
		response = await apiRequest.call(ctx, 'POST', '/v2/generate', { body: form, headers, repeatable: true, itemIndex });
	}
	return parseResponse(ctx, generationSchema, response, 'generation', itemIndex) as Generation & IDataObject;
}

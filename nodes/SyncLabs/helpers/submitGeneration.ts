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
		throw invalidInput(ctx, itemIndex, 'Idempotency Key', 'must be 1-128 characters of letters, digits, ".", "_", "~" or "-"');
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
	const multipartFiles: GenerationRequest['files'] = [];

	for (const file of request.files) {
		if (file.input.size > settings.uploadThresholdBytes) {
			const asset = await uploadBinaryAsAsset.call(ctx, itemIndex, file.input, {});
			body.input.unshift({ type: file.part, assetId: asset.id });
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
		if (body.input.length > 0) form.append('input', JSON.stringify(body.input));
		for (const key of ['options', 'segments'] as const) {
			if (body[key] !== undefined) form.append(key, JSON.stringify(body[key]));
		}
		for (const key of ['webhookUrl', 'outputFileName'] as const) {
			if (typeof body[key] === 'string') form.append(key, body[key] as string);
		}
		response = await apiRequest.call(ctx, 'POST', '/v2/generate', { body: form, headers, repeatable: true, itemIndex });
	}
	return parseResponse(ctx, generationSchema, response, 'generation', itemIndex) as Generation & IDataObject;
}

// Sends a built generation request: large binary inputs go through the asset upload first (streamed, and
// never re-sent on a retry), small ones as multipart file parts, the rest as JSON. Every create carries
// an Idempotency-Key, so the transport may safely repeat it.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { stoppedError } from '../../transport';
import { createGeneration } from '../../api';
import type { Generation } from '../../schemas/generation';
import { uploadBinaryAsAsset } from '../common/assetUpload';
import type { GenerationRequest } from './generationRequest';
import { invalidInput } from '../common/validation';
import { executionSalt, runIndexOf } from '../common/nodeRun';

export const DEFAULT_UPLOAD_THRESHOLD_MB = 20;
/** The body fields the SDK's multipart create form has (besides the files). */
export const MULTIPART_FIELDS = ['model', 'input', 'options', 'webhookUrl'] as const;
const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;

/**
 * A key that is the same for every attempt at the same item in the same node run and execution, so a repeated
 * request is recognised, and different for any other run: `n8n-<salt>-<executionId>-<nodeId>-<runIndex>-<item>`.
 * `suffix` tells apart several creates of one item (Dub: `-<language>`). Only the execution and node ids are
 * shortened to fit 128 characters; the salt, run, item and suffix stay whole.
 */
export function defaultIdempotencyKey(ctx: IExecuteFunctions, itemIndex: number, suffix = ''): string {
	const clean = (text: string) => text.replace(/[^A-Za-z0-9._~-]/g, '-');
	const head = `n8n-${executionSalt(ctx)}-`;
	const tail = `-${runIndexOf(ctx, itemIndex)}-${itemIndex}${clean(suffix)}`;
	const middle = clean(`${ctx.getExecutionId() ?? 'manual'}-${ctx.getNode().id ?? ctx.getNode().name}`);
	return `${head}${middle.slice(0, Math.max(0, 128 - head.length - tail.length))}${tail}`;
}

/**
 * The Idempotency-Key of one create: the configured key, else the automatic one. `suffix` tells apart several
 * creates of one item (Dub: `-<language>`) and is appended to either; the whole key must fit Sync's rule.
 */
export function resolveIdempotencyKey(ctx: IExecuteFunctions, itemIndex: number, configured: string | undefined, suffix = ''): string {
	const key = (configured ?? '').trim();
	if (!key) return defaultIdempotencyKey(ctx, itemIndex, suffix);
	const sent = `${key}${suffix}`;
	if (!IDEMPOTENCY_KEY_PATTERN.test(sent)) {
		const appended = suffix ? ` with "${suffix}" appended for this create` : '';
		throw invalidInput(
			ctx,
			itemIndex,
			'Idempotency Key',
			`is "${key.slice(0, 40)}${key.length > 40 ? '…' : ''}" (${key.length} characters${appended}); use 1-${128 - suffix.length} letters, digits, ".", "_", "~" or "-"`,
		);
	}
	return sent;
}

export async function submitGeneration(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: GenerationRequest,
	settings: { idempotencyKey: string; uploadThresholdBytes: number; stop?: AbortSignal },
): Promise<Generation> {
	const { stop } = settings;
	const body: GenerationRequest['body'] = { ...request.body, input: [...request.body.input] };
	// The SDK's multipart form (`createWithFiles`, https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/generations/client/Client.ts)
	// carries only `model`, one `input` part per item, `options`, `webhookUrl` and the `video` / `audio` files.
	// Anything else (segments, outputFileName, an image file, a refId on a file) goes as JSON after uploading
	// the files as assets, so no field is dropped or sent in a form Sync may not read (docs/wire-fidelity.md).
	const formCanCarry =
		Object.keys(body).every((key) => (MULTIPART_FIELDS as readonly string[]).includes(key)) &&
		request.files.every((file) => file.part !== 'image' && file.refId === undefined) &&
		// The SDK form's `input` is its Input (Video | Audio | Tts): an image input of any source (file, URL or
		// asset) goes the asset + JSON way (https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/common/types/Input.ts).
		body.input.every((input) => input.type !== 'image');
	const multipartFiles: GenerationRequest['files'] = [];

	for (const file of request.files) {
		if (!formCanCarry || file.input.size > settings.uploadThresholdBytes) {
			const asset = await uploadBinaryAsAsset.call(ctx, itemIndex, file.input, { stop });
			const input: IDataObject = { type: file.part, assetId: asset.id };
			if (file.refId !== undefined) input.refId = file.refId;
			body.input.unshift(input);
		} else {
			multipartFiles.push(file);
		}
	}
	// Sync expects the visual input first.
	body.input.sort((a, b) => Number(a.type === 'audio' || a.type === 'text') - Number(b.type === 'audio' || b.type === 'text'));

	// An upload can take minutes: if another item failed meanwhile, nothing new is billed.
	if (stop?.aborted) throw stoppedError(ctx, itemIndex, 'creating the generation');
	let created: Generation;
	if (multipartFiles.length === 0) {
		created = await createGeneration(ctx, { body, idempotencyKey: settings.idempotencyKey }, { itemIndex, stop });
	} else {
		const form = new FormData();
		for (const file of multipartFiles) form.append(file.part, await file.input.toBlob(), file.input.fileName);
		// The form is the JSON body, field by field (formCanCarry checked that it has only the form's fields).
		for (const [key, value] of Object.entries(body)) {
			if (value === undefined) continue;
			if (key === 'input') for (const item of body.input) form.append('input', JSON.stringify(item));
			else form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
		}
		created = await createGeneration(ctx, { body: form, idempotencyKey: settings.idempotencyKey }, { itemIndex, stop });
	}
	return created;
}

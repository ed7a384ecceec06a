// The one list of what the node (request side) or the emulator (response side) deliberately sends that the
// @sync.so/sdk 0.3.0 types do not know, each with its source and its own expected shape. The wire-fidelity test
// (test/wire/fidelity.test.cts) checks each listed value against that shape, removes it, type-checks the rest
// against the SDK and fails on anything else; an entry that no request or response used any more fails too, so
// the list cannot go stale. docs/wire-fidelity.md explains them.
import { z } from 'zod';

export interface WireException {
	/** Request kind as the fidelity test names it, e.g. `POST /v2/generate (json)`; `*` for every kind. */
	kind: string;
	/** `error` = a 4xx/5xx JSON body, checked against the SDK's GenerationError. */
	side: 'request' | 'response' | 'error';
	/** Dot path; `*` is any array index or key; `input[type=image]` are the array items whose `type` is `image`. */
	path: string;
	/** What the value at `path` must be (a listed path is checked, not skipped): an unknown key, a wrong type fails. */
	shape: z.ZodTypeAny;
	reason: string;
	source: string;
}

/** An image input as the docs describe it (docs/sync-api.md#inputs): like the SDK's Video/Audio, url or assetId. */
const IMAGE_INPUT = z
	.object({ type: z.literal('image'), url: z.string().min(1).optional(), assetId: z.string().min(1).optional() })
	.strict()
	.refine((i) => (i.url === undefined) !== (i.assetId === undefined), { message: 'an image input needs exactly one of url or assetId' });
/** The same image input as the emulator echoes it back (the docs' Generation: refId/segments fields may be null). */
const IMAGE_INPUT_ECHO = z.object({ type: z.literal('image'), url: z.string().min(1).optional(), assetId: z.string().min(1).optional() }).strict();

/** Endpoints the node calls that the SDK has no method for: their requests cannot be checked, only listed. */
export interface EndpointException {
	kind: string;
	reason: string;
	source: string;
}

/** The digest of Sync's docs in this repo; each section links the docs.sync.so / sync.so pages it comes from. */
const SYNC_API = 'docs/sync-api.md';

export const ENDPOINT_EXCEPTIONS: EndpointException[] = [
	{
		kind: 'POST /v2/generations/estimate (json)',
		reason: 'duration-based cost estimate ({model, duration, fps, reasoningEnabled}); the SDK only has /v2/analyze/cost',
		source: `${SYNC_API}#cost-estimate; https://sync.so/docs/api-reference/api/generate-api/estimate-cost`,
	},
	{
		kind: 'DELETE /v2/generations/{id}',
		reason: 'delete a finished generation; newer than SDK 0.3.0',
		source: `${SYNC_API}#delete-generation; https://sync.so/docs/api-reference/api/generate-api/delete`,
	},
	{
		kind: 'POST /v2/assets/upload (json)',
		reason: 'step 1 of the asset upload (presigned URL); the SDK has no asset upload',
		source: `${SYNC_API}#asset-upload`,
	},
	{
		kind: 'GET /v2/generations/{id}/download',
		reason: 'a fresh signed output URL as text/plain; newer than SDK 0.3.0',
		source: `${SYNC_API}#download-url`,
	},
	{
		kind: 'PUT <presigned upload URL>',
		reason: 'step 2 of the asset upload: the bytes go to storage, not to the Sync API (no API key)',
		source: `${SYNC_API}#asset-upload`,
	},
	{
		kind: 'POST /v2/assets (json)',
		reason: 'step 3 of the asset upload: register the uploaded file ({url, type, name?, visibility?})',
		source: `${SYNC_API}#asset-upload`,
	},
	{
		kind: 'POST /v2/batch (json)',
		reason: 'batch from rows ({rows, webhook_url?, dry_run?}) instead of a JSONL file; the SDK sends only the multipart form',
		source: `${SYNC_API}#batches`,
	},
	{
		kind: 'GET <output or batch-result file>',
		reason: 'downloads of outputUrl / batch outputUrl: storage, not the Sync API',
		source: `${SYNC_API}#generation-object, #batches`,
	},
];

/** Generation fields of the newer docs that SDK 0.3.0's Generation lacks, as the emulator answers them. */
const GENERATION_RESPONSE_EXTRAS: Record<string, { shape: z.ZodTypeAny; reason: string; source: string }> = {
	errorCode: { shape: z.string().min(1), reason: 'camelCase error code of the newer GET docs (the SDK has error_code)', source: `${SYNC_API}#generation-object, #quirks item 1` },
	outputFileName: { shape: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/), reason: 'echo of the sanitized outputFileName', source: `${SYNC_API}#create-generation` },
	'input[type=image]': { shape: IMAGE_INPUT_ECHO, reason: 'image inputs echoed back (sync-3)', source: `${SYNC_API}#inputs` },
	'options.reasoning_enabled': { shape: z.boolean(), reason: 'reasoning option echoed back', source: `${SYNC_API}#options` },
};

export const WIRE_EXCEPTIONS: WireException[] = [
	// ---- requests ----
	{
		kind: 'POST /v2/generate (json)',
		side: 'request',
		path: 'input[type=image]',
		shape: IMAGE_INPUT,
		reason: 'image inputs (sync-3 only) are newer than SDK 0.3.0, whose Input is Video | Audio | Tts',
		source: `${SYNC_API}#inputs; https://sync.so/docs/api-reference/api/generate-api/create-with-files ("Image inputs are sync-3 only")`,
	},
	// Both kinds of create: the SDK's form carries `options` as one JSON part (JSON.stringify(request.options) in
	// node_modules/@sync.so/sdk/dist/api/resources/generations/client/Client.js __createWithFiles), the same
	// GenerationOptions as the JSON body, so the newer option travels there too (docs/wire-fidelity.md).
	...(['POST /v2/generate (json)', 'POST /v2/generate (multipart)'] as const).map(
		(kind): WireException => ({
			kind,
			side: 'request',
			path: 'options.reasoning_enabled',
			shape: z.boolean(),
			reason: 'the reasoning option is newer than SDK 0.3.0 GenerationOptions',
			source: `${SYNC_API}#options (Sync's MCP server, model-options.ts)`,
		}),
	),
	{
		kind: 'POST /v2/generate (json)',
		side: 'request',
		path: 'dubParams',
		shape: z.object({ targetLang: z.string().min(1), sourceLang: z.string().min(1).optional() }).strict(),
		reason: 'Generation → Dub: translate and dub the video\'s speech; newer than SDK 0.3.0 (no numSpeakers or providerName: their status is unclear)',
		source: 'docs/sync-api-2026.md#dubbing; https://sync.so/docs/tutorials/dubbing',
	},
	{
		kind: 'POST /v2/analyze/cost (json)',
		side: 'request',
		path: 'input[type=image]',
		shape: IMAGE_INPUT,
		reason: 'as for create: image inputs for sync-3',
		source: `${SYNC_API}#inputs`,
	},
	{
		kind: 'GET /v2/generations (query)',
		side: 'request',
		path: 'limit',
		shape: z.number().int().min(1).max(100),
		reason: 'paging: without limit the list is unbounded and unordered; newer than SDK 0.3.0 ListGenerationsRequest',
		source: `${SYNC_API}#list-generations, #quirks item 15`,
	},
	{
		kind: 'GET /v2/generations (query)',
		side: 'request',
		path: 'cursor',
		shape: z.string().min(1),
		reason: 'paging cursor (the last id of the previous page)',
		source: `${SYNC_API}#list-generations, #quirks item 15`,
	},
	{
		kind: 'GET /v2/generate/{id} (query)',
		side: 'request',
		path: 'include',
		shape: z.literal('progress'),
		reason: 'include=progress (live progress_percent) is newer than SDK 0.3.0',
		source: `${SYNC_API}#get-generation, #generation-object (progress_percent)`,
	},
	// ---- responses (what the emulator answers, mirroring the newer docs) ----
	...(
		[
			['POST /v2/generate (json)', ['outputFileName', 'input[type=image]', 'options.reasoning_enabled']],
			['POST /v2/generate (multipart)', ['options.reasoning_enabled']],
			['GET /v2/generate/{id} (query)', ['errorCode', 'outputFileName', 'options.reasoning_enabled']],
			['GET /v2/generations (query)', ['*.errorCode', '*.outputFileName', '*.input[type=image]', '*.options.reasoning_enabled']],
			['DELETE /v2/generations/{id}', ['outputFileName', 'options.reasoning_enabled']],
		] as const
	).flatMap(([kind, paths]) =>
		paths.map((path): WireException => ({ kind, side: 'response', path, ...GENERATION_RESPONSE_EXTRAS[path.replace(/^\*\./, '')] })),
	),
	{
		kind: 'GET /v2/generate/{id} (query)',
		side: 'response',
		path: 'progress_percent',
		shape: z.number().min(0).max(100),
		reason: 'live progress with include=progress',
		source: `${SYNC_API}#get-generation, #generation-object (progress_percent)`,
	},
	// ---- error bodies: SDK GenerationError is { message, statusCode }; the newer docs add these ----
	...(['errorCode', 'error', 'suggestion', 'field'] as const).map(
		(path): WireException => ({
			kind: '*',
			side: 'error',
			path,
			shape: z.string().min(1),
			reason: 'documented fields of the newer error schema (errorCode to branch on, suggestion, field; error as in NestJS)',
			source: `${SYNC_API}#error-body`,
		}),
	),
];


/**
 * Where the SDK and the docs disagree on the wire form, and what the node sends (issue 10: the SDK's form unless
 * a cited source says otherwise). The fidelity test converts these encodings back before type-checking.
 */
export const WIRE_DECISIONS = [
	{
		what: 'List query arrays (generations status/ids, assets types)',
		sdk: 'JSON-encoded arrays (`status=["COMPLETED"]`, node_modules/@sync.so/sdk/dist/api/resources/generations/client/Client.js __list)',
		node: 'comma-separated (`status=COMPLETED,FAILED`)',
		source: `${SYNC_API}#list-generations ("Accepts multiple statuses as a comma-separated list", https://sync.so/docs/api-reference/api/generate-api/list), #quirks item 4`,
	},
	{
		what: 'Multipart create',
		sdk: 'model, one `input` part per item (each a JSON object), options, webhookUrl, video/audio files (createWithFiles in the same Client.js)',
		node: 'the same; a create needing any other field (segments, outputFileName, an image file, a refId on a file) uploads the files as assets and sends JSON',
		source: `node_modules/@sync.so/sdk/dist/api/resources/generations/client/Client.js __createWithFiles; ${SYNC_API}#multipart-create`,
	},
	{
		what: 'Batch dry_run form field',
		sdk: '`dry_run` as the text `true`/`false` (request.dry_run.toString())',
		node: 'the same',
		source: 'node_modules/@sync.so/sdk/dist/api/resources/batch/client/Client.js __create',
	},
	{
		what: 'null for unset response fields',
		sdk: 'optional fields are absent',
		node: 'the emulator sends null, as the live API does for nullable columns; nulls are dropped before the response check',
		source: 'test/emulator/reference/sdk-shapes.cts (withoutNulls)',
	},
] as const;
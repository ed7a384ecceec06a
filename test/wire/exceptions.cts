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
		kind: 'GET <output or batch-result file>',
		reason: 'downloads of outputUrl / batch outputUrl / a speech\'s url: storage, not the Sync API',
		source: `${SYNC_API}#generation-object, #batches`,
	},
];

/** The digest of Sync's 2026 surfaces (docs pages, MCP server), each section linking its pages; SDK 0.3.0 has none of them. */
const SYNC_API_2026 = 'docs/sync-api-2026.md';

/** One field of a request newer than SDK 0.3.0, as the reference describes it. */
export interface ReferenceField {
	shape: z.ZodTypeAny;
	/** Sync's docs require it; a request without it fails the check. */
	required?: boolean;
	source: string;
}

/** A request of an endpoint the SDK has no type for, written from the reference field by field. */
export interface ReferenceRequest {
	fields: Record<string, ReferenceField>;
	/** Groups of fields of which exactly one is sent. */
	exactlyOneOf?: Array<{ fields: string[]; source: string }>;
	/** Headers the request must carry, each with its shape. */
	headers?: Record<string, ReferenceField>;
	/**
	 * Values inside the request that are whole requests of another kind (a batch row's payload is a create body): each
	 * is checked as that kind is, against its SDK type with that kind's listed exceptions, before the fields above.
	 */
	nested?: { path: string; kind: string; type: string; source: string };
}

const UUID = z.string().uuid();
/** A UTC date-time as ISO 8601 with Z, with or without milliseconds. */
const UTC_TIME = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/);
const TTS_BODY: Record<string, ReferenceField> = {
	script: { shape: z.string().min(1).max(5000), required: true, source: `${SYNC_API_2026}#text-to-speech (1-5,000 characters; https://sync.so/docs/api-reference/api/tts-api/create)` },
	voiceId: { shape: z.string().min(1), required: true, source: `${SYNC_API_2026}#text-to-speech (an id of GET /v2/voices)` },
	provider: { shape: z.literal('elevenlabs'), required: true, source: `${SYNC_API_2026}#text-to-speech (required on the current page, a string here)` },
	stability: { shape: z.number().min(0).max(1), source: `${SYNC_API_2026}#text-to-speech (0-1)` },
	similarityBoost: { shape: z.number().min(0).max(1), source: `${SYNC_API_2026}#text-to-speech (0-1)` },
};

/**
 * Requests newer than SDK 0.3.0 (the asset upload's steps 1 and 3, the batch from JSON rows, voices, text to speech, projects, costs,
 * usage, account), by request kind. The wire check
 * checks each field sent against its shape (as a listed exception below, so an unused field fails too), that the
 * required ones and the headers are there, and that nothing else is sent (the rest must be an empty object).
 * Only fields the node sends are listed; the others the reference names are in docs/wire-fidelity.md.
 */
export const REFERENCE_REQUESTS: Record<string, ReferenceRequest> = {
	'POST /v2/assets/upload (json)': {
		fields: {
			fileName: { shape: z.string().min(1), required: true, source: `${SYNC_API}#asset-upload (step 1: { fileName, contentType, size }; https://sync.so/docs/api-reference/api/assets-api/create-upload)` },
			contentType: { shape: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/), required: true, source: `${SYNC_API}#asset-upload (the same Content-Type as the PUT of step 2)` },
			size: { shape: z.number().int().positive().max(5 * 1000 ** 3), required: true, source: `${SYNC_API}#asset-upload (bytes; one upload is capped at 5 GB)` },
		},
	},
	'POST /v2/assets (json)': {
		fields: {
			url: { shape: z.string().url(), required: true, source: `${SYNC_API}#asset-upload (step 3: the url of step 1's answer; https://sync.so/docs/api-reference/api/assets-api/create)` },
			type: { shape: z.enum(['AUDIO', 'VIDEO', 'IMAGE']), required: true, source: `${SYNC_API}#asset-upload, #assets (an Asset's type)` },
			name: { shape: z.string().min(1), source: `${SYNC_API}#asset-upload (optional)` },
			visibility: { shape: z.enum(['USER', 'ORGANIZATION']), source: `${SYNC_API}#asset-upload (optional, default USER)` },
			projectId: { shape: UUID, source: `${SYNC_API_2026}#projects (projectId on POST /v2/assets; https://sync.so/docs/developer-guides/projects)` },
		},
	},
	'POST /v2/batch (json)': {
		fields: {
			rows: {
				// Each row's payload is an object here; what it holds is checked as a create body (nested below).
				shape: z
					.array(z.object({ request_id: z.string().min(1), endpoint: z.literal('/v2/generate'), payload: z.record(z.unknown()) }).strict())
					.min(20)
					.max(500)
					.refine((rows) => new Set(rows.map((row) => row.request_id)).size === rows.length, { message: 'request_id must be unique' }),
				required: true,
				source: `${SYNC_API}#batches (the JSON form { rows }: the JSONL records { request_id (unique), endpoint: "/v2/generate", payload }, 20-500; https://sync.so/docs/api-reference/api/batch-api/create-from-rows)`,
			},
			webhook_url: { shape: z.string().url(), source: `${SYNC_API}#batches (snake_case as in the form; that the JSON form takes it is presumed)` },
			dry_run: { shape: z.boolean(), source: `${SYNC_API}#batches (that the JSON form takes it is presumed)` },
		},
		nested: {
			path: 'rows.*.payload',
			kind: 'POST /v2/generate (json)',
			type: 'Sync.CreateGenerationDto',
			source: `${SYNC_API}#batches ("payload: <create body>"), as the same body sent to POST /v2/generate`,
		},
	},
	'GET /v2/voices (query)': { fields: {} },
	'GET /v2/voices/{id} (query)': { fields: {} },
	'DELETE /v2/voices/{id}': { fields: {} },
	'POST /v2/voices (json)': {
		fields: {
			name: { shape: z.string().min(1), required: true, source: `${SYNC_API_2026}#voices (MCP voices_clone-voice; unique in the organization: https://sync.so/docs/api-reference/api/voices-api/clone)` },
			provider: { shape: z.literal('elevenlabs'), source: `${SYNC_API_2026}#voices (MCP voices_clone-voice)` },
			url: { shape: z.string().url(), source: `${SYNC_API_2026}#voices (a Sync-hosted file; MCP voices_clone-voice)` },
			assetId: { shape: z.string().min(1), source: `${SYNC_API_2026}#voices (an uploaded asset; MCP voices_clone-voice)` },
		},
		exactlyOneOf: [{ fields: ['url', 'assetId'], source: `${SYNC_API_2026}#voices (the sample as url or assetId)` }],
	},
	'POST /v2/tts (json)': { fields: TTS_BODY },
	'POST /v2/tts/jobs (json)': {
		fields: TTS_BODY,
		headers: {
			'idempotency-key': {
				shape: z.string().regex(/^[A-Za-z0-9._~-]{1,128}$/),
				required: true,
				source: `${SYNC_API_2026}#text-to-speech (optional for Sync, always sent by the node; the rules of ${SYNC_API}#idempotency-keys)`,
			},
		},
	},
	'GET /v2/tts/jobs/{id} (query)': { fields: {} },
	'POST /v2/projects (json)': {
		fields: {
			name: { shape: z.string().min(1), required: true, source: `${SYNC_API_2026}#projects (https://sync.so/docs/api-reference/api/projects-api/create)` },
			id: { shape: UUID, source: `${SYNC_API_2026}#projects (client id for an idempotent create; always sent by the node)` },
			visibility: { shape: z.enum(['USER', 'ORGANIZATION']), source: `${SYNC_API_2026}#projects` },
			mode: { shape: z.enum(['CREATOR', 'DEVELOPER']), source: `${SYNC_API_2026}#projects` },
			description: { shape: z.string(), source: `${SYNC_API_2026}#projects (named on Get and update; on create INFERRED)` },
			defaultWorkflow: {
				shape: z.enum(['lipsync', 'translate_and_dub', 'change_appearance', 'image_to_video', 'edit_dialogue']),
				source: `${SYNC_API_2026}#projects (the values the docs show; their list is cut off)`,
			},
		},
	},
	'GET /v2/projects (query)': {
		fields: {
			limit: { shape: z.number().int().min(1).max(100), source: `${SYNC_API_2026}#projects (1-100, Sync's default 10: https://sync.so/docs/api-reference/api/projects-api/list)` },
			cursor: { shape: z.string().min(1), source: `${SYNC_API_2026}#projects (the nextCursor of the previous page)` },
			searchQuery: { shape: z.string().min(1), source: `${SYNC_API_2026}#projects` },
			sortBy: { shape: z.enum(['updatedAt', 'name']), source: `${SYNC_API_2026}#projects` },
		},
	},
	'GET /v2/projects/{id} (query)': { fields: {} },
	'GET /v2/generate/{id}/costs (query)': { fields: {} },
	'GET /v2/usage/generations (query)': {
		fields: {
			// The reference's example: 2026-11-12T00:00:00Z (https://sync.so/docs/api-reference/api/generate-api/list-costs).
			startTime: { shape: UTC_TIME, required: true, source: `${SYNC_API_2026}#usage-export (UTC ISO 8601, inclusive)` },
			endTime: { shape: UTC_TIME, required: true, source: `${SYNC_API_2026}#usage-export (UTC ISO 8601, exclusive, after startTime)` },
			limit: { shape: z.number().int().min(1).max(500), source: `${SYNC_API_2026}#usage-export (1-500, Sync's default 100)` },
			cursor: { shape: z.string().min(1), source: `${SYNC_API_2026}#usage-export (the nextCursor of the previous page, with the same range)` },
		},
	},
	'GET /v2/account (query)': { fields: {} },
};

/** What a request of `kind` lacks or has too much of by the reference: required fields and headers, exactly-one-of groups. */
export function referenceProblems(kind: string, value: unknown, headers: Record<string, unknown> = {}): string[] {
	const reference = REFERENCE_REQUESTS[kind];
	if (!reference) return [`${kind}: no reference request shape in test/wire/exceptions.cts`];
	const body = (value ?? {}) as Record<string, unknown>;
	const problems = Object.entries(reference.fields)
		.filter(([name, field]) => field.required && body[name] === undefined)
		.map(([name, field]) => `${name}: required by the reference (${field.source}), not sent`);
	for (const group of reference.exactlyOneOf ?? []) {
		const sent = group.fields.filter((name) => body[name] !== undefined);
		if (sent.length !== 1) problems.push(`${group.fields.join(', ')}: exactly one must be sent (${group.source}), ${sent.length} were`);
	}
	for (const [name, header] of Object.entries(reference.headers ?? {})) {
		const given = headers[name];
		if (given === undefined) {
			if (header.required) problems.push(`header ${name}: required (${header.source}), not sent`);
			continue;
		}
		const checked = header.shape.safeParse(given);
		if (!checked.success) problems.push(`header ${name}: ${checked.error.issues[0].message} (value ${JSON.stringify(given)})`);
	}
	return problems;
}

/** Generation fields of the newer docs that SDK 0.3.0's Generation lacks, as the emulator answers them. */
const GENERATION_RESPONSE_EXTRAS: Record<string, { shape: z.ZodTypeAny; reason: string; source: string }> = {
	errorCode: { shape: z.string().min(1), reason: 'camelCase error code of the newer GET docs (the SDK has error_code)', source: `${SYNC_API}#generation-object, #quirks item 1` },
	outputFileName: { shape: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/), reason: 'echo of the sanitized outputFileName', source: `${SYNC_API}#create-generation` },
	'input[type=image]': { shape: IMAGE_INPUT_ECHO, reason: 'image inputs echoed back (sync-3)', source: `${SYNC_API}#inputs` },
	'options.reasoning_enabled': { shape: z.boolean(), reason: 'reasoning option echoed back', source: `${SYNC_API}#options` },
	projectId: { shape: z.string().uuid(), reason: 'the project of a generation created in one, echoed back', source: 'docs/sync-api-2026.md#projects' },
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
	// https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/generations/client/Client.ts __createWithFiles), the same
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
		shape: z.object({ targetLang: z.string().min(1), sourceLang: z.string().min(1).optional(), providerName: z.literal('elevenlabs').optional() }).strict(),
		reason: 'Generation → Dub: translate and dub the video\'s speech; newer than SDK 0.3.0 (no numSpeakers; providerName only in the create sent again after a 400 naming it: its status is unclear)',
		source: 'docs/sync-api-2026.md#dubbing; https://sync.so/docs/tutorials/dubbing',
	},
	{
		kind: 'POST /v2/analyze/cost (json)',
		side: 'request',
		path: 'dubParams',
		shape: z.object({ targetLang: z.string().min(1), sourceLang: z.string().min(1).optional() }).strict(),
		reason: 'Generation → Dub with a cost cap: the estimate takes the create body, dubParams included (never providerName: that is only sent again on the create)',
		source: 'docs/sync-api-2026.md#dubbing (the estimate of a dub); docs/sync-api.md#cost-estimate (the create body)',
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
	{
		kind: 'POST /v2/generate (json)',
		side: 'request',
		path: 'projectId',
		shape: z.string().uuid(),
		reason: 'the Project ID option: the project the generation joins; newer than SDK 0.3.0 (a create with files then goes as assets and JSON)',
		source: 'docs/sync-api-2026.md#projects (https://sync.so/docs/developer-guides/projects)',
	},
	{
		kind: 'GET /v2/generations (query)',
		side: 'request',
		path: 'projectId',
		shape: z.string().uuid(),
		reason: 'the project filter of Generation → Get Many; newer than SDK 0.3.0 ListGenerationsRequest',
		source: 'docs/sync-api-2026.md#projects (https://sync.so/docs/developer-guides/projects)',
	},
	// ---- requests of endpoints the SDK does not have: every field from the reference (REFERENCE_REQUESTS) ----
	...Object.entries(REFERENCE_REQUESTS).flatMap(([kind, request]) =>
		Object.entries(request.fields).map(
			(([path, field]): WireException => ({
				kind,
				side: 'request',
				path,
				shape: field.shape,
				reason: 'a field of a request newer than SDK 0.3.0, which has no type for it: checked against the reference',
				source: field.source,
			})),
		),
	),
	// ---- responses (what the emulator answers, mirroring the newer docs) ----
	...(
		[
			['POST /v2/generate (json)', ['outputFileName', 'input[type=image]', 'options.reasoning_enabled', 'projectId']],
			['POST /v2/generate (multipart)', ['options.reasoning_enabled']],
			['GET /v2/generate/{id} (query)', ['errorCode', 'outputFileName', 'options.reasoning_enabled']],
			['GET /v2/generations (query)', ['*.errorCode', '*.outputFileName', '*.input[type=image]', '*.options.reasoning_enabled', '*.projectId']],
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
 * Where the SDK and the docs disagree on the wire form, and what the node sends (docs/wire-fidelity.md: the SDK's form unless
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
// The API's error body and the error-code catalog (docs/sync-api.md#error-body, #error-codes).
// Error body: { statusCode, message, error, errorCode?, suggestion?, field?, ...extra } (NestJS style plus the
// newer documented fields). `message` is a string, or a string[] for schema-validation failures (GenerationErrorMessage).

export const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	402: 'Payment Required',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	413: 'Payload Too Large',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

export interface ApiErrorBody {
	statusCode: number;
	message: string | string[];
	error: string;
	errorCode?: string;
	suggestion?: string;
	field?: string;
	[extra: string]: unknown;
}

export class ApiError extends Error {
	readonly statusCode: number;
	readonly errorCode?: string;
	readonly suggestion?: string;
	readonly field?: string;
	readonly messages: string | string[];
	readonly extra: Record<string, unknown>;
	readonly headers: Record<string, string>;

	constructor(
		statusCode: number,
		message: string | string[],
		opts: {
			errorCode?: string;
			suggestion?: string;
			field?: string;
			extra?: Record<string, unknown>;
			headers?: Record<string, string>;
		} = {},
	) {
		super(Array.isArray(message) ? message.join('; ') : message);
		this.statusCode = statusCode;
		this.messages = message;
		this.errorCode = opts.errorCode;
		this.suggestion = opts.suggestion ?? (opts.errorCode ? ERROR_CATALOG[opts.errorCode]?.suggestion : undefined);
		this.field = opts.field;
		this.extra = opts.extra ?? {};
		this.headers = opts.headers ?? {};
	}

	toBody(): ApiErrorBody {
		const body: ApiErrorBody = {
			statusCode: this.statusCode,
			message: this.messages,
			error: STATUS_TEXT[this.statusCode] ?? 'Error',
		};
		if (this.errorCode !== undefined) body.errorCode = this.errorCode;
		if (this.suggestion !== undefined) body.suggestion = this.suggestion;
		if (this.field !== undefined) body.field = this.field;
		return { ...body, ...this.extra };
	}
}

/** Shorthand for an error whose message comes from the catalog. */
export function codedError(
	statusCode: number,
	errorCode: string,
	opts: { message?: string | string[]; field?: string; extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
): ApiError {
	const message = opts.message ?? ERROR_CATALOG[errorCode]?.message ?? errorCode;
	return new ApiError(statusCode, message, { errorCode, field: opts.field, extra: opts.extra, headers: opts.headers });
}

export interface CatalogEntry {
	message: string;
	suggestion: string;
}

/** Served unauthenticated at GET /v2/errors as [{ code, message, suggestion }] (docs/sync-api.md#error-codes). */
export const ERROR_CATALOG: Record<string, CatalogEntry> = {
	generation_unsupported_model: {
		message: 'The requested model is not supported for this operation.',
		suggestion: 'Use one of the models returned by GET /v2/models.',
	},
	generation_media_metadata_missing: {
		message: 'Required media metadata is missing from the request.',
		suggestion: 'Re-encode the media so it carries duration (and frame-rate for video) metadata.',
	},
	generation_audio_length_exceeded: {
		message: 'The provided audio exceeds the maximum allowed length.',
		suggestion: 'Trim or split the audio to at most 300 seconds.',
	},
	generation_audio_missing: { message: 'No audio file was provided in the request.', suggestion: 'Add an audio or text input.' },
	generation_video_missing: { message: 'No video file was provided in the request.', suggestion: 'Add a video (or image) input.' },
	generation_timeout: {
		message: 'The generation process exceeded the maximum allowed time.',
		suggestion: 'Retry after a delay, preferably off-peak.',
	},
	generation_pipeline_failed: {
		message: 'An error occurred in the generation pipeline.',
		suggestion: 'Retry the generation; if it keeps failing, check the inputs.',
	},
	generation_database_error: { message: 'An error occurred while accessing the database.', suggestion: 'Retry after a short wait.' },
	generation_internal_auth: { message: 'Authentication failed for internal generation service.', suggestion: 'Contact support.' },
	generation_unhandled_error: {
		message: 'An unexpected error occurred during the generation process.',
		suggestion: 'Retry once, then contact support.',
	},
	generation_text_length_exceeded: {
		message: 'Text must be less than 5000 characters in one generation.',
		suggestion: 'Shorten the script or split it into several generations.',
	},
	generation_input_validation_failed: { message: 'The request input failed validation.', suggestion: 'Fix the fields named in the error.' },
	generation_input_audio_invalid: {
		message: 'The audio input has invalid metadata.',
		suggestion: 'Re-encode the audio, e.g. ffmpeg -i in.wav -c:a pcm_s16le out.wav.',
	},
	generation_input_asset_type_mismatch: {
		message: 'The referenced asset does not match the input type.',
		suggestion: 'Reference a VIDEO asset from a video input, an AUDIO asset from an audio input, an IMAGE asset from an image input.',
	},
	generation_input_too_many_visual: {
		message: 'Exactly one visual input (video or image) is allowed.',
		suggestion: 'Remove the extra video or image inputs.',
	},
	generation_input_segments_invalid: {
		message: 'The segments are invalid or overlap.',
		suggestion: 'Give each segment startTime < endTime, no overlaps, and a refId of an audio or text input.',
	},
	generation_input_face_selection_invalid: {
		message: 'The active speaker selection is invalid.',
		suggestion: 'Check frame_number, coordinates and bounding_boxes.',
	},
	generation_input_dub_audio_conflict: {
		message: 'dubParams cannot be combined with audio inputs.',
		suggestion: 'Remove the audio inputs or the dubParams.',
	},
	generation_input_video_inaccessible: {
		message: 'The video input could not be fetched.',
		suggestion: 'Use a stable public URL or upload the file as an asset.',
	},
	generation_input_audio_inaccessible: {
		message: 'The audio input could not be fetched.',
		suggestion: 'Use a stable public URL or upload the file as an asset.',
	},
	generation_plan_duration_exceeded: {
		message: 'The generation exceeds the maximum output length of your plan.',
		suggestion: 'Shorten the input or upgrade your plan.',
	},
	file_size_exceeds_plan_limit: { message: 'The file size exceeds your plan limit.', suggestion: 'Use a smaller file or upgrade your plan.' },
	generation_infra_storage_error: { message: 'A storage error occurred.', suggestion: 'Retry later.' },
	generation_infra_resource_exhausted: { message: 'Generation capacity is exhausted.', suggestion: 'Retry later.' },
	generation_infra_service_unavailable: { message: 'A generation service is unavailable.', suggestion: 'Retry later.' },
	rate_limit_exceeded: {
		message: 'Rate limit exceeded. Please try again later.',
		suggestion: 'Back off exponentially before retrying.',
	},
	concurrency_limit_reached: {
		message: 'Concurrency limit reached. Wait for an in-flight generation to finish or upgrade your plan.',
		suggestion: 'Wait until a PENDING or PROCESSING generation finishes.',
	},
	batch_file_too_large: { message: 'The batch file exceeds 5 MB.', suggestion: 'Split the batch into several files.' },
	batch_too_many_requests: { message: 'The batch has more than 500 records.', suggestion: 'Split the batch.' },
	batch_insufficient_records: { message: 'A batch needs at least 20 records.', suggestion: 'Add records or use single generations.' },
	batch_invalid_jsonl: { message: 'The batch file is not valid JSONL.', suggestion: 'Put one JSON object per line.' },
	batch_duplicate_request_id: { message: 'Duplicate request_id in the batch.', suggestion: 'Make every request_id unique.' },
	batch_invalid_endpoint: { message: 'The endpoint must be "/v2/generate".', suggestion: 'Set endpoint to "/v2/generate".' },
	batch_plan_required: {
		message: 'The Batch API is available on the Scale and Enterprise plans only.',
		suggestion: 'Upgrade to Scale or submit single generations.',
	},
	batch_input_duration_exceeded: {
		message: 'Batch generations accept inputs of at most 30 seconds.',
		suggestion: 'Use single generations for longer inputs.',
	},
	project_not_found: { message: 'Project not found.', suggestion: 'Check the projectId.' },
	voice_not_found: { message: 'Voice not found.', suggestion: 'Check the voiceId.' },
	cost_estimate_unavailable: { message: 'No price is configured for this model.', suggestion: 'Use another model.' },
	generation_not_deletable_while_processing: {
		message: 'The generation cannot be deleted while it is processing.',
		suggestion: 'Wait until the generation is COMPLETED, FAILED or REJECTED.',
	},
	generation_output_unavailable: {
		message: 'The generation has no output to download.',
		suggestion: 'Wait until the generation is COMPLETED.',
	},
	elevenlabs_service_unavailable: { message: 'The ElevenLabs service is unavailable.', suggestion: 'Retry later.' },
	INVALID_IDEMPOTENCY_KEY: {
		message: 'Idempotency-Key must be 1-128 characters of [A-Za-z0-9._~-], sent once.',
		suggestion: 'Send one Idempotency-Key header with a valid value.',
	},
	IDEMPOTENCY_KEY_REUSED: {
		message: 'This Idempotency-Key was already used with a different request body.',
		suggestion: 'Use a new key for a different request.',
	},
	IDEMPOTENCY_OUTCOME_UNKNOWN: {
		message: 'The outcome of the keyed request is unknown.',
		suggestion: 'Poll generationId if given, otherwise retry with the same Idempotency-Key.',
	},
	// Voices, text to speech and projects (docs/sync-api-2026.md#voices, #text-to-speech, #projects).
	voice_clone_limit_reached: {
		message: 'All voice clone slots of your plan are in use.',
		suggestion: 'Delete a cloned voice or upgrade your plan.',
	},
	voice_name_conflict: { message: 'A voice with this name already exists in the organization.', suggestion: 'Choose another name, or use the existing voice.' },
	voice_sample_source_too_large: { message: 'The video sample is larger than 1 GiB.', suggestion: 'Trim the video or upload only its audio.' },
	voice_sample_not_accessible: { message: 'The voice sample could not be read.', suggestion: 'Upload the sample again and clone from the returned url or assetId.' },
	voice_sample_type_unsupported: { message: 'The voice sample is not audio or video.', suggestion: 'Use an audio or video file.' },
	voice_sample_upload_required: {
		message: 'The voice sample must be stored by Sync.',
		suggestion: 'Upload the file with POST /v2/assets/upload and clone from the returned url or assetId.',
	},
	voice_sample_too_short: { message: 'The voice sample is too short.', suggestion: 'Use 30 seconds to 2 minutes of clear speech by one speaker.' },
	voice_restricted: { message: 'This voice cannot synthesize speech at the moment.', suggestion: 'Pick another voice from GET /v2/voices.' },
	tts_input_validation_failed: { message: 'The text-to-speech request failed validation.', suggestion: 'Fix the fields named in the error.' },
	tts_async_not_enabled: {
		message: 'Asynchronous text to speech is not enabled for this organization.',
		suggestion: 'Use POST /v2/tts, or ask Sync to enable asynchronous text to speech.',
	},
	project_conflict: {
		message: 'The project id belongs to another user or organization, or to a deleted project.',
		suggestion: 'Use another id, or leave it out.',
	},
	api_key_owner_required: { message: 'This API key has no owner.', suggestion: 'Use an API key created by a member of the organization.' },
};

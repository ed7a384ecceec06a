/**
 * Sync Labs API emulator for tests (not shipped in the npm package). Faithful to
 * docs/sync-api.md (Sync's docs pages) and proven against the official @sync.so/sdk 0.3.0.
 *
 *   const emu = await startEmulator({ pendingMs: 10, processingMs: 30 });
 *   const client = new SyncClient({ apiKey: 'k', baseUrl: emu.url });
 *   ...
 *   await emu.stop();
 *
 * Outcome markers (choose a generation's fate from the test), read from the query string of the first input URL
 * (for an assetId input: the asset's URL):
 *   sync_outcome=completed|failed|rejected   default completed (REJECTED goes PENDING → REJECTED, no PROCESSING)
 *   sync_error_code=<code>                   default generation_pipeline_failed (failed) / generation_input_validation_failed (rejected)
 *   sync_processing_ms=<n>, sync_pending_ms=<n>   override the clock for this generation
 *   sync_duration_s=<n>                      input/output duration (default 1 s): outputDuration, cost estimates,
 *                                            plan output cap (402), batch 30 s limit, > 300 s fails with
 *                                            generation_audio_length_exceeded
 * For binary/asset inputs: outputFileName (or the uploaded file name / asset name) containing `sync_outcome_failed`
 * or `sync_outcome_rejected`.
 *
 * Markers of the 2026 surfaces (docs/sync-api-2026.md#emulator-markers):
 *   sync_audio_duration_s=<n>                audio length when it differs from the video's: with sync_mode the
 *                                            billed output length (loop/bounce/remap follow the audio)
 *   sync_cost=unavailable|dubbing_unavailable  the recorded cost never becomes available (all parts, or the dub's)
 *   sync_estimate=unavailable|failed         POST /v2/analyze/cost answers 422 cost_estimate_unavailable, or a final 400
 *   a TTS script containing `sync_tts_failed`  503 elevenlabs_service_unavailable (sync) / FAILED (job)
 *   a voice sample named with `sync_sample_too_short`  422 voice_sample_too_short
 * The switches of those surfaces (dubbing, voices, TTS, projects, money) are the SurfaceOptions in src/switches.cts,
 * also settable as `--quirk name=value` on the command line.
 *
 * Failed/rejected generations carry `error` and `errorCode` in GET (option generationErrorCodeKeys switches to
 * `error_code` or both); webhook payloads carry both `errorCode` and `error_code`.
 * COMPLETED generations have outputUrl `<url>/files/<id>.mp4` (a real 1 s MP4), outputDuration, segmentOutputUrl null.
 *
 * Unauthenticated file routes: PUT /uploads/<token> (presigned upload), GET /media/... (asset files),
 * GET /files/<id>.mp4 (outputs), GET /batch-results/<id> (302 → JSONL), GET /v2/errors (catalog).
 */
export { startEmulator, resolveOptions, DEFAULT_WEBHOOK_SECRET } from './src/emulator.cjs';
export type {
	Counters,
	Emulator,
	EmulatorOptions,
	FaultRule,
	Plan,
	RecordedFormPart,
	RecordedRequest,
	ResolvedOptions,
	WebhookBehaviour,
	WebhookDelivery,
} from './src/types.cjs';
export { ERROR_CATALOG } from './src/errors.cjs';
export { MODEL_INFO } from './src/routes/misc.cjs';
export { PRICE_PER_SECOND } from './src/routes/generations.cjs';
export { TINY_MP4, TINY_WAV, TINY_PNG, TINY_MEDIA_DURATION_S } from './src/media.cjs';
export { WRONG_SECRET } from './src/webhooks.cjs';
export { SWITCHES } from './src/switches.cjs';
export type { SurfaceOptions } from './src/switches.cjs';
export { DUB_LANGUAGES, DUB_LENGTH_FACTOR, DEFAULT_DUB_LENGTH_FACTOR } from './src/dubbing.cjs';
export type { DubLanguage, Sureness } from './src/dubbing.cjs';
export { BILLING_FPS, DUBBING_MICRO_USD_PER_SECOND, SPEECH_MICRO_USD_PER_CHARACTER } from './src/billing.cjs';
export { BUILT_IN_VOICES } from './src/routes/voices.cjs';
export { TTS_CHARS_PER_SECOND } from './src/routes/tts.cjs';

// The typed client of the Sync API: one function per endpoint the package uses, each owning its method and
// path, its request type, its answer's envelope and schema, and whether it reads strictly or tolerantly
// (api/read.ts). Actions, the Polling Trigger and the editor's methods import it from here and build no
// paths; api/send.ts is its one way to the transport.
export type { CallOptions } from './send';
export type { ParseMode, ReadOptions, Tolerated } from './read';
export {
	collectGenerations,
	createGeneration,
	deleteGeneration,
	getGeneration,
	getGenerationDownloadUrl,
	listGenerations,
	type CreateGenerationBody,
	type CreateGenerationRequest,
	type GenerationListQuery,
	type GetGenerationOptions,
} from './generations';
export { estimateCostByDuration, estimateCostOfGeneration, type CostByDurationRequest } from './costEstimates';
export { createBatch, getBatch, getBatchResults, listBatches, type BatchListQuery, type BatchRow, type CreateBatchRequest, type ValidatedBatch } from './batches';
export {
	collectAssets,
	getAsset,
	listAssets,
	registerAsset,
	requestAssetUpload,
	type AssetListQuery,
	type AssetPage,
	type PresignedUpload,
	type RegisterAssetRequest,
} from './assets';
export { listModels } from './models';
export { cloneVoice, deleteVoice, getVoice, listVoices, VOICE_PROVIDER, type CloneVoiceRequest, type VoiceSample } from './voices';
export { createSpeechJob, getSpeechJob, synthesizeSpeech, SPEECH_JOBS_NOT_ENABLED, type SpeechRequest } from './speech';
export { collectProjects, createProject, getProject, listProjects, type CreateProjectRequest, type ProjectListQuery, type ProjectPage } from './projects';
export { collectUsage, getGenerationCost, listUsage, USAGE_PAGE_MAX, type UsagePage, type UsageQuery, type UsageRange } from './costs';
export { getAccount } from './account';

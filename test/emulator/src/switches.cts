// Options of the 2026 surfaces (dubbing, voices, text to speech, projects, money, the asset upload's rate limit): one switch per variant that
// docs/sync-api-2026.md#emulator-switches lists as possible, the emulator's limits and clocks for those surfaces,
// and the one table the CLI (`--quirk name=value`) and the defaults are read from.

export type VoiceIdSpelling = 'both' | 'id' | 'voiceId';
export type EnvelopeShape = 'array' | 'items';

export interface SurfaceOptions {
	// ---- dubbing ----
	/** `targetLang`/`sourceLang` checked against the emulator's list (docs/sync-api-2026.md#dub-languages), or any code accepted. Default 'list'. */
	dubLanguageCheck?: 'list' | 'any';
	/** Audio or text inputs next to `dubParams`: 400 `generation_input_dub_audio_conflict` (third-party catalog), or ignored (Sync's docs). Default 'conflict'. */
	dubWithAudio?: 'conflict' | 'ignored';
	/** `dubParams.numSpeakers`: 'validated' (0–50, the May 2026 tutorial) or 'ignored' (any integer ≥ 0, "Dubbing v2"). Default 'validated'. */
	dubNumSpeakers?: 'validated' | 'ignored';
	/** `dubParams.providerName`: 'optional', 'required' (400 when absent) or 'refused' (400 when present). Default 'optional'. */
	dubProviderName?: 'optional' | 'required' | 'refused';
	/** Echo `dubParams` on the generation (GET, list, webhook), decided when the generation is created. Default false (unknown whether Sync does). */
	dubParamsEcho?: boolean;
	/** `POST /v2/analyze/cost` adds a dubbing estimate for a body with `dubParams`. Default false (unknown; the lip-sync part only). */
	analyzeCostIncludesDubbing?: boolean;

	// ---- voices ----
	/** `GET /v2/voices`: documented bare array, or `{ items: [...] }`. Default 'array'. */
	voicesListShape?: EnvelopeShape;
	/** Which id keys a voice carries: 'both' (documented: `id`, plus `voiceId`, and `internalVoiceId` on clones), only `id`, or only `voiceId` (`id` is typed optional). Default 'both'. */
	voiceIdSpelling?: VoiceIdSpelling;
	/** Shape of `restriction` on a voice that cannot speak now (unknown shape): an object, a string or `true`. Default 'object'. */
	voiceRestrictionShape?: 'object' | 'string' | 'boolean';
	/** Success status of `POST /v2/voices` (unknown; NestJS default 201). Default 201. */
	voiceCloneStatus?: 200 | 201;
	/** `DELETE /v2/voices/{id}`: documented 200 with a bare `true`, or 204 with no body. Default 'boolean'. */
	voiceDeleteAnswer?: 'boolean' | 'empty204';
	/** Clone requests per API key per hour on Sync's clock (429 `rate_limit_exceeded` beyond). Default 10. */
	voiceCloneRateLimitPerHour?: number;
	/** Cloned voices the organization may hold (403 `voice_clone_limit_reached` beyond; per plan, unknown). Default 30. */
	voiceCloneSlots?: number;
	/** Largest video a voice sample may come from (413 `voice_sample_source_too_large` beyond). Default 1 GiB. */
	voiceSampleMaxVideoBytes?: number;

	// ---- text to speech ----
	/** `provider` required on `POST /v2/tts` and `/v2/tts/jobs` (the current page) or optional (an earlier version). Default true. */
	ttsProviderRequired?: boolean;
	/** Asynchronous TTS enabled for the organization; false → 503 on `POST /v2/tts/jobs`. Default true. */
	ttsJobsEnabled?: boolean;
	/** Requests per API key per minute on each TTS endpoint (own buckets). Default 60. */
	ttsRateLimitPerMinute?: number;
	/** Time a TTS job spends in PENDING, then in PROCESSING (Sync's clock). Defaults 100 and 400. */
	ttsJobPendingMs?: number;
	ttsJobProcessingMs?: number;
	/** A status outside the documented four, answered instead of PROCESSING (tests a client's "unknown status"). Default none. */
	ttsJobUnknownStatus?: string;

	// ---- projects ----
	/** Success status of `POST /v2/projects`, new or reused id (unknown; NestJS default 201). Default 201. */
	projectCreateStatus?: 200 | 201;
	/** `nextCursor` on the last page of `GET /v2/projects`: absent, or `null`. Default 'absent'. */
	projectsLastPageCursor?: 'absent' | 'null';
	/** Answer of attach/detach asset: documented 204 with no body, or 200 with no body. Default 'empty204'. */
	projectAssetAnswer?: 'empty204' | 'empty200';
	/** Project ids that belong to another organization (or were deleted): create → 409, get → 404, projectId → 422. */
	foreignProjectIds?: string[];
	/** Echo `projectId` on assets (documented, but SDK 0.3.0's Asset lacks it; the wire check would need an exception). Default false. */
	assetsEchoProjectId?: boolean;

	// ---- assets ----
	/** `POST /v2/assets/upload` requests per API key per minute on Sync's clock (429 `rate_limit_exceeded` beyond). Default 120. */
	assetUploadRateLimitPerMinute?: number;

	// ---- money ----
	/** Sync-time delay between a generation's end and its lip-sync/speech cost being recorded ("usually within 10 minutes"). Default 0. */
	costDelayMs?: number;
	/** Further delay before the dubbing part is recorded (gives `partial`). Default 0. */
	dubbingCostDelayMs?: number;
	/** Name of the speech part of a cost: MCP's `speech_synthesis`, or `speech`. Default 'speech_synthesis'. */
	speechComponentName?: 'speech_synthesis' | 'speech';
	/** Add a cost component of an unknown kind (tests that unknown parts pass through). Default false. */
	costUnknownComponent?: boolean;
	/** `apiKey` on usage rows (shape unknown): an object `{ id, name, prefix }` or the prefix string. Default 'object'. */
	usageApiKeyShape?: 'object' | 'string';
	/** Seed of the deterministic spread of billed output length around the input length; unset = no spread. */
	billingSeed?: number;
	/** Largest relative spread when billingSeed is set (0.1 = ±10 %). Default 0.1. */
	billingSpread?: number;

	// ---- account ----
	/** `billingModel` of `GET /v2/account`; default from the plan (free → free, enterprise → enterprise, else usage). */
	billingModel?: 'credits' | 'usage' | 'free' | 'enterprise';
	/** The API key has no owner: `account` is null, detaching a project asset → 422. Default false. */
	accountOwnerless?: boolean;
	/** `plan`, `limits` and `balance` left out of `GET /v2/account` (their lookup failed). Default false. */
	accountOmitsLimits?: boolean;
	/** Starting credit balance in USD for billingModel 'credits'. Default 100. */
	creditBalanceUsd?: number;
}

type Kind = { enum: readonly (string | number)[] } | 'number' | 'boolean' | 'string' | 'string[]';

interface SwitchSpec {
	kind: Kind;
	default: unknown;
}

/** Every surface option, its values and its default (undefined = unset). */
export const SWITCHES: { [K in keyof Required<SurfaceOptions>]: SwitchSpec } = {
	dubLanguageCheck: { kind: { enum: ['list', 'any'] }, default: 'list' },
	dubWithAudio: { kind: { enum: ['conflict', 'ignored'] }, default: 'conflict' },
	dubNumSpeakers: { kind: { enum: ['validated', 'ignored'] }, default: 'validated' },
	dubProviderName: { kind: { enum: ['optional', 'required', 'refused'] }, default: 'optional' },
	dubParamsEcho: { kind: 'boolean', default: false },
	analyzeCostIncludesDubbing: { kind: 'boolean', default: false },
	voicesListShape: { kind: { enum: ['array', 'items'] }, default: 'array' },
	voiceIdSpelling: { kind: { enum: ['both', 'id', 'voiceId'] }, default: 'both' },
	voiceRestrictionShape: { kind: { enum: ['object', 'string', 'boolean'] }, default: 'object' },
	voiceCloneStatus: { kind: { enum: [200, 201] }, default: 201 },
	voiceDeleteAnswer: { kind: { enum: ['boolean', 'empty204'] }, default: 'boolean' },
	voiceCloneRateLimitPerHour: { kind: 'number', default: 10 },
	voiceCloneSlots: { kind: 'number', default: 30 },
	voiceSampleMaxVideoBytes: { kind: 'number', default: 1_073_741_824 },
	ttsProviderRequired: { kind: 'boolean', default: true },
	ttsJobsEnabled: { kind: 'boolean', default: true },
	ttsRateLimitPerMinute: { kind: 'number', default: 60 },
	ttsJobPendingMs: { kind: 'number', default: 100 },
	ttsJobProcessingMs: { kind: 'number', default: 400 },
	ttsJobUnknownStatus: { kind: 'string', default: undefined },
	projectCreateStatus: { kind: { enum: [200, 201] }, default: 201 },
	projectsLastPageCursor: { kind: { enum: ['absent', 'null'] }, default: 'absent' },
	projectAssetAnswer: { kind: { enum: ['empty204', 'empty200'] }, default: 'empty204' },
	foreignProjectIds: { kind: 'string[]', default: [] },
	assetsEchoProjectId: { kind: 'boolean', default: false },
	assetUploadRateLimitPerMinute: { kind: 'number', default: 120 },
	costDelayMs: { kind: 'number', default: 0 },
	dubbingCostDelayMs: { kind: 'number', default: 0 },
	speechComponentName: { kind: { enum: ['speech_synthesis', 'speech'] }, default: 'speech_synthesis' },
	costUnknownComponent: { kind: 'boolean', default: false },
	usageApiKeyShape: { kind: { enum: ['object', 'string'] }, default: 'object' },
	billingSeed: { kind: 'number', default: undefined },
	billingSpread: { kind: 'number', default: 0.1 },
	billingModel: { kind: { enum: ['credits', 'usage', 'free', 'enterprise'] }, default: undefined },
	accountOwnerless: { kind: 'boolean', default: false },
	accountOmitsLimits: { kind: 'boolean', default: false },
	creditBalanceUsd: { kind: 'number', default: 100 },
};

type Unset = 'ttsJobUnknownStatus' | 'billingSeed' | 'billingModel';
export type ResolvedSurfaceOptions = Required<Omit<SurfaceOptions, Unset>> & Pick<SurfaceOptions, Unset>;

/** The surface options with their defaults filled in (unset ones stay undefined). */
export function resolveSurfaceOptions(o: SurfaceOptions): ResolvedSurfaceOptions {
	const out: Record<string, unknown> = {};
	for (const [name, spec] of Object.entries(SWITCHES)) {
		const given = (o as Record<string, unknown>)[name];
		out[name] = given !== undefined ? given : Array.isArray(spec.default) ? [...spec.default] : spec.default;
	}
	return out as unknown as ResolvedSurfaceOptions;
}

/** Parses one `name=value` of the CLI's `--quirk` into a surface option; throws a sentence naming what is wrong. */
export function parseSwitch(text: string): Partial<SurfaceOptions> {
	const at = text.indexOf('=');
	const name = at < 0 ? text : text.slice(0, at);
	const raw = at < 0 ? undefined : text.slice(at + 1);
	const spec = (SWITCHES as Record<string, SwitchSpec | undefined>)[name];
	if (!spec) throw new Error(`--quirk: unknown switch "${name}"; known: ${Object.keys(SWITCHES).join(', ')}`);
	if (raw === undefined) throw new Error(`--quirk ${name} needs a value (${name}=...)`);
	const kind = spec.kind;
	let value: unknown;
	if (kind === 'number') {
		value = Number(raw);
		if (raw.trim() === '' || !Number.isFinite(value as number) || (value as number) < 0) throw new Error(`--quirk ${name} needs a non-negative number`);
	} else if (kind === 'boolean') {
		if (raw !== 'true' && raw !== 'false') throw new Error(`--quirk ${name} needs true or false`);
		value = raw === 'true';
	} else if (kind === 'string') value = raw;
	else if (kind === 'string[]') value = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
	else {
		value = kind.enum.find((v) => String(v) === raw);
		if (value === undefined) throw new Error(`--quirk ${name} must be one of: ${kind.enum.join(', ')}`);
	}
	return { [name]: value } as Partial<SurfaceOptions>;
}

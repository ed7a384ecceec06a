// In-memory state of the 2026 surfaces (voices, text-to-speech jobs and files, projects, rate-limit windows), kept
// beside the core State and cleared with it (docs/sync-api-2026.md).

export interface VoiceRecord {
	/** The Sync UUID: the value to pass as `voiceId`. */
	id: string;
	/** The provider-side (ElevenLabs) id a clone also carries; not usable as `voiceId` with Sync. */
	providerVoiceId: string;
	name: string;
	apiKey: string;
	createdAtMs: number;
	sampleUrl: string;
}

export type TtsJobStatus = 'PENDING' | 'PROCESSING' | 'SUCCESS' | 'FAILED';

export interface TtsJobRecord {
	id: string;
	createdAtMs: number;
	pendingMs: number;
	processingMs: number;
	fails: boolean;
	durationS: number;
	apiKey: string;
}

export interface TtsAudioRecord {
	id: string;
	durationS: number;
	characters: number;
}

export interface ProjectRecord {
	id: string;
	seq: number;
	name: string;
	description?: string;
	visibility: 'USER' | 'ORGANIZATION';
	mode: 'CREATOR' | 'DEVELOPER';
	defaultWorkflow: string | null;
	createdAtMs: number;
	updatedAtMs: number;
	apiKey: string;
}

/** Sliding one-bucket-per-key windows: the request times (Sync's clock) still inside the window. */
export class RateWindows {
	private hits = new Map<string, number[]>();

	/** Records a request; undefined when allowed, else the seconds until the oldest one leaves the window. */
	take(bucket: string, apiKey: string, limit: number, windowMs: number, now: number): number | undefined {
		const key = `${bucket}\u0000${apiKey}`;
		const inside = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
		if (inside.length >= limit) {
			this.hits.set(key, inside);
			return Math.max(1, Math.ceil((inside[0] + windowMs - now) / 1000));
		}
		inside.push(now);
		this.hits.set(key, inside);
		return undefined;
	}

	clear(): void {
		this.hits.clear();
	}
}

export class SurfaceState {
	voices = new Map<string, VoiceRecord>();
	ttsJobs = new Map<string, TtsJobRecord>();
	ttsJobKeys = new Map<string, { fingerprint: string; jobId: string }>();
	ttsAudio = new Map<string, TtsAudioRecord>();
	projects = new Map<string, ProjectRecord>();
	/** Project id → asset ids attached with POST /v2/projects/{id}/assets. */
	projectAssets = new Map<string, Set<string>>();
	/** "<projectId>/<assetId>" links detached from a project's draft content. */
	detachedDrafts = new Set<string>();
	rates = new RateWindows();
	private projectSeq = 0;

	nextProjectSeq(): number {
		return ++this.projectSeq;
	}

	clear(): void {
		this.voices.clear();
		this.ttsJobs.clear();
		this.ttsJobKeys.clear();
		this.ttsAudio.clear();
		this.projects.clear();
		this.projectAssets.clear();
		this.detachedDrafts.clear();
		this.rates.clear();
	}
}

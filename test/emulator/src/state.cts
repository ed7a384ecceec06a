// In-memory state (generations, batches, assets, uploads, idempotency keys) and the clock that moves generations
// PENDING → PROCESSING → COMPLETED | FAILED (or PENDING → REJECTED) and schedules their webhooks.
import { randomBytes, randomUUID } from 'crypto';
import type { GenerationBilling } from './billing.cjs';
import type { Outcome } from './outcomes.cjs';
import { SurfaceState } from './surfaces-state.cjs';
import type { AssetType, BatchStatus, GenerationStatus, Segment } from './schemas.cjs';

export interface GenerationRecord {
	id: string;
	createdAtMs: number;
	model: string;
	input: Array<Record<string, unknown>>;
	options?: Record<string, unknown>;
	segments?: Segment[];
	webhookUrl?: string;
	outputFileName: string | null;
	projectId: string | null;
	apiKey: string;
	source?: string;
	batchId?: string;
	outcome: Outcome;
	/** The `dubParams` sent, echoed in views when dubParamsEcho was on at creation (docs/sync-api-2026.md#dubbing). */
	dubParams?: Record<string, unknown>;
	echoDubParams?: boolean;
	/** What Sync bills: the actual output length and the cost parts (docs/sync-api-2026.md#billing-in-the-emulator). */
	billing?: GenerationBilling;
}

export interface BatchRecord {
	id: string;
	createdAtMs: number;
	webhookUrl?: string;
	generationIds: string[];
	requestIds: string[];
	apiKey: string;
	pendingMs: number;
}

export interface AssetRecord {
	id: string;
	seq: number;
	createdAtMs: number;
	updatedAtMs: number;
	name: string;
	url: string;
	size?: number;
	format?: string;
	type: AssetType;
	inputType: 'UPLOAD' | 'URL';
	durationSeconds?: number;
	visibility: 'USER' | 'ORGANIZATION';
	width?: number;
	height?: number;
	projectId?: string;
	/** Served bytes for emulator-hosted assets (undefined → a stand-in sample of the right kind). */
	data?: Buffer;
	contentType?: string;
	/** Echo projectId in views (the assetsEchoProjectId switch when the asset was registered). */
	echoProjectId?: boolean;
}

export interface UploadRecord {
	token: string;
	fileName: string;
	contentType: string;
	declaredSize: number;
	expiresAtMs: number;
	received: boolean;
	size: number;
	data?: Buffer;
	publicUrl: string;
}

export interface IdempotencyRecord {
	fingerprint: string;
	generationId: string;
}

export const TERMINAL: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED', 'REJECTED']);

export function generationStatus(g: GenerationRecord, now: number): GenerationStatus {
	const t = now - g.createdAtMs;
	if (t < g.outcome.pendingMs) return 'PENDING';
	if (g.outcome.kind === 'rejected') return 'REJECTED';
	if (t < g.outcome.pendingMs + g.outcome.processingMs) return 'PROCESSING';
	return g.outcome.kind === 'failed' ? 'FAILED' : 'COMPLETED';
}

export function terminalAt(g: GenerationRecord): number {
	return g.createdAtMs + g.outcome.pendingMs + (g.outcome.kind === 'rejected' ? 0 : g.outcome.processingMs);
}

export function progressPercent(g: GenerationRecord, now: number): number {
	const status = generationStatus(g, now);
	if (status === 'PENDING') return 0;
	if (TERMINAL.has(status)) return 100;
	const into = now - g.createdAtMs - g.outcome.pendingMs;
	return Math.min(99, Math.max(1, Math.round((into / Math.max(1, g.outcome.processingMs)) * 100)));
}

export interface ViewOptions {
	baseUrl: string;
	errorKeys: 'camel' | 'snake' | 'both';
	includeProgress?: boolean;
}

export function outputUrlOf(baseUrl: string, id: string): string {
	return `${baseUrl}/files/${id}.mp4`;
}

/** The generation as the API returns it (camelCase; options echoed in snake_case as sent). */
export function generationView(g: GenerationRecord, now: number, o: ViewOptions): Record<string, unknown> {
	const status = generationStatus(g, now);
	const view: Record<string, unknown> = {
		id: g.id,
		createdAt: new Date(g.createdAtMs).toISOString(),
		status,
		model: g.model,
		input: g.input,
		options: g.options ?? {},
		webhookUrl: g.webhookUrl ?? null,
		outputUrl: status === 'COMPLETED' ? outputUrlOf(o.baseUrl, g.id) : null,
		outputDuration: status === 'COMPLETED' ? g.billing?.outputS ?? g.outcome.durationS : null,
		segments: g.segments ?? null,
		segmentOutputUrl: null,
		outputFileName: g.outputFileName,
		projectId: g.projectId,
	};
	if (g.echoDubParams && g.dubParams) view.dubParams = g.dubParams;
	if (status === 'FAILED' || status === 'REJECTED') {
		view.error = g.outcome.error ?? 'Generation failed';
		if (o.errorKeys !== 'snake') view.errorCode = g.outcome.errorCode ?? null;
		if (o.errorKeys !== 'camel') view.error_code = g.outcome.errorCode ?? null;
	}
	if (o.includeProgress) view.progress_percent = progressPercent(g, now);
	return view;
}

export function batchStatus(b: BatchRecord, children: GenerationRecord[], now: number): BatchStatus {
	if (now - b.createdAtMs < b.pendingMs / 2) return 'PENDING';
	const statuses = children.map((c) => generationStatus(c, now));
	if (statuses.every((s) => s === 'PENDING')) return 'JOBS_CREATED';
	if (statuses.some((s) => !TERMINAL.has(s))) return 'PROCESSING';
	return statuses.some((s) => s === 'COMPLETED') ? 'COMPLETED' : 'FAILED';
}

export function batchView(b: BatchRecord, children: GenerationRecord[], now: number, baseUrl: string): Record<string, unknown> {
	const statuses = children.map((c) => generationStatus(c, now));
	const view: Record<string, unknown> = {
		id: b.id,
		created_at: new Date(b.createdAtMs).toISOString(),
		status: batchStatus(b, children, now),
		metrics: {
			total_generations: children.length,
			success_count: statuses.filter((s) => s === 'COMPLETED').length,
			failed_count: statuses.filter((s) => s === 'FAILED' || s === 'REJECTED').length,
			pending_count: statuses.filter((s) => !TERMINAL.has(s)).length,
		},
		outputUrl: `${baseUrl}/batch-results/${b.id}`,
	};
	if (b.webhookUrl) view.webhookUrl = b.webhookUrl;
	return view;
}

export function assetView(a: AssetRecord): Record<string, unknown> {
	const v: Record<string, unknown> = {
		id: a.id,
		createdAt: new Date(a.createdAtMs).toISOString(),
		updatedAt: new Date(a.updatedAtMs).toISOString(),
		name: a.name,
		url: a.url,
		type: a.type,
		inputType: a.inputType,
		visibility: a.visibility,
	};
	if (a.size !== undefined) v.size = a.size;
	if (a.format !== undefined) v.format = a.format;
	if (a.durationSeconds !== undefined) v.durationSeconds = a.durationSeconds;
	if (a.width !== undefined) v.width = a.width;
	if (a.height !== undefined) v.height = a.height;
	if (a.echoProjectId) v.projectId = a.projectId ?? null;
	return v;
}

export class State {
	generations = new Map<string, GenerationRecord>();
	/** Creation order (oldest first); deleted ids are removed. */
	generationOrder: string[] = [];
	batches = new Map<string, BatchRecord>();
	assets = new Map<string, AssetRecord>();
	uploads = new Map<string, UploadRecord>();
	idempotency = new Map<string, IdempotencyRecord>();
	/** Voices, TTS, projects and rate windows (surfaces-state.cts). */
	surfaces = new SurfaceState();
	private assetSeq = 0;
	private timers = new Set<NodeJS.Timeout>();
	/** With an injected clock: work scheduled for a Sync time, run by runDue() once the clock has passed it. */
	private due: Array<{ whenMs: number; fn: () => void }> = [];

	/** `manualClock`: `now` is a test's clock, moved by the test, so timers wait for runDue() instead of setTimeout. */
	constructor(
		private readonly now: () => number = Date.now,
		private readonly manualClock = false,
	) {}

	newGenerationId(): string {
		return randomUUID();
	}
	newBatchId(): string {
		return `batch_${randomBytes(12).toString('hex')}`;
	}
	newUploadToken(): string {
		return randomBytes(18).toString('base64url');
	}

	addGeneration(g: GenerationRecord): void {
		this.generations.set(g.id, g);
		this.generationOrder.push(g.id);
	}

	deleteGeneration(id: string): void {
		this.generations.delete(id);
		this.generationOrder = this.generationOrder.filter((x) => x !== id);
	}

	addAsset(a: Omit<AssetRecord, 'seq' | 'id'> & { id?: string }): AssetRecord {
		const rec: AssetRecord = { ...a, id: a.id ?? randomUUID(), seq: ++this.assetSeq };
		this.assets.set(rec.id, rec);
		return rec;
	}

	batchChildren(b: BatchRecord): GenerationRecord[] {
		return b.generationIds.map((id) => this.generations.get(id)).filter((g): g is GenerationRecord => g !== undefined);
	}

	/**
	 * Runs fn at the given epoch ms (timers are cleared by reset/stop). Node may fire a timer up to a millisecond
	 * before Date.now() reaches its target, which would show a job one state too early, so an early timer re-arms.
	 */
	at(whenMs: number, fn: () => void): void {
		if (this.manualClock) {
			this.due.push({ whenMs, fn });
			return;
		}
		const t = setTimeout(() => {
			this.timers.delete(t);
			if (this.now() < whenMs) this.at(whenMs, fn);
			else fn();
		}, Math.max(0, whenMs - this.now()));
		this.timers.add(t);
	}

	/** Runs, in time order, the scheduled work due by now() (injected clock only); returns how many ran. */
	runDue(): number {
		const now = this.now();
		const ready = this.due.filter((d) => d.whenMs <= now).sort((a, b) => a.whenMs - b.whenMs);
		this.due = this.due.filter((d) => d.whenMs > now);
		for (const d of ready) d.fn();
		return ready.length;
	}

	stopTimers(): void {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.due = [];
	}

	clear(): void {
		this.stopTimers();
		this.generations.clear();
		this.generationOrder = [];
		this.batches.clear();
		this.assets.clear();
		this.uploads.clear();
		this.idempotency.clear();
		this.surfaces.clear();
	}
}

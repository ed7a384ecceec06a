// Decides which objects a polling trigger emits, so that every generation or batch that reaches a terminal
// state is emitted exactly once, even when it finishes while n8n is stopped. Pure; the state lives in the
// workflow's static data.
//
// The list APIs order by creation time and have no "finished at", so the state keeps a watermark: every
// object created before it is known to be finished and emitted (or finished before the first run). Each
// poll lists what was created since the watermark, emits the newly terminal ones it has not emitted yet,
// and moves the watermark up to the oldest object still running.

export interface WatchState {
	/** ISO time; objects created before it are done with. */
	watermark: string;
	/** Keys (`id:status`) of terminal objects created at or after the watermark that were already emitted. */
	emitted: string[];
}

export interface WatchedObject {
	id: string;
	status: string;
	createdAt?: string | null;
}

export interface WatchDecision<T> {
	emit: T[];
	state: WatchState;
}

export function initialWatchState(nowMs: number, lookbackMinutes: number): WatchState {
	return { watermark: new Date(nowMs - Math.max(0, lookbackMinutes) * 60_000).toISOString(), emitted: [] };
}

export function isWatchState(value: unknown): value is WatchState {
	const v = value as WatchState;
	return !!v && typeof v.watermark === 'string' && Array.isArray(v.emitted);
}

function createdMs(o: WatchedObject): number {
	const ms = o.createdAt ? Date.parse(o.createdAt) : Number.NaN;
	return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/**
 * `listed` = every object created since `state.watermark` (any status). Emits the terminal ones not emitted
 * yet, oldest first, and returns the next state.
 */
export function decideEmissions<T extends WatchedObject>(
	state: WatchState,
	listed: T[],
	isTerminal: (status: string) => boolean,
	nowMs: number,
): WatchDecision<T> {
	const watermarkMs = Date.parse(state.watermark);
	const inWindow = listed.filter((o) => createdMs(o) >= watermarkMs);
	const already = new Set(state.emitted);
	const key = (o: T) => `${o.id}:${o.status}`;

	const emit = inWindow
		.filter((o) => isTerminal(o.status) && !already.has(key(o)))
		.sort((a, b) => createdMs(a) - createdMs(b));

	const running = inWindow.filter((o) => !isTerminal(o.status));
	// Move up to the oldest running object; with none running, to a minute ago (clock skew, list lag).
	const oldestRunning = running.reduce((min, o) => Math.min(min, createdMs(o)), Number.POSITIVE_INFINITY);
	const nextWatermarkMs = Math.max(watermarkMs, Math.min(oldestRunning, nowMs - 60_000));

	const emittedKeys = new Set([...state.emitted, ...emit.map(key)]);
	const stillRelevant = inWindow.filter((o) => createdMs(o) >= nextWatermarkMs && emittedKeys.has(key(o))).map(key);
	return { emit, state: { watermark: new Date(nextWatermarkMs).toISOString(), emitted: [...new Set(stillRelevant)] } };
}

// Helpers for the 2026-surface suites (not a test file): one emulator per file on a clock the test moves, the
// switches put back to their defaults between tests, and Sync-hosted samples made through the real upload steps.
import { startEmulator } from '../index.cjs';
import type { Emulator, EmulatorOptions } from '../index.cjs';
import { resolveSurfaceOptions } from '../src/switches.cjs';
import { api } from './helpers.cjs';

export const T0 = Date.parse('2026-11-12T00:00:00Z');

export interface ClockedEmulator {
	emu: Emulator;
	/** Sync's clock now. */
	now(): number;
	/** Moves Sync's clock and runs the scheduled work (webhooks) now due. */
	advance(ms: number): void;
	/** Clears state and counters, puts the clock back to T0 and every surface switch to its default. */
	reset(): void;
}

export async function startClocked(options: EmulatorOptions = {}): Promise<ClockedEmulator> {
	let now = T0;
	const emu = await startEmulator({ pendingMs: 1000, processingMs: 4000, ...options, now: () => now });
	const defaults = resolveSurfaceOptions(options);
	return {
		emu,
		now: () => now,
		advance(ms) {
			now += ms;
			emu.runDueTimers();
		},
		reset() {
			emu.reset();
			now = T0;
			Object.assign(emu.config, defaults);
		},
	};
}

/** The three upload steps (docs/sync-api.md#asset-upload): returns the hosted url and, when registered, the assetId. */
export async function upload(emu: Emulator, fileName: string, contentType: string, bytes = Buffer.from('sample bytes'), register?: 'AUDIO' | 'VIDEO' | 'IMAGE'): Promise<{ url: string; assetId?: string }> {
	const step1 = await api(emu, 'POST', '/v2/assets/upload', { body: { fileName, contentType, size: bytes.length } });
	if (step1.status !== 201) throw new Error(`upload step 1 answered ${step1.status}`);
	const put = await fetch(step1.json.uploadUrl as string, { method: 'PUT', headers: { 'content-type': contentType }, body: bytes });
	if (put.status !== 200) throw new Error(`upload PUT answered ${put.status}`);
	const url = step1.json.url as string;
	if (!register) return { url };
	const asset = await api(emu, 'POST', '/v2/assets', { body: { url, type: register } });
	if (asset.status !== 201) throw new Error(`asset registration answered ${asset.status}`);
	return { url, assetId: asset.json.id as string };
}

export const MONEY = /^\d+\.\d{6}$/;

// What `npm start` prints once it is ready (scripts/sandbox/banner.cts): the outcome markers it teaches must be the
// emulator's own (test/emulator/src/outcomes.cts) and do what the banner says.
import { readFileSync } from 'fs';
import { join } from 'path';
import { EXAMPLE_VIDEO_URL, sandboxBanner, type BannerInfo } from '../../scripts/sandbox/banner.cjs';
import { resolveOutcome } from '../emulator/src/outcomes.cjs';

const root = join(__dirname, '..', '..');
const DEFAULTS = { pendingMs: 1000, processingMs: 8000, durationS: 1 };

const info: BannerInfo = {
	readySeconds: 42,
	editorUrl: 'http://127.0.0.1:5678',
	owner: { email: 'sandbox@n8n-nodes-synclabs.local', password: 'pw' },
	emulator: { url: 'http://127.0.0.1:4010', secret: 'whsec_sandbox' },
	credential: { name: 'Sync Labs account', baseUrl: 'http://127.0.0.1:4010', kept: false },
	examples: [{ name: 'Sync Labs: lip-sync a video from URLs and wait for the result', url: 'http://127.0.0.1:5678/workflow/x', active: false }],
	triggerUrls: ['http://127.0.0.1:5678/webhook/abc/syncLabs'],
	logFile: '/state/n8n.log',
	stateDir: '/state',
};
const emulatorBanner = sandboxBanner(info);
const realApiBanner = sandboxBanner({ ...info, emulator: undefined });

/** The marker names the emulator reads: the 'sync_…' string literals of its outcome module. */
const emulatorMarkers = [...readFileSync(join(root, 'test/emulator/src/outcomes.cts'), 'utf8').matchAll(/'(sync_[a-z_]+)'/g)].map((m) => m[1]);

describe('npm start banner', () => {
	it('names every outcome marker the emulator reads, and no other', () => {
		expect(new Set(emulatorMarkers)).toEqual(
			new Set(['sync_outcome', 'sync_error_code', 'sync_processing_ms', 'sync_pending_ms', 'sync_duration_s', 'sync_outcome_failed', 'sync_outcome_rejected']),
		);
		const named = new Set([...emulatorBanner.matchAll(/sync_[a-z_]+/g)].map((m) => m[0]));
		expect(named).toEqual(new Set(emulatorMarkers));
	});

	it('shows a URL that makes the emulator fail the first example\'s generation, built on that example\'s own video URL', () => {
		const example = readFileSync(join(root, 'examples/lip-sync-from-urls.json'), 'utf8');
		expect(example).toContain(`"visualUrl": "${EXAMPLE_VIDEO_URL}"`);
		const shown = emulatorBanner.split(/\s+/).filter((word) => word.startsWith(`${EXAMPLE_VIDEO_URL}?`));
		expect(shown).toEqual([`${EXAMPLE_VIDEO_URL}?sync_outcome=failed`]);
		expect(resolveOutcome(shown, [], DEFAULTS)).toMatchObject({ kind: 'failed', errorCode: 'generation_pipeline_failed' });
	});

	it('states the default error codes the emulator gives a failed and a rejected generation', () => {
		const failed = resolveOutcome([`${EXAMPLE_VIDEO_URL}?sync_outcome=failed`], [], DEFAULTS);
		const rejected = resolveOutcome([`${EXAMPLE_VIDEO_URL}?sync_outcome=rejected`], [], DEFAULTS);
		expect(emulatorBanner).toContain(`default ${failed.errorCode} when failed`);
		expect(emulatorBanner).toContain(`${rejected.errorCode} when rejected`);
		const chosen = resolveOutcome([`${EXAMPLE_VIDEO_URL}?sync_outcome=rejected&sync_error_code=generation_unsupported_language`], [], DEFAULTS);
		expect(chosen).toMatchObject({ kind: 'rejected', errorCode: 'generation_unsupported_language' });
	});

	it('teaches timing and length markers that the emulator reads from the same URL', () => {
		const outcome = resolveOutcome([`${EXAMPLE_VIDEO_URL}?sync_pending_ms=5&sync_processing_ms=7&sync_duration_s=3`], [], DEFAULTS);
		expect(outcome).toEqual({ kind: 'completed', pendingMs: 5, processingMs: 7, durationS: 3 });
	});

	it('teaches the Output File Name marker for file inputs, which the emulator honours', () => {
		expect(emulatorBanner).toContain('Options > Output File Name');
		expect(resolveOutcome([], ['speaker_sync_outcome_rejected'], DEFAULTS).kind).toBe('rejected');
		expect(resolveOutcome([], ['sync_outcome_failed'], DEFAULTS).kind).toBe('failed');
	});

	it('says the markers do nothing against the real API, in both modes, and teaches none when the real API is used', () => {
		expect(emulatorBanner).toContain('the real Sync API ignores this');
		expect(realApiBanner).toContain('the real Sync API ignores them');
		expect(realApiBanner).not.toContain('sync_outcome_failed');
		expect(realApiBanner).not.toContain(EXAMPLE_VIDEO_URL);
	});

	it('points the trigger example\'s failure branch at the Trigger URL only when there is one', () => {
		expect(emulatorBanner).toMatch(/Trigger URL: +http:\/\/127\.0\.0\.1:5678\/webhook\/abc\/syncLabs\n(.*\n)*.*Webhook URL set to the Trigger URL above/);
		expect(sandboxBanner({ ...info, triggerUrls: [] })).not.toContain('Trigger URL');
	});

	it('keeps the lines the sandbox e2e test reads: the examples in order, the Trigger URL and the n8n log', () => {
		expect(emulatorBanner).toContain('Sync Labs sandbox is running (ready in 42 s).');
		expect(emulatorBanner).toContain(`1. ${info.examples[0].name}`);
		expect(/Trigger URL: +(\S+)/.exec(emulatorBanner)?.[1]).toBe(info.triggerUrls[0]);
		expect(emulatorBanner).toContain('n8n log:      /state/n8n.log');
	});
});

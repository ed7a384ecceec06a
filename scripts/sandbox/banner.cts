// What `npm start` (scripts/sandbox.cts) prints once n8n is ready: where everything is, and how to make the
// emulator take the failure branches of the examples. Pure text, so test/scripts can check what it promises.

/** The video URL of examples/lip-sync-from-urls.json, the example a newcomer opens first. */
export const EXAMPLE_VIDEO_URL = 'https://assets.sync.so/docs/example-video.mp4';

export interface BannerInfo {
	readySeconds: number;
	editorUrl: string;
	owner: { email: string; password: string };
	/** Set when the sandbox runs the emulator; absent when it talks to the real API (SYNCLABS_API_KEY). */
	emulator?: { url: string; secret: string };
	credential: { name: string; baseUrl: string; kept: boolean };
	examples: Array<{ name: string; url: string; active: boolean }>;
	triggerUrls: string[];
	logFile: string;
	stateDir: string;
}

/**
 * The emulator's outcome markers (test/emulator/src/outcomes.cts), as a newcomer uses them in the editor.
 * Against the real API they are ordinary query parameters or file names: nothing happens.
 */
export function outcomeMarkerLines(emulator: boolean, hasTrigger: boolean): string[] {
	if (!emulator) {
		return ['  Outcome markers (?sync_outcome=failed and the like) are an emulator feature: the real Sync API ignores them.'];
	}
	return [
		'  Failure branches: the emulator ends a generation as its first input URL asks (the real Sync API ignores this):',
		'    ?sync_outcome=failed or ?sync_outcome=rejected, e.g. as the Visual URL of the lip-sync example:',
		`      ${EXAMPLE_VIDEO_URL}?sync_outcome=failed`,
		'    &sync_error_code=<code> chooses the error code (default generation_pipeline_failed when failed,',
		'      generation_input_validation_failed when rejected)',
		'    &sync_pending_ms=<ms>, &sync_processing_ms=<ms> set how long it stays PENDING, PROCESSING;',
		'      &sync_duration_s=<s> the media length in seconds (default 1), which drives cost and length limits',
		'    A file or asset input has no URL to mark: put sync_outcome_failed or sync_outcome_rejected in',
		'      Options > Output File Name (or in the uploaded file name)',
		...(hasTrigger ? ['    With Options > Webhook URL set to the Trigger URL above, the trigger example takes its failure branch too.'] : []),
	];
}

export function sandboxBanner(info: BannerInfo): string {
	return [
		'',
		`Sync Labs sandbox is running (ready in ${info.readySeconds} s).`,
		`  n8n editor:   ${info.editorUrl}/  (log in as ${info.owner.email} / ${info.owner.password})`,
		`  Sync API:     ${info.emulator ? `${info.emulator.url}  (emulator; webhook secret ${info.emulator.secret})` : 'https://api.sync.so (real API, SYNCLABS_API_KEY)'}`,
		`  Credential:   "${info.credential.name}" → ${info.credential.baseUrl}${info.credential.kept ? '  (as you set it in n8n; left unchanged)' : ''}`,
		'  Examples, in the order to open them:',
		...info.examples.map((e, i) => `    ${i + 1}. ${e.name}${e.active ? ' (active)' : ''}\n       ${e.url}`),
		...info.triggerUrls.map((url) => `  Trigger URL:  ${url}`),
		...outcomeMarkerLines(info.emulator !== undefined, info.triggerUrls.length > 0),
		`  n8n log:      ${info.logFile}  (why a webhook delivery was refused, e.g. signature_mismatch)`,
		`  State:        ${info.stateDir}  (kept across starts; npm start -- --fresh starts clean)`,
		'Open example 1 and click "Execute workflow". Press Ctrl-C to stop.',
	].join('\n');
}

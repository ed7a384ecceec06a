// What `npm run test:live` is asked to do: its flags and environment. The key is only ever passed on, never
// printed (scripts/live/errorText.cts keeps it out of every message).
export const USAGE = `usage: npm run test:live [-- --billed]

Runs the read-only calls of every Sync endpoint the node uses through the node's own client
(nodes/SyncLabs/api) and prints a dated pass/fail table (docs/testing.md#the-live-check-against-the-real-sync-api).

  --billed   also create one short lip-sync generation and one dub (Sync bills both)
  --help     this text

  env SYNCLABS_API_KEY         the real API's key; without it the check runs against a freshly started emulator
  env SYNCLABS_BASE_URL        another API address (default https://api.sync.so)
  env SYNCLABS_LIVE_VIDEO_URL  the video of the billed runs (default Sync's example video; it must have sound)
  env SYNCLABS_LIVE_AUDIO_URL  the audio of the billed lip sync (default Sync's example audio)
  env SYNCLABS_LIVE_DUB_LANGUAGE  the dub's target language (default es)`;

/** Sync's own example media (docs/sync-api.md, the create example): short, with a face and sound. */
export const DEFAULT_VIDEO_URL = 'https://assets.sync.so/docs/example-video.mp4';
export const DEFAULT_AUDIO_URL = 'https://assets.sync.so/docs/example-audio.wav';
export const DEFAULT_DUB_LANGUAGE = 'es';
export const DEFAULT_BASE_URL = 'https://api.sync.so';

export interface LiveOptions {
	billed: boolean;
	/** Undefined: run against a freshly started emulator. */
	apiKey: string | undefined;
	baseUrl: string;
	videoUrl: string;
	audioUrl: string;
	dubLanguage: string;
}

export type ParsedArgs = { help: true } | { help: false; options: LiveOptions };

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArgs {
	let billed = false;
	for (const arg of argv) {
		if (arg === '--help' || arg === '-h') return { help: true };
		if (arg === '--billed') billed = true;
		else throw new Error(`unknown argument: ${arg} (see --help)`);
	}
	// Whitespace around a pasted key is dropped, as the credential does (credentials/SyncLabsApi.credentials.ts).
	const apiKey = env.SYNCLABS_API_KEY?.trim() || undefined;
	return {
		help: false,
		options: {
			billed,
			apiKey,
			baseUrl: (env.SYNCLABS_BASE_URL?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, ''),
			videoUrl: env.SYNCLABS_LIVE_VIDEO_URL?.trim() || DEFAULT_VIDEO_URL,
			audioUrl: env.SYNCLABS_LIVE_AUDIO_URL?.trim() || DEFAULT_AUDIO_URL,
			dubLanguage: env.SYNCLABS_LIVE_DUB_LANGUAGE?.trim() || DEFAULT_DUB_LANGUAGE,
		},
	};
}

// Imported first by scripts/live/run.cts: n8n-core (behind the client's request helpers) writes its settings
// into N8N_USER_FOLDER as soon as it loads, so the folder is chosen before any other import runs: a fresh one
// per run, removed at exit, with its own encryption key (so n8n-core does not announce generating one). A
// caller's folder wins (test/scripts/liveCheck.test.cts passes the jest run's).
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

if (!process.env.N8N_USER_FOLDER) {
	const folder = mkdtempSync(join(tmpdir(), 'n8n-nodes-synclabs-live-'));
	process.env.N8N_USER_FOLDER = folder;
	process.env.N8N_ENCRYPTION_KEY ??= randomBytes(24).toString('base64');
	process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
}

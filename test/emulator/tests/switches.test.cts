// The surface switches (src/switches.cts): their defaults, the command line's `--quirk name=value`, that each
// one is exercised by a contract test in this folder, and that each is turned by a node test outside
// test/emulator/ unless no node behaviour can depend on it (docs/sync-api-2026.md#emulator-switches says why).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { resolveOptions, SWITCHES } from '../index.cjs';
import { parseSwitch } from '../src/switches.cjs';

const ROOT = path.resolve(__dirname, '../../..');

describe('surface switches', () => {
	it('default to the documented form of each variant', () => {
		expect(resolveOptions({})).toMatchObject({
			dubLanguageCheck: 'list',
			dubWithAudio: 'conflict',
			voicesListShape: 'array',
			voiceIdSpelling: 'both',
			voiceDeleteAnswer: 'boolean',
			ttsProviderRequired: true,
			ttsJobsEnabled: true,
			voiceCloneRateLimitPerHour: 10,
			ttsRateLimitPerMinute: 60,
			assetUploadRateLimitPerMinute: 120,
			projectAssetAnswer: 'empty204',
			speechComponentName: 'speech_synthesis',
			billingSeed: undefined,
		});
	});

	it('parses name=value by the kind of each switch and refuses unknown names and values with a sentence naming them', () => {
		expect(parseSwitch('voicesListShape=items')).toEqual({ voicesListShape: 'items' });
		expect(parseSwitch('voiceCloneStatus=200')).toEqual({ voiceCloneStatus: 200 });
		expect(parseSwitch('ttsJobsEnabled=false')).toEqual({ ttsJobsEnabled: false });
		expect(parseSwitch('billingSeed=42')).toEqual({ billingSeed: 42 });
		expect(parseSwitch('foreignProjectIds=a,b')).toEqual({ foreignProjectIds: ['a', 'b'] });
		expect(parseSwitch('ttsJobUnknownStatus=QUEUED=1')).toEqual({ ttsJobUnknownStatus: 'QUEUED=1' });
		expect(() => parseSwitch('voicesListShape=envelope')).toThrow('voicesListShape must be one of: array, items');
		expect(() => parseSwitch('ttsJobsEnabled=yes')).toThrow('ttsJobsEnabled needs true or false');
		expect(() => parseSwitch('billingSeed=-1')).toThrow('billingSeed needs a non-negative number');
		expect(() => parseSwitch('noSuchSwitch=1')).toThrow('unknown switch "noSuchSwitch"');
		expect(() => parseSwitch('voicesListShape')).toThrow('needs a value');
	});

	it('are each set by a contract test of this folder', () => {
		const dir = __dirname;
		const tests = fs
			.readdirSync(dir)
			.filter((f) => f.endsWith('.test.cts') && f !== path.basename(__filename))
			.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
			.join('\n');
		const unset = Object.keys(SWITCHES).filter((name) => !new RegExp(`(config\\.${name} =|\\b${name}: )`).test(tests));
		expect(unset).toEqual([]);
	});

	it('are taken on the command line as --quirk name=value and --quirk=name=value', async () => {
		const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'test/emulator/src/cli.cts', '--port', '0', '--quirk', 'voicesListShape=items', '--quirk=ttsJobsEnabled=false'], { cwd: ROOT, stdio: 'pipe' });
		try {
			const url = await new Promise<string>((resolve, reject) => {
				let out = '';
				let err = '';
				child.stdout.on('data', (b: Buffer) => {
					out += b.toString();
					const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
					if (m) resolve(m[1]);
				});
				child.stderr.on('data', (b: Buffer) => (err += b.toString()));
				child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
			});
			const headers = { 'x-api-key': 'k', 'content-type': 'application/json' };
			expect(Object.keys((await (await fetch(`${url}/v2/voices`, { headers })).json()) as object)).toEqual(['items']);
			const job = await fetch(`${url}/v2/tts/jobs`, { method: 'POST', headers, body: JSON.stringify({ script: 'Hi', voiceId: 'EXAVITQu4vr4xnSDxMaL', provider: 'elevenlabs' }) });
			expect(job.status).toBe(503);
		} finally {
			child.kill('SIGTERM');
		}
	});

	it('make the command refuse an unknown switch with exit code 2', async () => {
		const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'test/emulator/src/cli.cts', '--quirk', 'voicesListShape=envelope'], { cwd: ROOT, stdio: 'pipe' });
		let err = '';
		child.stderr.on('data', (b: Buffer) => (err += b.toString()));
		const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
		expect(code).toBe(2);
		expect(err).toContain('voicesListShape must be one of: array, items');
	});
});

/**
 * Switches no node behaviour can depend on, each with the reason the switch table of docs/sync-api-2026.md gives.
 * A switch added later needs a node test or a line here (and in that table).
 */
const NO_NODE_TEST: Record<string, string> = {
	dubNumSpeakers: 'the node never sends numSpeakers',
	projectAssetAnswer: 'the node has no project attach or detach',
	billingSpread: 'it only sets how wide the emulator\'s spread of billed lengths is (the node tests turning billingSeed run it at 0.1)',
};

/** Every test file that runs the node (everything under test/ but the emulator's own tests, the wire check and e2e). */
function nodeTestFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return dir === path.join(ROOT, 'test') && ['emulator', 'wire', 'e2e'].includes(entry.name) ? [] : nodeTestFiles(full);
		return entry.name.endsWith('.test.cts') ? [full] : [];
	});
}

describe('each variant the reference lists as possible', () => {
	const nodeTests = nodeTestFiles(path.join(ROOT, 'test')).map((file) => fs.readFileSync(file, 'utf8'));
	/** Set in a node test: `config.name = …`, or `name: …` among the emulator's options. */
	const turned = (name: string) => nodeTests.some((text) => new RegExp(`(config\\.${name} =|\\b${name}: )`).test(text));

	it('has a node test that turns its switch, unless it is listed as one no node behaviour depends on', () => {
		expect(nodeTests.length).toBeGreaterThan(50);
		expect(Object.keys(SWITCHES).filter((name) => !turned(name) && !(name in NO_NODE_TEST))).toEqual([]);
	});

	it('is listed as needing no node test only while no node test turns it, and only if it is a switch', () => {
		expect(Object.keys(NO_NODE_TEST).filter((name) => turned(name) || !(name in SWITCHES))).toEqual([]);
	});

	it('that needs no node test says why in the switch table of docs/sync-api-2026.md', () => {
		const doc = fs.readFileSync(path.join(ROOT, 'docs/sync-api-2026.md'), 'utf8');
		for (const [name, reason] of Object.entries(NO_NODE_TEST)) {
			const row = doc.split('\n').find((line) => line.startsWith(`| \`${name}\``) || line.includes(`\`${name}\` |`));
			expect([name, row]).toEqual([name, expect.stringContaining(`no node test: ${reason}`)]);
		}
	});
});

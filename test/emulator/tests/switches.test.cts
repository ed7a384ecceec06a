// The surface switches (src/switches.cts): their defaults, the command line's `--quirk name=value`, and that each
// one is exercised by a contract test in this folder.
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

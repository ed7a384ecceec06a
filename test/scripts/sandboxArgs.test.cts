// `npm start` options (scripts/sandbox/config.cts): where the sandbox keeps its state and which port it takes.
import { join } from 'path';
import { DEFAULT_PORT, defaultStateDir, parseArgs } from '../../scripts/sandbox/config.cjs';

describe('npm start options', () => {
	const env = { HOME: '/home/ada' } as NodeJS.ProcessEnv;

	it('takes n8n port 5678 and a state folder under the XDG data dir when given nothing', () => {
		const args = parseArgs([], { XDG_DATA_HOME: '/data' });
		expect(args).toMatchObject({ port: DEFAULT_PORT, dir: join('/data', 'n8n-nodes-synclabs', 'sandbox'), fresh: false });
		expect(DEFAULT_PORT).toBe(5678);
	});

	it('keeps the state outside any repository, in ~/.local/share when XDG_DATA_HOME is unset', () => {
		expect(defaultStateDir({})).toMatch(/\.local\/share\/n8n-nodes-synclabs\/sandbox$/);
	});

	it('lets --port and --dir (both spellings) win over SYNCLABS_SANDBOX_PORT and SYNCLABS_SANDBOX_DIR', () => {
		const fromEnv = { ...env, SYNCLABS_SANDBOX_PORT: '6000', SYNCLABS_SANDBOX_DIR: '/env/dir' };
		expect(parseArgs([], fromEnv)).toMatchObject({ port: 6000, dir: '/env/dir' });
		expect(parseArgs(['--port', '6001', '--dir=/flag/dir', '--fresh'], fromEnv)).toMatchObject({ port: 6001, dir: '/flag/dir', fresh: true });
		expect(parseArgs(['--port=6002'], fromEnv).port).toBe(6002);
	});

	it('refuses a port that is not a number, port 0, an option without its value and an unknown option, naming it', () => {
		expect(() => parseArgs(['--port', 'http'], env)).toThrow('--port must be a port number 0-65535, got "http"');
		expect(() => parseArgs(['--port', '0'], env)).toThrow('--port 0 is not allowed');
		expect(() => parseArgs([], { ...env, SYNCLABS_SANDBOX_PORT: '70000' })).toThrow('SYNCLABS_SANDBOX_PORT must be a port number');
		expect(() => parseArgs(['--dir'], env)).toThrow('--dir needs a value');
		expect(() => parseArgs(['--frsh'], env)).toThrow('unknown option --frsh');
	});
});

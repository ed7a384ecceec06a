// `npm run test:live` must keep working without a key: it is started here the way the npm script starts it (node
// with tsx's CommonJS hook, which resolves modules differently from jest). Without a key it starts its own
// emulator; with a key and SYNCLABS_BASE_URL it talks to an emulator this test started, whose counters show
// what the check created.
import { spawn } from 'child_process';
import { join } from 'path';
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { createApiContext } from '../runner/index.cjs';
import { seedEmulator } from '../../scripts/live/seedEmulator.cjs';
import { errorText, KEY_REFUSED } from '../../scripts/live/errorText.cjs';
import { DEFAULT_BASE_URL, parseArgs } from '../../scripts/live/args.cjs';

const root = join(__dirname, '..', '..');

/** Every read-only row, in the order the check prints them. */
const READ_ONLY_ENDPOINTS = [
	'GET /v2/models',
	'GET /v2/generations',
	'GET /v2/generate/{id}',
	'GET /v2/generations/{id}/download',
	'GET /v2/generate/{id}/costs',
	'GET /v2/usage/generations',
	'POST /v2/generations/estimate',
	'GET /v2/batch',
	'GET /v2/batch/{id}',
	'GET /v2/assets',
	'GET /v2/assets/{id}',
	'GET /v2/voices',
	'GET /v2/voices/{id}',
	'GET /v2/projects',
	'GET /v2/projects/{id}',
	'GET /v2/account',
];
const BILLED_ENDPOINTS = [
	'POST /v2/generate (lip sync)',
	'GET /v2/generate/{id} (lip sync, until it ends)',
	'POST /v2/generate + dubParams (dub into es)',
	'GET /v2/generate/{id} (dub, until it ends)',
];

interface Run {
	status: number | null;
	stdout: string;
	stderr: string;
}

/** Started asynchronously: an emulator in this process must keep answering while the check runs. */
function runLiveCheck(args: string[], env: Record<string, string | undefined>): Promise<Run> {
	const childEnv: NodeJS.ProcessEnv = { ...process.env, SYNCLABS_API_KEY: undefined, SYNCLABS_BASE_URL: undefined, ...env };
	for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
	return new Promise((resolve, reject) => {
		// The child inherits the jest run's temp folder (N8N_USER_FOLDER): nothing is left behind.
		const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'scripts/live/run.cts', ...args], { cwd: root, env: childEnv });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (status) => resolve({ status, stdout, stderr }));
	});
}

interface TableRow {
	endpoint: string;
	status: string;
	http: string;
	ms: string;
	checked: string;
}

/** The rows of the printed pass/fail table (between its header and the first blank line). */
function tableOf(stdout: string): TableRow[] {
	const lines = stdout.split('\n');
	const start = lines.indexOf('| Endpoint | Status | HTTP | ms | What was checked |');
	expect(start).toBeGreaterThan(0);
	expect(lines[start + 1]).toBe('|---|---|---|---|---|');
	const rows: TableRow[] = [];
	for (const line of lines.slice(start + 2)) {
		if (line === '') break;
		const cells = line.split(' | ');
		expect({ line, cells: cells.length }).toEqual({ line, cells: 5 });
		const [endpoint, status, http, ms, checked] = [cells[0].replace(/^\| /, ''), cells[1], cells[2], cells[3], cells[4].replace(/ \|$/, '')];
		rows.push({ endpoint, status, http, ms, checked });
	}
	return rows;
}

const today = () => new Date().toISOString().slice(0, 10);

/** The generations the emulator created after `from` requests, with whether each was a dub. */
function createdSince(emulator: Emulator, from: number): Array<{ id: string; dubParams: unknown; inputTypes: string[] }> {
	return emulator.requests
		.slice(from)
		.filter((r) => r.method === 'POST' && r.path === '/v2/generate' && r.status === 201)
		.map((r) => {
			const body = r.json as { dubParams?: unknown; input: Array<{ type: string }> };
			return { id: String((r.response as { id: string }).id), dubParams: body.dubParams, inputTypes: body.input.map((i) => i.type) };
		});
}

async function seededEmulator(apiKey: string): Promise<Emulator> {
	const emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20, apiKeys: [apiKey] });
	await seedEmulator(createApiContext({ apiKey, baseUrl: emulator.url }), emulator);
	return emulator;
}

describe('npm run test:live', () => {
	it('without a key runs every read-only check against a freshly started emulator, each row passing, and creates nothing', async () => {
		const run = await runLiveCheck([], {});
		expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
		expect(run.stdout).toMatch(new RegExp(`^Sync Labs live check, ${today()} \\d{2}:\\d{2} UTC\\n`));
		expect(run.stdout).toMatch(/\nTarget: the emulator at http:\/\/127\.0\.0\.1:\d+ \(no SYNCLABS_API_KEY: nothing real was called\)\n/);
		const rows = tableOf(run.stdout);
		expect(rows.map((r) => r.endpoint)).toEqual(READ_ONLY_ENDPOINTS);
		for (const row of rows) {
			expect({ endpoint: row.endpoint, status: row.status }).toEqual({ endpoint: row.endpoint, status: 'pass' });
			expect(row.http).toMatch(/^2\d\d(, 2\d\d)*$/);
			expect(row.ms).toMatch(/^\d+$/);
			expect(row.checked).not.toBe('');
		}
		// The lists read by the Polling Trigger or the editor's pickers also say what their tolerant read kept.
		for (const list of ['GET /v2/generations', 'GET /v2/batch', 'GET /v2/assets', 'GET /v2/voices', 'GET /v2/projects']) {
			expect(rows.find((r) => r.endpoint === list)?.checked).toMatch(/^strict: .*; tolerant: (all \d+ match their schema|matches its schema)$/);
		}
		expect(run.stdout).toContain(`\nResult: ${READ_ONLY_ENDPOINTS.length} pass, 0 fail, 0 skip.\n`);
		expect(run.stdout).toMatch(/\nEmulator: \d+ requests by the check, 0 generations created \(0 with dubParams\)\.\n/);
		// An emulator run is no live pass: no row for docs/testing.md.
		expect(run.stdout).not.toContain('Row for docs/testing.md');
	}, 90_000);

	it('with a key and --billed creates exactly one lip-sync generation and one dub, reads both to their end, and prints the row to record without the key', async () => {
		const apiKey = 'sk-live-check-test-7f3a9c';
		const emulator = await seededEmulator(apiKey);
		try {
			const from = emulator.requests.length;
			const createdBefore = emulator.counters.generationsCreated;
			const run = await runLiveCheck(['--billed'], { SYNCLABS_API_KEY: apiKey, SYNCLABS_BASE_URL: emulator.url });
			expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });

			expect(emulator.counters.generationsCreated - createdBefore).toBe(2);
			const created = createdSince(emulator, from);
			expect(created).toEqual([
				{ id: expect.any(String), dubParams: undefined, inputTypes: ['video', 'audio'] },
				{ id: expect.any(String), dubParams: { targetLang: 'es' }, inputTypes: ['video'] },
			]);
			for (const { id } of created) expect(emulator.getGeneration(id)).toMatchObject({ status: 'COMPLETED' });

			const rows = tableOf(run.stdout);
			expect(rows.map((r) => r.endpoint)).toEqual([...READ_ONLY_ENDPOINTS, ...BILLED_ENDPOINTS]);
			expect(rows.filter((r) => r.status !== 'pass')).toEqual([]);
			// The billed rows name the generations Sync created, so the bill can be matched.
			expect(rows[READ_ONLY_ENDPOINTS.length].checked).toContain(created[0].id);
			expect(rows[READ_ONLY_ENDPOINTS.length + 2].checked).toContain(created[1].id);

			expect(run.stdout).toContain(`\nTarget: ${emulator.url} with the key in SYNCLABS_API_KEY\n`);
			expect(run.stdout).toContain('\nRow for docs/testing.md');
			expect(run.stdout).toMatch(
				new RegExp(`\\n\\| ${today()} \\| [0-9a-f]{7,}[^|]* \\| n8n-core \\d+\\.\\d+\\.\\d+ \\| scale \\| npm run test:live -- --billed: read-only and billed \\(generation ${created[0].id}, dub ${created[1].id}\\) \\| ${rows.length} pass, 0 fail, 0 skip \\|\\n`),
			);
			expect(run.stdout).not.toContain(apiKey);
		} finally {
			await emulator.stop();
		}
	}, 90_000);

	it('a refused key fails the first row as a refused key without echoing it, sends nothing more and bills nothing', async () => {
		const emulator = await startEmulator({ port: 0, apiKeys: ['the-right-key'] });
		try {
			const wrongKey = 'sk-wrong-key-4d2e8b1a';
			const run = await runLiveCheck(['--billed'], { SYNCLABS_API_KEY: wrongKey, SYNCLABS_BASE_URL: emulator.url });
			expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: '' });
			const rows = tableOf(run.stdout);
			expect(rows[0]).toEqual({ endpoint: 'GET /v2/models', status: 'fail', http: '401', ms: expect.stringMatching(/^\d+$/), checked: KEY_REFUSED });
			expect(rows.slice(1).map((r) => `${r.status}: ${r.checked}`)).toEqual(rows.slice(1).map(() => 'skip: not sent: the key was refused above'));
			expect(emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /v2/models 401']);
			expect(emulator.counters.generationsCreated).toBe(0);
			expect(run.stdout).not.toContain(wrongKey);
			expect(run.stdout).toContain('(Not a pass: a row failed.');
		} finally {
			await emulator.stop();
		}
	}, 90_000);

	it('a list object that does not match its schema fails the strict read, naming the field, and the tolerant read says it kept it', async () => {
		const apiKey = 'sk-live-check-tolerance';
		const emulator = await seededEmulator(apiKey);
		try {
			// Every listed generation lacks its input; the generation read by id keeps it.
			emulator.injectFault({ method: 'GET', path: '/v2/generations', omitFields: ['input'], times: Infinity });
			const run = await runLiveCheck([], { SYNCLABS_API_KEY: apiKey, SYNCLABS_BASE_URL: emulator.url });
			expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: '' });
			const rows = tableOf(run.stdout);
			expect(rows.find((r) => r.endpoint === 'GET /v2/generations')).toMatchObject({
				status: 'fail',
				checked: 'strict: Sync Labs returned an unexpected generation: its field "input" does not match (Required); tolerant: TOLERATED 10 of 10 kept as sent (first: field "input": Required)',
			});
			// The get still runs on the first listed id (the strict get reads the full object).
			expect(rows.find((r) => r.endpoint === 'GET /v2/generate/{id}')?.status).toBe('pass');
			expect(rows.filter((r) => r.status === 'fail').map((r) => r.endpoint)).toEqual(['GET /v2/generations']);
		} finally {
			await emulator.stop();
		}
	}, 90_000);
});

describe('the live check\'s arguments and messages', () => {
	it('bills only with --billed, refuses any other argument, and takes the key and address from the environment trimmed', () => {
		expect(parseArgs([], {})).toMatchObject({ help: false, options: { billed: false, apiKey: undefined, baseUrl: DEFAULT_BASE_URL } });
		expect(parseArgs(['--billed'], { SYNCLABS_API_KEY: '  sk-1 \n', SYNCLABS_BASE_URL: 'http://127.0.0.1:4010/' })).toMatchObject({
			help: false,
			options: { billed: true, apiKey: 'sk-1', baseUrl: 'http://127.0.0.1:4010' },
		});
		expect(parseArgs(['--help'], {})).toEqual({ help: true });
		expect(() => parseArgs(['--bill'], {})).toThrow('unknown argument: --bill (see --help)');
	});

	it('an error whose text echoes the key is printed with the key replaced, on one line', () => {
		const key = 'sk-echoed-5b7c';
		const error = new Error(`Sync Labs: invalid header x-api-key ${key}\n| twice: ${key}`);
		expect(errorText(error, [400], key)).toBe('Sync Labs: invalid header x-api-key [SYNCLABS_API_KEY] / twice: [SYNCLABS_API_KEY]');
	});
});

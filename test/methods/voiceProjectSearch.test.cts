// The From List searches of node version 3 against the emulator, as n8n's editor calls them: the voice list read
// whole (Sync has no paging or search for it) and filtered in the node, restricted voices last and labelled; the
// project list searched and paged by Sync with nextCursor.
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { runListSearch } from '../runner/index.cjs';

const API_KEY = 'search-key';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
});
afterEach(() => {
	emulator.reset();
	emulator.config.voicesListShape = 'array';
	emulator.config.voiceIdSpelling = 'both';
});
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: API_KEY, baseUrl: emulator.url });

describe('searchVoices', () => {
	it('lists every voice by name with its id, usable ones first, a restricted one labelled, with one request', async () => {
		const page = await runListSearch({ method: 'searchVoices', credentials: credentials(), typeVersion: 3 });
		expect(page.results.map((r) => [r.name, r.value])).toEqual([
			['Rachel', 'EXAVITQu4vr4xnSDxMaL'],
			['Adam', 'pNInz6obpgDQGcFmaJgB'],
			['Antoni', 'ErXwobaYiN019PkySvjV'],
			['Elli', 'MF3mGyEYCl7XYWbV9V6O'],
			['Josh (cannot speak at the moment)', 'TxGEqnHWrfWFTfGW9XjX'],
		]);
		expect(page.results[0].url).toMatch(/\/voice-previews\/EXAVITQu4vr4xnSDxMaL\.wav$/);
		expect(page.paginationToken).toBeUndefined();
		expect(emulator.requests.map((r) => r.path)).toEqual(['/v2/voices']);
	});

	it('filters by name or id in any case, in the node', async () => {
		expect((await runListSearch({ method: 'searchVoices', filter: 'ANT', credentials: credentials(), typeVersion: 3 })).results.map((r) => r.name)).toEqual(['Antoni']);
		expect((await runListSearch({ method: 'searchVoices', filter: 'pninz', credentials: credentials(), typeVersion: 3 })).results.map((r) => r.name)).toEqual(['Adam']);
		expect(emulator.requests.map((r) => r.query)).toEqual([{}, {}]);
	});

	it('reads the list in { items } and voices spelled only with voiceId the same (voicesListShape, voiceIdSpelling)', async () => {
		emulator.config.voicesListShape = 'items';
		emulator.config.voiceIdSpelling = 'voiceId';
		const page = await runListSearch({ method: 'searchVoices', filter: 'rachel', credentials: credentials(), typeVersion: 3 });
		expect(page.results.map((r) => r.value)).toEqual(['EXAVITQu4vr4xnSDxMaL']);
	});
});

describe('searchProjects', () => {
	async function projects(count: number): Promise<void> {
		for (let i = 0; i < count; i++) {
			await fetch(`${emulator.url}/v2/projects`, { method: 'POST', headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ name: `Campaign ${i}` }) });
		}
		emulator.requests.length = 0;
	}

	it('pages with Sync\'s nextCursor as n8n\'s page token, most recently updated first', async () => {
		await projects(60);
		const first = await runListSearch({ method: 'searchProjects', credentials: credentials(), typeVersion: 3 });
		expect(first.results).toHaveLength(50);
		expect(first.results[0].name).toBe('Campaign 59');
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await runListSearch({ method: 'searchProjects', paginationToken: first.paginationToken as string, credentials: credentials(), typeVersion: 3 });
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
		expect(emulator.requests.map((r) => r.query)).toEqual([{ limit: '50' }, { limit: '50', cursor: first.paginationToken }]);
	});

	it('lets Sync search the names', async () => {
		await projects(12);
		const page = await runListSearch({ method: 'searchProjects', filter: 'Campaign 11', credentials: credentials(), typeVersion: 3 });
		expect(page.results.map((r) => r.name)).toEqual(['Campaign 11']);
		expect(emulator.requests[0].query).toMatchObject({ searchQuery: 'Campaign 11' });
	});
});

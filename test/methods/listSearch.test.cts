// "From List" of the version-2 ID fields, against the emulator: randomized account contents, paged the
// way n8n's editor pages (the token of one answer is passed to the next call until there is none).
import type { INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { LIST_PAGE_SIZE, MAX_PAGES_PER_SEARCH } from '../../nodes/SyncLabs/methods/listSearchLimits';
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { runListSearch, type ListSearchOptions } from '../runner/index.cjs';

const API_KEY = 'list-search-key';
// A failing run prints its seed in the test names; LIST_SEARCH_SEED=<n> replays it.
const SEED = Number(process.env.LIST_SEARCH_SEED ?? Math.floor(Math.random() * 2 ** 31));

function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

let emulator: Emulator;
let random: () => number;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 10 });
});
beforeEach(() => {
	random = prng(SEED + (expect.getState().currentTestName?.length ?? 0));
});
afterEach(() => {
	emulator.reset();
	emulator.config.plan = 'scale';
});
afterAll(async () => emulator.stop());

const credentials = () => ({ apiKey: API_KEY, baseUrl: emulator.url });
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

async function api<T>(method: string, endpoint: string, body?: unknown): Promise<T> {
	const response = await fetch(`${emulator.url}${endpoint}`, {
		method,
		headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.status).toBeLessThan(300);
	return (await response.json()) as T;
}

/** How many requests each call of allPages() made. */
let requestsPerCall: number[] = [];

/** Calls the method page after page, as the editor does while the user scrolls; returns every page. */
async function allPages(options: Omit<ListSearchOptions, 'credentials' | 'paginationToken'>): Promise<INodeListSearchResult[]> {
	const pages: INodeListSearchResult[] = [];
	requestsPerCall = [];
	let paginationToken: string | undefined;
	do {
		const before = emulator.requests.length;
		const page = await runListSearch({ ...options, credentials: credentials(), paginationToken });
		requestsPerCall.push(emulator.requests.length - before);
		pages.push(page);
		paginationToken = page.paginationToken;
		expect(pages.length).toBeLessThan(100);
	} while (paginationToken);
	return pages;
}

const values = (pages: INodeListSearchResult[]) => pages.flatMap((p) => p.results.map((r: INodeListSearchItems) => r.value));

describe(`Generation ID → From List (seed ${SEED})`, () => {
	async function createGenerations(count: number): Promise<Array<{ id: string; model: string; name?: string }>> {
		const made = [];
		for (let i = 0; i < count; i++) {
			const model = random() < 0.2 ? 'lipsync-2-pro' : 'lipsync-2';
			const name = random() < 0.5 ? `take-${i}` : undefined;
			const { id } = await api<{ id: string }>('POST', '/v2/generate', {
				model,
				input: [
					{ type: 'video', url: `https://media.example.com/v${i}.mp4` },
					{ type: 'audio', url: `https://media.example.com/a${i}.wav` },
				],
				...(name ? { outputFileName: name } : {}),
			});
			made.push({ id, model, name });
		}
		return made;
	}

	it('pages through every generation, newest first, with limit and the last ID as cursor', async () => {
		const made = await createGenerations(between(LIST_PAGE_SIZE + 1, 3 * LIST_PAGE_SIZE));
		emulator.requests.length = 0;
		const pages = await allPages({ method: 'searchGenerations' });

		expect(values(pages)).toEqual(made.map((g) => g.id).reverse());
		const listRequests = emulator.requests.filter((r) => r.path === '/v2/generations');
		expect(listRequests).toHaveLength(Math.floor(made.length / LIST_PAGE_SIZE) + 1);
		listRequests.forEach((request, index) => {
			expect(request.query.limit).toBe(String(LIST_PAGE_SIZE));
			expect(request.query.cursor).toBe(index === 0 ? undefined : pages[index - 1].results.at(-1)?.value);
		});
		const named = made.find((g) => g.name);
		if (named) {
			const item = pages.flatMap((p) => p.results).find((r) => r.value === named.id);
			expect(item?.name).toMatch(new RegExp(`^${named.name} · [A-Z]+ · ${named.model} · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`));
		}
	});

	it('a filter keeps the matching generations, skipping pages without a match, and still reaches the end', async () => {
		const made = await createGenerations(between(2 * LIST_PAGE_SIZE, 4 * LIST_PAGE_SIZE));
		emulator.requests.length = 0;
		// '2-PRO', not 'PRO': that would also match the status PROCESSING of generations still running.
		const pages = await allPages({ method: 'searchGenerations', filter: '2-PRO' });

		const expected = made.filter((g) => g.model === 'lipsync-2-pro').map((g) => g.id).reverse();
		expect(values(pages)).toEqual(expected);
		// Each page of the account is fetched once over all calls, and no answer but the last comes back empty
		// unless it gave up after MAX_PAGES_PER_SEARCH pages.
		expect(emulator.requests.filter((r) => r.path === '/v2/generations')).toHaveLength(Math.floor(made.length / LIST_PAGE_SIZE) + 1);
		pages.slice(0, -1).forEach((page, call) => {
			expect(page.results.length > 0 || requestsPerCall[call] === MAX_PAGES_PER_SEARCH).toBe(true);
		});
	});

	it('with no match at all, one call stops after a bounded number of pages and hands back the cursor', async () => {
		await createGenerations(MAX_PAGES_PER_SEARCH * LIST_PAGE_SIZE + between(1, 20));
		emulator.requests.length = 0;
		const first = await runListSearch({ method: 'searchGenerations', filter: 'no generation has this', credentials: credentials() });
		expect(first.results).toEqual([]);
		expect(first.paginationToken).toEqual(expect.any(String));
		expect(emulator.requests).toHaveLength(MAX_PAGES_PER_SEARCH);
		const rest = await runListSearch({ method: 'searchGenerations', filter: 'no generation has this', paginationToken: first.paginationToken, credentials: credentials() });
		expect(rest).toEqual({ results: [], paginationToken: undefined });
	});

	it('an ID typed into the search finds that generation', async () => {
		const made = await createGenerations(between(5, 30));
		const target = made[between(0, made.length - 1)];
		const pages = await allPages({ method: 'searchGenerations', filter: target.id.slice(0, 13).toUpperCase() });
		expect(values(pages)).toEqual([target.id]);
	});
});

describe(`Asset ID → From List (seed ${SEED})`, () => {
	const TYPES = ['VIDEO', 'AUDIO', 'IMAGE'] as const;

	async function createAssets(count: number): Promise<Array<{ id: string; type: string; name: string }>> {
		const made = [];
		for (let i = 0; i < count; i++) {
			const type = TYPES[between(0, 2)];
			const name = `${random() < 0.3 ? 'interview' : 'clip'}-${String(i).padStart(3, '0')}.${type === 'AUDIO' ? 'wav' : type === 'IMAGE' ? 'png' : 'mp4'}`;
			const { id } = await api<{ id: string }>('POST', '/v2/assets', { url: `https://example.com/${name}`, type, name });
			made.push({ id, type, name });
		}
		return made;
	}

	it('pages through every asset with the API’s nextCursor, newest first, named by file name', async () => {
		const made = await createAssets(between(LIST_PAGE_SIZE + 1, 3 * LIST_PAGE_SIZE));
		emulator.requests.length = 0;
		const pages = await allPages({ method: 'searchAssets' });
		expect(values(pages)).toEqual(made.map((a) => a.id).reverse());
		expect(pages.flatMap((p) => p.results.map((r) => r.name))).toEqual(made.map((a) => a.name).reverse());
		expect(emulator.requests).toHaveLength(Math.ceil(made.length / LIST_PAGE_SIZE));
		expect(emulator.requests.every((r) => r.query.limit === String(LIST_PAGE_SIZE) && r.query.sortBy === 'dateDesc')).toBe(true);
	});

	it('the search box becomes Sync’s searchQuery', async () => {
		const made = await createAssets(between(20, 80));
		emulator.requests.length = 0;
		const pages = await allPages({ method: 'searchAssets', filter: ' interview ' });
		expect(values(pages)).toEqual(made.filter((a) => a.name.startsWith('interview')).map((a) => a.id).reverse());
		expect(emulator.requests[0].query.searchQuery).toBe('interview');
	});

	it.each([
		['searchVisualAssets', {}, ['VIDEO']],
		['searchVisualAssets', { visualType: 'video' }, ['VIDEO']],
		['searchVisualAssets', { visualType: 'image' }, ['IMAGE']],
		['searchAudioAssets', {}, ['AUDIO']],
	] as const)('%s with %j lists only %j assets', async (method, parameters, types) => {
		const made = await createAssets(between(20, 80));
		const pages = await allPages({ method, parameters: { ...parameters } });
		expect(values(pages)).toEqual(made.filter((a) => (types as readonly string[]).includes(a.type)).map((a) => a.id).reverse());
	});
});

describe('Batch ID → From List', () => {
	it('lists every batch newest first in one answer, and a filter matches ID or status', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 3; i++) {
			const rows = Array.from({ length: 20 }, (_, r) => ({
				request_id: `row-${r}`,
				endpoint: '/v2/generate',
				payload: { model: 'lipsync-2', input: [{ type: 'video', url: `https://example.com/v${r}.mp4` }, { type: 'audio', url: `https://example.com/a${r}.wav` }] },
			}));
			ids.push((await api<{ id: string }>('POST', '/v2/batch', { rows })).id);
		}
		const all = await runListSearch({ method: 'searchBatches', credentials: credentials() });
		expect(all.paginationToken).toBeUndefined();
		expect(all.results.map((r) => r.value)).toEqual([...ids].reverse());
		expect(all.results[0].name).toMatch(/ · 20 generations$/);

		const one = await runListSearch({ method: 'searchBatches', filter: ids[1].slice(-8), credentials: credentials() });
		expect(one.results.map((r) => r.value)).toEqual([ids[1]]);
		const none = await runListSearch({ method: 'searchBatches', filter: 'no such batch', credentials: credentials() });
		expect(none.results).toEqual([]);
	});
});

it('the list searches send the credential’s API key, and a failed list is an error the editor shows', async () => {
	emulator.injectFault({ method: 'GET', path: '/v2/generations', status: 401, times: 1 });
	await expect(runListSearch({ method: 'searchGenerations', credentials: credentials() })).rejects.toThrow(/Sync Labs/);
	const page = await runListSearch({ method: 'searchGenerations', credentials: credentials() });
	expect(page.results).toEqual([]);
	expect(emulator.requests.every((r) => r.headers['x-api-key'] === API_KEY)).toBe(true);
});

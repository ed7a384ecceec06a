// Money as docs/sync-api-2026.md#costs, #usage-export, #account and #billing-in-the-emulator describe it: one
// generation's recorded cost (pending → partial → complete, or unavailable; parts lipsync/dubbing/speech as decimal
// strings), the usage export over [startTime, endTime) with its cursor, the account, and what the emulator bills
// (the actual output length) next to what the estimates said.
import { BILLING_FPS, DUBBING_MICRO_USD_PER_SECOND, PRICE_PER_SECOND } from '../index.cjs';
import { seededUnit } from '../src/billing.cjs';
import { CreateGenerationSchema } from '../src/schemas.cjs';
import { API_KEY, api, audioUrl, videoUrl } from './helpers.cjs';
import type { ClockedEmulator } from './surfaces.cjs';
import { MONEY, startClocked, T0 } from './surfaces.cjs';

let c: ClockedEmulator;
beforeAll(async () => {
	c = await startClocked();
});
afterAll(() => c.emu.stop());
beforeEach(() => {
	c.reset();
	c.emu.config.plan = 'scale';
});

/** A generation of `videoQuery` markers, created at the current Sync time; PENDING 1 s + PROCESSING 4 s. */
async function generate(videoQuery = 'sync_duration_s=4', extra: Record<string, unknown> = {}, key?: string): Promise<string> {
	const r = await api(c.emu, 'POST', '/v2/generate', { body: { model: 'lipsync-2', input: [{ type: 'video', url: videoUrl(videoQuery) }, { type: 'audio', url: audioUrl() }], ...extra }, key });
	if (r.status !== 201) throw new Error(`create answered ${r.status}: ${r.text}`);
	return r.json.id as string;
}

async function dub(targetLang: string, videoQuery = 'sync_duration_s=4'): Promise<string> {
	const r = await api(c.emu, 'POST', '/v2/generate', { body: { model: 'lipsync-2', input: [{ type: 'video', url: videoUrl(videoQuery) }], dubParams: { targetLang } } });
	return r.json.id as string;
}

const costs = async (id: string) => (await api(c.emu, 'GET', `/v2/generate/${id}/costs`)).json;

describe('costs: GET /v2/generate/{id}/costs', () => {
	it('is pending with no parts, a null total and a retryAfterSeconds while the generation runs', async () => {
		const id = await generate();
		expect(await costs(id)).toEqual({
			generationId: id,
			generationStatus: 'PENDING',
			currency: 'USD',
			availability: 'pending',
			totalCostUsd: null,
			knownSubtotalUsd: '0.000000',
			retryAfterSeconds: 5,
			components: [],
			excludedCosts: expect.any(Array),
		});
	});

	it('is complete once the generation is done: the lipsync part billed per frame at 25 fps, amounts as six-decimal strings', async () => {
		const id = await generate();
		c.advance(5000);
		const cost = await costs(id);
		expect(cost).toMatchObject({ generationStatus: 'COMPLETED', availability: 'complete', totalCostUsd: '0.200000', knownSubtotalUsd: '0.200000', retryAfterSeconds: null });
		expect(cost.components).toEqual([{ type: 'lipsync', status: 'recorded', amountUsd: '0.200000', frames: 100, seconds: 4 }]);
		for (const v of [cost.totalCostUsd, cost.knownSubtotalUsd, cost.components[0].amountUsd]) expect(v).toMatch(MONEY);
	});

	it('stays pending for costDelayMs after the end, counting retryAfterSeconds down, then completes', async () => {
		c.emu.config.costDelayMs = 600_000;
		const id = await generate();
		c.advance(5000);
		expect(await costs(id)).toMatchObject({ availability: 'pending', totalCostUsd: null, retryAfterSeconds: 600, components: [{ type: 'lipsync', status: 'pending', amountUsd: null }] });
		c.advance(599_500);
		expect((await costs(id)).retryAfterSeconds).toBe(1);
		c.advance(500);
		expect((await costs(id)).availability).toBe('complete');
	});

	it('is partial while a dub\'s dubbing part is still to come (known subtotal = the lipsync part, total null), then complete with both', async () => {
		c.emu.config.dubbingCostDelayMs = 120_000;
		const id = await dub('es');
		c.advance(5000);
		const partial = await costs(id);
		expect(partial).toMatchObject({ availability: 'partial', totalCostUsd: null, knownSubtotalUsd: '0.230000', retryAfterSeconds: 120 });
		expect(partial.components).toEqual([
			{ type: 'lipsync', status: 'recorded', amountUsd: '0.230000', frames: 115, seconds: 4.6 },
			{ type: 'dubbing', status: 'pending', amountUsd: null, seconds: 4.6, targetLang: 'es' },
		]);
		c.advance(120_000);
		const done = await costs(id);
		expect(done).toMatchObject({ availability: 'complete', totalCostUsd: '0.368000', retryAfterSeconds: null });
		expect(done.components[1]).toMatchObject({ type: 'dubbing', status: 'recorded', amountUsd: '0.138000' });
	});

	it('bills the speech of a text input as its own part, named speech_synthesis or speech per speechComponentName', async () => {
		const text = { type: 'text', provider: { name: 'elevenlabs', voiceId: 'EXAVITQu4vr4xnSDxMaL', script: 'Hello there' } };
		const body = { model: 'lipsync-2', input: [{ type: 'video', url: videoUrl('sync_duration_s=4') }, text] };
		const first = (await api(c.emu, 'POST', '/v2/generate', { body })).json.id;
		c.advance(5000);
		expect((await costs(first)).components[1]).toEqual({ type: 'speech_synthesis', status: 'recorded', amountUsd: '0.003300', characters: 11 });
		c.emu.config.speechComponentName = 'speech';
		expect((await costs(first)).components[1].type).toBe('speech');
		expect((await costs(first)).totalCostUsd).toBe('0.203300');
	});

	it('adds a part of an unknown kind with costUnknownComponent, without changing the total', async () => {
		const id = await generate();
		c.advance(5000);
		c.emu.config.costUnknownComponent = true;
		const cost = await costs(id);
		expect(cost.components.map((p: { type: string }) => p.type)).toEqual(['lipsync', 'storage']);
		expect(cost.totalCostUsd).toBe('0.200000');
	});

	it('is unavailable for good (no retryAfterSeconds) with sync_cost=unavailable, and partial for good with sync_cost=dubbing_unavailable', async () => {
		const none = await generate('sync_duration_s=4&sync_cost=unavailable');
		const r = await api(c.emu, 'POST', '/v2/generate', { body: { model: 'lipsync-2', input: [{ type: 'video', url: videoUrl('sync_duration_s=4&sync_cost=dubbing_unavailable') }], dubParams: { targetLang: 'es' } } });
		c.advance(5000);
		expect(await costs(none)).toMatchObject({ availability: 'unavailable', totalCostUsd: null, knownSubtotalUsd: '0.000000', retryAfterSeconds: null, components: [{ status: 'unavailable', amountUsd: null }] });
		expect(await costs(r.json.id)).toMatchObject({ availability: 'partial', totalCostUsd: null, knownSubtotalUsd: '0.230000', retryAfterSeconds: null });
	});

	it('charges nothing for a failed generation: complete, total 0, no parts', async () => {
		const id = await generate('sync_duration_s=4&sync_outcome=failed');
		c.advance(5000);
		expect(await costs(id)).toMatchObject({ generationStatus: 'FAILED', availability: 'complete', totalCostUsd: '0.000000', components: [] });
	});

	it('answers 404 for an unknown generation', async () => {
		expect((await api(c.emu, 'GET', '/v2/generate/00000000-0000-4000-8000-000000000000/costs')).status).toBe(404);
	});
});

describe('billing: the actual output length against the estimates', () => {
	async function billedFrames(id: string): Promise<number> {
		return (await costs(id)).components[0].frames;
	}

	it('bills exactly the estimated frames when audio and video run equally long, for every model', async () => {
		for (const model of Object.keys(PRICE_PER_SECOND)) {
			const body = { model, input: [{ type: 'video', url: videoUrl('sync_duration_s=7.3') }, { type: 'audio', url: audioUrl() }] };
			const estimate = (await api(c.emu, 'POST', '/v2/analyze/cost', { body })).json[0];
			const id = (await api(c.emu, 'POST', '/v2/generate', { body })).json.id;
			c.advance(5000);
			const cost = await costs(id);
			expect(cost.components[0].frames).toBe(estimate.estimatedFrameCount);
			expect(Number(cost.totalCostUsd)).toBeCloseTo(estimate.estimatedGenerationCost, 6);
		}
	});

	it('refuses the estimate of an input marked sync_estimate=unavailable with 422 cost_estimate_unavailable, and of one marked failed with a final 400', async () => {
		const body = (marker: string) => ({ model: 'lipsync-2', input: [{ type: 'video', url: videoUrl(`sync_estimate=${marker}`) }, { type: 'audio', url: audioUrl() }] });
		const unavailable = await api(c.emu, 'POST', '/v2/analyze/cost', { body: body('unavailable') });
		expect([unavailable.status, unavailable.json.errorCode]).toEqual([422, 'cost_estimate_unavailable']);
		const failed = await api(c.emu, 'POST', '/v2/analyze/cost', { body: body('failed') });
		expect([failed.status, failed.json.errorCode]).toEqual([400, 'generation_input_video_inaccessible']);
		// Only the estimate: the same input is created and billed as usual.
		expect((await api(c.emu, 'POST', '/v2/generate', { body: body('unavailable') })).status).toBe(201);
	});

	it('bills the output length the sync mode gives when the audio is longer or shorter than the video', async () => {
		const cases: Array<[string, string | undefined, number]> = [
			['sync_audio_duration_s=6', undefined, 6], // loop by default: the video loops to the audio
			['sync_audio_duration_s=6', 'bounce', 6],
			['sync_audio_duration_s=6', 'remap', 6],
			['sync_audio_duration_s=6', 'cut_off', 4],
			['sync_audio_duration_s=6', 'silence', 4],
			['sync_audio_duration_s=2', undefined, 2],
			['sync_audio_duration_s=2', 'cut_off', 2],
			['sync_audio_duration_s=2', 'silence', 4],
		];
		const ids: Array<[string, number]> = [];
		for (const [marker, mode, seconds] of cases) {
			ids.push([await generate(`sync_duration_s=4&${marker}`, mode ? { options: { sync_mode: mode } } : {}), seconds]);
		}
		const estimate = (await api(c.emu, 'POST', '/v2/analyze/cost', { body: { model: 'lipsync-2', input: [{ type: 'video', url: videoUrl('sync_duration_s=4&sync_audio_duration_s=6') }, { type: 'audio', url: audioUrl() }] } })).json[0];
		expect(estimate.estimatedFrameCount).toBe(100);
		c.advance(5000);
		for (const [id, seconds] of ids) {
			expect((await api(c.emu, 'GET', `/v2/generate/${id}`)).json.outputDuration).toBe(seconds);
			expect(await billedFrames(id)).toBe(seconds * BILLING_FPS);
		}
	});

	it('bills a dub\'s lipsync and dubbing parts on the dubbed speech length, which the duration estimate of the source cannot see', async () => {
		const id = await dub('de', 'sync_duration_s=8');
		const estimate = (await api(c.emu, 'POST', '/v2/generations/estimate', { body: { model: 'lipsync-2', duration: 8, fps: 25 } })).json;
		c.advance(5000);
		const cost = await costs(id);
		expect(estimate).toMatchObject({ estimatedFrameCount: 200, estimatedGenerationCost: 0.4 });
		expect(cost.components.map((p: { amountUsd: string }) => p.amountUsd)).toEqual(['0.500000', usd(10 * DUBBING_MICRO_USD_PER_SECOND)]);
	});

	it('spreads the billed length by at most billingSpread, the same for the same seed and input, by the documented formula', async () => {
		c.emu.config.billingSeed = 7;
		const body = { model: 'lipsync-2', input: [{ type: 'video', url: videoUrl('sync_duration_s=4') }, { type: 'audio', url: audioUrl() }] };
		const a = (await api(c.emu, 'POST', '/v2/generate', { body })).json.id;
		const b = (await api(c.emu, 'POST', '/v2/generate', { body })).json.id;
		c.emu.config.billingSeed = 8;
		const other = (await api(c.emu, 'POST', '/v2/generate', { body })).json.id;
		c.advance(5000);
		const length = async (id: string) => (await api(c.emu, 'GET', `/v2/generate/${id}`)).json.outputDuration as number;
		const expected = (seed: number) => Math.round(4 * (1 + 0.1 * (2 * seededUnit(seed, CreateGenerationSchema.parse(body)) - 1)) * 1000) / 1000;
		expect(await length(a)).toBe(expected(7));
		expect(await length(b)).toBe(expected(7));
		expect(await length(other)).toBe(expected(8));
		expect(expected(7)).not.toBe(expected(8));
		for (const id of [a, other]) expect(Math.abs((await length(id)) / 4 - 1)).toBeLessThanOrEqual(0.1);
	});

	it('keeps every billed length within ±billingSpread of the input length over many inputs', async () => {
		c.emu.config.billingSeed = 1;
		c.emu.config.billingSpread = 0.5;
		const ids: string[] = [];
		for (let i = 0; i < 40; i++) ids.push(await generate(`sync_duration_s=4&take=${i}`));
		c.advance(5000);
		const ratios: number[] = [];
		for (const id of ids) ratios.push((await api(c.emu, 'GET', `/v2/generate/${id}`)).json.outputDuration / 4);
		expect(Math.min(...ratios)).toBeGreaterThanOrEqual(0.5);
		expect(Math.max(...ratios)).toBeLessThanOrEqual(1.5);
		expect(Math.max(...ratios) - Math.min(...ratios)).toBeGreaterThan(0.5);
	});
});

function usd(micro: number): string {
	return (micro / 1e6).toFixed(6);
}

describe('usage: GET /v2/usage/generations', () => {
	const iso = (ms: number) => new Date(ms).toISOString();

	/** A finishes at T0+5 s, B at T0+6 s, C at T0+13 s (another key), D still runs at T0+20 s. */
	async function fourGenerations(): Promise<{ a: string; b: string; c: string; d: string }> {
		const a = await generate();
		c.advance(1000);
		const b = await generate();
		c.advance(1000);
		const gc = await generate('sync_duration_s=4&sync_processing_ms=10000', {}, 'second-key-of-the-organization');
		const d = await generate('sync_duration_s=4&sync_processing_ms=60000');
		c.advance(18_000);
		return { a, b, c: gc, d };
	}

	it('lists generations that finished in [startTime, endTime), oldest first, each a cost object with createdAt, finishedAt, model and apiKey', async () => {
		const g = await fourGenerations();
		const r = await api(c.emu, 'GET', `/v2/usage/generations?startTime=${iso(T0 + 5000)}&endTime=${iso(T0 + 13_000)}`);
		expect(r.status).toBe(200);
		expect(r.json.items.map((i: { generationId: string }) => i.generationId)).toEqual([g.a, g.b]);
		expect(r.json.nextCursor).toBeNull();
		expect(r.json.items[0]).toMatchObject({ availability: 'complete', totalCostUsd: '0.200000', createdAt: iso(T0), finishedAt: iso(T0 + 5000), model: 'lipsync-2', apiKey: { id: expect.any(String), prefix: 'sk-t…' } });
		expect(r.text).not.toContain(API_KEY);
		const all = await api(c.emu, 'GET', `/v2/usage/generations?startTime=${iso(T0)}&endTime=${iso(T0 + 60_000)}`);
		expect(all.json.items.map((i: { generationId: string }) => i.generationId)).toEqual([g.a, g.b, g.c]);
	});

	it('pages with limit and nextCursor sent with the same range, ending with nextCursor null; another range with the cursor is 400', async () => {
		const g = await fourGenerations();
		const range = `startTime=${iso(T0)}&endTime=${iso(T0 + 60_000)}`;
		const seen: string[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const page: { items: Array<{ generationId: string }>; nextCursor: string | null } = (await api(c.emu, 'GET', `/v2/usage/generations?${range}&limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json;
			seen.push(...page.items.map((i) => i.generationId));
			cursor = page.nextCursor;
			pages++;
		} while (cursor);
		expect([seen, pages]).toEqual([[g.a, g.b, g.c], 3]);
		const first = (await api(c.emu, 'GET', `/v2/usage/generations?${range}&limit=1`)).json.nextCursor;
		const moved = await api(c.emu, 'GET', `/v2/usage/generations?startTime=${iso(T0)}&endTime=${iso(T0 + 50_000)}&limit=1&cursor=${first}`);
		expect([moved.status, moved.json.field]).toEqual([400, 'cursor']);
	});

	it('refuses a missing or malformed time, an end not after the start, and a limit outside 1–500 with 400', async () => {
		const bad = [
			`endTime=${iso(T0)}`,
			`startTime=${iso(T0)}`,
			`startTime=yesterday&endTime=${iso(T0)}`,
			`startTime=${iso(T0)}&endTime=${iso(T0)}`,
			`startTime=${iso(T0)}&endTime=${iso(T0 + 1)}&limit=0`,
			`startTime=${iso(T0)}&endTime=${iso(T0 + 1)}&limit=501`,
		];
		for (const q of bad) expect((await api(c.emu, 'GET', `/v2/usage/generations?${q}`)).status).toBe(400);
		expect((await api(c.emu, 'GET', `/v2/usage/generations?startTime=${iso(T0)}&endTime=${iso(T0 + 1)}&limit=500`)).status).toBe(200);
	});

	it('shows a row whose cost is still being recorded with a null total, and apiKey as a string with usageApiKeyShape "string"', async () => {
		c.emu.config.costDelayMs = 600_000;
		c.emu.config.usageApiKeyShape = 'string';
		await generate();
		c.advance(5000);
		const item = (await api(c.emu, 'GET', `/v2/usage/generations?startTime=${iso(T0)}&endTime=${iso(T0 + 60_000)}`)).json.items[0];
		expect(item).toMatchObject({ availability: 'pending', totalCostUsd: null, retryAfterSeconds: 600, apiKey: 'sk-t…' });
	});
});

describe('account: GET /v2/account and /v2/account/organizations', () => {
	it('gives the owner, organization, credential type, usage billing model, plan, limits and spend from recorded costs', async () => {
		const id = await generate();
		c.advance(5000);
		await costs(id);
		const r = await api(c.emu, 'GET', '/v2/account');
		expect(r.json).toEqual({
			account: { id: expect.any(String), email: expect.any(String), name: expect.any(String) },
			organization: { id: expect.any(String), name: expect.any(String) },
			credentialType: 'api_key',
			billingModel: 'usage',
			billingUrl: expect.stringMatching(/^https:\/\//),
			plan: { name: 'scale' },
			limits: { concurrentGenerations: 15, maxOutputSeconds: 1800, voiceClones: 30, voiceClonesUsed: 0, voiceClonesPerHour: 10, ttsRequestsPerMinute: 60 },
			balance: { totalCostCents: 20, totalFrames: 100, totalTtsSeconds: 0 },
		});
	});

	it('shows a null period total while a cost is still pending', async () => {
		c.emu.config.costDelayMs = 600_000;
		await generate();
		c.advance(5000);
		expect((await api(c.emu, 'GET', '/v2/account')).json.balance.totalCostCents).toBeNull();
	});

	it('gives balance, available and inFlight (held by running work) as decimal strings for billingModel credits', async () => {
		c.emu.config.billingModel = 'credits';
		await generate();
		expect((await api(c.emu, 'GET', '/v2/account')).json.balance).toEqual({ balance: '100.000000', available: '99.800000', inFlight: '0.200000' });
		c.advance(5000);
		expect((await api(c.emu, 'GET', '/v2/account')).json.balance).toEqual({ balance: '99.800000', available: '99.800000', inFlight: '0.000000' });
		c.emu.config.creditBalanceUsd = 5;
		expect((await api(c.emu, 'GET', '/v2/account')).json.balance.balance).toBe('4.800000');
	});

	it('derives billingModel free from the free plan, with its monthly allowances', async () => {
		c.emu.config.plan = 'free';
		const r = (await api(c.emu, 'GET', '/v2/account')).json;
		expect(r.billingModel).toBe('free');
		expect(r.balance).toMatchObject({ generationsMax: 3, ttsMax: 10 });
		expect(r.limits.concurrentGenerations).toBe(1);
	});

	it('answers account null for a key with no owner, and leaves out plan, limits and balance with accountOmitsLimits', async () => {
		c.emu.config.accountOwnerless = true;
		c.emu.config.accountOmitsLimits = true;
		const r = (await api(c.emu, 'GET', '/v2/account')).json;
		expect(r.account).toBeNull();
		expect(Object.keys(r).sort()).toEqual(['account', 'billingModel', 'billingUrl', 'credentialType', 'organization']);
	});

	it('lists the key\'s own organization, and refuses an invalid organization header with 400 and another organization with 403', async () => {
		const own = (await api(c.emu, 'GET', '/v2/account/organizations')).json;
		expect(own.organizations).toHaveLength(1);
		const orgId = own.organizations[0].id as string;
		expect((await api(c.emu, 'GET', '/v2/account', { headers: { 'x-sync-organization-id': orgId } })).status).toBe(200);
		expect((await api(c.emu, 'GET', '/v2/account', { headers: { 'x-sync-organization-id': 'not-a-uuid' } })).status).toBe(400);
		expect((await api(c.emu, 'GET', '/v2/account/organizations', { headers: { 'x-sync-organization-id': '00000000-0000-4000-8000-000000000000' } })).status).toBe(403);
	});
});

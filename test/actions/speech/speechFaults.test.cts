// Speech → Generate against the emulator (real HTTP): the 503 of an organization without jobs answered by one
// synchronous request, that request never repeated after a 5xx or a reset, a 429 on the keyed job sent again
// under its key, the audio downloaded as binary, and each switch of the text-to-speech surface
// (docs/sync-api-2026.md#emulator-switches) seen through the node.
import type { INodeParameters } from 'n8n-workflow';
import { startEmulator, TINY_WAV, type Emulator } from '../../emulator/index.cjs';
import { runNode } from '../../runner/index.cjs';
import { useQuickRetries } from '../../transport/quickRetries.cjs';

const API_KEY = 'speech-faults-key';
const VOICE = 'EXAVITQu4vr4xnSDxMaL';
let emulator: Emulator;
/** Added to Sync's clock: moving it on ends a rate-limit window at once. */
let offsetMs = 0;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, now: () => Date.now() + offsetMs, ttsJobPendingMs: 20, ttsJobProcessingMs: 60 });
});
afterEach(() => {
	emulator.reset();
	offsetMs = 0;
	Object.assign(emulator.config, {
		ttsJobsEnabled: true,
		ttsProviderRequired: true,
		ttsRateLimitPerMinute: 60,
		ttsJobPendingMs: 20,
		ttsJobProcessingMs: 60,
		ttsJobUnknownStatus: undefined,
		onRequest: undefined,
	});
});
afterAll(async () => emulator.stop());
// What is sent again and what it leads to, not how long the backoff is (test/transport/quickRetries.cts).
useQuickRetries();

const generate = (options: INodeParameters = {}, script = 'Welcome to the spring collection.'): INodeParameters => ({
	resource: 'speech',
	operation: 'generate',
	voiceId: VOICE,
	script,
	options: { pollInterval: 0.02, ...options },
});
const run = async (parameters: INodeParameters, itemCount = 1) =>
	await runNode({ parameters, items: Array.from({ length: itemCount }, () => ({ json: {} })), credentials: { apiKey: API_KEY, baseUrl: emulator.url } });
const posts = (path: string) => emulator.requests.filter((r) => r.method === 'POST' && r.path === path);

describe('Speech → Generate against Sync', () => {
	it('makes the speech with a job and downloads its audio as binary when asked', async () => {
		const result = await run(generate({ downloadAudio: true, binaryPropertyName: 'narration' }));
		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expect(json).toMatchObject({ status: 'SUCCESS', synthesis: 'job', voiceId: VOICE });
		expect(json.duration).toBeGreaterThan(0);
		const binary = result.items[0].binary?.narration;
		expect(binary).toMatchObject({ mimeType: 'audio/wav', fileName: `${String(json.id)}.wav` });
		expect(await result.readBinary(result.items[0], 'narration')).toEqual(TINY_WAV);
		expect(emulator.counters.ttsJobsCreated).toBe(1);
		// The audio file is fetched without the API key.
		const download = emulator.requests.find((r) => r.path.startsWith('/tts-audio/'));
		expect(download?.headers['x-api-key']).toBeUndefined();
	});

	it('downloads the audio on the repeat when storage answers 503 once, and makes the speech once', async () => {
		emulator.injectFault({ method: 'GET', path: '/tts-audio/*', status: 503, retryAfterSeconds: 0 });
		const result = await run(generate({ downloadAudio: true }, 'Hello there'));
		expect(result.error).toBeUndefined();
		expect(await result.readBinary(result.items[0], 'data')).toEqual(TINY_WAV);
		expect(emulator.requests.filter((r) => r.path.startsWith('/tts-audio/')).map((r) => r.status)).toEqual([503, 200]);
		expect(emulator.counters.ttsJobsCreated + emulator.counters.ttsCreated).toBe(1);
	});

	it('where jobs are not enabled (ttsJobsEnabled), takes the 503 at once and makes the speech synchronously', async () => {
		emulator.config.ttsJobsEnabled = false;
		const result = await run(generate());
		expect(result.items[0].json).toMatchObject({ synthesis: 'synchronous', voiceId: VOICE });
		expect(posts('/v2/tts/jobs').map((r) => r.status)).toEqual([503]);
		expect(posts('/v2/tts').map((r) => r.status)).toEqual([200]);
		expect(emulator.counters.ttsCreated).toBe(1);
	});

	it('never repeats the synchronous request after a 5xx', async () => {
		emulator.config.ttsJobsEnabled = false;
		const result = await run(generate({}, 'This take sync_tts_failed.'));
		expect(result.error?.message).toMatch(/elevenlabs_service_unavailable/);
		expect(posts('/v2/tts').map((r) => r.status)).toEqual([503]);
	});

	it('where jobs are not enabled and the first job request\'s connection is reset, reads the next attempt\'s 503 as "not enabled" and makes the speech synchronously', async () => {
		emulator.config.ttsJobsEnabled = false;
		emulator.injectFault({ method: 'POST', path: '/v2/tts/jobs', reset: true });
		const result = await run(generate());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ synthesis: 'synchronous', voiceId: VOICE });
		const jobs = posts('/v2/tts/jobs');
		expect(jobs.map((r) => r.status)).toEqual([0, 503]);
		expect(posts('/v2/tts').map((r) => r.status)).toEqual([200]);
		expect(emulator.counters.ttsCreated).toBe(1);
	});

	it('with Download Audio and Retry On Fail, reuses the speech the first attempt made when its download keeps failing, instead of making (and billing) a second', async () => {
		emulator.config.ttsJobsEnabled = false;
		emulator.injectFault({ method: 'GET', path: '/tts-audio/*', status: 503, retryAfterSeconds: 0, times: Infinity });
		const result = await runNode({ parameters: generate({ downloadAudio: true }), credentials: { apiKey: API_KEY, baseUrl: emulator.url }, retryOnFail: { maxTries: 2 } });
		expect(result.status).toBe('error');
		expect(posts('/v2/tts').map((r) => r.status)).toEqual([200]);
		expect(emulator.counters.ttsCreated).toBe(1);
		// both attempts tried the download of the one speech
		expect(new Set(emulator.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/tts-audio/')).map((r) => r.path)).size).toBe(1);
	});

	it('after a reset that may have made the job, does not read a bare 503 (an outage) as "not enabled": no synchronous speech billed beside the job, which the error names as possibly made', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/tts/jobs', reset: true, afterHandling: true });
		emulator.injectFault({ method: 'POST', path: '/v2/tts/jobs', status: 503, errorCode: 'service_unavailable', retryAfterSeconds: 0, times: Infinity });
		const result = await run(generate());
		expect(emulator.counters.ttsJobsCreated).toBe(1);
		expect(posts('/v2/tts')).toEqual([]);
		expect(result.error?.description).toContain('may have been made');
	});

	it('never sends the synchronous request again after a 5xx, also not when n8n\'s Retry On Fail runs the node again: the retry says the speech may already have been made, naming the item', async () => {
		emulator.config.ttsJobsEnabled = false;
		emulator.injectFault({ method: 'POST', path: '/v2/tts', status: 502, afterHandling: true, times: Infinity });
		const result = await runNode({
			parameters: generate(),
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			retryOnFail: { maxTries: 2 },
		});
		expect(result.error?.message).toBe(
			'The synchronous speech request was not sent again: an earlier attempt at it ended with "Sync Labs: Internal server error", so the speech may already have been made (and billed) (item 0)',
		);
		// Sync made (and billed) the speech on the first request; a second one would bill it again.
		expect(posts('/v2/tts')).toHaveLength(1);
		expect(emulator.counters.ttsCreated).toBe(1);
	});

	it('never repeats the synchronous request after a reset', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/tts', reset: true });
		const result = await run(generate({ synthesis: 'sync' }));
		expect(result.status).toBe('error');
		expect(posts('/v2/tts')).toHaveLength(1);
		expect(emulator.counters.ttsCreated).toBe(0);
	});

	it('sends the job again under the same key after a 502, and Sync makes it once', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/tts/jobs', status: 502, afterHandling: true });
		const result = await run(generate());
		expect(result.items[0].json).toMatchObject({ status: 'SUCCESS' });
		const sent = posts('/v2/tts/jobs');
		expect(sent.map((r) => r.status)).toEqual([502, 202]);
		expect(sent[1].headers['idempotency-key']).toBe(sent[0].headers['idempotency-key']);
		expect(emulator.counters.ttsJobsCreated).toBe(1);
	});

	it('sends a job refused by the rate limit (ttsRateLimitPerMinute) again under its key once the minute has passed', async () => {
		emulator.config.ttsRateLimitPerMinute = 1;
		let jobPosts = 0;
		emulator.config.onRequest = (r) => {
			// Item 1's second attempt arrives after Sync's minute.
			if (r.method === 'POST' && r.path === '/v2/tts/jobs' && ++jobPosts === 3) offsetMs += 61_000;
		};
		const result = await run(generate(), 2);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.status)).toEqual(['SUCCESS', 'SUCCESS']);
		const sent = posts('/v2/tts/jobs');
		expect(sent.map((r) => r.status)).toEqual([202, 429, 202]);
		expect(sent[2].headers['idempotency-key']).toBe(sent[1].headers['idempotency-key']);
	});

	it('ends a FAILED job with an error naming it', async () => {
		const result = await run(generate({}, 'This take sync_tts_failed.'));
		expect(result.error?.message).toMatch(/^Speech job [0-9a-f-]{36} failed: elevenlabs_service_unavailable: The ElevenLabs service is unavailable\. \(item 0\)$/);
	});

	it('keeps polling through a status outside the documented four (ttsJobUnknownStatus)', async () => {
		emulator.config.ttsJobUnknownStatus = 'RENDERING';
		const result = await run(generate());
		expect(result.items[0].json.status).toBe('SUCCESS');
		expect(emulator.requests.some((r) => r.path.startsWith('/v2/tts/jobs/') && (r.response as { status?: string }).status === 'RENDERING')).toBe(true);
	});

	it('gives up on a job slower than Max Wait Time (ttsJobPendingMs, ttsJobProcessingMs), naming it', async () => {
		emulator.config.ttsJobProcessingMs = 60_000;
		const result = await run(generate({ maxWaitTime: 1, pollInterval: 0.3 }));
		expect(result.error?.message).toMatch(/^Speech job [0-9a-f-]{36} did not finish within 1 seconds \(status PROCESSING after \d+ checks\) \(item 0\)$/);
	});

	it.each([true, false])('always sends the provider, so Sync accepts the request whether it requires one (ttsProviderRequired %s)', async (required) => {
		emulator.config.ttsProviderRequired = required;
		emulator.config.ttsJobsEnabled = false;
		const result = await run(generate());
		expect(result.error).toBeUndefined();
		expect(posts('/v2/tts')[0].json).toMatchObject({ provider: 'elevenlabs' });
	});

	it('with a bad script on item 1, stops before item 0\'s speech is made: nothing is billed', async () => {
		const result = await runNode({
			parameters: generate({}, '={{ $json.script }}'),
			items: [{ json: { script: 'Welcome to the spring collection.' } }, { json: { script: ['Welcome', 'back'] } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		});
		expect(result.error?.message).toBe('Script is a list of 2 values ["Welcome","back"]; it must be text (item 1)');
		expect(emulator.requests).toEqual([]);
		expect(emulator.counters.ttsJobsCreated + emulator.counters.ttsCreated).toBe(0);
	});

	it('with On Error = continue, a bad item becomes its error item and the others are spoken', async () => {
		const result = await runNode({
			parameters: generate({}, '={{ $json.script }}'),
			items: [{ json: { script: 'First take.' } }, { json: { script: ['Welcome', 'back'] } }, { json: { script: 'Third take.' } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.json.status ?? item.json.error)).toEqual([
			'SUCCESS',
			'Script is a list of 2 values ["Welcome","back"]; it must be text (item 1)',
			'SUCCESS',
		]);
		expect(posts('/v2/tts/jobs').map((r) => (r.json as { script: string }).script)).toEqual(['First take.', 'Third take.']);
	});

	it('item 1\'s voice unknown to Sync, Stop Workflow: the error names the speech job item 0 made, and where its audio is', async () => {
		const result = await runNode({
			parameters: { ...generate(), voiceId: '={{ $json.voice }}' },
			items: [{ json: { voice: VOICE } }, { json: { voice: 'no-such-voice' } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		});
		const made = posts('/v2/tts/jobs').filter((r) => r.status === 202);
		expect(made).toHaveLength(1);
		const jobId = (made[0].response as { id: string }).id;
		expect(result.error?.message).toMatch(/voice_not_found/);
		expect(result.error?.message).toContain(`. Speech already made by this node: ${jobId} (item 0, job, made)`);
		expect(result.error?.description).toMatch(new RegExp(`Made, but not output because the node stopped: ${jobId} \\(item 0, job\\) at http\\S+\\.wav\\. `));
		expect(result.error?.description).toContain('Use that audio instead of making it again.');
	});

	it('the same where the organization has no jobs: the error names item 0\'s synchronous speech', async () => {
		emulator.config.ttsJobsEnabled = false;
		const result = await runNode({
			parameters: { ...generate(), voiceId: '={{ $json.voice }}' },
			items: [{ json: { voice: VOICE } }, { json: { voice: 'no-such-voice' } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		});
		const made = posts('/v2/tts').filter((r) => r.status === 200);
		expect(made).toHaveLength(1);
		expect(result.error?.message).toContain(`Speech already made by this node: ${(made[0].response as { id: string }).id} (item 0, synchronous, made)`);
	});

	it('when item 1\'s synchronous request gets a 5xx, the error names item 0\'s speech and says item 1\'s may have been made', async () => {
		emulator.config.ttsJobsEnabled = false;
		const result = await runNode({
			parameters: generate({}, '={{ $json.script }}'),
			items: [{ json: { script: 'First take.' } }, { json: { script: 'This take sync_tts_failed.' } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		});
		const first = (posts('/v2/tts')[0].response as { id: string }).id;
		expect(result.error?.message).toMatch(
			new RegExp(`elevenlabs_service_unavailable.*\\. Speech already made by this node: ${first} \\(item 0, synchronous, made\\), item 1's synchronous request \\(outcome unknown\\)$`),
		);
		expect(result.error?.description).toContain("Sync Labs gave no answer about these, so they may have been made: item 1's synchronous speech (no ID given). Running this node again would make (and bill) them again.");
	});

	it('item 1\'s voice unknown to Sync, On Error = continue: item 1 is its error item and items 0 and 2 are spoken', async () => {
		const result = await runNode({
			parameters: { ...generate(), voiceId: '={{ $json.voice }}' },
			items: [{ json: { voice: VOICE } }, { json: { voice: 'no-such-voice' } }, { json: { voice: VOICE } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
			continueOnFail: true,
		});
		expect(result.items.map((item) => [item.pairedItem, item.json.status ?? 'error'])).toEqual([
			[{ item: 0 }, 'SUCCESS'],
			[{ item: 1 }, 'error'],
			[{ item: 2 }, 'SUCCESS'],
		]);
		expect(String(result.items[1].json.error)).toMatch(/voice_not_found/);
	});

	it('one Idempotency Key for two items with different scripts: stopped before any job, naming the field, the key and both items', async () => {
		const result = await runNode({
			parameters: generate({ idempotencyKey: 'take-1' }, '={{ $json.script }}'),
			items: [{ json: { script: 'First take.' } }, { json: { script: 'Second take.' } }],
			credentials: { apiKey: API_KEY, baseUrl: emulator.url },
		});
		expect(result.error?.message).toBe(
			'Idempotency Key is "take-1", the key item 0 sends with a different request (script); Sync Labs refuses a key reused with another request, after item 0\'s speech job is made (item 1)',
		);
		expect(emulator.requests).toEqual([]);
	});

	it('one Idempotency Key for two items with the same script: Sync returns the one job to both', async () => {
		const result = await run(generate({ idempotencyKey: 'take-1' }), 2);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['SUCCESS', 'SUCCESS']);
		expect(result.items[1].json.id).toBe(result.items[0].json.id);
		expect(emulator.counters.ttsJobsCreated).toBe(1);
	});

	it('a restricted voice is refused by Sync with its reason', async () => {
		const result = await run({ ...generate(), voiceId: 'TxGEqnHWrfWFTfGW9XjX' });
		expect(result.error?.message).toMatch(/voice_restricted/);
		expect(posts('/v2/tts/jobs')).toHaveLength(1);
	});
});

// "Nothing billed goes unnamed" in the continue modes too: the item's error carries the speech its item made or may
// have made, as Stop Workflow's error lists it (actions/speech/madeSpeech.ts, actions/common/itemErrors.ts).
describe.each(['continueRegularOutput', 'continueErrorOutput'] as const)('Speech → Generate with On Error = %s', (onError) => {
	const runContinuing = async () => await runNode({ parameters: generate(), onError, credentials: { apiKey: API_KEY, baseUrl: emulator.url } });
	const errorJson = (result: Awaited<ReturnType<typeof runContinuing>>) =>
		onError === 'continueErrorOutput' ? (result.errorItems[0].json.error as Record<string, unknown>) : result.items[0].json;

	it('the error item names the job its item made when a later check of that job fails', async () => {
		emulator.config.ttsJobPendingMs = 2000;
		emulator.injectFault({ method: 'GET', path: '/v2/tts/jobs/*', status: 404, times: Infinity });
		const result = await runContinuing();
		const [created] = posts('/v2/tts/jobs');
		const jobId = (created.response as { id: string }).id;
		expect(emulator.counters.ttsJobsCreated).toBe(1);
		expect(errorJson(result)).toMatchObject({ speechJobId: jobId });
	});

	it('the error item names the job Sync\'s 5xx named when the job request may have made it', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/tts/jobs', status: 500, body: { jobId: 'job-maybe-made-1' }, times: Infinity });
		const result = await runContinuing();
		expect(errorJson(result)).toMatchObject({ speechJobId: 'job-maybe-made-1' });
	});
});

// A speech or job Sync made, answered in a shape the node does not read (api/speech.ts), is still made (and
// billed): every On Error mode names it, and Retry On Fail does not make (and bill) a second take.
describe('Speech → Generate when Sync made the speech but answered in an unexpected shape', () => {
	const madeIds = (path: string) => posts(path).filter((r) => r.status !== undefined && r.status < 300).map((r) => (r.response as { id: string }).id);

	it('names the synchronous speech in the node error when its 200 answer lacks the duration', async () => {
		emulator.config.ttsJobsEnabled = false;
		emulator.injectFault({ method: 'POST', path: '/v2/tts', omitFields: ['duration'], times: 1 });
		const result = await run(generate());
		expect(emulator.counters.ttsCreated).toBe(1);
		const [id] = madeIds('/v2/tts');
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`Speech already made by this node: ${id} (item 0, synchronous, made)`);
		expect(result.error?.description).toContain(`Made, but not output because the node stopped: ${id}`);
	});

	it('names the job in the node error when its 202 answer lacks the status', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/tts/jobs', omitFields: ['status'], times: 1 });
		const result = await run(generate());
		expect(emulator.counters.ttsJobsCreated).toBe(1);
		const [id] = madeIds('/v2/tts/jobs');
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`Speech already made by this node: ${id} (item 0, job,`);
		expect(result.error?.description).toContain(`GET /v2/tts/jobs/{id}`);
	});

	it('does not send the synchronous request again under Retry On Fail, and names the speech the first attempt made', async () => {
		emulator.config.ttsJobsEnabled = false;
		emulator.injectFault({ method: 'POST', path: '/v2/tts', omitFields: ['duration'], times: 1 });
		const result = await runNode({ parameters: generate(), credentials: { apiKey: API_KEY, baseUrl: emulator.url }, retryOnFail: { maxTries: 2 } });
		expect(posts('/v2/tts')).toHaveLength(1);
		expect(emulator.counters.ttsCreated).toBe(1);
		const [id] = madeIds('/v2/tts');
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(new RegExp(`^The synchronous speech request was not sent again: an earlier attempt made speech ${id} at \\S+, but Sync Labs answered in a shape the node does not read \\(item 0\\)`));
	});
});

describe.each(['continueRegularOutput', 'continueErrorOutput'] as const)('Speech → Generate with On Error = %s when Sync answered in an unexpected shape', (onError) => {
	const runContinuing = async () => await runNode({ parameters: generate(), onError, credentials: { apiKey: API_KEY, baseUrl: emulator.url } });
	const errorJson = (result: Awaited<ReturnType<typeof runContinuing>>) =>
		onError === 'continueErrorOutput' ? (result.errorItems[0].json.error as Record<string, unknown>) : result.items[0].json;

	it('the error item carries the speechId of the synchronous speech answered without its duration', async () => {
		emulator.config.ttsJobsEnabled = false;
		emulator.injectFault({ method: 'POST', path: '/v2/tts', omitFields: ['duration'], times: 1 });
		const result = await runContinuing();
		expect(emulator.counters.ttsCreated).toBe(1);
		expect(errorJson(result)).toMatchObject({ speechId: (posts('/v2/tts')[0].response as { id: string }).id });
	});

	it('the error item carries the speechJobId of the job answered without its status', async () => {
		emulator.injectFault({ method: 'POST', path: '/v2/tts/jobs', omitFields: ['status'], times: 1 });
		const result = await runContinuing();
		expect(emulator.counters.ttsJobsCreated).toBe(1);
		expect(errorJson(result)).toMatchObject({ speechJobId: (posts('/v2/tts/jobs')[0].response as { id: string }).id });
	});
});

// Speech → Generate on the fake Sync (test/api/fakeSync.cts): the asynchronous job polled to SUCCESS, its own
// statuses (FAILED, unknown ones) kept apart from a generation's, the 503 that means "not enabled" answered by the
// synchronous request, and what is refused before any request. Over HTTP (the download, faults, switches):
// speechFaults.test.cts.
jest.mock('../../../nodes/SyncLabs/api/send', () => jest.requireActual('../../api/fakeSync.cjs').fakeSendModule);

import type { INodeParameters } from 'n8n-workflow';
import { fakeSync } from '../../api/fakeSync.cjs';
import { runNode } from '../../runner/index.cjs';

const credentials = { apiKey: 'speech-key', baseUrl: 'http://127.0.0.1:9' };
const VOICE = 'EXAVITQu4vr4xnSDxMaL';
const JOB_ID = '6533643b-aceb-4c40-967e-d9ba9baac39e';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const job = (status: string, fields: Record<string, unknown> = {}) => ({
	id: JOB_ID,
	status,
	url: status === 'SUCCESS' ? 'https://assets.sync.so/tts/take.mp3' : null,
	duration: status === 'SUCCESS' ? 2.4 : null,
	error: null,
	createdAt: '2026-10-02T09:30:00Z',
	startedAt: status === 'PENDING' ? null : '2026-10-02T09:30:01Z',
	finishedAt: status === 'SUCCESS' || status === 'FAILED' ? '2026-10-02T09:30:04Z' : null,
	...fields,
});

/** The job's answers, one per GET, the last one repeated. */
function jobAnswers(...statuses: Array<ReturnType<typeof job>>) {
	fakeSync.answer('GET /v2/tts/jobs/:id', () => statuses.length > 1 ? statuses.shift() : statuses[0]);
}

const generate = (fields: INodeParameters = {}, options: INodeParameters = {}): INodeParameters => ({
	resource: 'speech',
	operation: 'generate',
	voiceId: VOICE,
	script: 'Welcome to the spring collection.',
	options: { pollInterval: 0.01, ...options },
	...fields,
});
const run = async (parameters: INodeParameters, itemCount = 1) =>
	await runNode({ parameters, items: Array.from({ length: itemCount }, () => ({ json: {} })), credentials });
const routes = () => fakeSync.requests.map((r) => r.route);

afterEach(() => fakeSync.reset());

describe('Speech → Generate with the asynchronous job', () => {
	it('creates a keyed job, polls it to SUCCESS and outputs the hosted audio, its duration and the voice', async () => {
		fakeSync.answer('POST /v2/tts/jobs', job('PENDING'));
		jobAnswers(job('PROCESSING'), job('SUCCESS'));
		const result = await run(generate());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ ...job('SUCCESS'), voiceId: VOICE, synthesis: 'job' });
		expect(routes()).toEqual(['POST /v2/tts/jobs', `GET /v2/tts/jobs/${JOB_ID}`, `GET /v2/tts/jobs/${JOB_ID}`]);
		const create = fakeSync.requests[0];
		expect(create.body).toEqual({ script: 'Welcome to the spring collection.', voiceId: VOICE, provider: 'elevenlabs' });
		// The transport repeats only its 429s: a 5xx or a reset comes back to the client, which sends the job again
		// under its key unless the answer is the 503 of "not enabled" (api/speech.ts createSpeechJob).
		expect(create.repeatable).toBe(false);
		expect(String(create.headers['Idempotency-Key'])).toMatch(UUID);
	});

	it('sends the voice settings only when given, and the Idempotency Key given instead of its own', async () => {
		fakeSync.answer('POST /v2/tts/jobs', job('SUCCESS'));
		await run(generate({}, { stability: 0.3, similarityBoost: '0.9', idempotencyKey: 'narration-take-001' }));
		expect(fakeSync.requests[0].body).toEqual({ script: 'Welcome to the spring collection.', voiceId: VOICE, provider: 'elevenlabs', stability: 0.3, similarityBoost: 0.9 });
		expect(fakeSync.requests[0].headers['Idempotency-Key']).toBe('narration-take-001');
		expect(routes()).toEqual(['POST /v2/tts/jobs']);
	});

	it('gives each item its own job key', async () => {
		fakeSync.answer('POST /v2/tts/jobs', job('SUCCESS'));
		await run(generate(), 2);
		const keys = fakeSync.requests.map((r) => r.headers['Idempotency-Key']);
		expect(new Set(keys).size).toBe(2);
	});

	it('ends with an error naming the job and Sync\'s reason when the job FAILED, never reading it as a generation status', async () => {
		fakeSync.answer('POST /v2/tts/jobs', job('PENDING'));
		jobAnswers(job('FAILED', { error: { code: 'elevenlabs_service_unavailable', message: 'The ElevenLabs service is unavailable.' } }));
		const result = await run(generate());
		expect(result.error?.message).toBe(`Speech job ${JOB_ID} failed: elevenlabs_service_unavailable: The ElevenLabs service is unavailable. (item 0)`);
	});

	it('ends a job that says SUCCESS without an audio URL with an error naming the job, instead of outputting no audio', async () => {
		fakeSync.answer('POST /v2/tts/jobs', job('SUCCESS', { url: null }));
		const result = await run(generate({}, { downloadAudio: true }));
		expect(result.error?.message).toBe(`Speech job ${JOB_ID} succeeded but Sync Labs sent no audio URL (item 0)`);
		expect(routes()).toEqual(['POST /v2/tts/jobs']);
	});

	it('keeps polling a job through statuses it does not know, including a generation\'s COMPLETED, until SUCCESS', async () => {
		fakeSync.answer('POST /v2/tts/jobs', job('QUEUED'));
		jobAnswers(job('COMPLETED'), job('RENDERING'), job('SUCCESS'));
		const result = await run(generate());
		expect(result.items[0].json).toMatchObject({ status: 'SUCCESS', url: 'https://assets.sync.so/tts/take.mp3' });
		expect(routes().filter((r) => r.startsWith('GET'))).toHaveLength(3);
	});

	it('gives up after Max Wait Time with an error naming the job and its last status', async () => {
		fakeSync.answer('POST /v2/tts/jobs', job('PROCESSING'));
		jobAnswers(job('PROCESSING'));
		const result = await run(generate({}, { maxWaitTime: 1, pollInterval: 0.2 }));
		expect(result.error?.message).toMatch(new RegExp(`^Speech job ${JOB_ID} did not finish within 1 seconds \\(status PROCESSING after \\d+ checks\\) \\(item 0\\)$`));
	});

	it('with the automatic key, the errors of a job that ran out of time or sent no audio point to reading that job, not to running the node again', async () => {
		fakeSync.answer('POST /v2/tts/jobs', job('PROCESSING'));
		const timedOut = await run(generate({}, { maxWaitTime: 1, pollInterval: 2 }));
		fakeSync.answer('POST /v2/tts/jobs', job('SUCCESS', { url: null }));
		const noAudio = await run(generate());
		for (const { error } of [timedOut, noAudio]) {
			expect(error?.description).toContain(`read the job later with GET /v2/tts/jobs/${JOB_ID}`);
			expect(error?.description).toContain('Running this node again would not: its automatic Idempotency Key is new in each execution, so it would make (and bill) another job.');
			expect(error?.description).not.toContain('run the node again with the same');
		}
	});

	it('with the Idempotency Key option set, the errors of a job that ran out of time or sent no audio say that running again with that key returns the job', async () => {
		fakeSync.answer('POST /v2/tts/jobs', job('PROCESSING'));
		const timedOut = await run(generate({}, { maxWaitTime: 1, pollInterval: 2, idempotencyKey: 'spring-take' }));
		fakeSync.answer('POST /v2/tts/jobs', job('SUCCESS', { url: null }));
		const noAudio = await run(generate({}, { idempotencyKey: 'spring-take' }));
		for (const { error } of [timedOut, noAudio]) {
			expect(error?.description).toContain('run the node again with the same "Idempotency Key" and script: Sync then returns this job instead of making another.');
		}
	});
});

describe('Speech → Generate where the organization has no jobs, or the synchronous request is chosen', () => {
	it('reads the 503 of the job endpoint as "not enabled" and makes the speech with one synchronous request', async () => {
		fakeSync.refuse('POST /v2/tts/jobs', 503, { errorCode: 'service_unavailable', message: 'Async TTS is not enabled for this organization' });
		fakeSync.answer('POST /v2/tts', { id: 'tts-1', url: 'https://assets.sync.so/tts/tts-1.mp3', duration: 2.4 });
		const result = await run(generate());
		expect(result.items[0].json).toEqual({ id: 'tts-1', url: 'https://assets.sync.so/tts/tts-1.mp3', duration: 2.4, voiceId: VOICE, synthesis: 'synchronous' });
		expect(fakeSync.requests.map((r) => [r.route, r.repeatable])).toEqual([
			['POST /v2/tts/jobs', false],
			['POST /v2/tts', false],
		]);
		expect(fakeSync.requests[1].body).toEqual(fakeSync.requests[0].body);
	});

	it('reads a 503 that names an unknown outcome as an outage of the keyed job, sent again under the same key, not as "not enabled"', async () => {
		let calls = 0;
		fakeSync.answer('POST /v2/tts/jobs', () => {
			if (calls++ === 0) throw new (jest.requireActual('../../api/fakeSync.cjs').SyncRefusal)(503, { errorCode: 'IDEMPOTENCY_OUTCOME_UNKNOWN' });
			return job('SUCCESS');
		});
		const result = await run(generate());
		expect(result.items[0].json).toMatchObject({ synthesis: 'job', status: 'SUCCESS' });
		expect(routes()).toEqual(['POST /v2/tts/jobs', 'POST /v2/tts/jobs']);
		expect(fakeSync.requests[1].headers['Idempotency-Key']).toBe(fakeSync.requests[0].headers['Idempotency-Key']);
	});

	it('with Synthesis set to Synchronous sends only the synchronous request', async () => {
		fakeSync.answer('POST /v2/tts', { id: 'tts-1', url: 'https://assets.sync.so/tts/tts-1.mp3', duration: 1 });
		const result = await run(generate({}, { synthesis: 'sync' }));
		expect(result.items[0].json.synthesis).toBe('synchronous');
		expect(routes()).toEqual(['POST /v2/tts']);
	});

	it('passes a refusal of the job endpoint other than 503 through, without the synchronous request', async () => {
		fakeSync.refuse('POST /v2/tts/jobs', 404, { errorCode: 'voice_not_found', message: 'Voice nope not found' });
		const result = await run(generate({ voiceId: 'nope' }));
		expect(result.error?.message).toBe('Sync Labs: Voice nope not found [voice_not_found]');
		expect(routes()).toEqual(['POST /v2/tts/jobs']);
	});
});

describe('Speech → Generate refuses bad input before any request', () => {
	it.each<[string, INodeParameters, string]>([
		['a script over 5,000 characters', generate({ script: 'a'.repeat(5001) }), 'Script is 5001 characters long; Sync speaks at most 5000 (item 0)'],
		['an empty script', generate({ script: '={{ "" }}' }), 'Script is required (item 0)'],
		['an empty voice', generate({ voiceId: '={{ $json.none }}' }), 'Voice ID is required (item 0)'],
		['a stability above 1', generate({}, { stability: 1.5 }), 'Stability is the number 1.5; it must be a number from 0 to 1 (item 0)'],
		['a key with spaces', generate({}, { idempotencyKey: 'take one' }), 'Idempotency Key is "take one" (8 characters); use 1-128 letters, digits, ".", "_", "~" or "-" (item 0)'],
	])('%s', async (_what, parameters, message) => {
		const result = await run(parameters);
		expect(result.error?.message).toBe(message);
		expect(fakeSync.requests).toEqual([]);
	});
});

// Red-team probes: runs that spend something at Sync for item 0 and then stop on item 1, although item 1's
// problem is knowable before the first request (the node reads every item first: docs/parameters-from-expressions.md),
// or whose error does not name what item 0 spent.
import { BUILT_IN_VOICES, startEmulator, TINY_WAV, type Emulator } from '../emulator/index.cjs';
import { runNode } from '../runner/index.cjs';

const KEY = 'redteam-key';
let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, ttsJobPendingMs: 0, ttsJobProcessingMs: 0 });
});
afterAll(async () => emulator.stop());
beforeEach(() => {
	emulator.requests.length = 0;
});

async function api(method: string, path: string, body?: unknown): Promise<{ id: string; url: string; uploadUrl: string }> {
	const response = await fetch(`${emulator.url}${path}`, {
		method,
		headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.status).toBeLessThan(300);
	return (await response.json()) as { id: string; url: string; uploadUrl: string };
}

const sent = (method: string, path: string, status: number) =>
	emulator.requests.filter((r) => r.method === method && r.path === path && r.status === status);

describe('Generation → Create, Stop Workflow, one Idempotency Key for two different items', () => {
	it('creates nothing: item 1 reuses item 0\'s key with another body, which Sync refuses (409) after item 0 is billed', async () => {
		const result = await runNode({
			parameters: {
				resource: 'generation',
				operation: 'create',
				model: 'lipsync-2',
				visualSource: 'url',
				visualUrl: '={{ $json.video }}',
				audioSource: 'url',
				audioUrl: 'https://media.example.com/voice.wav',
				completion: 'immediately',
				options: { idempotencyKey: 'order-1' },
			},
			items: [{ json: { video: 'https://media.example.com/a.mp4' } }, { json: { video: 'https://media.example.com/b.mp4' } }],
			credentials: { apiKey: KEY, baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		// "With Stop Workflow, one bad item means 0 generations created."
		expect(sent('POST', '/v2/generate', 201)).toHaveLength(0);
		expect(result.error?.message).toMatch(/^Idempotency Key .*\(item 1\)$/);
	});
});

describe('Speech → Generate, Stop Workflow, item 1 with a voice Sync does not have', () => {
	it('the error names the speech job item 0 had billed, or nothing was billed', async () => {
		const result = await runNode({
			parameters: { resource: 'speech', operation: 'generate', voiceId: '={{ $json.voice }}', script: 'Hello there' },
			items: [{ json: { voice: BUILT_IN_VOICES[0].id } }, { json: { voice: 'no-such-voice' } }],
			credentials: { apiKey: KEY, baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		const billed = sent('POST', '/v2/tts/jobs', 202);
		if (billed.length > 0) {
			const jobId = (billed[0].response as { id?: string } | undefined)?.id ?? '(job id)';
			// Item 0's audio is lost with the run: its job must be named so the user can fetch what was paid for.
			expect(`${result.error?.message} ${result.error?.description}`).toContain(jobId);
		}
	});
});

describe('Voice → Clone, Stop Workflow, two items with the same Name', () => {
	it('clones nothing (names are unique, so item 1 cannot be cloned) and never says "Nothing was cloned" after a clone', async () => {
		const slot = await api('POST', '/v2/assets/upload', { fileName: 'sample.wav', contentType: 'audio/wav', size: TINY_WAV.length });
		await fetch(slot.uploadUrl, { method: 'PUT', headers: { 'content-type': 'audio/wav' }, body: TINY_WAV });
		const sample = await api('POST', '/v2/assets', { url: slot.url, type: 'AUDIO' });
		emulator.requests.length = 0;

		const result = await runNode({
			parameters: { resource: 'voice', operation: 'clone', name: '={{ $json.name }}', sampleSource: 'assetId', sampleAssetId: sample.id },
			items: [{ json: { name: 'Narrator' } }, { json: { name: 'Narrator' } }],
			credentials: { apiKey: KEY, baseUrl: emulator.url },
		});
		expect(result.status).toBe('error');
		const cloned = sent('POST', '/v2/voices', 201);
		if (cloned.length > 0) expect(result.error?.description ?? '').not.toContain('Nothing was uploaded or cloned');
		expect(cloned).toHaveLength(0);
	});
});

// Multi-segment generations end to end through a real in-process n8n run against the emulator, and the
// wire form of creates with binary inputs (docs/wire-fidelity.md).
import { startEmulator, TINY_MP4, type Emulator } from '../../emulator/index.cjs';
import { runNode, type RunNodeOptions } from '../../runner/index.cjs';

const VIDEO = 'https://media.example.com/speaker.mp4';
const AUDIO = 'https://media.example.com/voice.wav';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
});
afterEach(() => emulator.reset());
afterAll(async () => emulator.stop());

const fastPoll = { firstPollInterval: 0.02, maxPollInterval: 0.05, maxWaitTime: 20 };
const createRequests = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/generate');

function create(parameters: Record<string, unknown>, extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		parameters: {
			resource: 'generation',
			operation: 'create',
			model: 'lipsync-2',
			visualSource: 'url',
			visualUrl: VIDEO,
			audioSource: 'url',
			audioUrl: AUDIO,
			completion: 'poll',
			...parameters,
			options: { ...fastPoll, ...((parameters.options as object) ?? {}) },
		},
		credentials: { apiKey: 'key-segments', baseUrl: emulator.url },
		...extra,
	});
}

/** Deterministic PRNG (LCG) so a failing layout can be replayed from its seed. */
function prng(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

interface Layout {
	extra: Array<{ refId: string; source: string; url?: string; voiceId?: string; script?: string }>;
	segments: Array<{ startTime: number; endTime: number; audioInput: { refId: string; startTime?: number; endTime?: number } }>;
}

/** 0-2 additional audio/text inputs and 1-4 non-overlapping segments, each naming one of the refIds. */
function randomLayout(seed: number): Layout {
	const rand = prng(seed);
	const extra: Layout['extra'] = [];
	const count = Math.floor(rand() * 3);
	for (let i = 0; i < count; i++) {
		extra.push(
			rand() < 0.5
				? { refId: `voice-${i + 1}`, source: 'url', url: `https://media.example.com/voice-${i + 1}.wav` }
				: { refId: `voice-${i + 1}`, source: 'text', voiceId: `v${i}`, script: `Line ${i + 1}` },
		);
	}
	const refIds = ['main', ...extra.map((e) => e.refId)];
	const segments: Layout['segments'] = [];
	let t = Math.round(rand() * 10) / 10;
	const n = 1 + Math.floor(rand() * 4);
	for (let i = 0; i < n; i++) {
		const length = 0.5 + Math.round(rand() * 20) / 10;
		const segment: Layout['segments'][number] = {
			startTime: t,
			endTime: Math.round((t + length) * 10) / 10,
			audioInput: { refId: refIds[Math.floor(rand() * refIds.length)] },
		};
		if (rand() < 0.3) segment.audioInput = { ...segment.audioInput, startTime: 0, endTime: 0.5 };
		segments.push(segment);
		t = segment.endTime + Math.round(rand() * 5) / 10;
	}
	return { extra, segments };
}

describe('Generation: Create with segments', () => {
	it.each(Array.from({ length: 12 }, (_, i) => 1000 + i))(
		'creates (2xx) and completes a generation whose segments refer to its audio inputs, layout seed %i',
		async (seed) => {
			const layout = randomLayout(seed);
			const result = await create({
				// Every field, the segments included (version 3 outputs Simplified by default).
				output: 'raw',
				options: {
					audioRefId: 'main',
					additionalAudioInputs: { input: layout.extra },
					segments: JSON.stringify(layout.segments),
				},
			});
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(createRequests().map((r) => r.status)).toEqual([201]);
			expect(result.items[0].json).toMatchObject({ status: 'COMPLETED', segments: layout.segments });
			const sent = createRequests()[0].json as { input: Array<Record<string, unknown>> };
			expect(sent.input.map((i) => i.refId)).toEqual([undefined, 'main', ...layout.extra.map((e) => e.refId)]);
			expect(emulator.counters.generationsCreated).toBe(1);
		},
	);

	// The option's default is the text "[]" ("Leave as [] for none", create.operation.ts): adding the option and
	// leaving it so must not refuse the create nor send an empty segments list (which forces the asset path).
	it('treats Segments (JSON) left at its default [] as no segments, for URL and for binary inputs', async () => {
		const plain = await create({ completion: 'immediately', options: { segments: '[]' } });
		expect(plain.error?.message).toBeUndefined();
		expect(createRequests().map((r) => r.status)).toEqual([201]);
		expect(createRequests()[0].json).not.toHaveProperty('segments');
		emulator.reset();
		const items = [{ json: {}, binary: { data: { data: Buffer.from(TINY_MP4), fileName: 'speaker.mp4', mimeType: 'video/mp4' } } }];
		const binary = await create({ completion: 'immediately', visualSource: 'binary', options: { segments: '[]' } }, { items });
		expect(binary.error?.message).toBeUndefined();
		expect(createRequests().map((r) => (r.form ? 'multipart' : 'json'))).toEqual(['multipart']);
	});

	it('refuses a segment that names no audio input, naming the field and the item, before any request', async () => {
		const result = await create({
			options: { audioRefId: 'main', segments: JSON.stringify([{ startTime: 0, endTime: 1, audioInput: { refId: 'other' } }]) },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Segments \(JSON\) segment \d+ of \d+ refers to "other", which is not the reference ID of any audio input.*\(item 0\)/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('refuses segments when the main audio input has no reference ID, before any request', async () => {
		const result = await create({ options: { segments: JSON.stringify([{ startTime: 0, endTime: 1, audioInput: { refId: 'a' } }]) } });
		expect(result.error?.message).toMatch(/Audio Reference ID.*\(item 0\)/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('refuses two audio inputs with the same reference ID and several audio inputs without segments', async () => {
		const twice = await create({
			options: {
				audioRefId: 'a',
				additionalAudioInputs: { input: [{ refId: 'a', source: 'url', url: AUDIO }] },
				segments: JSON.stringify([{ startTime: 0, endTime: 1, audioInput: { refId: 'a' } }]),
			},
		});
		expect(twice.error?.message).toMatch(/^Audio Reference ID "a" is used by 2 audio inputs; each needs its own \(item 0\)$/);
		const noSegments = await create({ options: { additionalAudioInputs: { input: [{ refId: 'b', source: 'url', url: AUDIO }] } } });
		expect(noSegments.error?.message).toMatch(/^Additional Audio Inputs make 2 audio inputs, so Segments \(JSON\) must say which one plays when \(item 0\)$/);
		expect(emulator.requests).toHaveLength(0);
	});

	// Sync's rules (docs/sync-api.md#segments): the node accepted these and Sync answered generation_input_segments_invalid.
	it.each([
		['overlapping segments', [{ startTime: 0, endTime: 2, audioInput: { refId: 'a' } }, { startTime: 1, endTime: 3, audioInput: { refId: 'b' } }], /segment 2 \(startTime\): overlaps segment 1 /],
		['a negative segment start', [{ startTime: -1, endTime: 2, audioInput: { refId: 'a' } }, { startTime: 2, endTime: 3, audioInput: { refId: 'b' } }], /segment 1 \(startTime\): Number must be greater than or equal to 0/],
		['an audio crop with startTime but no endTime', [{ startTime: 0, endTime: 2, audioInput: { refId: 'a', startTime: 0.5 } }, { startTime: 2, endTime: 3, audioInput: { refId: 'b' } }], /segment 1 \(audioInput\.endTime\): an audio crop needs both/],
		['an audio crop whose endTime is before its startTime', [{ startTime: 0, endTime: 2, audioInput: { refId: 'a', startTime: 1, endTime: 0.5 } }, { startTime: 2, endTime: 3, audioInput: { refId: 'b' } }], /segment 1 \(audioInput\.endTime\): endTime must be after startTime/],
		['a key the SDK GenerationSegment does not have', [{ startTime: 0, endTime: 1, audioInput: { refId: 'a' }, start: 0 }, { startTime: 1, endTime: 2, audioInput: { refId: 'b' } }], /segment 1: Unrecognized key.*'start'/],
		['a key the SDK SegmentAudioInput does not have', [{ startTime: 0, endTime: 1, audioInput: { refId: 'a', start: 0 } }, { startTime: 1, endTime: 2, audioInput: { refId: 'b' } }], /segment 1 \(audioInput\): Unrecognized key.*'start'/],
	])('refuses %s, naming the field and the item, before any request', async (_name, segments, message) => {
		const result = await create({
			completion: 'immediately',
			options: { audioRefId: 'a', additionalAudioInputs: { input: [{ refId: 'b', source: 'url', url: AUDIO }] }, segments: JSON.stringify(segments) },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Segments \(JSON\)/);
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/\(item 0\)/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Generation: Create with binary inputs, on the SDK\'s wire', () => {
	const binaryItems = () => [
		{
			json: {},
			binary: {
				data: { data: Buffer.from(TINY_MP4), fileName: 'speaker.mp4', mimeType: 'video/mp4' },
				audio: { data: Buffer.alloc(2048, 1), fileName: 'voice.wav', mimeType: 'audio/wav' },
			},
		},
	];

	it('sends one input part per item, each a JSON object, and nothing the SDK\'s form lacks', async () => {
		const result = await create(
			{ visualSource: 'binary', options: { syncMode: 'cut_off', webhookUrl: 'https://n8n.example.com/webhook/x' } },
			{ items: binaryItems() },
		);
		expect(result.status).toBe('success');
		const [request] = createRequests();
		expect(request.status).toBe(201);
		const form = request.form ?? [];
		expect(form.map((p) => p.name).sort()).toEqual(['input', 'model', 'options', 'video', 'webhookUrl']);
		const inputs = form.filter((p) => p.name === 'input').map((p) => JSON.parse(p.value ?? ''));
		expect(inputs).toEqual([{ type: 'audio', url: AUDIO }]);
		expect(emulator.counters.uploadsReceivedBytes).toBe(0);
	});

	it.each([
		['Output File Name', { outputFileName: 'take_1' }, { outputFileName: 'take_1' }],
		[
			'segments',
			{ audioRefId: 'main', segments: JSON.stringify([{ startTime: 0, endTime: 1, audioInput: { refId: 'main' } }]) },
			{ segments: [{ startTime: 0, endTime: 1, audioInput: { refId: 'main' } }] },
		],
	])('uploads the files as assets first and sends a JSON create when %s is set', async (_name, options, expected) => {
		const result = await create({ visualSource: 'binary', audioSource: 'binary', options }, { items: binaryItems() });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('COMPLETED');
		const [request] = createRequests();
		expect(request.form).toBeUndefined();
		expect(request.status).toBe(201);
		expect(request.json).toMatchObject(expected);
		const input = (request.json as { input: Array<Record<string, unknown>> }).input;
		expect(input[0]).toEqual({ type: 'video', assetId: expect.any(String) });
		expect(input[1]).toMatchObject({ type: 'audio', assetId: expect.any(String) });
		expect(emulator.counters.uploadsReceivedBytes).toBe(TINY_MP4.length + 2048);
	});
});

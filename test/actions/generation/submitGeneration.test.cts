// submitGeneration builds the multipart form from the same body as the JSON create, and sends any body it
// cannot carry in the SDK's form as JSON after uploading the files as assets: a new top-level create field
// can never be dropped. A recording context stands in for n8n (no emulator: it refuses unknown fields).
import type { IExecuteFunctions } from 'n8n-workflow';
import { submitGeneration } from '../../../nodes/SyncLabs/actions/generation/submitGeneration';
import type { GenerationRequest } from '../../../nodes/SyncLabs/actions/generation/generationRequest';

interface Sent {
	method: string;
	url: string;
	body: unknown;
}

function recordingContext(sent: Sent[]): IExecuteFunctions {
	const answer = (url: string) => {
		if (url.endsWith('/v2/assets/upload')) return { uploadUrl: 'https://storage.test/put', url: 'https://storage.test/file.mp4' };
		if (url.endsWith('/v2/assets')) return { id: 'asset-1', type: 'VIDEO' };
		return { id: 'gen-1', status: 'PENDING', input: [] };
	};
	const node = { id: 'node-1', name: 'Sync Labs', type: 'syncLabs', typeVersion: 2, position: [0, 0], parameters: {} };
	const execData = {};
	return {
		getNode: () => node,
		getCredentials: async () => ({ baseUrl: 'https://api.test' }),
		getExecutionCancelSignal: () => undefined,
		getExecuteData: () => execData,
		getInputData: () => [],
		getExecutionId: () => 'exec-1',
		getWorkflowDataProxy: () => ({ $runIndex: 0 }),
		logger: { debug: () => undefined, warn: () => undefined },
		helpers: {
			httpRequestWithAuthentication: async (_credential: string, options: { method: string; url: string; body: unknown }) => {
				sent.push({ method: options.method, url: options.url, body: options.body });
				return { statusCode: 200, headers: {}, body: answer(options.url) };
			},
			httpRequest: async (options: { method: string; url: string; body: unknown }) => {
				sent.push({ method: options.method, url: options.url, body: options.body });
				return { statusCode: 200, headers: {}, body: '' };
			},
		},
	} as unknown as IExecuteFunctions;
}

function smallVideo(): GenerationRequest['files'][number] {
	const bytes = Buffer.from('tiny video');
	return {
		part: 'video',
		input: {
			propertyName: 'data',
			fileName: 'clip.mp4',
			mimeType: 'video/mp4',
			kind: 'video',
			size: bytes.length,
			toBlob: async () => new Blob([bytes]),
			openStream: async () => bytes,
		},
	};
}

const settings = { idempotencyKey: 'key-1', uploadThresholdBytes: 20 * 1024 * 1024 };

describe('Generation create: the multipart form and the JSON body are one body', () => {
	it('sends every field of a body the SDK form can carry as a form part, input as one part per item', async () => {
		const sent: Sent[] = [];
		const body = {
			model: 'lipsync-2',
			input: [{ type: 'audio', url: 'https://example.com/a.wav' }],
			options: { sync_mode: 'loop' },
			webhookUrl: 'https://hooks.test/sync',
		};
		await submitGeneration(recordingContext(sent), 0, { body, files: [smallVideo()] }, settings);

		expect(sent).toHaveLength(1);
		const form = sent[0].body as FormData;
		expect(form).toBeInstanceOf(FormData);
		expect([...new Set(form.keys())].sort()).toEqual(['input', 'model', 'options', 'video', 'webhookUrl']);
		expect(form.get('model')).toBe('lipsync-2');
		expect(form.getAll('input').map((part) => JSON.parse(part as string))).toEqual(body.input);
		expect(JSON.parse(form.get('options') as string)).toEqual(body.options);
		expect(form.get('webhookUrl')).toBe(body.webhookUrl);
	});

	it('sends a body with a field the form lacks as JSON, after uploading the file as an asset, with that field kept', async () => {
		const sent: Sent[] = [];
		const body = { model: 'lipsync-2', input: [{ type: 'audio', url: 'https://example.com/a.wav' }], someNewField: { kept: true } };
		await submitGeneration(recordingContext(sent), 0, { body, files: [smallVideo()] }, settings);

		expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
			'POST https://api.test/v2/assets/upload',
			'PUT https://storage.test/put',
			'POST https://api.test/v2/assets',
			'POST https://api.test/v2/generate',
		]);
		expect(sent[3].body).toEqual({
			model: 'lipsync-2',
			input: [{ type: 'video', assetId: 'asset-1' }, { type: 'audio', url: 'https://example.com/a.wav' }],
			someNewField: { kept: true },
		});
	});
});

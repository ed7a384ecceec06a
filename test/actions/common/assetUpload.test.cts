// The parts of the asset upload helper that need no server: media-kind inference and the checks that run
// before any request. The three-step flow itself is covered against the emulator in test/actions/asset/asset.test.cts.
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { assetTypeOf, MAX_ASSET_UPLOAD_BYTES, uploadBinaryAsAsset } from '../../../nodes/SyncLabs/actions/common/assetUpload';
import { inferMediaKind, type BinaryInput } from '../../../nodes/SyncLabs/actions/common/binaryInput';

describe('inferMediaKind', () => {
	it.each([
		[{ mimeType: 'video/mp4' }, 'video'],
		[{ mimeType: 'video/quicktime; codecs=x' }, 'video'],
		[{ mimeType: 'audio/mpeg' }, 'audio'],
		[{ mimeType: 'IMAGE/PNG' }, 'image'],
		[{ mimeType: 'application/octet-stream', fileName: 'voice.WAV' }, 'audio'],
		[{ mimeType: '', fileName: 'clip.mov' }, 'video'],
		[{ mimeType: 'application/octet-stream', fileExtension: 'webp' }, 'image'],
		[{ mimeType: 'application/pdf', fileName: 'doc.pdf' }, undefined],
		[{ mimeType: 'application/octet-stream' }, undefined],
	])('%j → %s', (binary, kind) => {
		expect(inferMediaKind(binary)).toBe(kind);
	});
});

it('assetTypeOf maps media kinds to asset types', () => {
	expect([assetTypeOf('video'), assetTypeOf('audio'), assetTypeOf('image')]).toEqual(['VIDEO', 'AUDIO', 'IMAGE']);
});

describe('uploadBinaryAsAsset checks before any request', () => {
	const node = { name: 'Sync Labs', type: 'n8n-nodes-synclabs.syncLabs', typeVersion: 1, parameters: {} } as unknown as INode;
	const requests: unknown[] = [];
	const ctx = {
		getNode: () => node,
		getCredentials: async () => {
			requests.push('credentials');
			return { baseUrl: 'http://127.0.0.1:9' };
		},
		helpers: {
			httpRequest: async (o: unknown) => requests.push(o),
			httpRequestWithAuthentication: async (_: string, o: unknown) => requests.push(o),
		},
	} as unknown as IExecuteFunctions;
	const input = (size: number): BinaryInput => ({
		propertyName: 'data',
		fileName: 'big.mp4',
		mimeType: 'video/mp4',
		kind: 'video',
		size,
		toBlob: async () => new Blob([]),
		openStream: async () => Buffer.alloc(0),
	});

	it('more than 5 GB is refused, naming the field and the item', async () => {
		await expect(uploadBinaryAsAsset.call(ctx, 3, input(MAX_ASSET_UPLOAD_BYTES + 1), { field: 'Input Binary Field' })).rejects.toThrow(
			'Input Binary Field holds "big.mp4", 5000000001 bytes (4.66 GB); Sync Labs accepts at most 5 GB per upload (item 3)',
		);
		expect(requests).toEqual([]);
	});

	it('an empty file is refused; the default field names the binary property', async () => {
		await expect(uploadBinaryAsAsset.call(ctx, 0, input(0), {})).rejects.toThrow('Binary field "data" holds "big.mp4", which is empty (0 bytes) (item 0)');
		expect(requests).toEqual([]);
	});
});

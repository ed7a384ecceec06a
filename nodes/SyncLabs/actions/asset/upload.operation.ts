import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { checkUploadSize, uploadBinaryAsAsset, type AssetVisibility, type UploadAssetOptions } from '../common/assetUpload';
import { inferMediaKind, readBinaryInput, type BinaryInput } from '../common/binaryInput';
import { runAfterCheckingEveryItem } from '../common/everyItemFirst';
import { invalidInput } from '../common/validation';
import { readerFor } from '../../parameters';
import { projectIdFrom, projectIdOption } from '../project/projectOption';
import { withItemAsset, withUploadedAssets, type UploadedAsset } from './uploadedAssets';

/** The SDK's AssetVisibility (https://github.com/synchronicity-labs/sync-typescript-sdk/blob/0.3.0/src/api/resources/common/types/AssetVisibility.ts). */
const visibilityOptions: Array<{ name: string; value: AssetVisibility; description: string }> = [
	{ name: 'Organization', value: 'ORGANIZATION', description: 'All members of the organization can use the asset' },
	{ name: 'User', value: 'USER', description: 'Only the owner of the API key can use the asset' },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the file to upload',
		description: 'A video, audio or image file; its MIME type decides the asset type',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Name of the asset. Defaults to the file name.',
			},
			projectIdOption('The project the asset joins'),
			{
				displayName: 'Visibility',
				name: 'visibility',
				type: 'options',
				options: visibilityOptions,
				default: 'USER',
				description: 'Who can see and use the asset',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['upload'] } }, properties);

/** Two uploads at a time: overlaps the API round trips of one item with the PUT of another. */
const CONCURRENT_UPLOADS = 2;

interface PreparedUpload {
	input: BinaryInput;
	options: UploadAssetOptions;
}

/** Reads and checks everything before any request: an expression may resolve to anything, and Sync refuses a bad value only at the register step. */
async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedUpload> {
	const field = 'Input Binary Field';
	const read = readerFor(ctx, itemIndex, properties);
	const propertyName = read.text('binaryPropertyName');
	const options = read.collection<{ name?: string; projectId?: string; visibility?: AssetVisibility }>('options');
	const projectId = projectIdFrom(ctx, itemIndex, options);
	const { visibility } = options;

	const binary = ctx.getInputData()[itemIndex]?.binary?.[propertyName];
	// A missing property gets readBinaryInput's error (it lists the properties that exist).
	const kind = binary ? inferMediaKind(binary) : 'video';
	if (!kind) {
		throw invalidInput(
			ctx,
			itemIndex,
			field,
			`"${propertyName}" has ${binary?.mimeType ? `the MIME type ${binary.mimeType}` : 'no MIME type'}, which says neither video, audio nor image; set its MIME type`,
		);
	}
	const input = await readBinaryInput(ctx, itemIndex, field, propertyName, kind);
	checkUploadSize(ctx, itemIndex, input, field);
	return { input, options: { name: options.name || undefined, visibility, projectId, field } };
}

async function upload(ctx: IExecuteFunctions, itemIndex: number, prepared: PreparedUpload, stop: AbortSignal, uploaded: UploadedAsset[]): Promise<INodeExecutionData[]> {
	// A later attempt of Retry On Fail gets this item's asset again, or the earlier attempt's naming (common/assetUpload.ts).
	const asset = await uploadBinaryAsAsset.call(ctx, itemIndex, prepared.input, { ...prepared.options, stop }).catch((error: unknown) => {
		throw withItemAsset(error, itemIndex, uploaded);
	});
	uploaded.push({ id: asset.id, name: asset.name ?? undefined, itemIndex });
	return [{ json: asset }];
}

// Every item is checked before the first upload (common/everyItemFirst.ts): a bad item 2 stops the node before items
// 0 and 1 make assets; an error that stops the node after some uploads names their assets (uploadedAssets.ts).
export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const uploaded: UploadedAsset[] = [];
	try {
		return await runAfterCheckingEveryItem(
			this,
			items,
			async (itemIndex) => await prepare(this, itemIndex),
			async (itemIndex, prepared, stop) => await upload(this, itemIndex, prepared, stop, uploaded),
			undefined,
			CONCURRENT_UPLOADS,
		);
	} catch (error) {
		throw withUploadedAssets(this, error, uploaded);
	}
}

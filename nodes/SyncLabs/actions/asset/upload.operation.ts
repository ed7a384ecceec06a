import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { uploadBinaryAsAsset, type AssetVisibility } from '../common/assetUpload';
import { inferMediaKind, readBinaryInput } from '../common/binaryInput';
import { invalidInput } from '../common/validation';
import { readerFor } from '../../parameters';
import { projectIdFrom, projectIdOption } from '../project/projectOption';

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
export function concurrency(): number {
	return 2;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const field = 'Input Binary Field';
	// Read before the upload: an expression may resolve to anything, and Sync refuses a bad value only at the register step.
	const read = readerFor(this, itemIndex, properties);
	const propertyName = read.text('binaryPropertyName');
	const options = read.collection<{ name?: string; projectId?: string; visibility?: AssetVisibility }>('options');
	const projectId = projectIdFrom(this, itemIndex, options);
	const { visibility } = options;

	const binary = this.getInputData()[itemIndex]?.binary?.[propertyName];
	// A missing property gets readBinaryInput's error (it lists the properties that exist).
	const kind = binary ? inferMediaKind(binary) : 'video';
	if (!kind) {
		throw invalidInput(
			this,
			itemIndex,
			field,
			`"${propertyName}" has ${binary?.mimeType ? `the MIME type ${binary.mimeType}` : 'no MIME type'}, which says neither video, audio nor image; set its MIME type`,
		);
	}
	const input = await readBinaryInput(this, itemIndex, field, propertyName, kind);
	const asset = await uploadBinaryAsAsset.call(this, itemIndex, input, {
		name: options.name || undefined,
		visibility,
		projectId,
		field,
	});
	return [{ json: asset }];
}

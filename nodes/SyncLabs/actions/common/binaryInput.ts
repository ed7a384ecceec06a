// Reads an input item's binary property for upload: checks that it exists and is the right kind of media,
// and gives its size and a way to read it (a fresh stream per attempt for large files, a Blob for small ones).
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { invalidInput } from './validation';

export type MediaKind = 'video' | 'audio' | 'image';

export interface BinaryInput {
	propertyName: string;
	fileName: string;
	mimeType: string;
	kind: MediaKind;
	size: number;
	/** Whole file in memory (small files, multipart). */
	toBlob(): Promise<Blob>;
	/** A new stream each call, from n8n's binary store when the file lives there. */
	openStream(): Promise<Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0]>;
}

const EXTENSION_MIME: Record<string, string> = {
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	qt: 'video/quicktime',
	webm: 'video/webm',
	avi: 'video/x-msvideo',
	mkv: 'video/x-matroska',
	m4v: 'video/x-m4v',
	wav: 'audio/wav',
	mp3: 'audio/mpeg',
	ogg: 'audio/ogg',
	flac: 'audio/flac',
	m4a: 'audio/mp4',
	aac: 'audio/aac',
	wma: 'audio/x-ms-wma',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
};

type MediaTypeHints = Pick<IBinaryData, 'mimeType' | 'fileName' | 'fileExtension'>;

function declaredMimeType(binary: MediaTypeHints): string {
	return (binary.mimeType || '').toLowerCase().split(';')[0].trim();
}

/** The MIME type the file name's extension stands for, if it is a media type we know. */
export function mimeTypeFromExtension(binary: MediaTypeHints): string | undefined {
	const extension = (binary.fileExtension || (binary.fileName ?? '').split('.').pop() || '').toLowerCase();
	return EXTENSION_MIME[extension];
}

/** The declared MIME type, or the extension's when the declared one is missing or generic. */
export function effectiveMimeType(binary: MediaTypeHints): string {
	const declared = declaredMimeType(binary);
	if (declared && declared !== 'application/octet-stream') return declared;
	return mimeTypeFromExtension(binary) ?? declared;
}

function mediaKindOf(mimeType: string | undefined): MediaKind | undefined {
	const major = (mimeType ?? '').split('/')[0];
	return major === 'video' || major === 'audio' || major === 'image' ? major : undefined;
}

/** Video, audio or image, from the declared MIME type or else the file extension; undefined if neither tells. */
export function inferMediaKind(binary: MediaTypeHints): MediaKind | undefined {
	return mediaKindOf(declaredMimeType(binary)) ?? mediaKindOf(mimeTypeFromExtension(binary));
}

async function binarySize(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (binary.id) {
		const metadata = await ctx.helpers.getBinaryMetadata(binary.id);
		return metadata.fileSize;
	}
	return Buffer.byteLength(binary.data ?? '', 'base64');
}

export async function readBinaryInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	propertyName: string,
	expected: MediaKind,
): Promise<BinaryInput> {
	const name = (propertyName || '').trim();
	if (!name) throw invalidInput(ctx, itemIndex, field, 'is required');
	const item = ctx.getInputData()[itemIndex];
	const binary = item?.binary?.[name];
	if (!binary) {
		const available = Object.keys(item?.binary ?? {});
		throw invalidInput(
			ctx,
			itemIndex,
			field,
			`is "${name}", but the input item has ${available.length ? `no binary field of that name (its ${available.length} binary field${available.length === 1 ? ' is' : 's are'}: ${available.join(', ')})` : 'no binary data at all'}`,
		);
	}
	const mimeType = effectiveMimeType(binary);
	if (!mimeType.startsWith(`${expected}/`)) {
		throw invalidInput(ctx, itemIndex, field, `"${name}" holds ${mimeType || 'a file of unknown type'}, but a ${expected} file is needed`);
	}
	const extension = mimeType.split('/')[1]?.replace('quicktime', 'mov').replace('mpeg', 'mp3') || 'bin';
	const fileName = binary.fileName || `${expected}.${extension}`;
	const size = await binarySize(ctx, binary);
	// Sync would take an empty file, bill the create and fail it; refused here, before any request.
	if (!(size > 0)) throw invalidInput(ctx, itemIndex, field, `"${name}" holds "${fileName}", which is empty (0 bytes)`);

	return {
		propertyName: name,
		fileName,
		mimeType,
		kind: expected,
		size,
		async toBlob() {
			const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
			return new Blob([buffer], { type: mimeType });
		},
		async openStream() {
			if (binary.id) return await ctx.helpers.getBinaryStream(binary.id);
			return await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
		},
	};
}

// What the node outputs for a generation: everything Sync sent, plus the normalized spellings of the
// fields that Sync names two ways (errorCode/error_code, outputUrl/outputMediaUrl).
import type { IDataObject } from 'n8n-workflow';

export function normalizedGeneration(source: object): IDataObject {
	const generation = source as IDataObject;
	const errorCode = generation.errorCode ?? generation.error_code;
	const outputUrl = generation.outputUrl ?? generation.outputMediaUrl;
	return {
		...generation,
		...(errorCode !== undefined ? { errorCode } : {}),
		...(outputUrl !== undefined ? { outputUrl } : {}),
	};
}

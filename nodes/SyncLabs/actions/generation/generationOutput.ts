// What the node outputs for a generation (Create, Get, Wait, Get Many, Delete, Download, webhook resume):
// everything Sync sent, plus the normalized spellings of the fields that Sync names two ways
// (errorCode/error_code, outputUrl/outputMediaUrl), and `error`/`errorCode` null instead of "" (Sync's docs
// example sends `"error": ""` on a COMPLETED generation; the trigger does the same: webhook/webhookEvent.ts).
import type { IDataObject } from 'n8n-workflow';
import { errorCodeOf, outputUrlOf } from '../../schemas/spellings';

function emptyToNull<T>(value: T): T | null {
	return value === '' ? null : value;
}

export function normalizedGeneration(source: object): IDataObject {
	const generation = source as IDataObject;
	// Present in either spelling: the code, or null when it is empty; absent in both: left out.
	const errorCode = errorCodeOf(generation) ?? ('errorCode' in generation || 'error_code' in generation ? null : undefined);
	const outputUrl = outputUrlOf(generation);
	return {
		...generation,
		...(generation.error !== undefined ? { error: emptyToNull(generation.error) } : {}),
		...(errorCode !== undefined ? { errorCode } : {}),
		...(outputUrl !== undefined ? { outputUrl } : {}),
	};
}

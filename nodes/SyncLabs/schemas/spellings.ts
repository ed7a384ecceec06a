// Fields Sync names two ways, read in one place. The SDK's GenerationResponse and the docs' GET examples use
// `errorCode`, `outputUrl`, `createdAt`; webhook payloads, error bodies and the SDK's BatchResponse use
// `error_code` and `created_at`; some responses call the output `outputMediaUrl` (docs/wire-fidelity.md).
// An empty string means "none" (the docs' COMPLETED example sends `"error_code": ""`).

type Spelled = { [key: string]: unknown };

function firstText(source: Spelled, keys: readonly string[]): string | undefined {
	for (const key of keys) {
		const value = source[key];
		if (typeof value === 'string' && value !== '') return value;
	}
	return undefined;
}

export function errorCodeOf(source: object): string | undefined {
	return firstText(source as Spelled, ['errorCode', 'error_code']);
}

export function outputUrlOf(source: object): string | undefined {
	return firstText(source as Spelled, ['outputUrl', 'outputMediaUrl']);
}

export function createdAtOf(source: object): string | undefined {
	return firstText(source as Spelled, ['createdAt', 'created_at']);
}

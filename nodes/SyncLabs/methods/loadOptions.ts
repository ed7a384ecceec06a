import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { listModels } from '../api';
import { KNOWN_MODELS } from './knownModels';


export async function getModels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	try {
		const models = await listModels(this, { retry: { maxRetries: 1 } });
		const options = models
			.filter((m) => !m.deprecatedAt)
			.map((m) => ({ name: m.name, value: m.name, description: m.description ?? undefined }));
		if (options.length > 0) return options.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		this.logger.debug('Sync Labs: could not load the model list, offering the known models', { error: (error as Error).message });
	}
	return KNOWN_MODELS.map((name) => ({ name, value: name }));
}

// Dispatches to `<resource>/<operation>.operation.ts`: per-item operations run through runPerItem
// (bounded concurrency, pairedItem, continueOnFail); whole-input operations get all items. Operations that
// offer the Output parameter get their generations shaped by it (actions/generation/outputOption.ts); when the
// node runs as an AI Agent's tool, what leaves it is what the model may read (actions/asTool/forTheModel.ts).
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { SyncOperation } from './operation';
import { runPerItem } from './common/runPerItem';
import * as account from './account/Account.resource';
import * as asset from './asset/Asset.resource';
import * as batch from './batch/Batch.resource';
import * as generation from './generation/Generation.resource';
import * as model from './model/Model.resource';
import * as project from './project/Project.resource';
import * as speech from './speech/Speech.resource';
import * as usage from './usage/Usage.resource';
import * as voice from './voice/Voice.resource';
import { resourceField } from './properties';
import { readerFor, readParameter } from '../parameters';
import { offersOutputOption, readGenerationShape, shapedGenerationItems } from './generation/outputOption';
import { runsAsTool } from './asTool/runsAsTool';
import { errorForTheModel, itemsForTheModel } from './asTool/forTheModel';

const resources: Record<string, Record<string, SyncOperation>> = {
	account: account.operations,
	asset: asset.operations,
	batch: batch.operations,
	generation: generation.operations,
	model: model.operations,
	project: project.operations,
	speech: speech.operations,
	usage: usage.operations,
	voice: voice.operations,
};

/** Each resource's parameters, whose "operation" dropdown lists its operations. */
const descriptions: Record<string, INodeProperties[]> = {
	account: account.description,
	asset: asset.description,
	batch: batch.description,
	generation: generation.description,
	model: model.description,
	project: project.description,
	speech: speech.description,
	usage: usage.description,
	voice: voice.description,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	if (!runsAsTool(this)) return await route.call(this);
	try {
		return (await route.call(this)).map(itemsForTheModel);
	} catch (error) {
		throw errorForTheModel(error);
	}
}

async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = readParameter(this, 0, resourceField) as string;
	const operationName = readerFor(this, 0, descriptions[resource]).choice('operation');
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of resource "${resource}" is not supported`);
	}

	// Read before the operation sends anything, so a refused value bills nothing.
	const shape = offersOutputOption(operation.description) ? readGenerationShape(this, 0) : undefined;
	const output = await runOperation.call(this, operation, items);
	return shape ? output.map((outputItems) => shapedGenerationItems(outputItems, shape)) : output;
}

async function runOperation(this: IExecuteFunctions, operation: SyncOperation, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	if (operation.executeAll) return await operation.executeAll.call(this, items);
	const execute = operation.execute!;
	const concurrency = operation.concurrency ? operation.concurrency.call(this) : 1;
	return await runPerItem(this, items, concurrency, async (itemIndex, stop) => await execute.call(this, itemIndex, stop));
}

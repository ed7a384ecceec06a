import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { listModels } from '../../api';
import { resultLimit } from '../common/limit';
import { returnAllAndLimit } from '../common/descriptions';

const properties: INodeProperties[] = [...returnAllAndLimit()];

export const description = updateDisplayOptions({ show: { resource: ['model'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, itemIndex, properties);
	// One unpaged list of the active models the account can use.
	const models = await listModels(this, { itemIndex });
	return (limit === undefined ? models : models.slice(0, limit)).map((model) => ({ json: model as IDataObject }));
}

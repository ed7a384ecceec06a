import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { estimateCostByDuration, estimateCostOfGeneration, type CostByDurationRequest } from '../../api';
import { buildGenerationRequest } from './generationRequest';
import { invalidInput, requireText } from '../common/validation';
import { readerFor } from '../../parameters';
import { inputSourceFields, modelField } from './inputs.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Estimate By',
		name: 'estimateBy',
		type: 'options',
		noDataExpression: true,
		default: 'duration',
		options: [
			{ name: 'Duration', value: 'duration', description: 'From the model and the billable seconds; nothing is fetched' },
			{ name: 'Inputs', value: 'inputs', description: 'From the same inputs as Create; Sync fetches the media to measure it' },
		],
	},
	modelField,
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'number',
		default: 10,
		typeOptions: { minValue: 0.01, maxValue: 24 * 3600, numberPrecision: 2 },
		displayOptions: { show: { estimateBy: ['duration'] } },
	},
	{
		displayName: 'Frames per Second',
		name: 'fps',
		type: 'number',
		default: 30,
		typeOptions: { minValue: 1, maxValue: 240 },
		displayOptions: { show: { estimateBy: ['duration'] } },
	},
	{
		displayName: 'Reasoning',
		name: 'reasoningEnabled',
		type: 'boolean',
		default: false,
		description: 'Whether to price the generation with reasoning enabled',
		displayOptions: { show: { estimateBy: ['duration'] } },
	},
	...updateDisplayOptions({ show: { estimateBy: ['inputs'] } }, inputSourceFields(false)),
];

export const description = updateDisplayOptions({ show: { resource: ['generation'], operation: ['estimateCost'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const read = readerFor(this, itemIndex, properties);
	const estimateBy = read.choice('estimateBy');
	if (estimateBy === 'duration') {
		const body: CostByDurationRequest = {
			model: requireText(this, itemIndex, modelField.displayName, read.text('model')),
			duration: read.number('duration'),
			fps: read.number('fps'),
		};
		if (read.switch('reasoningEnabled')) body.reasoningEnabled = true;
		return [{ json: await estimateCostByDuration(this, body, { itemIndex }) }];
	}

	const request = await buildGenerationRequest(this, itemIndex);
	if (request.files.length > 0) throw invalidInput(this, itemIndex, 'Visual Source', 'is Binary File, which cannot be priced before it is uploaded; use a URL or an asset ID');
	return [{ json: await estimateCostOfGeneration(this, request.body, { itemIndex }) }];
}

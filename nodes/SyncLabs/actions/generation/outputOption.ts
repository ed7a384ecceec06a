// The Output parameter of the operations that output generations: Simplified, Raw or Selected Fields, the
// parameter n8n's UX guidelines ask of a node an AI Agent uses as a tool, since a tool's result fills the model's
// context (https://docs.n8n.io/integrations/creating-nodes/build/reference/ux-guidelines/#ai-tool-nodes-output-parameter),
// laid out as n8n's Microsoft Entra ID node has it (Output, then Fields for Selected Fields:
// https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/nodes-base/nodes/Microsoft/Entra/descriptions/UserDescription.ts).
//
// An operation offers it by listing `generationOutputFields` among its parameters (Get, Get Many, Create; a Dub the
// same way): the router reads it before the operation sends anything and shapes the items it outputs
// (actions/router.ts), and the Wait for Webhook resume shapes the item it resumes with
// (actions/generation/resumeWebhook.ts). Raw is everything the node output before this
// parameter existed, the default of node versions 1 and 2; version 3 defaults to Simplified
// (actions/versionProperties.ts).
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, IWebhookFunctions } from 'n8n-workflow';
import { readerFor } from '../../parameters';

export const OUTPUT_PARAMETER = 'output';

/** What Simplified keeps (the guidelines' at most 10 fields), the most used first. */
export const SIMPLIFIED_FIELDS = [
	'id',
	'status',
	'outputUrl',
	'error',
	'errorCode',
	'outputDuration',
	'model',
	'createdAt',
	'projectId',
	'estimatedCostUsd',
] as const;

/**
 * Kept by every shape when present, because the user asked for them or losing them would hide what happened: the
 * live progress (Get's Include Progress), a failed download after Wait for Webhook, a dub's target language.
 */
const KEPT_WHEN_PRESENT = ['progress_percent', 'downloadError', 'targetLanguage'];

/** The fields Selected Fields offers, as Sync names them (docs/sync-api.md#generation-object); `id` always comes. */
const SELECTABLE_FIELDS: Array<{ name: string; value: string }> = [
	{ name: 'Created At', value: 'createdAt' },
	{ name: 'Error', value: 'error' },
	{ name: 'Error Code', value: 'errorCode' },
	{ name: 'Estimated Cost (USD)', value: 'estimatedCostUsd' },
	{ name: 'Input', value: 'input' },
	{ name: 'Model', value: 'model' },
	{ name: 'Options', value: 'options' },
	{ name: 'Output Duration', value: 'outputDuration' },
	{ name: 'Output File Name', value: 'outputFileName' },
	{ name: 'Output URL', value: 'outputUrl' },
	{ name: 'Project ID', value: 'projectId' },
	{ name: 'Segment Output URL', value: 'segmentOutputUrl' },
	{ name: 'Segments', value: 'segments' },
	{ name: 'Status', value: 'status' },
	{ name: 'Webhook URL', value: 'webhookUrl' },
];

export const generationOutputFields: INodeProperties[] = [
	{
		displayName: 'Output',
		name: OUTPUT_PARAMETER,
		type: 'options',
		// A choice made when building the workflow, the same for every item.
		noDataExpression: true,
		// Version 3 shows Simplified here (actions/versionProperties.ts).
		default: 'raw',
		description: 'Which fields of each generation to output; an AI Agent tool\'s result goes into the model\'s context, so less is cheaper',
		options: [
			{
				name: 'Simplified',
				value: 'simple',
				description: `At most ${SIMPLIFIED_FIELDS.length} fields: ${SIMPLIFIED_FIELDS.join(', ')}`,
			},
			{ name: 'Raw', value: 'raw', description: 'Every field Sync Labs returns' },
			{ name: 'Selected Fields', value: 'fields', description: 'The ID and the fields chosen below' },
		],
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		noDataExpression: true,
		default: [],
		description: 'The fields to output besides the ID',
		options: SELECTABLE_FIELDS,
		displayOptions: { show: { [OUTPUT_PARAMETER]: ['fields'] } },
	},
];

/** Whether an operation's parameters include the Output parameter. */
export function offersOutputOption(properties: INodeProperties[]): boolean {
	return properties.some((property) => property.name === OUTPUT_PARAMETER);
}

export type GenerationShape = (json: IDataObject) => IDataObject;

function picked(json: IDataObject, names: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const name of [...names, ...KEPT_WHEN_PRESENT]) {
		if (json[name] !== undefined) out[name] = json[name];
	}
	return out;
}

/**
 * The node's Output choice as a function of a generation's JSON. Output and Fields take no expression, so they are
 * the same for every item: read once, before any request (item 0, or no item in the resume webhook).
 */
export function readGenerationShape(ctx: IExecuteFunctions | IWebhookFunctions, itemIndex?: number): GenerationShape {
	const read = readerFor(ctx, itemIndex, generationOutputFields);
	const output = read.choice<'simple' | 'raw' | 'fields'>(OUTPUT_PARAMETER);
	if (output === 'raw') return (json) => json;
	const names = output === 'simple' ? SIMPLIFIED_FIELDS : ['id', ...read.list('fields')];
	return (json) => picked(json, names);
}

/** The items with each generation shaped; error items (On Error = Continue) carry no generation `id` and pass unchanged. */
export function shapedGenerationItems(items: INodeExecutionData[], shape: GenerationShape): INodeExecutionData[] {
	return items.map((item) => (item.json.id === undefined ? item : { ...item, json: shape(item.json) }));
}

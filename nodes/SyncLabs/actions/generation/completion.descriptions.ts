// Options shared by Create and Wait for Completion: how to wait, and what to output when done.
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { DEFAULT_TOLERANCE_SECONDS } from '../../webhook/syncSignature';
import { NOT_AS_TOOL } from '../asTool/runsAsTool';
import { MAX_WAIT_SECONDS } from '../common/descriptions';

export const completionModeField: INodeProperties = {
	displayName: 'Completion',
	name: 'completion',
	type: 'options',
	noDataExpression: true,
	default: 'poll',
	description: 'How the node finishes while Sync Labs renders the video',
	options: [
		{
			name: 'Poll Until Done',
			value: 'poll',
			description: 'Check the status with a growing interval until the generation finishes or Max Wait Time passes',
		},
		{
			name: 'Return Immediately',
			value: 'immediately',
			description: 'Output the new generation at once (status PENDING); pair with the Sync Labs Trigger',
		},
		{
			name: 'Wait for Webhook',
			value: 'webhook',
			description:
				'Pause the execution and resume when Sync Labs calls back; no polling. Needs the signing secret in the credential and an n8n reachable by Sync.',
		},
	],
};

export const completionOptions: INodeProperties[] = [
	{
		displayName: 'Download Output',
		name: 'downloadOutput',
		type: 'boolean',
		default: false,
		description: 'Whether to download the finished video into a binary property next to the JSON',
		// An AI Agent's tool hands the model JSON only: the video would be downloaded for nothing.
		displayOptions: NOT_AS_TOOL,
	},
	{
		displayName: 'First Poll Interval (Seconds)',
		name: 'firstPollInterval',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		description: 'Wait before the second status check; the interval then grows by half each time up to Max Poll Interval',
	},
	{
		displayName: 'Max Poll Interval (Seconds)',
		name: 'maxPollInterval',
		type: 'number',
		default: 30,
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		description: 'Longest wait between two status checks',
	},
	{
		displayName: 'Max Wait Time (Seconds)',
		name: 'maxWaitTime',
		type: 'number',
		default: 1800,
		typeOptions: { minValue: 1, maxValue: MAX_WAIT_SECONDS },
		description:
			'Polling: give up with an error naming the generation ID after this long. Webhook: applies also when this option is not added; without a callback n8n resumes the execution after this long and passes the input through (a Code node reads the generation ID with $execution.customData.get("syncLabsGenerationId")).',
	},
	{
		displayName: 'Output Failed Generations as Items',
		name: 'outputFailedAsItems',
		type: 'boolean',
		default: false,
		description:
			'Whether FAILED and REJECTED generations are output as items (with error and errorCode) instead of stopping the node with an error. "Wait for Webhook" always outputs them as items.',
	},
	{
		displayName: 'Output Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'Binary property that receives the downloaded video',
		displayOptions: NOT_AS_TOOL,
	},
	{
		displayName: 'Webhook Timestamp Tolerance (Seconds)',
		name: 'toleranceSeconds',
		type: 'number',
		default: DEFAULT_TOLERANCE_SECONDS,
		typeOptions: { minValue: 1 },
		description: 'Wait for Webhook: how far the Sync-Signature timestamp may differ from this server\'s clock',
	},
];


/**
 * When each completion option applies in Create, by the root `completion` field. A path starting with "/"
 * is read from the node's parameters even inside a collection (getPropertyValues in
 * https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/node-helpers.ts). n8n drops a hidden collection value when it loads a
 * workflow (Workflow constructor -> getNodeParameters(..., returnNoneDisplayed false)), so an option is hidden
 * only where the code ignores it: test/actions/generation/createOptionsDisplay.test.cts proves both.
 */
const CREATE_COMPLETION_RULES: Record<string, IDisplayOptions> = {
	// The webhook resume downloads too (actions/generation/resumeWebhook.ts); Return Immediately has nothing to download.
	downloadOutput: { show: { '/completion': ['poll', 'webhook'] }, ...NOT_AS_TOOL },
	binaryPropertyName: { show: { '/completion': ['poll', 'webhook'], downloadOutput: [true] }, ...NOT_AS_TOOL },
	firstPollInterval: { show: { '/completion': ['poll'] } },
	maxPollInterval: { show: { '/completion': ['poll'] } },
	// Polling gives up after it; Wait for Webhook resumes after it (actions/generation/waitForWebhook.ts).
	maxWaitTime: { show: { '/completion': ['poll', 'webhook'] } },
	// Only the polling path checks it (actions/generation/completion.ts); a webhook resume outputs the generation as it is.
	outputFailedAsItems: { show: { '/completion': ['poll'] } },
	toleranceSeconds: { show: { '/completion': ['webhook'] } },
};

/** The completion options of Create, each shown only with the completion modes that use it. */
export const createCompletionOptions: INodeProperties[] = completionOptions.map((option) =>
	CREATE_COMPLETION_RULES[option.name] ? { ...option, displayOptions: CREATE_COMPLETION_RULES[option.name] } : option,
);

// What the AI Agent's model reads about each operation when the node runs as its tool. The model sees only a
// tool's name, its description and the `$fromAI()` fields (never the parameters' descriptions), so each text
// says what the operation does, what it needs, what it returns and whether it is billed.
//
// Without a `toolDescription` parameter n8n describes the tool as "<action> in Sync Labs" (makeDescription in
// https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/node-helpers.ts), and the action texts are
// what the node picker lists, so they stay short. A node that declares `toolDescription` gets no "Tool Description"
// field from n8n (convertNodeToAiTool in https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/cli/src/tool-generation/ai-tools.ts)
// and n8n hands the model this parameter's value (getToolDescriptionForNode, same node-helpers file). One field per
// operation, shown only in the tool variant: its default follows the operation as long as the user has not edited
// it (the editor drops a value equal to the default before it applies a changed operation: NodeSettings.vue's
// valueChanged). The node never reads it itself.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { MAX_SCRIPT_LENGTH } from '../generation/inputs.descriptions';
import { CLONES_PER_HOUR } from '../voice/clone.operation';

export const TOOL_DESCRIPTION_FIELD = 'toolDescription';

const NOT_BILLED = 'Free: not billed.';

/** By resource, then operation value. An operation missing here is described by n8n from its action text. */
export const TOOL_DESCRIPTIONS: Record<string, Record<string, string>> = {
	generation: {
		create:
			'Lip-syncs a video (or a still portrait) to speech with Sync Labs and returns the generation. Needs the video (a public http(s) URL Sync can download, or a Sync asset ID) and what is said (a public audio URL or audio asset ID, or a script with a voice ID). Returns JSON: id, status (PENDING and PROCESSING still run; COMPLETED, FAILED and REJECTED are final), outputUrl (the finished video, once COMPLETED), outputDuration in seconds, error and errorCode. Every call starts a new generation billed to the Sync Labs account by output length: call it once per video, and follow a generation by its id with a tool that gets it instead of creating it again.',
		dub:
			'Dubs a video into one or more languages with Sync Labs: translates its speech, speaks it and lip-syncs the video, one generation per target language. Needs the video (a public http(s) URL or a Sync asset ID) and the target language codes, e.g. es, de. Returns one JSON object per language: id, status, outputUrl once COMPLETED, error and errorCode. Every language is billed as its own generation.',
		delete:
			`Deletes a finished Sync Labs generation by its ID (a UUID); a running one cannot be deleted. Returns the deleted generation. Cannot be undone. ${NOT_BILLED}`,
		downloadOutput:
			`Fetches the finished video of a Sync Labs generation by its ID (a UUID). A tool returns only the JSON (id, status, outputUrl), never the file: give outputUrl to whoever needs the video. ${NOT_BILLED}`,
		estimateCost:
			'Estimates in USD what a Sync Labs lip-sync generation would cost, from its inputs (video and audio URLs) or from a duration in seconds, without creating anything. Returns the estimate as JSON. Free: not billed, and nothing is created.',
		get:
			`Gets one Sync Labs lip-sync generation by its ID (the UUID a create returned). Returns JSON: id, status (PENDING and PROCESSING still run; COMPLETED, FAILED and REJECTED are final), outputUrl (the finished video, once COMPLETED), outputDuration in seconds, error and errorCode. ${NOT_BILLED} Use it to check on a generation instead of creating a new one.`,
		getCost:
			`Gets what a Sync Labs generation actually cost, by its ID (a UUID): the total in USD once known, its availability (complete, pending, partial or unavailable) and its parts. ${NOT_BILLED}`,
		getMany:
			`Lists the Sync Labs account's lip-sync generations, newest first, optionally only some statuses or one project. Returns one JSON object per generation: id, status, outputUrl, error and createdAt. ${NOT_BILLED}`,
		waitForCompletion:
			'Waits until a Sync Labs generation, given its ID (a UUID), finishes, checking its status until COMPLETED, FAILED or REJECTED or until the tool\'s Max Wait Time passes, and returns it with its outputUrl. Not billed: the generation was billed when it was created.',
	},
	account: {
		get: `Gets the Sync Labs account: its plan, billing model, limits and balance as Sync reports them. ${NOT_BILLED}`,
	},
	asset: {
		get: `Gets one file (video, audio or image) in the Sync Labs account's assets by its asset ID. Returns JSON with its id, type, name and URL. ${NOT_BILLED}`,
		getMany: `Lists the files (videos, audio, images) in the Sync Labs account's assets, optionally by name or type. Returns one JSON object per asset with its id and URL; an asset ID can be the input of a lip-sync generation. ${NOT_BILLED}`,
		upload: `Uploads a file the workflow gives this tool (binary data) to the Sync Labs assets and returns the new asset's id and URL. The model cannot pass a file to it. ${NOT_BILLED}`,
	},
	batch: {
		create: 'Submits 20 to 500 lip-sync generation requests to Sync Labs as one batch (Scale plan only) and returns the batch with its id and status. Every request in the batch is billed as one generation.',
		get: `Gets one Sync Labs batch by its ID: its status and how many of its requests finished or failed. ${NOT_BILLED}`,
		getMany: `Lists the Sync Labs account's batches with their status. ${NOT_BILLED}`,
		getResults: `Returns the results of a finished Sync Labs batch, given its ID: one JSON object per request with its request ID, status, output URL or error. Refused while the batch still runs. ${NOT_BILLED}`,
	},
	model: {
		getMany: `Lists the lip-sync models this Sync Labs account can use (such as lipsync-2, lipsync-2-pro, sync-3). ${NOT_BILLED}`,
	},
	project: {
		create: `Creates a Sync Labs project, a named group of generations and assets, and returns its id. ${NOT_BILLED}`,
		get: `Gets one Sync Labs project by its ID (a UUID): name, description and visibility. ${NOT_BILLED}`,
		getMany: `Lists the Sync Labs account's projects with their IDs and names. ${NOT_BILLED}`,
	},
	speech: {
		generate:
			`Speaks a script (at most ${MAX_SCRIPT_LENGTH} characters) with a voice, given its voice ID, and returns JSON with the URL of the audio file, to use as the audio of lip-sync generations. Every call is billed to the Sync Labs account.`,
	},
	usage: {
		getMany: `Lists the Sync Labs generations that finished in a time range (start inclusive, end exclusive, ISO 8601 in UTC), one JSON object per generation with its model and its recorded cost in USD. ${NOT_BILLED}`,
	},
	voice: {
		clone: `Clones a voice from a 30-second to 2-minute sample of one speaker already uploaded to Sync Labs, under a name unique in the organization, and returns the new voice ID for text to speech. Not billed per call, but each clone takes one of the plan's limited clone slots, and at most ${CLONES_PER_HOUR} clones an hour are allowed.`,
		delete: `Deletes a cloned voice by its ID, freeing its clone slot. Cannot be undone. ${NOT_BILLED}`,
		get: `Gets one voice by its ID: its name and whether it is built in or cloned. ${NOT_BILLED}`,
		getMany: `Lists the voices text to speech can use, built in and cloned, with their IDs. ${NOT_BILLED}`,
	},
};

/** Each resource's operation values, from the Operation dropdowns of the node's parameters. */
function operationsByResource(properties: INodeProperties[]): Array<{ resource: string; operation: string }> {
	return properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.displayOptions?.show?.resource ?? []).flatMap((resource) =>
				(property.options as INodePropertyOptions[]).map((option) => ({ resource: String(resource), operation: String(option.value) })),
			),
		);
}

/** One Tool Description field per operation that has a text, shown only in the tool variant with its operation. */
export function toolDescriptionFields(properties: INodeProperties[]): INodeProperties[] {
	return operationsByResource(properties).flatMap(({ resource, operation }): INodeProperties[] => {
		const text = TOOL_DESCRIPTIONS[resource]?.[operation];
		if (text === undefined) return [];
		return [
			{
				displayName: 'Tool Description',
				name: TOOL_DESCRIPTION_FIELD,
				type: 'string',
				default: text,
				typeOptions: { rows: 6 },
				description:
					'What the AI Agent\'s model reads about this tool: what it does, what it needs, what it returns and whether it is billed. The model never sees the other fields\' descriptions.',
				displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
			},
		];
	});
}

// The workflow's start node: emits the test's items, putting each binary through
// this.helpers.prepareBinaryData so it lands in n8n's binary data service exactly as a real upstream node
// (Read File, HTTP Request) would leave it. A stream factory is handed over as a stream, so a large file is
// piped into the store without ever being held in memory.
import { Readable } from 'node:stream';
import {
	NodeConnectionTypes,
	type IBinaryData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

export interface RunnerBinaryInput {
	data: Buffer | (() => NodeJS.ReadableStream);
	fileName?: string;
	mimeType?: string;
}

export interface RunnerInputItem {
	json?: IDataObject;
	binary?: Record<string, RunnerBinaryInput>;
}

export const INPUT_NODE_TYPE = 'n8n-nodes-synclabs-test.runnerInput';

function toReadable(stream: NodeJS.ReadableStream): Readable {
	return stream instanceof Readable ? stream : new Readable().wrap(stream);
}

export function createInputNodeType(items: RunnerInputItem[]): INodeType {
	return {
		description: {
			displayName: 'Runner Input',
			name: 'runnerInput',
			group: ['input'],
			version: 1,
			description: 'Emits the items given to workflowRunner.runNode()',
			defaults: { name: 'Input' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const output: INodeExecutionData[] = [];
			for (const item of items) {
				const binary: Record<string, IBinaryData> = {};
				for (const [property, input] of Object.entries(item.binary ?? {})) {
					const data = Buffer.isBuffer(input.data) ? input.data : toReadable(input.data());
					// Without a MIME type or a file name, n8n sniffs Buffers with the ESM-only `file-type` package,
					// which a CommonJS jest run cannot import; say "unknown" explicitly instead.
					const mimeType = input.mimeType ?? (input.fileName?.includes('.') ? undefined : 'application/octet-stream');
					binary[property] = await this.helpers.prepareBinaryData(data, input.fileName, mimeType);
				}
				output.push({
					json: item.json ?? {},
					...(Object.keys(binary).length > 0 ? { binary } : {}),
					pairedItem: { item: 0 },
				});
			}
			return [output];
		},
	};
}

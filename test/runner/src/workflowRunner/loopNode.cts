// A stand-in for n8n's Loop Over Items (SplitInBatches v3): on its first run it keeps the items it received and
// sends the first `batchSize` on its "loop" output (index 1); each later run (the looped-back output of the node
// it feeds) adds what came back and sends the next batch, until none is left: then it sends everything that came
// back on "done" (index 0). Its state lives in the node context, as the real node's does, so every batch is a
// new run of the looped node inside the same execution.
import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType } from 'n8n-workflow';

export const LOOP_NODE_TYPE = 'n8n-nodes-synclabs-test.runnerLoop';

interface LoopState {
	waiting?: INodeExecutionData[];
	returned?: INodeExecutionData[];
}

export function createLoopNodeType(batchSize: number): INodeType {
	return {
		description: {
			displayName: 'Runner Loop',
			name: 'runnerLoop',
			group: ['transform'],
			version: 1,
			description: 'Sends its input on in batches, one batch per run of the node it loops over',
			defaults: { name: 'Loop Over Items' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
			outputNames: ['done', 'loop'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const state = this.getContext('node') as LoopState;
			const input = this.getInputData();
			if (state.waiting === undefined) {
				state.waiting = input.map((item) => ({ json: item.json, ...(item.binary ? { binary: item.binary } : {}) }));
				state.returned = [];
			} else {
				state.returned!.push(...input.map((item) => ({ json: item.json })));
			}
			const batch = state.waiting.splice(0, batchSize);
			if (batch.length === 0) return [state.returned!, []];
			return [[], batch.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
		},
	};
}

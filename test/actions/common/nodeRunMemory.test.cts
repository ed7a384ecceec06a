// The per-run memory behind Retry On Fail's "made once" guards (actions/common/nodeRunMemory.ts): tied to the node
// run's execute data, which n8n hands unchanged to every attempt, so a run keeps every item however many other runs
// write meanwhile, and nothing is shared between runs.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeRunMemory } from '../../../nodes/SyncLabs/actions/common/nodeRunMemory';

/** One node run: the same execute data object for every attempt, as n8n hands it to Retry On Fail's attempts. */
function nodeRun(executionId: string, runIndex = 0, executeData: object = { node: executionId }): IExecuteFunctions {
	return {
		getExecuteData: () => executeData,
		getExecutionId: () => executionId,
		getNode: () => ({ id: 'node-1', name: 'Sync Labs' }),
		getWorkflowDataProxy: () => ({ $runIndex: runIndex }),
		getInputData: () => [],
	} as unknown as IExecuteFunctions;
}

describe('the memory of what a node run made', () => {
	it('keeps every item of a run of 10,000 items', () => {
		const memory = new NodeRunMemory<number>();
		const run = nodeRun('exec-1');
		for (let item = 0; item < 10_000; item++) memory.set(run, item, item * 2);
		const missing = Array.from({ length: 10_000 }, (_, item) => item).filter((item) => memory.get(run, item) !== item * 2);
		expect(missing).toEqual([]);
	});

	it('keeps a run\'s entries while 5,000 other runs write to it', () => {
		const memory = new NodeRunMemory<string>();
		const polling = nodeRun('exec-polling');
		memory.set(polling, 0, 'asset of the first attempt', 'upload');
		for (let i = 0; i < 5_000; i++) memory.set(nodeRun(`exec-${i}`), 0, `run ${i}`, 'upload');
		// A later attempt of the same node run: a new context object over the same execute data.
		const laterAttempt = nodeRun('exec-polling', 0, (polling.getExecuteData as () => object)());
		expect(memory.get(laterAttempt, 0, 'upload')).toBe('asset of the first attempt');
	});

	it('tells runs and steps apart: another execution, another run index, or another step of the same item finds nothing', () => {
		const memory = new NodeRunMemory<string>();
		const executeData = { node: 'shared' };
		const run = nodeRun('exec-1', 0, executeData);
		memory.set(run, 0, 'asset', 'upload');
		expect([
			memory.get(run, 0, 'upload'),
			memory.get(run, 0, 'clone'),
			memory.get(nodeRun('exec-2'), 0, 'upload'),
			// n8n's older tool calls run the node again under one execute data with the next run index.
			memory.get(nodeRun('exec-1', 1, executeData), 0, 'upload'),
		]).toEqual(['asset', undefined, undefined, undefined]);
	});
});

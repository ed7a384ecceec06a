// The per-run memory behind Retry On Fail's "made once" guards (actions/common/boundedMemory.ts): bounded by node
// runs, so a run of many items keeps every item, while a long-lived worker keeps only its newest runs.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeRunMemory } from '../../../nodes/SyncLabs/actions/common/boundedMemory';

/** One node run: the same execute data object for every attempt, as n8n hands it to Retry On Fail's attempts. */
function nodeRun(executionId: string): IExecuteFunctions {
	const executeData = { node: executionId };
	return {
		getExecuteData: () => executeData,
		getExecutionId: () => executionId,
		getNode: () => ({ id: 'node-1', name: 'Sync Labs' }),
		getWorkflowDataProxy: () => ({ $runIndex: 0 }),
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

	it('tells runs and steps apart: another execution, or another step of the same item, finds nothing', () => {
		const memory = new NodeRunMemory<string>();
		const run = nodeRun('exec-1');
		memory.set(run, 0, 'asset', 'upload');
		expect([memory.get(run, 0, 'upload'), memory.get(run, 0, 'clone'), memory.get(nodeRun('exec-2'), 0, 'upload')]).toEqual(['asset', undefined, undefined]);
	});

	it('forgets the oldest runs beyond 100, but not a run written to again since', () => {
		const memory = new NodeRunMemory<string>();
		const runs = Array.from({ length: 150 }, (_, i) => nodeRun(`exec-${i}`));
		memory.set(runs[0], 0, 'first');
		for (let i = 1; i < 150; i++) {
			memory.set(runs[i], 0, `run ${i}`);
			if (i % 10 === 0) memory.set(runs[0], 1, 'still running');
		}
		expect(memory.get(runs[0], 0)).toBe('first');
		expect(memory.get(runs[1], 0)).toBeUndefined();
		expect(memory.get(runs[49], 0)).toBeUndefined();
		expect(memory.get(runs[51], 0)).toBe('run 51');
		expect(memory.get(runs[149], 0)).toBe('run 149');
	});
});

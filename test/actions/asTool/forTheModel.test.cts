// The sentences the node ends with an item number, as a tool's model reads them: without it
// (actions/asTool/forTheModel.ts). Each example is a sentence the node writes (the file named beside it).
import { withoutItemNumbers } from '../../../nodes/SyncLabs/actions/asTool/forTheModel';

describe('item numbers taken out of what the model reads', () => {
	it.each([
		// parameters/refusal.ts
		['Visual URL is empty (item 0)', 'Visual URL is empty'],
		['Check the "Visual URL" parameter of item 0.', 'Check the "Visual URL" parameter.'],
		// actions/generation/createdGenerations.ts
		['Generations created: 6533643b-aceb-4c40-967e-d9ba9baac39e (item 0, PENDING).', 'Generations created: 6533643b-aceb-4c40-967e-d9ba9baac39e (PENDING).'],
		// actions/common/accountModels.ts
		['Model is "x", which could not be checked against this account\'s models: Sync Labs\' model list (GET /v2/models) failed (item 0)', 'Model is "x", which could not be checked against this account\'s models: Sync Labs\' model list (GET /v2/models) failed'],
		// actions/batch/create.operation.ts
		['Row 2 comes from input item 1.', 'Row 2 comes from input item 1.'],
		['item 3: the request ID is empty', 'the request ID is empty'],
		// actions/common/costGuard.ts
		[
			'Item 2 is estimated by Sync at $0.05, which would bring this execution to $0.15, above Max Cost per Execution ($0.12)',
			'This request is estimated by Sync at $0.05, which would bring this execution to $0.15, above Max Cost per Execution ($0.12)',
		],
	])('"%s" → "%s"', (sentence, forTheModel) => {
		expect(withoutItemNumbers(sentence)).toBe(forTheModel);
	});

	it('leaves a sentence without an item number as it is', () => {
		const sentence = 'Sync Labs: The provided video URL is not accessible [generation_input_validation_failed]';
		expect(withoutItemNumbers(sentence)).toBe(sentence);
	});
});

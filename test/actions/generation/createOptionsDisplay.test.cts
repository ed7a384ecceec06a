// Which Create options n8n shows, asked of n8n-workflow itself: the editor lists a collection's options with
// NodeHelpers.displayParameterPath({ parameters }, option, 'parameters.options', ...) over the node's
// parameters resolved with defaults (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/node-helpers.ts), and the Workflow
// constructor keeps only displayed collection values (https://github.com/n8n-io/n8n/blob/n8n@2.41.1/packages/workflow/src/workflow.ts:
// getNodeParameters(..., true, false, ...)). Both are checked here over random parameter combinations.
import { NodeHelpers, type INode, type INodeParameters, type INodeProperties } from 'n8n-workflow';
import { SyncLabsVersionNode } from '../../../nodes/SyncLabs/SyncLabs.node';
import { KNOWN_MODELS } from '../../../nodes/SyncLabs/methods/knownModels';

// The current version's description (the options are the same in every version).
const { description } = new SyncLabsVersionNode(2);

function nodeWith(parameters: INodeParameters): INode {
	return { id: 'n1', name: 'Sync Labs', type: 'syncLabs', typeVersion: 1, position: [0, 0], parameters };
}

/** The parameters as n8n holds them after loading a workflow: defaults added, hidden values dropped. */
function loaded(parameters: INodeParameters): INodeParameters {
	return NodeHelpers.getNodeParameters(description.properties, parameters, true, false, nodeWith(parameters), description) ?? {};
}

function createOptionsCollection(parameters: INodeParameters): INodeProperties {
	const found = description.properties.filter(
		(p) => p.name === 'options' && NodeHelpers.displayParameter(parameters, p, nodeWith(parameters), description),
	);
	expect(found).toHaveLength(1);
	return found[0];
}

/** The option names the "Add Option" list offers for these parameters (each name once). */
function shownOptions(saved: INodeParameters): string[] {
	const parameters = loaded(saved);
	const collection = createOptionsCollection(parameters);
	const node = nodeWith(parameters);
	const shown = (collection.options as INodeProperties[]).filter((option) =>
		NodeHelpers.displayParameterPath({ parameters }, option, 'parameters.options', node, description),
	);
	return [...new Set(shown.map((o) => o.name))].sort();
}

const ALWAYS = [
	'activeSpeakerDetection',
	'additionalAudioInputs',
	'allowUnestimatedItems',
	'audioRefId',
	'idempotencyKey',
	'maxCostPerExecutionUsd',
	'maxCostPerItemUsd',
	'occlusionDetection',
	'outputFileName',
	'projectId',
	'reasoningEnabled',
	'segments',
	'syncMode',
	'temperature',
];

/** The rules, written out independently of the node's descriptions. */
function expectedOptions(p: { model: string; visualSource: string; audioSource: string; completion: string; downloadOutput?: boolean }): string[] {
	const expression = (v: string) => v.startsWith('=');
	const names = [...ALWAYS];
	const react1 = expression(p.model) || p.model === 'react-1';
	if (react1) names.push('modelMode', 'emotion');
	if (p.audioSource === 'text' || expression(p.audioSource)) names.push('stability', 'similarityBoost');
	if ([p.visualSource, p.audioSource].some((s) => s === 'binary' || expression(s))) names.push('uploadThresholdMb');
	if (p.completion !== 'webhook') names.push('concurrency', 'webhookUrl');
	if (p.completion === 'poll') names.push('firstPollInterval', 'maxPollInterval', 'outputFailedAsItems');
	if (p.completion === 'webhook') names.push('toleranceSeconds');
	if (p.completion !== 'immediately') {
		names.push('maxWaitTime', 'downloadOutput');
		if (p.downloadOutput) names.push('binaryPropertyName');
	}
	return names.sort();
}

/** A non-default value for every Create option, as a saved workflow that set them all would hold. */
const EVERY_OPTION: INodeParameters = {
	activeSpeakerDetection: true,
	allowUnestimatedItems: true,
	additionalAudioInputs: { input: [{ refId: 'b', source: 'url', url: 'https://media.example.com/b.wav' }] },
	audioRefId: 'a',
	binaryPropertyName: 'video',
	concurrency: 2,
	downloadOutput: true,
	emotion: 'happy',
	firstPollInterval: 1,
	idempotencyKey: 'key-1',
	maxCostPerExecutionUsd: 20,
	maxCostPerItemUsd: 2,
	maxPollInterval: 2,
	maxWaitTime: 60,
	modelMode: 'head',
	occlusionDetection: true,
	outputFailedAsItems: true,
	outputFileName: 'out',
	projectId: '6533643b-aceb-4c40-967e-d9ba9baac39e',
	reasoningEnabled: true,
	segments: '[]',
	similarityBoost: 0.9,
	stability: 0.2,
	syncMode: 'bounce',
	temperature: 0.7,
	toleranceSeconds: 60,
	uploadThresholdMb: 1,
	webhookUrl: 'https://n8n.example.com/webhook/x/syncLabs',
};

function prng(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

const pick = <T,>(rand: () => number, values: readonly T[]): T => values[Math.floor(rand() * values.length)];

function randomCase(rand: () => number) {
	return {
		model: pick(rand, [...KNOWN_MODELS, 'react-1-preview', '={{ $json.model }}']),
		visualSource: pick(rand, ['url', 'assetId', 'binary']),
		audioSource: pick(rand, ['url', 'assetId', 'binary', 'text', '={{ $json.source }}']),
		completion: pick(rand, ['poll', 'immediately', 'webhook']),
		downloadOutput: pick(rand, [undefined, true, false]),
	};
}

function createParameters(c: ReturnType<typeof randomCase>, options: INodeParameters): INodeParameters {
	const { downloadOutput, ...root } = c;
	return {
		resource: 'generation',
		operation: 'create',
		...root,
		options: downloadOutput === undefined ? options : { ...options, downloadOutput },
	};
}

describe('Create: the Options list shows only what applies', () => {
	it('offers voice settings only with text to speech, and React-1 options only for react-1 models', () => {
		const base = { resource: 'generation', operation: 'create', completion: 'poll', visualSource: 'url' };
		expect(shownOptions({ ...base, model: 'lipsync-2', audioSource: 'text' })).toEqual(expect.arrayContaining(['stability', 'similarityBoost']));
		expect(shownOptions({ ...base, model: 'lipsync-2', audioSource: 'url' })).not.toEqual(expect.arrayContaining(['stability']));
		expect(shownOptions({ ...base, model: 'react-1', audioSource: 'url' })).toEqual(expect.arrayContaining(['modelMode', 'emotion']));
		expect(shownOptions({ ...base, model: 'lipsync-2', audioSource: 'url' })).not.toContain('modelMode');
		expect(shownOptions({ ...base, model: 'sync-3', audioSource: 'url' })).not.toContain('emotion');
	});

	it('offers the webhook tolerance only with Wait for Webhook, and the upload threshold only with a binary input', () => {
		const base = { resource: 'generation', operation: 'create', model: 'lipsync-2', audioSource: 'url' };
		expect(shownOptions({ ...base, visualSource: 'url', completion: 'webhook' })).toContain('toleranceSeconds');
		expect(shownOptions({ ...base, visualSource: 'url', completion: 'poll' })).not.toContain('toleranceSeconds');
		expect(shownOptions({ ...base, visualSource: 'url', completion: 'poll' })).not.toContain('uploadThresholdMb');
		expect(shownOptions({ ...base, visualSource: 'binary', completion: 'poll' })).toContain('uploadThresholdMb');
		expect(shownOptions({ ...base, visualSource: 'url', audioSource: 'binary', completion: 'poll' })).toContain('uploadThresholdMb');
	});

	it('matches the written-out rules for 400 random combinations of model, inputs and completion mode', () => {
		const rand = prng(11);
		for (let i = 0; i < 400; i++) {
			const c = randomCase(rand);
			expect({ case: c, shown: shownOptions(createParameters(c, {})) }).toEqual({ case: c, shown: expectedOptions(c) });
		}
	});

	it('keeps every shown option of a saved workflow when n8n loads it, and drops only hidden ones', () => {
		const rand = prng(12);
		for (let i = 0; i < 100; i++) {
			const c = randomCase(rand);
			const options: INodeParameters = { ...EVERY_OPTION };
			delete options.downloadOutput;
			const saved = createParameters(c, options);
			const keptOptions = loaded(saved).options as INodeParameters;
			const kept = Object.keys(keptOptions).sort();
			const shown = shownOptions(saved).filter((name) => name in (saved.options as INodeParameters));
			expect({ case: c, kept }).toEqual({ case: c, kept: shown });
			for (const name of kept) expect(keptOptions[name]).toEqual((saved.options as INodeParameters)[name]);
		}
	});

	it('lists the upload threshold once when both inputs are binary files', () => {
		const saved = { resource: 'generation', operation: 'create', model: 'lipsync-2', visualSource: 'binary', audioSource: 'binary', completion: 'poll' };
		const parameters = loaded(saved);
		const node = nodeWith(parameters);
		const thresholds = (createOptionsCollection(parameters).options as INodeProperties[]).filter(
			(o) => o.name === 'uploadThresholdMb' && NodeHelpers.displayParameterPath({ parameters }, o, 'parameters.options', node, description),
		);
		expect(thresholds).toHaveLength(1);
	});

	it('leaves Wait for Completion with every polling option whatever a stale completion value says', () => {
		const saved = { resource: 'generation', operation: 'waitForCompletion', generationId: 'g', completion: 'immediately' };
		const parameters = loaded(saved);
		const names = (createOptionsCollection(parameters).options as INodeProperties[])
			.filter((o) => NodeHelpers.displayParameterPath({ parameters }, o, 'parameters.options', nodeWith(parameters), description))
			.map((o) => o.name);
		expect(names).toEqual(expect.arrayContaining(['firstPollInterval', 'maxPollInterval', 'maxWaitTime', 'outputFailedAsItems', 'downloadOutput']));
	});
});

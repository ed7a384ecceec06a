// Every parameter's kind, from its declaration in the node description: the declared type says most of it
// (a boolean is a switch, a number keeps its typeOptions range, a dropdown its values); the tables below say
// what the type cannot: whether a text field is an ID (a number is then its decimal text), which numbers are
// counts, which shape a JSON field takes, which dropdowns Sync may extend. A parameter the tables do not
// cover has no kind, and the test that walks every description (test/parameters/) fails until it is added.
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import type { ChoiceKind, Field, Kind, OpenChoiceKind, TextKind } from './kinds';

/** Text parameters, by name. */
const TEXT_RULES: Record<string, 'identifier' | 'text' | 'identifierList'> = {
	// IDs, names and keys: a number (an order number, a row number) is read as its decimal text.
	assetId: 'identifier',
	audioAssetId: 'identifier',
	audioBinaryProperty: 'identifier',
	audioRefId: 'identifier',
	batchId: 'identifier',
	binaryPropertyName: 'identifier',
	generationId: 'identifier',
	idempotencyKey: 'identifier',
	name: 'identifier',
	outputFileName: 'identifier',
	projectId: 'identifier',
	refId: 'identifier',
	requestId: 'identifier',
	sampleAssetId: 'identifier',
	sampleBinaryProperty: 'identifier',
	// It searches asset names, so it is read as a name is.
	searchQuery: 'identifier',
	visualAssetId: 'identifier',
	visualBinaryProperty: 'identifier',
	voiceId: 'identifier',
	// URLs and what a voice says: only text.
	audioUrl: 'text',
	description: 'text',
	sampleUrl: 'text',
	script: 'text',
	// What an AI Agent's model reads about the tool; n8n reads it, the node never does (actions/asTool/toolDescriptions.ts).
	toolDescription: 'text',
	url: 'text',
	visualUrl: 'text',
	webhookUrl: 'text',
	// Several IDs in one text field, separated by commas.
	ids: 'identifierList',
};

/** Number parameters that count something, so only whole numbers. */
const WHOLE_NUMBERS = new Set(['concurrency', 'limit']);

/** JSON parameters, by name, and the shape Sync takes (docs/sync-api.md#segments, the batch row's payload). */
const JSON_SHAPES: Record<string, 'array' | 'object'> = { payload: 'object', segments: 'array' };

/** Dropdowns filled from the account (loadOptionsMethod): any model name the account may have, as text. */
const ACCOUNT_CHOICES = new Set(['model']);

/**
 * Dub languages (docs/sync-api-2026.md#dub-languages): Sync's own list could not be read, so another code goes to
 * Sync, which judges it, once the user turns the switch on. Case is kept: Sync writes pt-BR and zh-TW.
 */
const DUB_LANGUAGE: Pick<OpenChoiceKind, 'ignoreCase' | 'otherValues'> = {
	ignoreCase: false,
	otherValues: { switch: 'allowOtherLanguageCodes', rule: 'turn on Allow Other Language Codes to send another code' },
};

/**
 * Dropdowns of values Sync may extend. Events: a delivery's event is `<kind>.<status in lower case>`
 * (webhook/webhookEvent.ts), so an event Sync adds later can be chosen by an expression already.
 */
const OPEN_CHOICES: Record<string, Pick<OpenChoiceKind, 'ignoreCase' | 'otherValues'>> = {
	sourceLanguage: DUB_LANGUAGE,
	targetLanguages: DUB_LANGUAGE,
	events: {
		ignoreCase: true,
		otherValues: {
			pattern: /^(generation|batch)\.[a-z][a-z0-9_]*$/,
			rule: 'another event must be "generation." or "batch." followed by a status, such as generation.cancelled',
		},
	},
};

function choiceValues(declaration: INodeProperties): string[] {
	return (declaration.options ?? []).map((option) => String((option as INodePropertyOptions).value));
}

function choiceKind(declaration: INodeProperties): ChoiceKind | OpenChoiceKind {
	const open = OPEN_CHOICES[declaration.name];
	const values = choiceValues(declaration);
	return open ? { kind: 'openChoice', values, ...open } : { kind: 'choice', values, ignoreCase: false };
}

function noKind(declaration: INodeProperties, what: string): Error {
	return new Error(`Parameter "${declaration.name}" (${declaration.displayName}) has no kind: ${what} in nodes/SyncLabs/parameters/registry.ts`);
}

function textKind(declaration: INodeProperties, numbers: boolean): TextKind {
	return { kind: 'text', numbers, required: declaration.required === true };
}

function kindFromDeclaration(declaration: INodeProperties): Kind {
	const { name, type } = declaration;
	switch (type) {
		case 'boolean':
			return { kind: 'switch' };
		case 'number': {
			const { minValue, maxValue } = declaration.typeOptions ?? {};
			return { kind: 'number', min: minValue, max: maxValue, integer: WHOLE_NUMBERS.has(name) };
		}
		case 'string': {
			const rule = TEXT_RULES[name];
			if (rule === undefined) throw noKind(declaration, 'add its name to TEXT_RULES');
			if (rule === 'identifierList') return { kind: 'list', element: textKind(declaration, true) };
			return textKind(declaration, rule === 'identifier');
		}
		// Version 2's ID fields (actions/versionProperties.ts): From List or By ID, an ID either way.
		case 'resourceLocator':
			return textKind(declaration, true);
		case 'options':
			if (declaration.typeOptions?.loadOptionsMethod !== undefined) {
				if (!ACCOUNT_CHOICES.has(name)) throw noKind(declaration, 'add its name to ACCOUNT_CHOICES');
				return textKind(declaration, true);
			}
			return choiceKind(declaration);
		case 'multiOptions':
			return { kind: 'list', element: choiceKind(declaration) };
		case 'json': {
			const shape = JSON_SHAPES[name];
			if (shape === undefined) throw noKind(declaration, 'add its name to JSON_SHAPES');
			return { kind: 'json', shape };
		}
		case 'dateTime':
			return { kind: 'dateTime' };
		case 'collection':
			return { kind: 'collection', options: ((declaration.options ?? []) as INodeProperties[]).map(fieldOf) };
		case 'fixedCollection':
			return {
				kind: 'fixedCollection',
				multiple: declaration.typeOptions?.multipleValues === true,
				groups: ((declaration.options ?? []) as INodePropertyCollection[]).map((group) => ({
					name: group.name,
					label: group.displayName,
					values: group.values.map(fieldOf),
				})),
			};
		case 'notice':
			return { kind: 'notice' };
		default:
			throw noKind(declaration, `the type "${type}" has no rule`);
	}
}

const known = new WeakMap<INodeProperties, Kind>();

/** The kind of a declared parameter (cached per declaration); throws for a parameter the registry does not cover. */
export function kindOf(declaration: INodeProperties): Kind {
	let kind = known.get(declaration);
	if (kind === undefined) {
		kind = kindFromDeclaration(declaration);
		known.set(declaration, kind);
	}
	return kind;
}

/** The declaration as a labelled field: its name, its label (displayName) and its kind. */
export function fieldOf(declaration: INodeProperties): Field {
	return { name: declaration.name, label: declaration.displayName, kind: kindOf(declaration) };
}

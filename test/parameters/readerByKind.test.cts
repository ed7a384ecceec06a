// Generated from the node descriptions: every parameter of the three nodes, in every version, options inside
// collections and fixed collections included, is fed each odd value an expression may resolve to, straight
// into the reader (a context that hands the value over as n8n would after resolving it). The reader must
// return what the coercion table says (coercionTable.cts, docs/parameters-from-expressions.md) or refuse
// with one sentence naming the field, what was given and the item. The same parameters go through the
// real node and the emulator in fromExpressions.test.cts.
import { NodeOperationError, type INodeProperties } from 'n8n-workflow';
import { coerceField, kindOf, readParameter, type Kind } from '../../nodes/SyncLabs/parameters';
import { describedFields, nodeDescriptions, placed, type DescribedField, type NodeDescription } from './descriptionFields.cjs';
import { expectedReading, GIVEN_WORDS, ODD_VALUES } from './coercionTable.cjs';

const ITEM = 3;

function contextFor(parameters: Record<string, unknown>, perItem: boolean) {
	const node = { id: 'n', name: 'Sync Labs', type: 'n8n-nodes-synclabs.syncLabs', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const get = (name: string, fallback: unknown) => (name in parameters ? parameters[name] : fallback);
	return perItem
		? { getNode: () => node, getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => get(name, fallback) }
		: { getNode: () => node, getNodeParameter: (name: string, fallback?: unknown) => get(name, fallback) };
}

/** The odd values, and a few more each kind makes interesting (its own values, in other cases, padded). */
function valuesFor(kind: Kind): unknown[] {
	const values: unknown[] = [
		...ODD_VALUES.map((v) => v.value),
		7200,
		' 7200 ',
		1.5,
		-1,
		'0x10',
		'1e3',
		'TRUE',
		' false ',
		'yes',
		'   ',
		[],
		{},
		true,
		false,
		2 ** 53 + 2,
		Number.NaN,
	];
	const element = kind.kind === 'list' ? kind.element : kind;
	if (element.kind === 'choice' || element.kind === 'openChoice') {
		const [first, second = first] = element.values;
		values.push(first, first.toUpperCase(), ` ${first} `, [first], `${first}, ${second}`, [first, 'nope'], 'generation.cancelled');
	}
	if (kind.kind === 'json') values.push('[]', '{"a":1}', '5', '"x"', '[{', [{ a: 1 }]);
	if (kind.kind === 'dateTime') values.push('2026-01-31T12:00:00Z', 'next tuesday', new Date(0));
	return values;
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Case {
	node: NodeDescription;
	field: DescribedField;
	value: unknown;
}

function casesOf(node: NodeDescription): Case[] {
	return describedFields(node.properties)
		.filter((field) => field.declaration.type !== 'notice')
		.flatMap((field) => valuesFor(kindOf(field.declaration)).map((value) => ({ node, field, value })));
}

function show(value: unknown): string {
	return value instanceof Date ? `Date(${value.toISOString()})` : (JSON.stringify(value) ?? String(value));
}

describe('every parameter of the three nodes has a kind', () => {
	it.each(nodeDescriptions().map((node) => [node.node, node] as const))('in %s', (_name, node) => {
		const missing = describedFields(node.properties).flatMap((field) => {
			try {
				kindOf(field.declaration);
				return [];
			} catch (error) {
				return [`${field.path.join('.')}: ${(error as Error).message}`];
			}
		});
		expect(missing).toEqual([]);
	});

	it('refuses to guess the kind of a new text parameter, naming the table to add it to', () => {
		const fresh: INodeProperties = { displayName: 'Voice Style', name: 'voiceStyle', type: 'string', default: '' };
		expect(() => kindOf(fresh)).toThrow('Parameter "voiceStyle" (Voice Style) has no kind: add its name to TEXT_RULES in nodes/SyncLabs/parameters/registry.ts');
	});
});

describe.each(nodeDescriptions().map((node) => [node.node, node] as const))('the reader, for every parameter of %s', (_name, node) => {
	const cases = casesOf(node);

	it('reads each odd value as the coercion table says, or refuses it naming the field, what was given and the item', () => {
		const wrong: string[] = [];
		for (const { field, value } of cases) {
			const parameters = placed(field.path, value);
			const ctx = contextFor(parameters, node.perItem);
			const expected = expectedReading(kindOf(field.root), parameters[field.root.name]);
			let outcome: { value: unknown } | { error: Error };
			try {
				outcome = { value: readParameter(ctx as never, node.perItem ? ITEM : undefined, field.root, node.properties) };
			} catch (error) {
				outcome = { error: error as Error };
			}
			const where = `${field.path.join('.')} = ${show(value)}`;
			if (expected.accepted) {
				if ('error' in outcome) wrong.push(`${where}: refused (${outcome.error.message}), the table accepts it as ${show(expected.value)}`);
				else if (JSON.stringify(outcome.value) !== JSON.stringify(expected.value)) {
					wrong.push(`${where}: read as ${show(outcome.value)}, the table says ${show(expected.value)}`);
				}
				continue;
			}
			if (!('error' in outcome)) {
				wrong.push(`${where}: accepted as ${show(outcome.value)}, the table refuses it`);
				continue;
			}
			const { message } = outcome.error;
			const sentence = new RegExp(`^${escape(field.label)} (is|has) .+${node.perItem ? ` \\(item ${ITEM}\\)` : '[^)]'}$`);
			if (!(outcome.error instanceof NodeOperationError) || !sentence.test(message) || !GIVEN_WORDS.test(message) || message.includes('\n')) {
				wrong.push(`${where}: refused as "${message}", which does not name "${field.label}", what was given and the item`);
			}
		}
		expect(wrong).toEqual([]);
		expect(cases.length).toBeGreaterThan(50);
	});
});

describe('an open choice (a list Sync may extend)', () => {
	const language: Kind = {
		kind: 'openChoice',
		values: ['de', 'en', 'fr'],
		ignoreCase: true,
		otherValues: { switch: 'allowOtherLanguages', rule: 'turn on "Allow Other Languages" to send another code' },
	};
	const options: Kind = {
		kind: 'collection',
		options: [
			{ name: 'language', label: 'Target Language', kind: language },
			{ name: 'allowOtherLanguages', label: 'Allow Other Languages', kind: { kind: 'switch' } },
		],
	};
	const read = (value: Record<string, unknown>) => coerceField({ name: 'options', label: 'Options', kind: options }, value);

	it('accepts a listed value in any case, as the listed value', () => {
		expect(read({ language: ' EN ' })).toEqual({ ok: true, value: { language: 'en' } });
	});

	it('refuses another value while its switch is off, saying which switch allows it', () => {
		expect(read({ language: 'pt-br' })).toMatchObject({
			ok: false,
			field: 'Target Language',
			problem: 'is the text "pt-br", which is none of de, en, fr; turn on "Allow Other Languages" to send another code',
		});
	});

	it('accepts another value once the switch is on, also when the switch is the text "true"', () => {
		expect(read({ language: 'pt-br', allowOtherLanguages: 'true' })).toEqual({ ok: true, value: { language: 'pt-br', allowOtherLanguages: true } });
	});

	it('refuses a switch that is neither true nor false before deciding, naming the switch', () => {
		expect(read({ language: 'pt-br', allowOtherLanguages: 'sure' })).toMatchObject({ ok: false, field: 'Allow Other Languages' });
	});

	it('never accepts empty text or a number as another value', () => {
		expect(read({ language: '', allowOtherLanguages: true })).toMatchObject({ ok: false, field: 'Target Language' });
		expect(read({ language: 7, allowOtherLanguages: true })).toMatchObject({ ok: false, field: 'Target Language' });
	});
});

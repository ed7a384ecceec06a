// The kinds of value a parameter can hold, each with the rule that turns what an expression resolved to into
// the value the node uses (coerce.ts). registry.ts gives every parameter of the three nodes its kind; the
// table of what each kind accepts, how it is sent and what it refuses is docs/parameters-from-expressions.md.

/** A labelled field: the parameter's (or option's) name, the label refusals name, and its kind. */
export interface Field {
	name: string;
	label: string;
	kind: Kind;
}

/** A switch: true or false. */
export interface SwitchKind {
	kind: 'switch';
}

/** A number, range-checked; `integer` for counts. */
export interface NumberKind {
	kind: 'number';
	min?: number;
	max?: number;
	integer: boolean;
}

/** Text. `numbers`: the field is an ID, name or key, so a number is read as its decimal text. */
export interface TextKind {
	kind: 'text';
	numbers: boolean;
	required: boolean;
}

/** One of a dropdown's values. `ignoreCase`: compared and returned in lower case. */
export interface ChoiceKind {
	kind: 'choice';
	values: string[];
	ignoreCase: boolean;
}

/**
 * A dropdown of the values known today, for a list Sync may extend: another value is accepted when the switch
 * named `otherValues.switch` (a sibling parameter) is on, or when it matches `otherValues.pattern`.
 */
export interface OpenChoiceKind {
	kind: 'openChoice';
	values: string[];
	ignoreCase: boolean;
	otherValues: { switch: string; rule: string } | { pattern: RegExp; rule: string };
}

/** Several values: a list, or text with the values separated by commas. */
export interface ListKind {
	kind: 'list';
	element: ChoiceKind | OpenChoiceKind | TextKind;
}

/** JSON: an object or an array as the field requires, or text that parses to one. */
export interface JsonKind {
	kind: 'json';
	shape: 'object' | 'array';
}

/** A date and time, sent as ISO 8601 text. */
export interface DateTimeKind {
	kind: 'dateTime';
}

/** A collection: a set of options, each read by its own kind. */
export interface CollectionKind {
	kind: 'collection';
	options: Field[];
}

/** A fixed collection: groups of values, each read by its own kind; `multiple` groups hold a list of entries. */
export interface FixedCollectionKind {
	kind: 'fixedCollection';
	multiple: boolean;
	groups: Array<{ name: string; label: string; values: Field[] }>;
}

/** Text shown in the panel; it has no value and is never read. */
export interface NoticeKind {
	kind: 'notice';
}

export type Kind =
	| SwitchKind
	| NumberKind
	| TextKind
	| ChoiceKind
	| OpenChoiceKind
	| ListKind
	| JsonKind
	| DateTimeKind
	| CollectionKind
	| FixedCollectionKind
	| NoticeKind;

export type KindName = Kind['kind'];
